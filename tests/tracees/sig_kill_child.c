/* Children killed with SIGTERM (no handler) wherever they are, 30
 * times: some stand at a system call when the signal comes, some run.
 * Prints how each ended, once. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int killed = 0;

	for (int i = 0; i < 30; i++) {
		pid_t p = fork();
		int st;

		if (p == 0)
			for (;;)
				getppid();
		kill(p, SIGTERM);
		if (waitpid(p, &st, 0) == p && WIFSIGNALED(st) &&
		    WTERMSIG(st) == SIGTERM)
			killed++;
	}
	printf("%d of 30 children killed by SIGTERM\n", killed);
	return 0;
}
