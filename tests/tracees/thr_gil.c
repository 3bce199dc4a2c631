/* CPython's GIL pattern: threads race for one mutex and, holding it,
 * read the clock and map and unmap memory; which thread holds it when
 * is up to the scheduler, and differs between variants.  Each thread
 * counts its rounds; the total is printed once all have joined. */
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>

#define THREADS 4
#define ROUNDS 300

static pthread_mutex_t gil = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *worker(void *arg)
{
	struct timespec ts;

	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		void *p;

		pthread_mutex_lock(&gil);
		clock_gettime(CLOCK_MONOTONIC, &ts);
		p = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED)
			munmap(p, 65536);
		total++;
		pthread_mutex_unlock(&gil);
		sched_yield();
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];

	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("%ld rounds\n", total);
	return 0;
}
