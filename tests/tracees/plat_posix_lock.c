/* POSIX record locks belong to a process: a child contends with its
 * parent's lock on the same descriptor, F_GETLK names the parent, and
 * the parent's closing of any descriptor of the file lets go of them,
 * a read-only one it opened itself too. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static struct flock range(short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 10;
	return fl;
}

/* A child tries the write lock on fd; exits 0 if it got it, 1 if it is
 * held (and by its parent, as F_GETLK says), 2 otherwise. */
static int child_tries(int fd)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct flock fl = range(F_WRLCK);

		if (fcntl(fd, F_SETLK, &fl) == 0)
			_exit(0);
		if (errno != EAGAIN && errno != EACCES)
			_exit(2);
		fl = range(F_WRLCK);
		if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_WRLCK ||
		    fl.l_pid != getppid())
			_exit(2);
		_exit(1);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

int main(void)
{
	int fd = open("locks.txt", O_RDWR | O_CREAT | O_TRUNC, 0644), again;
	struct flock fl = range(F_WRLCK);

	if (fd < 0 || write(fd, "0123456789", 10) != 10)
		return 3;
	if (fcntl(fd, F_SETLK, &fl) != 0)
		return 4;
	printf("child while the parent holds it: %d\n", child_tries(fd));
	fl = range(F_WRLCK);
	printf("parent's own F_GETLK: %s\n",
	       fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK ?
	       "free for it" : "held");
	again = open("locks.txt", O_RDWR);
	close(again);	/* lets go of the parent's locks on the file */
	printf("child after the parent closed another fd: %d\n",
	       child_tries(fd));
	fl = range(F_WRLCK);
	if (fcntl(fd, F_SETLK, &fl) != 0)
		return 5;
	printf("child while the parent holds it again: %d\n", child_tries(fd));
	again = open("locks.txt", O_RDONLY);
	close(again);
	printf("child after the parent closed a read-only fd: %d\n",
	       child_tries(fd));
	return 0;
}
