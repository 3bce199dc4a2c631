/* The native side of the server tests and benchmarks: clients that run
 * outside mvdb against a server under it (or natively), and the small
 * waits a shell needs around them, without sleeping.
 *
 *   srv_client free                      a free TCP port on 127.0.0.1
 *   srv_client port FILE                 waits (40 s at most) for FILE's
 *                                        first line, prints its port (the
 *                                        number after "port ", else the
 *                                        first number)
 *   srv_client echo PORT CONNS MSGS      CONNS connections at once, each
 *                                        sends MSGS lines, one after the
 *                                        echo of the other, checks each
 *   srv_client http PORT PATH FILE REQS CONC
 *                                        REQS GETs of PATH, CONC at once,
 *                                        every body compared with FILE
 *
 * echo and http print what they found; with RATE=1 in the environment
 * they print round trips or requests per second instead. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
	/* the longest a server may take to start (python3 under mvdb -n 3
	 * on a loaded machine takes more than 10 s) */
	START_MS = 40000,
	/* the longest a client waits for an answer: a stall that long is
	 * a hang, said before the test's runner kills the run */
	WAIT_MS = 10000,
	MAXCONN = 64,		/* connections at once */
	LINE = 64,		/* an echo line's room */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int ms_left(double deadline)
{
	double left = deadline - now();

	return left > 0 ? (int)(left * 1000) + 1 : 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: srv_client free | port FILE | "
		"echo PORT CONNS MSGS | http PORT PATH FILE REQS CONC\n");
	return 2;
}

static int free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || bind(s, (struct sockaddr *)&a, al) ||
	    getsockname(s, (struct sockaddr *)&a, &al))
		return 1;
	printf("%d\n", ntohs(a.sin_port));
	close(s);
	return 0;
}

/* The port in a line: the number after "port ", else the first. */
static long port_in(const char *line)
{
	const char *p = strstr(line, "port ");

	p = p ? p + 5 : line;
	while (*p && !isdigit((unsigned char)*p))
		p++;
	return *p ? strtol(p, NULL, 10) : -1;
}

/* FILE's first whole line, or false. */
static bool first_line(const char *file, char *line, size_t size)
{
	FILE *f = fopen(file, "r");
	bool whole;

	if (!f)
		return false;
	whole = fgets(line, (int)size, f) && strchr(line, '\n');
	fclose(f);
	return whole;
}

/* Waits for FILE's first line on inotify events in its directory. */
static int wait_port(const char *file)
{
	double deadline = now() + START_MS / 1000.0;
	char *copy = strdup(file), line[512];
	int in = inotify_init1(IN_CLOEXEC);

	if (in < 0 || inotify_add_watch(in, dirname(copy), IN_CREATE |
					IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO) < 0)
		return 1;
	while (!first_line(file, line, sizeof(line))) {
		struct pollfd p = { in, POLLIN, 0 };
		char ev[4096];

		if (poll(&p, 1, ms_left(deadline)) <= 0) {
			fprintf(stderr, "srv_client: no line in %s for %d s\n",
				file, START_MS / 1000);
			return 1;
		}
		if (read(in, ev, sizeof(ev)) < 0)
			return 1;
	}
	printf("%ld\n", port_in(line));
	free(copy);
	close(in);
	return 0;
}

static int connect_to(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof(a))) {
		perror("srv_client: connect");
		exit(1);
	}
	return s;
}

/* One echo connection: the line it waits for and how far it is. */
struct echo {
	int fd;			/* its socket */
	int sent;		/* lines sent */
	char line[LINE];	/* the last one */
	int len, got;		/* its length, bytes of it echoed */
	int bad;		/* echoes that differed */
};

static void echo_send(struct echo *e, int me)
{
	e->len = snprintf(e->line, sizeof(e->line), "client %d line %d\n", me,
			  e->sent++);
	e->got = 0;
	if (write(e->fd, e->line, (size_t)e->len) != e->len) {
		perror("srv_client: write");
		exit(1);
	}
}

/* Reads what came of e's line; true when it is whole. */
static bool echo_read(struct echo *e)
{
	char back[LINE];
	ssize_t n = read(e->fd, back, (size_t)(e->len - e->got));

	if (n <= 0) {
		fprintf(stderr, "srv_client: the server closed early\n");
		exit(1);
	}
	e->bad += memcmp(back, e->line + e->got, (size_t)n) != 0;
	e->got += (int)n;
	return e->got == e->len;
}

static int echo(int port, int conns, int msgs)
{
	struct echo e[MAXCONN];
	struct pollfd p[MAXCONN];
	double t0 = now();
	int busy = conns, bad = 0;

	for (int i = 0; i < conns; i++) {
		e[i] = (struct echo){ .fd = connect_to(port) };
		p[i] = (struct pollfd){ e[i].fd, POLLIN, 0 };
		echo_send(&e[i], i);
	}
	while (busy > 0) {
		if (poll(p, (nfds_t)conns, WAIT_MS) <= 0) {
			fprintf(stderr, "srv_client: no echo for %d s, %d of "
				"%d connections done\n", WAIT_MS / 1000,
				conns - busy, conns);
			return 1;
		}
		for (int i = 0; i < conns; i++) {
			if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)) ||
			    !echo_read(&e[i]))
				continue;
			if (e[i].sent < msgs) {
				echo_send(&e[i], i);
				continue;
			}
			p[i].fd = -1;
			busy--;
		}
	}
	for (int i = 0; i < conns; i++)
		bad += e[i].bad;
	/* said before the connections close, so before the server ends */
	if (getenv("RATE"))
		printf("%.0f\n", conns * msgs / (now() - t0));
	else
		printf("%d connections, %d lines each: %d echoes differed\n",
		       conns, msgs, bad);
	fflush(stdout);
	for (int i = 0; i < conns; i++)
		close(e[i].fd);
	return bad != 0;
}

