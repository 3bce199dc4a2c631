/* An epoll echo server, as a small real one is written: a listening
 * TCP socket on 127.0.0.1 (port 0: the kernel's choice, written to the
 * file "port" for its clients), non-blocking accepts, each connection
 * registered with a pointer to its own record (the pointer differs
 * between variants), every byte read written back.  Its log,
 * server.log, says what it served; it stops by itself once CLIENTS
 * connections (4 by default) have come and gone, so a test is bounded.
 * Its clients run elsewhere (srv_client echo).  Usage: srv_echo [CLIENTS] */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { WAIT_MS = 20000 };

/* One connection. */
struct conn {
	int fd;		/* its socket */
	long lines;	/* newlines echoed */
};

static int listener, ep, clients = 4, accepted, left;
static long total;
static FILE *logf;

static int listen_here(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	FILE *port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (listener < 0 || bind(listener, (struct sockaddr *)&a, al) ||
	    listen(listener, 16) ||
	    getsockname(listener, (struct sockaddr *)&a, &al))
		return -1;
	/* one write of a whole line: a client waits for its newline */
	port = fopen("port", "w");
	if (!port)
		return -1;
	fprintf(port, "%d\n", ntohs(a.sin_port));
	return fclose(port);
}

static void take(void)
{
	for (;;) {
		int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct epoll_event ev = { .events = EPOLLIN };
		struct conn *k;

		if (fd < 0)
			return;		/* EAGAIN: no one else waiting */
		k = calloc(1, sizeof(*k));
		k->fd = fd;
		ev.data.ptr = k;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
			perror("epoll_ctl");
		accepted++;
		fprintf(logf, "accepted a client\n");
	}
}

/* Writes all of buf, waiting for room when the socket is full. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);

		if (w < 0 && errno == EAGAIN)
			continue;	/* the client reads as it goes */
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

static void serve(struct conn *k)
{
	char buf[4096];
	ssize_t n = read(k->fd, buf, sizeof(buf));

	if (n < 0 && errno == EAGAIN)
		return;
	if (n <= 0 || write_all(k->fd, buf, (size_t)n)) {
		fprintf(logf, "a client left after %ld lines\n", k->lines);
		close(k->fd);	/* closing it unregisters it */
		free(k);
		left++;
		return;
	}
	for (ssize_t i = 0; i < n; i++)
		k->lines += buf[i] == '\n';
	total += n;
}

int main(int argc, char **argv)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &listener };

	if (argc > 1)
		clients = atoi(argv[1]);
	logf = fopen("server.log", "w");
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (!logf || ep < 0 || listen_here() ||
	    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev)) {
		perror("srv_echo");
		return 1;
	}
	while (left < clients) {
		struct epoll_event got[16];
		int n = epoll_wait(ep, got, 16, WAIT_MS);

		if (n <= 0) {
			fprintf(stderr, "srv_echo: no client for %d s\n",
				WAIT_MS / 1000);
			return 1;
		}
		for (int i = 0; i < n; i++)
			if (got[i].data.ptr == &listener)
				take();
			else
				serve(got[i].data.ptr);
	}
	fprintf(logf, "served %d clients, %ld bytes\n", accepted, total);
	fclose(logf);
	printf("served %d clients\n", accepted);
	return 0;
}
