/* Benchmark tracee: N writes of 4 KiB to /dev/null (argv[1]). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	static char buf[4096];
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0)
		return 1;
	memset(buf, 'x', sizeof(buf));
	for (long i = 0; i < n; i++)
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			return 1;
	return close(fd);
}
