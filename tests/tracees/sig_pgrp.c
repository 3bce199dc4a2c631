/* Process groups as the program sees them: children put into groups
 * of their own by their parent, one moved into another's group and out
 * again, the parent moving itself; getpgid, getpgrp and a child's own
 * view agree with the pids fork returned; kill of a group reaches its
 * members.  Then tcgetpgrp and tcsetpgrp on a pseudo-terminal the
 * program made (posix_openpt), which is no process's controlling
 * terminal. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static const char *yes(int cond)
{
	return cond ? "yes" : "no";
}

/* A child that its parent puts in process group pgid (0: its own),
 * that waits for its parent to close fds[1], then exits with whether
 * it is where it expects: the group leader when it leads, else in group
 * pgid. */
static pid_t child(pid_t pgid, int fds[2])
{
	pid_t p = fork();
	char c;

	if (p != 0) {
		setpgid(p, pgid);
		return p;
	}
	close(fds[1]);
	while (read(fds[0], &c, 1) > 0)
		;
	_exit(pgid ? getpgrp() != pgid : getpgrp() != getpid());
}

static void reap(const char *what, pid_t p)
{
	int st = 0;

	if (waitpid(p, &st, 0) != p)
		printf("%s: not waited for\n", what);
	else if (WIFSIGNALED(st))
		printf("%s: killed by %d\n", what, WTERMSIG(st));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

static void groups(void)
{
	int fds[2];
	pid_t a, b, c;

	if (pipe(fds) == -1)
		return;
	printf("leads its group: %s\n", yes(getpgrp() == getpid()));
	printf("getpgid(0) is getpgrp: %s\n", yes(getpgid(0) == getpgrp()));
	a = child(0, fds);
	b = child(a, fds);
	c = child(0, fds);
	printf("a leads a group: %s\n", yes(getpgid(a) == a));
	printf("b is in a's: %s\n", yes(getpgid(b) == a));
	printf("c leads a group: %s\n", yes(getpgid(c) == c));
	printf("a's is not ours: %s\n", yes(getpgid(a) != getpgrp()));
	printf("same session: %s\n", yes(getsid(a) == getsid(0)));
	close(fds[0]);
	close(fds[1]);
	reap("a", a);
	reap("b", b);
	reap("c", c);
	if (pipe(fds) == -1)
		return;
	a = child(0, fds);
	b = child(a, fds);
	printf("b moved to a group of its own: %s\n",
	       yes(setpgid(b, b) == 0 && getpgid(b) == b));
	printf("a group that is not there: %s\n",
	       setpgid(b, 99999999) == -1 ? strerror(errno) : "moved");
	kill(-a, SIGTERM);
	reap("a, killed by group", a);
	kill(-b, SIGTERM);
	reap("b, killed by group", b);
	close(fds[0]);
	close(fds[1]);
}

/* The parent goes into a new group of its own child's and back. */
static void move_self(void)
{
	int fds[2];
	pid_t was = getpgrp(), a;

	if (pipe(fds) == -1)
		return;
	a = child(0, fds);
	printf("into its child's group: %s\n",
	       yes(setpgid(0, a) == 0 && getpgrp() == a && getpgid(0) == a));
	printf("and back: %s\n",
	       yes(setpgid(0, was) == 0 && getpgrp() == was));
	close(fds[0]);
	close(fds[1]);
	reap("a", a);
}

/* What a terminal call returned, and its errno. */
static void said(const char *what, int ret)
{
	printf("%s: %d %s\n", what, ret, ret == -1 ? strerror(errno) : "");
}

static void terminal(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), s;
	const char *name;

	if (m < 0 || grantpt(m) == -1 || unlockpt(m) == -1 ||
	    !(name = ptsname(m))) {
		printf("no pseudo-terminal: %s\n", strerror(errno));
		return;
	}
	s = open(name, O_RDWR | O_NOCTTY);
	printf("slave opened: %s\n", yes(s >= 0));
	said("tcgetpgrp of a terminal not ours", (int)tcgetpgrp(s));
	said("tcsetpgrp of it", tcsetpgrp(s, getpgrp()));
	said("tcgetpgrp of the master", (int)tcgetpgrp(m));
	close(s);
	close(m);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	groups();
	move_self();
	terminal();
	return 0;
}
