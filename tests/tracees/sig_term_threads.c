/* Threads coming and going while a signal from outside ends the
 * process: two threads each start short-lived threads, one after
 * another, that make a few calls and exit, and the first thread waits
 * in pause.  "ready" on stdout says the threads run; a SIGTERM then
 * kills every thread wherever it stands (in a call, in user code, on
 * its way out), so the threads of the variants end at different points.
 * Nothing else is printed: the process ends only by a signal. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *brief(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++)
		getppid();
	return NULL;
}

static void *starter(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_t t;

		if (pthread_create(&t, NULL, brief, NULL) == 0)
			pthread_join(t, NULL);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[2];

	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, starter, NULL);
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
}
