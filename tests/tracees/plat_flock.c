/* flock belongs to the program's open file: while the parent holds
 * LOCK_EX on its read-only open, a child's LOCK_EX|LOCK_NB on its own
 * open of the file answers EWOULDBLOCK; after LOCK_UN it succeeds. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

/* A child opens the file itself and tries the lock; exits 0 on
 * success, 1 on EWOULDBLOCK, 2 otherwise. */
static int child_status(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		int fd = open("lock.txt", O_RDONLY);

		if (fd == -1)
			_exit(3);
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			_exit(0);
		_exit(errno == EWOULDBLOCK ? 1 : 2);
	}
	if (pid == -1 || waitpid(pid, &st, 0) == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

int main(void)
{
	int fd = open("lock.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd == -1)
		return 2;
	close(fd);
	fd = open("lock.txt", O_RDONLY);
	if (fd == -1)
		return 2;
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		printf("parent LOCK_EX: %s\n", strerrorname_np(errno));
		return 1;
	}
	printf("parent LOCK_EX: ok\n");
	printf("child while held: %d\n", child_status());
	if (flock(fd, LOCK_UN) == -1)
		return 3;
	printf("parent LOCK_UN: ok\n");
	printf("child after release: %d\n", child_status());
	return 0;
}
