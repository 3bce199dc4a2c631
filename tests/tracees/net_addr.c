/* The values sockets give back through pointers: getsockopt's value
 * and length, getsockname's port, accept's and getpeername's peer,
 * recvfrom's sender on UDP.  Prints what it got, ports as found or not
 * (they differ from run to run). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in loopback(void)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

int main(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0), c, n, one = 1, v = -1, u, w;
	struct sockaddr_in a = loopback(), p, from;
	socklen_t len = sizeof(v), al = sizeof(a), pl = sizeof(p), fl;
	char buf[16];

	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	n = getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &len);
	printf("getsockopt: %d, value %d, length %u\n", n, v, (unsigned)len);
	v = -1;
	len = 1;	/* too short: the kernel fills what fits */
	n = getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len);
	printf("getsockopt SO_TYPE into 1 byte: %d, length %u\n", n,
	       (unsigned)len);
	bind(s, (struct sockaddr *)&a, sizeof(a));
	listen(s, 1);
	getsockname(s, (struct sockaddr *)&a, &al);
	printf("getsockname: length %u, port %s\n", (unsigned)al,
	       a.sin_port ? "set" : "zero");
	c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	memset(&p, 0, sizeof(p));
	n = accept(s, (struct sockaddr *)&p, &pl);
	printf("accept: %s, peer %s, length %u\n", n >= 0 ? "a socket" : "failed",
	       inet_ntoa(p.sin_addr), (unsigned)pl);
	memset(&p, 0, sizeof(p));
	pl = sizeof(p);
	getpeername(c, (struct sockaddr *)&p, &pl);
	printf("getpeername: %s, same port %s\n", inet_ntoa(p.sin_addr),
	       p.sin_port == a.sin_port ? "yes" : "no");

	u = socket(AF_INET, SOCK_DGRAM, 0);
	w = socket(AF_INET, SOCK_DGRAM, 0);
	a = loopback();
	bind(u, (struct sockaddr *)&a, sizeof(a));
	al = sizeof(a);
	getsockname(u, (struct sockaddr *)&a, &al);
	sendto(w, "ping", 4, 0, (struct sockaddr *)&a, sizeof(a));
	memset(&from, 0, sizeof(from));
	fl = sizeof(from);
	n = (int)recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
	printf("recvfrom: %d bytes \"%.*s\" from %s, length %u\n", n,
	       n > 0 ? n : 0, buf, inet_ntoa(from.sin_addr), (unsigned)fl);
	return 0;
}
