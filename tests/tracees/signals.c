/* Asynchronous signals: one sent to itself (SIGUSR1), three from an
 * interval timer (SIGALRM) caught while blocked in pause().  Each
 * handler writes a line; the variants must take them at the same
 * point. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_usr1(int sig)
{
	(void)sig;
	write(1, "usr1\n", 5);
}

static void on_alarm(int sig)
{
	char line[] = "alarm 0\n";
	struct itimerval off = { { 0, 0 }, { 0, 0 } };

	(void)sig;
	if (alarms == 3)
		return;
	line[6] = (char)('0' + ++alarms);
	write(1, line, sizeof(line) - 1);
	if (alarms == 3)
		setitimer(ITIMER_REAL, &off, NULL);
}

int main(void)
{
	struct sigaction sa;
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	kill(getpid(), SIGUSR1);
	setitimer(ITIMER_REAL, &it, NULL);
	while (alarms < 3)
		pause();
	printf("done\n");
	return 0;
}
