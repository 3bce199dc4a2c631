/* A read of an empty pipe (a platform fd under mvdb) with a SIGCHLD
 * handler installed without SA_RESTART: the child's end interrupts it
 * with EINTR, as natively, rather than leave it waiting for ever. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_chld(int sig)
{
	(void)sig;
	got = 1;
}

int main(void)
{
	struct sigaction sa;
	int p[2];
	char c;
	ssize_t r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;	/* no SA_RESTART */
	sigaction(SIGCHLD, &sa, NULL);
	if (pipe(p) != 0)
		return 1;
	if (fork() == 0) {
		struct timespec nap = { 0, 500 * 1000 * 1000 };

		nanosleep(&nap, NULL);	/* the parent is in its read by now */
		_exit(0);
	}
	r = read(p[0], &c, 1);
	printf("read: %zd %s\n", r, r < 0 ? strerror(errno) : "");
	wait(NULL);
	printf("handler ran: %d\n", (int)got);
	return 0;
}
