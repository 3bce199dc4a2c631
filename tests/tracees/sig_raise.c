/* A signal a process sends itself runs its handler before the sending
 * call returns: raise, kill of its own pid, tgkill of its own thread; a
 * stop signal with a handler too (the process does not stop). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

int main(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("after raise: %d\n", (int)got);
	kill(getpid(), SIGUSR1);
	printf("after kill of itself: %d\n", (int)got);
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1);
	printf("after tgkill of itself: %d\n", (int)got);
	sigaction(SIGTSTP, &sa, NULL);
	raise(SIGTSTP);
	printf("after raise of SIGTSTP: %d\n", (int)got);
	return 0;
}
