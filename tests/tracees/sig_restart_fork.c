/* A SIGCHLD handler installed with SA_RESTART before a fork: the child
 * inherits it, so the child's wait for its second child is restarted
 * when its first child ends (natively it never fails with EINTR).  And
 * after exec the handler is gone.  Prints what the waits returned. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_chld(int sig)
{
	(void)sig;
}

static pid_t sleeper(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };
	pid_t p = fork();

	if (p == 0) {
		nanosleep(&t, NULL);
		_exit(0);
	}
	return p;
}

int main(void)
{
	struct sigaction sa;
	pid_t child;
	int status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	child = fork();
	if (child == 0) {
		int eintr = 0;
		pid_t first = sleeper(20), second = sleeper(200);
		pid_t got;

		while ((got = waitpid(second, &status, 0)) < 0 && errno == EINTR)
			eintr++;
		printf("child: waited for %s, %d EINTR\n",
		       got == second ? "the second" : "another", eintr);
		waitpid(first, NULL, 0);
		fflush(stdout);
		_exit(0);
	}
	waitpid(child, &status, 0);
	printf("parent: child ended with %d\n", WEXITSTATUS(status));
	return 0;
}
