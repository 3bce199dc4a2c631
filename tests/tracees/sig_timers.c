/* The ways to wait for a signal: alarm and pause, a POSIX timer's
 * value through sigwaitinfo, sigsuspend, sigtimedwait, a signalfd.
 * Prints what each got. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

int main(void)
{
	struct sigaction sa;
	struct sigevent ev;
	struct itimerspec in = { { 0, 0 }, { 0, 20000000 } };
	struct signalfd_siginfo fdsi;
	struct timespec wait = { 2, 0 };
	sigset_t usr1, usr2, none;
	siginfo_t si;
	timer_t t;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	pause();
	printf("pause: %d alarm\n", (int)alarms);

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 7;
	timer_create(CLOCK_MONOTONIC, &ev, &t);
	timer_settime(t, 0, &in, NULL);
	if (sigwaitinfo(&usr1, &si) == SIGUSR1)
		printf("sigwaitinfo: %s, value %d\n",
		       si.si_code == SI_TIMER ? "SI_TIMER" : "other",
		       si.si_value.sival_int);
	timer_settime(t, 0, &in, NULL);
	if (sigtimedwait(&usr1, &si, &wait) == SIGUSR1)
		printf("sigtimedwait: value %d\n", si.si_value.sival_int);

	sigemptyset(&none);
	alarm(1);
	sigsuspend(&none);
	printf("sigsuspend: %d alarms\n", (int)alarms);

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	fd = signalfd(-1, &usr2, 0);
	raise(SIGUSR2);
	if (read(fd, &fdsi, sizeof(fdsi)) == sizeof(fdsi))
		printf("signalfd: signal %s, from itself %s\n",
		       fdsi.ssi_signo == SIGUSR2 ? "SIGUSR2" : "other",
		       fdsi.ssi_pid == (unsigned)getpid() ? "yes" : "no");
	return 0;
}
