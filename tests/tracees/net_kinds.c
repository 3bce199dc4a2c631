/* Sockets of every kind the fd tables describe, then umask(022) for a
 * breakpoint to stop at: a TCP listener, both ends of a connection to
 * it, a bound UDP socket, a Unix listener under a relative name and a
 * connection to it, an abstract Unix datagram socket, a socketpair and
 * a netlink route socket.  Prints, before the umask, how each should be
 * described ("expect ..."), from its own getsockname and getpeername. */
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int port_of(int fd, bool peer)
{
	struct sockaddr_in a;
	socklen_t al = sizeof(a);

	if ((peer ? getpeername : getsockname)(fd, (struct sockaddr *)&a, &al))
		return -1;
	return ntohs(a.sin_port);
}

static int inet(int type, int listener)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, type, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)(listener < 0 ? 0 : port_of(listener, false)));
	if (listener < 0)
		bind(fd, (struct sockaddr *)&a, sizeof(a));
	else
		connect(fd, (struct sockaddr *)&a, sizeof(a));
	return fd;
}

/* A Unix socket bound to (or connected to: to) name, n bytes of it. */
static int unix_sock(int type, const char *name, size_t n, bool to)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, type, 0);
	socklen_t al = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);

	memcpy(a.sun_path, name, n);
	if (to)
		connect(fd, (struct sockaddr *)&a, al);
	else
		bind(fd, (struct sockaddr *)&a, al);
	return fd;
}

int main(void)
{
	int l = inet(SOCK_STREAM, -1), c, a, u, sv[2];
	char abstract[64];
	int an = snprintf(abstract, sizeof(abstract), "%cmvdb-kinds-%d", 0,
			  (int)getpid());
	struct stat st;

	listen(l, 1);
	c = inet(SOCK_STREAM, l);
	a = accept(l, NULL, NULL);
	u = inet(SOCK_DGRAM, -1);
	printf("expect TCP:[127.0.0.1:%d]\n", port_of(l, false));
	printf("expect TCP:[127.0.0.1:%d->127.0.0.1:%d]\n", port_of(c, false),
	       port_of(c, true));
	printf("expect TCP:[127.0.0.1:%d->127.0.0.1:%d]\n", port_of(a, false),
	       port_of(a, true));
	printf("expect UDP:[127.0.0.1:%d]\n", port_of(u, false));
	listen(unix_sock(SOCK_STREAM, "kinds.sock", 11, false), 1);
	unix_sock(SOCK_STREAM, "kinds.sock", 11, true);
	unix_sock(SOCK_DGRAM, abstract, (size_t)an, false);
	printf("expect UNIX:[kinds.sock]\n");
	printf("expect UNIX:[->kinds.sock]\n");
	printf("expect UNIX:[@%s]\n", abstract + 1);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || fstat(sv[0], &st))
		return 1;
	printf("expect UNIX:[%lu]\n", (unsigned long)st.st_ino);
	if (socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) < 0)
		return 1;
	printf("expect NETLINK:[ROUTE]\n");
	fflush(stdout);
	umask(022);
	return 0;
}
