/* A grandchild asks for SIGKILL when its parent ends
 * (PR_SET_PDEATHSIG), and its parent then exits: the kernel kills it in
 * each variant as that variant's parent ends, at its own moment.  The
 * first such death was taken for a user's kill from outside: a
 * divergence. */
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2], status;
	pid_t child;
	char c;

	if (pipe(p) != 0)
		return 1;
	child = fork();
	if (child == 0) {
		if (fork() == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (write(p[1], "x", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		/* the grandchild has asked for its death signal */
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	waitpid(child, &status, 0);
	printf("child exited %d\n", WEXITSTATUS(status));
	return 0;
}
