/* Many short-lived children, each waited for: the pids wait returns
 * must be the ones fork returned, in order and out of order, and every
 * child sees its parent's pid.  Prints one line; argv[1] is the count. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(int code, pid_t parent)
{
	_exit(getppid() == parent ? code : 99);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100, bad = 0;
	pid_t self = getpid();

	for (int i = 0; i < n; i++) {
		pid_t p[3];
		int st;

		/* three at once, reaped newest first */
		for (int k = 0; k < 3; k++) {
			p[k] = fork();
			if (p[k] == 0)
				child((i + k) % 7, self);
		}
		for (int k = 2; k >= 0; k--)
			if (waitpid(p[k], &st, 0) != p[k] || !WIFEXITED(st) ||
			    WEXITSTATUS(st) != (i + k) % 7)
				bad++;
	}
	printf("%d children, %d wrong\n", 3 * n, bad);
	return bad != 0;
}
