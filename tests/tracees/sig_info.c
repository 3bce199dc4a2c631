/* The siginfo a handler gets is the sender's: sigqueue from the parent
 * arrives as SI_QUEUE with its value and the parent's pid. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t code, value, from_parent, got;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	code = si->si_code;
	value = si->si_value.sival_int;
	from_parent = si->si_pid == getppid();
	got = 1;
}

int main(void)
{
	struct sigaction sa;
	sigset_t usr1, old;
	int ready[2], st;
	pid_t child;
	char c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	if (pipe(ready))
		return 1;
	child = fork();
	if (child == 0) {
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		while (!got)
			sigsuspend(&old);
		printf("child: si_code %s, value %d, %s\n",
		       code == SI_QUEUE ? "SI_QUEUE" : "other", (int)value,
		       from_parent ? "from its parent" : "from elsewhere");
		fflush(stdout);
		_exit(0);
	}
	if (read(ready[0], &c, 1) != 1)
		return 1;
	sigqueue(child, SIGUSR1, (union sigval){ .sival_int = 42 });
	waitpid(child, &st, 0);
	printf("parent: child ended with %d\n", WEXITSTATUS(st));
	return 0;
}
