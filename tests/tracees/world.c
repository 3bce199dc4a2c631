/* Reads what would differ between variants if mvdb did not make their
 * world agree: random bytes, clocks, process ids.  Prints them; the
 * variants must agree and the output appear once.  (The time stamp
 * counter is left out: where the CPU cannot trap rdtsc, variants read
 * their own.) */
#include <stdio.h>
#include <sys/random.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	unsigned char rnd[16];
	struct timespec ts;
	struct timeval tv;

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	gettimeofday(&tv, NULL);
	printf("random");
	for (size_t i = 0; i < sizeof(rnd); i++)
		printf(" %02x", rnd[i]);
	printf("\nmonotonic %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
	printf("realtime %lld.%06ld time %lld\n", (long long)tv.tv_sec,
	       (long)tv.tv_usec, (long long)time(NULL));
	printf("pid %d ppid %d tid %d\n", getpid(), getppid(), gettid());
	return 0;
}
