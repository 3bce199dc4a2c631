/* A child that learns it was orphaned by polling getppid, as daemons
 * and tty_background's grandchild do: the middle process forks it and
 * exits, and the child sleeps 10 ms at a time until its parent is no
 * longer the one it had (at most 3 s), then says so.  How many turns
 * that takes is chance; what it says is not.  Five times. */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void orphan(int turn)
{
	struct timespec tick = { 0, 10000000 };
	pid_t parent = getpid();
	int i = 0;

	if (fork() != 0)
		_exit(0);
	while (i++ < 300 && getppid() == parent)
		nanosleep(&tick, NULL);
	printf("%d: %s\n", turn, i <= 300 ? "orphaned" : "still a child");
	fflush(stdout);
	_exit(0);
}

int main(void)
{
	int fds[2];

	for (int turn = 0; turn < 5; turn++) {
		char c;
		pid_t pid;

		if (pipe(fds) != 0)
			return 1;
		pid = fork();
		if (pid == 0) {
			close(fds[0]);
			orphan(turn);
		}
		close(fds[1]);
		waitpid(pid, NULL, 0);
		/* the orphan's end closes the pipe: its line is out */
		if (read(fds[0], &c, 1) != 0)
			return 2;
		close(fds[0]);
	}
	return 0;
}
