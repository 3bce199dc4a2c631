/* Signals a process sends itself while it blocks them run their
 * handlers before the sigprocmask that lets them through returns: a
 * standard signal once, a real-time one as often as it was queued.
 * Held for the next call mvdb meets at instead, the counts read just
 * after sigprocmask were 0. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, rt;

static void on_usr1(int sig)
{
	(void)sig;
	usr1++;
}

static void on_rt(int sig)
{
	(void)sig;
	rt++;
}

int main(void)
{
	union sigval val = { .sival_int = 7 };
	sigset_t block, old;
	int seen_usr1, seen_rt;

	signal(SIGUSR1, on_usr1);
	signal(SIGRTMIN, on_rt);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &block, &old);
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 3; i++)
		sigqueue(getpid(), SIGRTMIN, val);
	sigprocmask(SIG_SETMASK, &old, NULL);
	seen_usr1 = usr1;
	seen_rt = rt;
	printf("as sigprocmask returned: SIGUSR1 %d, SIGRTMIN %d\n", seen_usr1,
	       seen_rt);
	return 0;
}
