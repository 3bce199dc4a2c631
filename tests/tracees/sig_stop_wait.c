/* A child waits in one call, "sleep" (a nanosleep of 3 s) or "pipe" (a
 * read of a pipe its parent writes to later), and is sent SIGTSTP
 * there: by its parent, or, with "outside", by someone outside the
 * program (kill -STOP to the pid it writes to the file "pid").
 * Natively it stops at once, in its call, as the parent's waitpid sees
 * within 2.5 s; continued by its parent, the call goes on (the sleep
 * with the time it had left) and ends as if nothing had come. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Its pid, in "pid" (renamed into place: whole when seen). */
static void write_pid(void)
{
	FILE *f = fopen("pid.tmp", "w");

	if (!f)
		_exit(2);
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	rename("pid.tmp", "pid");
}

/* The child: its one call, then what it gave. */
static void child(bool pipe_read, bool outside, int fd)
{
	struct timespec wait = { 3, 0 };
	char buf[8];

	if (outside)
		write_pid();
	if (pipe_read)
		printf("read gave %ld\n", (long)read(fd, buf, sizeof(buf)));
	else
		printf("nanosleep gave %d\n", nanosleep(&wait, NULL));
	fflush(stdout);
	_exit(0);
}

/* Whether child stops within 2.5 s (waitpid polled every 10 ms). */
static bool stops(pid_t pid, int *status)
{
	struct timespec tick = { 0, 10000000 };

	for (int i = 0; i < 250; i++) {
		if (waitpid(pid, status, WUNTRACED | WNOHANG) == pid)
			return WIFSTOPPED(*status);
		nanosleep(&tick, NULL);
	}
	return false;
}

int main(int argc, char **argv)
{
	bool pipe_read = argc > 1 && strcmp(argv[1], "pipe") == 0;
	bool outside = argc > 2 && strcmp(argv[2], "outside") == 0;
	int fds[2], status = 0;
	pid_t pid;

	if (pipe(fds) != 0)
		return 2;
	pid = fork();
	if (pid == 0)
		child(pipe_read, outside, fds[0]);
	if (!outside)
		kill(pid, SIGTSTP);
	if (stops(pid, &status))
		printf("child stopped by signal %d\n", WSTOPSIG(status));
	else
		printf("child not stopped\n");
	fflush(stdout);
	kill(pid, SIGCONT);
	if (write(fds[1], "go", 2) != 2)
		return 2;
	waitpid(pid, &status, 0);
	printf("child exited %d\n", WEXITSTATUS(status));
	return 0;
}
