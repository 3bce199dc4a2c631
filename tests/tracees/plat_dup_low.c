/* dup() returns the lowest free number: with 0 closed, dup of a pipe's
 * read end is 0, and reading 0 reads the pipe. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char buf[16];
	int p[2], fd;
	ssize_t n;

	if (pipe(p) == -1 || write(p[1], "piped\n", 6) != 6)
		return 2;
	close(0);
	fd = dup(p[0]);
	if (fd == -1) {
		printf("dup: %s\n", strerrorname_np(errno));
		return 1;
	}
	printf("dup with 0 closed: %d\n", fd);
	n = read(0, buf, sizeof(buf));
	if (n < 0)
		printf("read 0: %s\n", strerrorname_np(errno));
	else
		printf("read 0: %.*s", (int)n, buf);
	return 0;
}
