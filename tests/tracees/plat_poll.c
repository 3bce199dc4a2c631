/* poll, ppoll, select and pselect6 on a pipe (a platform fd under mvdb)
 * mixed with a file of the program's own, as natively: readiness, the
 * numbers the program used, timeouts, POLLNVAL and EBADF, and a wait
 * that a child ends by writing. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show_poll(const char *what, int r, struct pollfd *p, int n)
{
	printf("%s: %d", what, r);
	for (int i = 0; i < n; i++)
		printf(" [fd %s %#x]", p[i].fd < 0 ? "-" : p[i].fd > 2 ? "N" : "?",
		       p[i].revents);
	printf("\n");
}

int main(int argc, char **argv)
{
	int pfd[2], file = open(argv[0], O_RDONLY), r, closed;
	struct pollfd p[3];
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	struct timeval tv = { 0, 0 };
	fd_set rd, wr;
	char c;
	pid_t child;

	(void)argc;
	if (file < 0 || pipe(pfd) != 0)
		return 1;
	closed = dup(0);	/* a number that is closed again below */
	if (closed < 0 || close(closed) != 0)
		return 1;
	p[0] = (struct pollfd){ pfd[0], POLLIN, 0 };
	p[1] = (struct pollfd){ file, POLLIN, 0 };
	p[2] = (struct pollfd){ -1, POLLIN, 0 };
	show_poll("poll, empty pipe and a file", poll(p, 3, 0), p, 3);
	r = (int)write(pfd[1], "x", 1);
	show_poll("poll after a write", poll(p, 3, -1), p, 3);
	p[2].fd = closed;
	show_poll("poll with a closed fd", poll(p, 3, 1000), p, 3);
	if (read(pfd[0], &c, 1) != 1)
		return 1;
	p[2].fd = -1;
	r = ppoll(p, 1, &ts, NULL);
	printf("ppoll of an empty pipe, 50 ms: %d, %ld s left\n", r,
	       (long)ts.tv_sec);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(pfd[0], &rd);
	FD_SET(file, &rd);
	FD_SET(pfd[1], &wr);
	r = select(pfd[1] > file ? pfd[1] + 1 : file + 1, &rd, &wr, NULL, &tv);
	printf("select: %d, pipe %d, file %d, write end %d\n", r,
	       FD_ISSET(pfd[0], &rd), FD_ISSET(file, &rd), FD_ISSET(pfd[1], &wr));
	FD_ZERO(&rd);
	FD_SET(pfd[0], &rd);
	FD_SET(closed, &rd);
	errno = 0;
	r = select((pfd[0] > closed ? pfd[0] : closed) + 1, &rd, NULL, NULL, &tv);
	printf("select with a closed fd: %d %s\n", r, strerror(errno));
	child = fork();
	if (child == 0) {
		struct timespec nap = { 0, 100 * 1000 * 1000 };

		nanosleep(&nap, NULL);
		_exit(write(pfd[1], "y", 1) != 1);
	}
	FD_ZERO(&rd);
	FD_SET(pfd[0], &rd);
	r = pselect(pfd[0] + 1, &rd, NULL, NULL, NULL, NULL);
	printf("pselect until the child writes: %d, pipe %d\n", r,
	       FD_ISSET(pfd[0], &rd));
	waitpid(child, NULL, 0);
	return 0;
}
