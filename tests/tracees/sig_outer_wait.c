/* Waits for ever (argv[1]: "pipe" a read of a pipe no one writes,
 * "poll" of it, "sleep", "sem" a semaphore no one posts, "spin"
 * computing with no call, "calls" making calls of its own, "child"
 * waiting for a child that reads the pipe) until a signal from outside ends it, as timeout's SIGTERM.
 * With "handler" (argv[2]) a SIGTERM handler without SA_RESTART runs:
 * the wait fails with EINTR, which it prints, and it exits 3. */
#include <errno.h>
#include <poll.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_term(int sig)
{
	got = sig;
}

/* The wait named mode; returns what it returned (-1 and errno). */
static int wait_for_ever(const char *mode, int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	struct timespec t = { 1000, 0 };
	sem_t sem;
	char c;

	if (strcmp(mode, "pipe") == 0)
		return (int)read(fd, &c, 1);
	if (strcmp(mode, "poll") == 0)
		return poll(&p, 1, -1);
	if (strcmp(mode, "sleep") == 0)
		return nanosleep(&t, NULL);
	if (strcmp(mode, "sem") == 0) {
		sem_init(&sem, 0, 0);
		return sem_wait(&sem);
	}
	if (strcmp(mode, "child") == 0) {
		if (fork() == 0)
			_exit(read(fd, &c, 1) == 1);
		return wait(NULL);
	}
	if (strcmp(mode, "calls") == 0)
		while (!got)
			getppid();
	while (!got)
		;
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "pipe";
	struct sigaction sa;
	int p[2], r;

	if (argc > 2 && strcmp(argv[2], "handler") == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_term;
		sigaction(SIGTERM, &sa, NULL);
	}
	if (pipe(p) == -1)
		return 2;
	setvbuf(stdout, NULL, _IONBF, 0);
	r = wait_for_ever(mode, p[0]);
	printf("%s returned %d (%s)\n", mode, r,
	       r == -1 ? strerror(errno) : "no error");
	/* after a call: under mvdb a handler runs at the next one */
	printf("got signal %d\n", (int)got);
	return 3;
}
