/* Writes to a file past the file-size limit (RLIMIT_FSIZE, as
 * `ulimit -f` sets it), which the platform's own is not: the kernel
 * writes up to the limit, then fails with EFBIG and sends SIGXFSZ.
 * ftruncate and fallocate that would grow the file past it fail so too.
 * With "ignore" SIGXFSZ is ignored and each result printed; without,
 * the last write ends the process by SIGXFSZ. */
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rlimit rl = { 1000, RLIM_INFINITY };
	char buf[600];
	struct iovec iov = { buf, 300 };
	ssize_t n;
	int fd;

	memset(buf, 'x', sizeof(buf));
	if (argc > 1 && strcmp(argv[1], "ignore") == 0)
		signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 2;
	fd = open("big.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 2;
	printf("write 600: %zd\n", write(fd, buf, 600));
	printf("pwrite 300 at 900: %zd\n", pwrite(fd, buf, 300, 900));
	printf("writev 300 at 600: %zd\n", writev(fd, &iov, 1));
	fflush(stdout);
	lseek(fd, 0, SEEK_END);
	n = write(fd, buf, 10);
	printf("write at the limit: %zd (%s)\n", n, strerror(errno));
	printf("ftruncate to 500: %d\n", ftruncate(fd, 500));
	n = ftruncate(fd, 2000);
	printf("ftruncate to 2000: %zd (%s)\n", n, strerror(errno));
	n = fallocate(fd, 0, 0, 3000);
	printf("fallocate to 3000: %zd (%s)\n", n, strerror(errno));
	return 0;
}
