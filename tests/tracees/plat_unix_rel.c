/* A relative AF_UNIX address names a file in the program's own working
 * directory: after a chdir, bind creates the socket there, and connect
 * finds it there, as does a sendmsg naming it (msg_name). */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	struct stat st;
	int srv, cli;

	strcpy(a.sun_path, "rel.sock");
	if (mkdir("sub", 0755) || chdir("sub"))
		return 1;
	srv = socket(AF_UNIX, SOCK_STREAM, 0);
	if (srv < 0 || bind(srv, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(srv, 1)) {
		perror("bind");
		return 1;
	}
	printf("in sub: %s\n", stat("rel.sock", &st) == 0 && S_ISSOCK(st.st_mode)
			       ? "a socket" : "nothing");
	printf("in ..: %s\n", stat("../rel.sock", &st) == 0 ? "a file" : "nothing");
	cli = socket(AF_UNIX, SOCK_STREAM, 0);
	printf("connect: %s\n", connect(cli, (struct sockaddr *)&a, sizeof(a)) == 0
				? "ok" : "failed");
	unlink("rel.sock");
	{
		struct sockaddr_un d = { .sun_family = AF_UNIX };
		char msg[] = "datagram\n", got[32] = "";
		struct iovec iov = { msg, sizeof(msg) - 1 };
		struct msghdr m = { .msg_name = &d, .msg_namelen = sizeof(d),
				    .msg_iov = &iov, .msg_iovlen = 1 };
		int rx = socket(AF_UNIX, SOCK_DGRAM, 0);
		int tx = socket(AF_UNIX, SOCK_DGRAM, 0);

		strcpy(d.sun_path, "dgram.sock");
		if (bind(rx, (struct sockaddr *)&d, sizeof(d)) ||
		    sendmsg(tx, &m, 0) != (ssize_t)iov.iov_len ||
		    read(rx, got, sizeof(got) - 1) <= 0)
			perror("datagram");
		printf("received: %s", got);
		unlink("dgram.sock");
	}
	return 0;
}