/* One HTTP request in flight. */
struct req {
	int fd;		/* its socket, -1 when idle */
	char *resp;	/* the response so far */
	size_t len;	/* its length */
};

struct fetch {
	int port;		/* the server's */
	const char *path;	/* what is asked for */
	char *want;		/* the file's bytes */
	size_t wantlen;		/* how many */
	int same, differ;	/* bodies alike and not */
};

static void req_start(struct fetch *f, struct req *r)
{
	char get[512];
	int n = snprintf(get, sizeof(get), "GET %s HTTP/1.0\r\nHost: "
			 "127.0.0.1\r\n\r\n", f->path);

	r->fd = connect_to(f->port);
	r->len = 0;
	if (write(r->fd, get, (size_t)n) != n) {
		perror("srv_client: write");
		exit(1);
	}
}

/* The body after the headers of a 200 response is the file's. */
static bool body_is_file(const struct fetch *f, const struct req *r)
{
	char *end = memmem(r->resp, r->len, "\r\n\r\n", 4);
	size_t head;

	if (!end || r->len < 12 || memcmp(r->resp + 9, "200", 3) != 0)
		return false;
	head = (size_t)(end + 4 - r->resp);
	return r->len - head == f->wantlen &&
	       memcmp(end + 4, f->want, f->wantlen) == 0;
}

/* Reads what came; true when the response is whole (the server
 * closed). */
static bool req_read(struct fetch *f, struct req *r)
{
	char buf[65536];
	ssize_t n = read(r->fd, buf, sizeof(buf));

	if (n > 0) {
		r->resp = realloc(r->resp, r->len + (size_t)n);
		memcpy(r->resp + r->len, buf, (size_t)n);
		r->len += (size_t)n;
		return false;
	}
	if (body_is_file(f, r))
		f->same++;
	else
		f->differ++;
	close(r->fd);
	r->fd = -1;
	return true;
}

static char *slurp(const char *file, size_t *len)
{
	FILE *in = fopen(file, "rb");
	struct stat st;
	char *buf;

	if (!in || fstat(fileno(in), &st)) {
		perror(file);
		exit(1);
	}
	buf = malloc((size_t)st.st_size + 1);
	*len = fread(buf, 1, (size_t)st.st_size, in);
	fclose(in);
	return buf;
}

static int http(struct fetch *f, int reqs, int conc)
{
	struct req r[MAXCONN];
	struct pollfd p[MAXCONN];
	double t0 = now();
	int started = 0, done = 0;

	for (int i = 0; i < conc; i++) {
		r[i] = (struct req){ .fd = -1 };
		if (started < reqs)
			req_start(f, &r[i]), started++;
	}
	while (done < reqs) {
		for (int i = 0; i < conc; i++)
			p[i] = (struct pollfd){ r[i].fd, POLLIN, 0 };
		if (poll(p, (nfds_t)conc, WAIT_MS) <= 0) {
			fprintf(stderr, "srv_client: no response for %d s, "
				"%d of %d done\n", WAIT_MS / 1000, done, reqs);
			return 1;
		}
		for (int i = 0; i < conc; i++) {
			if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR)) ||
			    !req_read(f, &r[i]))
				continue;
			done++;
			if (started < reqs)
				req_start(f, &r[i]), started++;
		}
	}
	for (int i = 0; i < conc; i++)
		free(r[i].resp);
	if (getenv("RATE"))
		printf("%.0f\n", reqs / (now() - t0));
	else
		printf("%d requests, %d at once: %d bodies the file's, "
		       "%d not\n", reqs, conc, f->same, f->differ);
	return f->differ != 0;
}

int main(int argc, char **argv)
{
	struct fetch f = { 0 };
	int n;

	if (argc == 2 && strcmp(argv[1], "free") == 0)
		return free_port();
	if (argc == 3 && strcmp(argv[1], "port") == 0)
		return wait_port(argv[2]);
	if (argc == 5 && strcmp(argv[1], "echo") == 0) {
		n = atoi(argv[3]);
		if (n < 1 || n > MAXCONN)
			return usage();
		return echo(atoi(argv[2]), n, atoi(argv[4]));
	}
	if (argc == 7 && strcmp(argv[1], "http") == 0) {
		n = atoi(argv[6]);
		if (n < 1 || n > MAXCONN)
			return usage();
		f.port = atoi(argv[2]);
		f.path = argv[3];
		f.want = slurp(argv[4], &f.wantlen);
		n = http(&f, atoi(argv[5]), n);
		free(f.want);
		return n;
	}
	return usage();
}
