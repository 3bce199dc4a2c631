/* read() into a page mapped read-only fails with EFAULT, from a pipe
 * and from a file, and consumes nothing: the next read into writable
 * memory gets the bytes.  (The pipe is non-blocking, so bytes lost to
 * the failed read show as EAGAIN rather than a hang.) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void try_read(const char *what, int fd, char *ro)
{
	char buf[16];
	ssize_t n = read(fd, ro, 4);

	if (n < 0)
		printf("%s into a read-only page: %s\n", what,
		       strerrorname_np(errno));
	else
		printf("%s into a read-only page: %zd bytes\n", what, n);
	n = read(fd, buf, sizeof(buf));
	if (n < 0)
		printf("%s then: %s\n", what, strerrorname_np(errno));
	else
		printf("%s then: %.*s", what, (int)n, buf);
}

int main(void)
{
	char *ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int p[2], fd;

	if (ro == MAP_FAILED || mprotect(ro, 4096, PROT_READ) == -1)
		return 2;
	if (pipe2(p, O_NONBLOCK) == -1 || write(p[1], "abc\n", 4) != 4)
		return 2;
	try_read("pipe", p[0], ro);
	fd = open("data.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write(fd, "def\n", 4) != 4 || lseek(fd, 0, SEEK_SET))
		return 2;
	try_read("file", fd, ro);
	printf("page still zero: %s\n", ro[0] == 0 ? "yes" : "no");
	return 0;
}
