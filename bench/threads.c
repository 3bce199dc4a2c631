/* Benchmark tracee: 4 threads reading the clock, N calls in all
 * (argv[1]), each through the system call (the vDSO would make none
 * natively, and mvdb hides it from the variants anyway). */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define THREADS 4

static long calls;

static void *reader(void *arg)
{
	struct timespec ts;

	(void)arg;
	for (long i = 0; i < calls; i++)
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[THREADS];

	calls = (argc > 1 ? atol(argv[1]) : 100000) / THREADS;
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, reader, NULL) != 0)
			return 1;
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	return 0;
}
