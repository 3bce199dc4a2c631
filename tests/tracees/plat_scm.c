/* Descriptors passed over a socketpair (SCM_RIGHTS): a file the program
 * opened read-only (a local fd) and a pipe's read end (a platform fd)
 * arrive as new descriptors that read what the originals would. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void show(const char *what, int fd)
{
	char buf[32] = "";
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	printf("%s: %s", what, n > 0 ? buf : "(nothing)\n");
}

int main(void)
{
	int sv[2], p[2], file, fds[2];
	char byte = 'x';
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);

	file = open("scm.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (file < 0 || write(file, "from the file\n", 14) != 14)
		return 1;
	close(file);
	file = open("scm.txt", O_RDONLY);
	if (file < 0 || pipe(p) || write(p[1], "from the pipe\n", 14) != 14 ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(h), (int[2]){ file, p[0] }, 2 * sizeof(int));
	if (sendmsg(sv[0], &m, 0) != 1) {
		perror("sendmsg");
		return 1;
	}
	close(file);
	close(p[0]);
	memset(u.buf, 0, sizeof(u.buf));
	m.msg_controllen = sizeof(u.buf);
	if (recvmsg(sv[1], &m, 0) != 1 || !(h = CMSG_FIRSTHDR(&m)) ||
	    h->cmsg_type != SCM_RIGHTS) {
		perror("recvmsg");
		return 1;
	}
	memcpy(fds, CMSG_DATA(h), sizeof(fds));
	show("first", fds[0]);
	show("second", fds[1]);
	return 0;
}
