/* A read of an empty non-blocking pipe answers EAGAIN at once, whether
 * the pipe was made with O_NONBLOCK or switched with F_SETFL; data
 * written afterwards is read as usual.  The reads are done in a forked
 * child, so that more than one process exists when they are made. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void try_read(const char *what, int fd)
{
	char buf[16];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n < 0)
		printf("%s: %s\n", what, strerrorname_np(errno));
	else
		printf("%s: %zd bytes \"%.*s\"\n", what, n, (int)n, buf);
	fflush(stdout);
}

static int child(void)
{
	int p[2], q[2];

	if (pipe2(p, O_NONBLOCK) == -1 || pipe(q) == -1)
		return 2;
	try_read("empty O_NONBLOCK pipe", p[0]);
	if (write(p[1], "abc", 3) != 3)
		return 2;
	try_read("after a write", p[0]);
	try_read("emptied again", p[0]);
	if (fcntl(q[0], F_SETFL, fcntl(q[0], F_GETFL) | O_NONBLOCK) == -1)
		return 2;
	try_read("pipe set O_NONBLOCK by F_SETFL", q[0]);
	return 0;
}

int main(void)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child());
	if (pid == -1 || waitpid(pid, &st, 0) == -1)
		return 2;
	printf("child status %d\n",
	       WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return 0;
}
