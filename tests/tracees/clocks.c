/* Reads the system clock 100 times each through gettimeofday, time and
 * clock_gettime, and prints whether the readings only grew and the
 * last of them: under mvdb every variant must be given the same
 * readings (engine/local.c), or its write of them differs. */
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	long long last = 0, now;
	int ordered = 1;
	struct timeval tv;
	struct timespec ts;
	long t = 0;

	for (int i = 0; i < 100; i++) {
		syscall(SYS_gettimeofday, &tv, NULL);
		now = tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
		ordered &= now >= last;
		t = syscall(SYS_time, NULL);
		ordered &= t >= tv.tv_sec;
		syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
		last = ts.tv_sec * 1000000000LL + ts.tv_nsec;
		ordered &= last >= now && ts.tv_sec >= t;
	}
	printf("ordered %s\nlast %lld %ld\n", ordered ? "yes" : "no", last, t);
	return !ordered;
}
