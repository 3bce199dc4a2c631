/* Benchmark tracee: N fstat calls (argv[1]) on /dev/null opened for
 * reading: a call that meets, which every variant then makes itself. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int fd = open("/dev/null", O_RDONLY);
	struct stat st;

	if (fd < 0)
		return 1;
	for (long i = 0; i < n; i++)
		if (fstat(fd, &st) != 0)
			return 1;
	return close(fd);
}
