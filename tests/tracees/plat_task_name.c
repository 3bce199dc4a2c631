/* Names another thread and reads its name back (pthread_setname_np and
 * pthread_getname_np on a thread not the caller: glibc writes and reads
 * /proc/self/task/TID/comm, TID being the id the kernel gave the
 * thread).  Under mvdb each variant's TID is its own, and the variants
 * must not differ on that path.  Prints what it got; natively
 * "worker". */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&held);	/* alive until main lets go */
	pthread_mutex_unlock(&held);
	return NULL;
}

int main(void)
{
	char name[16] = "";
	pthread_t t;
	int set, got;

	pthread_mutex_lock(&held);
	if (pthread_create(&t, NULL, worker, NULL) != 0)
		return 1;
	set = pthread_setname_np(t, "worker");
	got = pthread_getname_np(t, name, sizeof(name));
	printf("set: %s, got: %s, name: %s\n", strerror(set), strerror(got),
	       name);
	pthread_mutex_unlock(&held);
	pthread_join(t, NULL);
	return 0;
}
