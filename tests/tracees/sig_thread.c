/* A signal for a thread that is not the leader reaches that thread:
 * its handler runs there and cuts its read short (no SA_RESTART), or,
 * with "restart", the read goes on after it and gets what main writes.  The
 * worker writes with write(2), not stdio: a thread's first malloc makes
 * an arena whose trimming depends on the address layout. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t in_worker;
static pthread_t worker_id;
static int ready[2], never[2], handled[2];

static void on_usr1(int sig)
{
	(void)sig;
	in_worker = pthread_equal(pthread_self(), worker_id) ? 1 : 2;
	if (write(handled[1], "h", 1) != 1)
		in_worker = 3;
}

static void *worker(void *arg)
{
	char c, line[80];
	ssize_t n;
	int len;

	(void)arg;
	if (write(ready[1], "r", 1) != 1)
		return NULL;
	n = read(never[0], &c, 1);
	len = snprintf(line, sizeof(line), "worker: read %s, handler ran %s\n",
		       n < 0 && errno == EINTR ? "interrupted" :
		       n == 1 && c == 'x'      ? "x" : "something else",
		       in_worker == 1 ? "in the worker" :
		       in_worker     ? "elsewhere" : "nowhere");
	if (write(1, line, (size_t)len) != len)
		return NULL;
	return NULL;
}

int main(int argc, char **argv)
{
	bool restart = argc > 1 && strcmp(argv[1], "restart") == 0;
	struct sigaction sa;
	char c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(ready) || pipe(never) || pipe(handled))
		return 1;
	pthread_create(&worker_id, NULL, worker, NULL);
	if (read(ready[0], &c, 1) != 1)
		return 1;
	usleep(50000);	/* the worker is in its read by now, mostly */
	pthread_kill(worker_id, SIGUSR1);
	if (restart) {
		/* after the handler: the read, made again, gets it */
		if (read(handled[0], &c, 1) != 1 || write(never[1], "x", 1) != 1)
			return 1;
	}
	pthread_join(worker_id, NULL);
	printf("main: done\n");
	return 0;
}
