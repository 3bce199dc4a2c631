/* A master and two workers, as nginx stops: both workers end at once
 * and the master, in sigsuspend, reaps them from its SIGCHLD handler
 * (waitpid with WNOHANG until none is left), 20 rounds.  Both ends may
 * come as one SIGCHLD or two, at different moments in different
 * variants.  The workers wait in pause for SIGTERM and die of it, or
 * with "handler" catch it and exit (the signal may come before, in or
 * just before their sleep: taken there, it must cut the sleep short as
 * natively, not run the handler before it), or with "pipe" read a pipe
 * the master then closes, and exit.  Prints the count reaped. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t reaped, stop;

static void on_chld(int sig)
{
	int st;

	(void)sig;
	while (waitpid(-1, &st, WNOHANG) > 0)
		reaped++;
}

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* A worker that ends when the master closes the pipe fds, or by
 * SIGTERM: of it, or with handler set caught, by exit. */
static pid_t worker(const int *fds, int handler)
{
	struct sigaction sa = { .sa_handler = on_term };
	pid_t p = fork();
	char c;

	if (p != 0)
		return p;
	if (handler)
		sigaction(SIGTERM, &sa, NULL);
	sigprocmask(SIG_SETMASK, &sa.sa_mask, NULL);
	if (!fds) {
		/* with a handler, a sleep: natively the signal may come
		 * between the test and the call, and the sleep ends
		 * anyway */
		while (!stop)
			if (handler)
				sleep(2);
			else
				pause();
		_exit(0);
	}
	close(fds[1]);
	while (read(fds[0], &c, 1) > 0)
		;
	_exit(0);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_chld };
	int by_pipe = argc > 1 && strcmp(argv[1], "pipe") == 0;
	int handler = argc > 1 && strcmp(argv[1], "handler") == 0;
	sigset_t chld, none;
	int total = 0;

	sigemptyset(&none);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigaction(SIGCHLD, &sa, NULL);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	for (int round = 0; round < 20; round++) {
		int fds[2];
		pid_t a, b;

		if (pipe(fds) != 0)
			return 1;
		a = worker(by_pipe ? fds : NULL, handler);
		b = worker(by_pipe ? fds : NULL, handler);
		reaped = 0;
		close(fds[0]);
		close(fds[1]);
		if (!by_pipe) {
			kill(a, SIGTERM);
			kill(b, SIGTERM);
		}
		while (reaped < 2)
			sigsuspend(&none);
		total += reaped;
	}
	printf("%d workers reaped in 20 rounds\n", total);
	return 0;
}
