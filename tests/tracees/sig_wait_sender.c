/* A child sends its parent SIGUSR1, which the parent blocks and takes
 * with sigwaitinfo, then SIGUSR2 with sigtimedwait: the siginfo must
 * name the child as fork returned it.  Each variant's kernel names its
 * own child, which mvdb gave the pid of variant 0's: variant 1 said
 * "no" and the variants diverged. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct timespec ten = { 10, 0 };
	siginfo_t a, b;
	sigset_t set;
	pid_t child;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	child = fork();
	if (child == 0) {
		kill(getppid(), SIGUSR1);
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (sigwaitinfo(&set, &a) != SIGUSR1)
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	if (sigtimedwait(&set, &b, &ten) != SIGUSR2)
		return 1;
	waitpid(child, NULL, 0);
	printf("sigwaitinfo names the child: %s\n",
	       a.si_pid == child ? "yes" : "no");
	printf("sigtimedwait names the child: %s\n",
	       b.si_pid == child ? "yes" : "no");
	return 0;
}
