/* Stop and continue signals with no handler, as a parent sees them: a
 * child that loops (on a quick call, in a sleep, or computing) is
 * stopped with SIGSTOP, continued and ended, its parent printing what
 * waitpid, wait4 of any child and waitid say each time; a stopped child
 * is sent SIGTERM, taken once it is continued; a child stops itself
 * with SIGTSTP.  Each a few times: where the child stands when the
 * signal comes differs from run to run. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* What the child does until it is ended. */
enum loop { QUICK, SLEEP, COMPUTE };

static pid_t child(enum loop how)
{
	pid_t p = fork();
	struct timespec ms = { 0, 1000000 };
	volatile unsigned long n = 0;

	if (p != 0)
		return p;
	for (;;) {
		if (how == QUICK)
			getppid();
		else if (how == SLEEP)
			nanosleep(&ms, NULL);
		else
			n++;
	}
}

/* Waits (wait4 of who, with options) for the child want and prints
 * what came. */
static void show(const char *what, pid_t want, pid_t who, int options)
{
	int st = 0;
	pid_t got = wait4(who, &st, options, NULL);

	if (got != want)
		printf("%s: waited for %s\n", what, got < 0 ? "nothing" : "another");
	else if (WIFSTOPPED(st))
		printf("%s: stopped by %d\n", what, WSTOPSIG(st));
	else if (WIFCONTINUED(st))
		printf("%s: continued\n", what);
	else if (WIFSIGNALED(st))
		printf("%s: killed by %d\n", what, WTERMSIG(st));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

/* Stopped, continued and ended, waited for by pid. */
static void by_pid(enum loop how)
{
	pid_t p = child(how);

	kill(p, SIGSTOP);
	show("stop", p, p, WUNTRACED);
	kill(p, SIGCONT);
	show("cont", p, p, WCONTINUED);
	kill(p, SIGTERM);
	show("term", p, p, 0);
}

/* The same, waited for as any child. */
static void any_child(enum loop how)
{
	pid_t p = child(how);

	kill(p, SIGSTOP);
	show("any stop", p, -1, WUNTRACED);
	kill(p, SIGCONT);
	show("any cont", p, -1, WCONTINUED);
	kill(p, SIGKILL);
	show("any kill", p, -1, 0);
}

/* waitid's siginfo: who, how and with what. */
static void by_waitid(enum loop how)
{
	pid_t p = child(how);
	siginfo_t si = { 0 };

	kill(p, SIGSTOP);
	waitid(P_PID, (id_t)p, &si, WSTOPPED);
	printf("waitid stop: code %d status %d %s\n", si.si_code, si.si_status,
	       si.si_pid == p ? "the child" : "another");
	kill(p, SIGCONT);
	waitid(P_PID, (id_t)p, &si, WCONTINUED);
	printf("waitid cont: code %d status %d %s\n", si.si_code, si.si_status,
	       si.si_pid == p ? "the child" : "another");
	kill(p, SIGKILL);
	waitid(P_PID, (id_t)p, &si, WEXITED);
	printf("waitid kill: code %d status %d\n", si.si_code, si.si_status);
}

/* SIGTERM for a stopped child waits until it is continued. */
static void term_stopped(enum loop how)
{
	pid_t p = child(how);

	kill(p, SIGSTOP);
	show("stopped", p, p, WUNTRACED);
	kill(p, SIGTERM);
	kill(p, SIGCONT);
	show("term while stopped", p, p, 0);
}

static int handled = -1;	/* the child's end of its pipe */

static void on_usr1(int sig)
{
	char c = 'u';

	(void)sig;
	if (write(handled, &c, 1) != 1)
		_exit(1);
}

/* A signal with a handler for a stopped child: the handler runs once
 * the child is continued, not before. */
static void handler_while_stopped(void)
{
	int fds[2];
	struct pollfd p = { 0, POLLIN, 0 };
	pid_t c;
	char u = '-';

	if (pipe(fds) == -1)
		return;
	c = fork();
	if (c == 0) {
		handled = fds[1];
		signal(SIGUSR1, on_usr1);
		if (write(fds[1], "r", 1) != 1)	/* the handler is there */
			_exit(1);
		for (;;)
			getppid();
	}
	p.fd = fds[0];
	if (read(fds[0], &u, 1) != 1)
		return;
	kill(c, SIGSTOP);
	show("usr1 stop", c, c, WUNTRACED);
	kill(c, SIGUSR1);
	printf("handler ran while stopped: %s\n",
	       poll(&p, 1, 0) == 1 ? "yes" : "no");
	kill(c, SIGCONT);
	show("usr1 cont", c, c, WCONTINUED);
	printf("handler ran once continued: %s\n",
	       read(fds[0], &u, 1) == 1 && u == 'u' ? "yes" : "no");
	kill(c, SIGTERM);
	show("usr1 end", c, c, 0);
	close(fds[0]);
	close(fds[1]);
}

/* A child that stops itself, continued by its parent: it then says so
 * through a pipe (it does not end: its end would race with its
 * parent's wait for the continue). */
static void self_stop(void)
{
	int fds[2];
	pid_t p;
	char c = 0;

	if (pipe(fds) == -1)
		return;
	p = fork();
	if (p == 0) {
		raise(SIGTSTP);
		c = 'y';
		if (write(fds[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			getppid();
	}
	show("tstp", p, p, WUNTRACED);
	kill(p, SIGCONT);
	show("tstp cont", p, p, WCONTINUED);
	printf("tstp went on: %c\n", read(fds[0], &c, 1) == 1 ? c : '-');
	kill(p, SIGTERM);
	show("tstp end", p, p, 0);
	close(fds[0]);
	close(fds[1]);
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int r = 0; r < rounds; r++)
		for (enum loop how = QUICK; how <= COMPUTE; how++) {
			by_pid(how);
			any_child(how);
			by_waitid(how);
			term_stopped(how);
		}
	for (int r = 0; r < rounds; r++)
		self_stop();
	handler_while_stopped();
	return 0;
}
