/* Readings of the process's own CPU time (getrusage, times,
 * clock_gettime of the CPU-time clocks), written raw to /dev/null
 * (which the platform writes, so the variants' bytes are compared):
 * each variant's own differ, and the monitor's would not be the
 * program's.  Variant 0's is every variant's. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct {
		struct rusage self, children;
		struct tms tms;
		struct timespec process, thread;
	} r;
	volatile unsigned long x = 0;
	int fd = open("/dev/null", O_WRONLY);

	for (unsigned long i = 0; i < 20000000; i++)
		x += i;
	if (fd < 0 || getrusage(RUSAGE_SELF, &r.self) ||
	    getrusage(RUSAGE_CHILDREN, &r.children) ||
	    times(&r.tms) == (clock_t)-1 ||
	    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &r.process) ||
	    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &r.thread))
		return 1;
	if (write(fd, &r, sizeof(r)) != sizeof(r))
		return 1;
	printf("ran %s\n", r.self.ru_utime.tv_sec || r.self.ru_utime.tv_usec ?
			   "for a while" : "for no time");
	return 0;
}
