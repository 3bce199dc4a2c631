/* An event loop serving several clients at once, as a small server
 * does: one poll (or epoll_wait) over a listening TCP socket on
 * 127.0.0.1, the connections it accepted and a pipe on which each
 * forked client says it is done.  Every client sends MSGS lines, each
 * after the echo of the one before, and checks every echo.  With
 * epoll, each registration's data is a pointer to the connection (it
 * differs between variants).  Usage: net_loop poll|epoll */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CLIENTS = 4, MSGS = 50, MAXFD = CLIENTS + 2 };

struct conn {
	int fd;		/* -1: free */
	long bytes;	/* echoed */
};

static struct conn conns[MAXFD];
static int listener, done_pipe[2], accepted, done, open_conns;
static long echoed;

static int client(const struct sockaddr_in *srv, int me)
{
	int c = socket(AF_INET, SOCK_STREAM, 0), bad = 0;
	char line[64], back[64];

	if (connect(c, (const struct sockaddr *)srv, sizeof(*srv)))
		return 2;
	for (int i = 0; i < MSGS; i++) {
		int n = snprintf(line, sizeof(line), "client %d line %d\n", me, i);
		int got = 0;

		if (write(c, line, (size_t)n) != n)
			return 3;
		while (got < n) {
			ssize_t r = read(c, back + got, (size_t)(n - got));

			if (r <= 0)
				return 4;
			got += (int)r;
		}
		bad += memcmp(line, back, (size_t)n) != 0;
	}
	close(c);
	if (write(done_pipe[1], "d", 1) != 1)
		return 5;
	return bad ? 1 : 0;
}

/* Serves fd's turn; false when it closed. */
static bool serve(struct conn *k)
{
	char buf[512];
	ssize_t n = read(k->fd, buf, sizeof(buf));

	if (n <= 0) {
		close(k->fd);
		k->fd = -1;
		open_conns--;
		return false;
	}
	if (write(k->fd, buf, (size_t)n) != n)
		perror("write");
	k->bytes += n;
	echoed += n;
	return true;
}

static struct conn *take(void)
{
	int fd = accept(listener, NULL, NULL);

	for (int i = 0; fd >= 0 && i < MAXFD; i++)
		if (conns[i].fd < 0) {
			conns[i] = (struct conn){ fd, 0 };
			accepted++;
			open_conns++;
			return &conns[i];
		}
	return NULL;
}

static void take_done(void)
{
	char b[CLIENTS];
	ssize_t n = read(done_pipe[0], b, sizeof(b));

	done += n > 0 ? (int)n : 0;
}

static bool finished(void)
{
	return done == CLIENTS && accepted == CLIENTS && open_conns == 0;
}

static void loop_poll(void)
{
	while (!finished()) {
		struct pollfd p[MAXFD + 2];
		struct conn *of[MAXFD + 2];
		int n = 0;

		p[n] = (struct pollfd){ listener, POLLIN, 0 }, of[n++] = NULL;
		p[n] = (struct pollfd){ done_pipe[0], POLLIN, 0 }, of[n++] = NULL;
		for (int i = 0; i < MAXFD; i++)
			if (conns[i].fd >= 0)
				p[n] = (struct pollfd){ conns[i].fd, POLLIN, 0 },
				of[n++] = &conns[i];
		if (poll(p, (nfds_t)n, 10000) <= 0) {
			printf("poll: nothing for 10 s\n");
			return;
		}
		if (p[0].revents & POLLIN)
			take();
		if (p[1].revents & POLLIN)
			take_done();
		for (int i = 2; i < n; i++)
			if (p[i].revents)
				serve(of[i]);
	}
}

static void loop_epoll(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN };

	ev.data.ptr = &listener;
	epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
	ev.data.ptr = done_pipe;
	epoll_ctl(ep, EPOLL_CTL_ADD, done_pipe[0], &ev);
	while (!finished()) {
		struct epoll_event got[8];
		int n = epoll_wait(ep, got, 8, 10000);

		if (n <= 0) {
			printf("epoll_wait: nothing for 10 s\n");
			return;
		}
		for (int i = 0; i < n; i++) {
			void *at = got[i].data.ptr;
			struct conn *k;

			if (at == &listener) {
				if ((k = take())) {
					ev.data.ptr = k;
					epoll_ctl(ep, EPOLL_CTL_ADD, k->fd, &ev);
				}
			} else if (at == done_pipe) {
				take_done();
			} else {
				serve(at);	/* closing it unregisters it */
			}
		}
	}
	close(ep);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	int status, ok = 0;

	for (int i = 0; i < MAXFD; i++)
		conns[i].fd = -1;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || bind(listener, (struct sockaddr *)&a, al) ||
	    listen(listener, CLIENTS) ||
	    getsockname(listener, (struct sockaddr *)&a, &al) || pipe(done_pipe))
		return 1;
	fflush(stdout);
	for (int i = 0; i < CLIENTS; i++)
		if (fork() == 0) {
			close(listener);
			exit(client(&a, i));
		}
	if (argc > 1 && strcmp(argv[1], "epoll") == 0)
		loop_epoll();
	else
		loop_poll();
	for (int i = 0; i < CLIENTS; i++)
		if (wait(&status) > 0 && WIFEXITED(status) && !WEXITSTATUS(status))
			ok++;
	printf("accepted %d, echoed %ld bytes, %d clients done, %d ended well\n",
	       accepted, echoed, done, ok);
	return 0;
}
