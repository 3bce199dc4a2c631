/* A child waits in a read of a pipe (the platform waits; its variant
 * 0 stands in), while its parent writes to stdout and only then feeds
 * the pipe: stopped at that write, a person looks at the waiting
 * child's registers and stack.  The child first tells the parent it is
 * about to read, and the parent computes for 100 ms before its write,
 * so that the read has mostly begun by then. */
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void spin(long ms)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

int main(void)
{
	int feed[2], ready[2];
	char c;

	if (pipe(feed) != 0 || pipe(ready) != 0)
		return 1;
	if (fork() == 0) {
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		_exit(read(feed[0], &c, 1) != 1);
	}
	if (read(ready[0], &c, 1) != 1)
		return 1;
	spin(100);
	if (write(1, "parent\n", 7) != 7 || write(feed[1], "x", 1) != 1)
		return 1;
	wait(NULL);
	return 0;
}
