/* The world demo: things that differ between any two processes -
 * random bytes, the time, the process id - and that mvdb makes the
 * same in every variant: getrandom runs once and its bytes go to all,
 * the clock is read once (the vDSO is hidden, so clock_gettime is a
 * real system call), getpid answers variant 0's pid. */
#include <stdio.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	unsigned char rnd[8];
	struct timespec ts;

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		return 1;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 1;
	printf("random bytes:");
	for (size_t i = 0; i < sizeof(rnd); i++)
		printf(" %02x", rnd[i]);
	printf("\nthe time: %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
	printf("my pid: %d\n", (int)getpid());
	return 0;
}
