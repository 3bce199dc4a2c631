/* AF_UNIX stream and datagram sockets with a name in the file system
 * (relative, so in the program's own directory: made after a chdir) or
 * in the abstract namespace: a server and its forked client.  Over a
 * stream the client sends two lines and half-closes, over datagrams it
 * sends from a name of its own, which the server sees and answers to.
 * Usage: net_unix stream|dgram path|abstract */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static bool abstract;
static pid_t server_pid;	/* in abstract names */

/* The address of name: relative in the file system, or abstract with
 * the program's pid in it (runs at once never share one). */
static socklen_t name_of(const char *name, struct sockaddr_un *a)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	if (!abstract) {
		strcpy(a->sun_path, name);
		return (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
				   strlen(name) + 1);
	}
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			   (size_t)sprintf(a->sun_path + 1, "mvdb-%s-%d", name,
					   (int)server_pid));
}

static int client(int type)
{
	struct sockaddr_un srv, me;
	socklen_t sl = name_of("srv", &srv), ml = name_of("cli", &me);
	int c = socket(AF_UNIX, type, 0);
	char buf[64];
	ssize_t n;

	if (type == SOCK_DGRAM && bind(c, (struct sockaddr *)&me, ml))
		perror("client bind");
	if (connect(c, (struct sockaddr *)&srv, sl)) {
		perror("client connect");
		return 1;
	}
	send(c, "hello\n", 6, 0);
	send(c, "world\n", 6, 0);
	if (type == SOCK_STREAM)
		shutdown(c, SHUT_WR);
	while ((n = recv(c, buf, sizeof(buf) - 1, 0)) > 0) {
		buf[n] = '\0';
		printf("client got: %s", buf);
		if (type == SOCK_DGRAM && strstr(buf, "2 "))
			break;
	}
	return 0;
}

static void server(int s, int type)
{
	char buf[64];
	int c = type == SOCK_STREAM ? accept(s, NULL, NULL) : s, count = 0;
	struct sockaddr_un from, cli;
	socklen_t fl = sizeof(from), cl = name_of("cli", &cli);
	ssize_t n;

	while (count < 2 && (n = recvfrom(c, buf, sizeof(buf), 0,
					  (struct sockaddr *)&from, &fl)) > 0)
		count += type == SOCK_DGRAM ? 1 : (int)(n / 6);
	if (type == SOCK_DGRAM)
		printf("server: sender is the client's name: %s\n",
		       fl == cl && memcmp(&from, &cli, fl) == 0 ? "yes" : "no");
	else
		printf("server: EOF after the lines: %s\n",
		       recv(c, buf, sizeof(buf), 0) == 0 ? "yes" : "no");
	n = snprintf(buf, sizeof(buf), "%d lines\n", count);
	if (type == SOCK_DGRAM)
		sendto(c, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
	else
		send(c, buf, (size_t)n, 0);
	if (c != s)
		close(c);
}

int main(int argc, char **argv)
{
	int type = argc > 1 && strcmp(argv[1], "dgram") == 0 ? SOCK_DGRAM
							     : SOCK_STREAM;
	struct sockaddr_un a;
	struct stat st;
	socklen_t len;
	int s, status;
	pid_t pid;

	server_pid = getpid();
	abstract = argc > 2 && strcmp(argv[2], "abstract") == 0;
	if (mkdir("sub", 0755) || chdir("sub"))
		return 1;
	len = name_of("srv", &a);
	s = socket(AF_UNIX, type, 0);
	if (s < 0 || bind(s, (struct sockaddr *)&a, len) ||
	    (type == SOCK_STREAM && listen(s, 1))) {
		perror("server");
		return 1;
	}
	printf("a socket file in sub: %s\n",
	       stat("srv", &st) == 0 && S_ISSOCK(st.st_mode) ? "yes" : "no");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(s);
		return client(type);
	}
	server(s, type);
	waitpid(pid, &status, 0);
	printf("client ended with %d\n", WEXITSTATUS(status));
	unlink("srv");
	unlink("cli");
	return 0;
}
