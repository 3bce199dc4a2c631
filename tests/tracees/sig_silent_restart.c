/* Threads in futex waits with a timeout (calls mvdb never stops at)
 * while a process-directed signal (SIGURG, ignored) comes again and
 * again from a child: the kernel may wake a waiting thread for it while
 * another thread takes it, and the futex is then made again through
 * restart_syscall with no stop before it that mvdb could see.  That
 * restart is no new call: 5 runs in 16 diverged on it (restart_syscall
 * against the other variant's next call).  Three rounds. */
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WAITERS 3

static int done;

static void *waiter(void *arg)
{
	struct timespec ts = { 0, 20000000 };

	(void)arg;
	while (!__atomic_load_n(&done, __ATOMIC_SEQ_CST))
		syscall(SYS_futex, &done, FUTEX_WAIT, 0, &ts, NULL, 0);
	return NULL;
}

/* Makes calls that look at the pending signals (each a meeting), then
 * lets the waiters go. */
static void *masker(void *arg)
{
	sigset_t none;

	(void)arg;
	sigemptyset(&none);
	for (int i = 0; i < 5000; i++)
		pthread_sigmask(SIG_UNBLOCK, &none, NULL);
	__atomic_store_n(&done, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &done, FUTEX_WAKE, WAITERS, NULL, NULL, 0);
	return NULL;
}

static int round_once(void)
{
	pthread_t a[WAITERS], b;
	sigset_t urg;
	pid_t parent = getpid(), child;
	int status;

	done = 0;
	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		for (int i = 0; i < 300; i++) {
			kill(parent, SIGURG);
			usleep(300);
		}
		_exit(0);
	}
	for (int i = 0; i < WAITERS; i++)
		pthread_create(&a[i], NULL, waiter, NULL);
	pthread_create(&b, NULL, masker, NULL);
	/* only the other threads take it */
	sigemptyset(&urg);
	sigaddset(&urg, SIGURG);
	pthread_sigmask(SIG_BLOCK, &urg, NULL);
	pthread_join(b, NULL);
	for (int i = 0; i < WAITERS; i++)
		pthread_join(a[i], NULL);
	pthread_sigmask(SIG_UNBLOCK, &urg, NULL);
	if (waitpid(child, &status, 0) != child)
		return -1;
	return status;
}

int main(void)
{
	for (int r = 0; r < 3; r++)
		printf("round %d: child status %d\n", r, round_once());
	return 0;
}
