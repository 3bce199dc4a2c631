/* A process that leaves its terminal's foreground group (setpgid) and
 * then touches the terminal (standard input): natively its read stops
 * it with SIGTTIN, or fails with EIO when it ignores SIGTTIN or its
 * group is orphaned; a write
 * stops it with SIGTTOU when the terminal says TOSTOP; tcsetattr stops
 * it with SIGTTOU.  Each in a child, its parent saying what waitpid
 * saw (within 10 s) to the file argv[1].  Wants a terminal. */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* What a child does once in a group of its own. */
enum touch { READ, READ_IGNORED, READ_ORPHANED, WRITE, SETATTR };

/* The child leaves a child of its own in its group and ends: the group
 * is orphaned (its one member's parent is in another session), and the
 * read fails with EIO.  The grandchild says how its read went on the
 * pipe tell. */
static void orphan_reads(int tell)
{
	struct timespec tick = { 0, 10000000 };
	pid_t parent = getpid();
	char c = 0;

	if (fork() != 0)
		_exit(0);
	for (int i = 0; i < 300 && getppid() == parent; i++)
		nanosleep(&tick, NULL);
	c = read(0, &c, 1) < 0 && errno == EIO ? 'E' : 'r';
	if (write(tell, &c, 1) != 1)
		_exit(6);
	_exit(0);
}

static void child(enum touch how, int tell)
{
	struct termios t;
	char c;

	if (how == READ_IGNORED)
		signal(SIGTTIN, SIG_IGN);
	setpgid(0, 0);
	switch (how) {
	case READ_ORPHANED:
		orphan_reads(tell);
		break;
	case READ:
	case READ_IGNORED:
		if (read(0, &c, 1) < 0)
			_exit(errno == EIO ? 5 : 6);
		break;
	case WRITE:
		if (write(2, "\n", 1) < 0)
			_exit(6);
		break;
	case SETATTR:
		if (tcgetattr(0, &t) != 0 || tcsetattr(0, TCSANOW, &t) != 0)
			_exit(6);
		break;
	}
	_exit(0);
}

/* Runs how in a child and says what came of it. */
static void run(FILE *out, const char *what, enum touch how)
{
	struct timespec tick = { 0, 10000000 };
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		child(how, fileno(out));
	for (int i = 0; i < 1000; i++) {
		if (waitpid(pid, &status, WUNTRACED | WNOHANG) == pid)
			break;
		nanosleep(&tick, NULL);
	}
	if (WIFSTOPPED(status))
		fprintf(out, "%s: stopped by %s\n", what,
			strsignal(WSTOPSIG(status)));
	else if (WIFEXITED(status))
		fprintf(out, "%s: exited %d\n", what, WEXITSTATUS(status));
	else
		fprintf(out, "%s: neither\n", what);
	fflush(out);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

/* READ_ORPHANED: what the grandchild's read gave, through a pipe. */
static void orphan(FILE *out)
{
	int fds[2], status;
	char c = '?';
	pid_t pid;

	if (pipe(fds) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		child(READ_ORPHANED, fds[1]);
	}
	close(fds[1]);
	waitpid(pid, &status, 0);
	if (read(fds[0], &c, 1) != 1)
		c = '?';
	close(fds[0]);
	fprintf(out, "read, group orphaned: %s\n",
		c == 'E' ? "EIO" : c == 'r' ? "read" : "nothing");
	fflush(out);
}

int main(int argc, char **argv)
{
	struct termios t, saved;
	FILE *out;

	if (argc < 2 || !(out = fopen(argv[1], "w")))
		return 2;
	if (tcgetattr(0, &saved) != 0)
		return 3;
	/* as a shell's job has them, whatever its starter ignored */
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	run(out, "read", READ);
	run(out, "read, SIGTTIN ignored", READ_IGNORED);
	orphan(out);
	run(out, "write", WRITE);
	t = saved;
	t.c_lflag |= TOSTOP;
	tcsetattr(0, TCSANOW, &t);
	run(out, "write with TOSTOP", WRITE);
	tcsetattr(0, TCSANOW, &saved);
	run(out, "tcsetattr", SETATTR);
	fprintf(out, "done\n");
	fclose(out);
	return 0;
}
