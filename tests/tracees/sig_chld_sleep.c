/* A SIGCHLD handler, and a sleep that a child's end may cut short (in
 * one variant and not in another): the variants must still agree.
 * Prints one line. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_chld(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	for (int i = 0; i < 150; i++) {
		struct timespec child = { 0, 2000000 + (i % 7) * 300000 };
		struct timespec parent = { 0, 3000000 };
		pid_t p = fork();

		if (p == 0) {
			nanosleep(&child, NULL);
			_exit(0);
		}
		nanosleep(&parent, NULL);
		while (waitpid(p, NULL, 0) < 0)
			;
	}
	printf("150 children\n");
	return 0;
}
