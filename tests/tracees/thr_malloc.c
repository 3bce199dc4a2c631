/* A thread that mallocs: glibc gives it an arena of its own, reserved
 * as 128 MiB and cut to an aligned 64 MiB. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *work(void *arg)
{
	char *p = malloc(100);

	(void)arg;
	if (p)
		strcpy(p, "a thread's malloc");
	return p;
}

int main(void)
{
	pthread_t t;
	void *got;

	pthread_create(&t, NULL, work, NULL);
	pthread_join(t, &got);
	printf("%s\n", got ? (char *)got : "no memory");
	free(got);
	return 0;
}
