/* TCP and UDP over loopback, IPv4 (127.0.0.1) and IPv6 (::1): a server
 * and its forked client.  The client sends three lines and half-closes
 * (TCP) or three datagrams; the server answers each in upper case and,
 * over TCP, its count after the client's EOF.  Ports vary from run to
 * run and are never printed.  Usage: net_inet tcp4|tcp6|udp4|udp6 */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const lines[] = { "one\n", "two\n", "three\n" };

/* The loopback address of the family, port 0. */
static socklen_t loopback(int family, struct sockaddr_storage *a)
{
	memset(a, 0, sizeof(*a));
	if (family == AF_INET6) {
		struct sockaddr_in6 *six = (struct sockaddr_in6 *)a;

		six->sin6_family = AF_INET6;
		six->sin6_addr = in6addr_loopback;
		return sizeof(*six);
	}
	((struct sockaddr_in *)a)->sin_family = AF_INET;
	((struct sockaddr_in *)a)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sizeof(struct sockaddr_in);
}

static void upper(char *s, ssize_t n)
{
	for (ssize_t i = 0; i < n; i++)
		s[i] = (char)toupper((unsigned char)s[i]);
}

static int client(int family, int type, const struct sockaddr_storage *srv,
		  socklen_t len)
{
	int c = socket(family, type, 0);
	char buf[64];
	ssize_t n;

	if (c < 0 || connect(c, (const struct sockaddr *)srv, len)) {
		perror("client connect");
		return 1;
	}
	for (int i = 0; i < 3; i++) {
		if (send(c, lines[i], strlen(lines[i]), 0) < 0 ||
		    (n = recv(c, buf, sizeof(buf) - 1, 0)) <= 0)
			return 1;
		buf[n] = '\0';
		printf("client got: %s", buf);
	}
	if (type == SOCK_STREAM) {
		shutdown(c, SHUT_WR);
		while ((n = recv(c, buf, sizeof(buf) - 1, 0)) > 0) {
			buf[n] = '\0';
			printf("client got at the end: %s", buf);
		}
		printf("client: %s\n", n == 0 ? "EOF" : "error");
	}
	return 0;
}

static void serve_stream(int s)
{
	struct sockaddr_storage peer;
	socklen_t pl = sizeof(peer);
	int c = accept(s, (struct sockaddr *)&peer, &pl), count = 0;
	char buf[64];
	ssize_t n;

	while ((n = recv(c, buf, sizeof(buf), 0)) > 0) {
		upper(buf, n);
		send(c, buf, (size_t)n, 0);
		count++;
	}
	n = snprintf(buf, sizeof(buf), "%d pieces\n", count);
	send(c, buf, (size_t)n, 0);
	close(c);
	printf("server: peer family %s\n", peer.ss_family == AF_INET6 ? "inet6" :
	       peer.ss_family == AF_INET ? "inet" : "other");
}

static void serve_dgram(int s)
{
	struct sockaddr_storage from;
	char buf[64];

	for (int i = 0; i < 3; i++) {
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(s, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &fl);

		if (n < 0)
			return;
		upper(buf, n);
		sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&from, fl);
	}
	printf("server: 3 datagrams answered, sender family %s\n",
	       from.ss_family == AF_INET6 ? "inet6" : "inet");
}

int main(int argc, char **argv)
{
	int family = argc > 1 && strchr(argv[1], '6') ? AF_INET6 : AF_INET;
	int type = argc > 1 && argv[1][0] == 'u' ? SOCK_DGRAM : SOCK_STREAM;
	struct sockaddr_storage a;
	socklen_t len = loopback(family, &a);
	int s = socket(family, type, 0), status;
	pid_t pid;

	if (s < 0 || bind(s, (struct sockaddr *)&a, len) ||
	    (type == SOCK_STREAM && listen(s, 4)) ||
	    getsockname(s, (struct sockaddr *)&a, &len)) {
		perror("server");
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(s);
		return client(family, type, &a, len);
	}
	if (type == SOCK_STREAM)
		serve_stream(s);
	else
		serve_dgram(s);
	waitpid(pid, &status, 0);
	printf("client ended with %d\n", WEXITSTATUS(status));
	return 0;
}
