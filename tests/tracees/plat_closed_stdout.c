/* Run with standard output closed.  Descriptor 1 stays the program's:
 * once a read-only /dev/null takes number 1 (the lowest free), a write
 * to 1 answers EBADF, and nothing lands in the file opened for writing
 * afterwards.  Reports go to stderr. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void report(const char *what, long r)
{
	if (r < 0)
		fprintf(stderr, "%s: %s\n", what, strerrorname_np(errno));
	else
		fprintf(stderr, "%s: %ld\n", what, r);
}

int main(void)
{
	int null, fd;

	report("F_GETFD of fd 1 at start", fcntl(1, F_GETFD));
	null = open("/dev/null", O_RDONLY);
	if (null == -1)
		return 2;
	fd = open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write(fd, "file\n", 5) != 5)
		return 3;
	report("write to fd 1", write(1, "x", 1));
	report("write to fd 2", write(2, "", 0));
	close(fd);
	return 0;
}
