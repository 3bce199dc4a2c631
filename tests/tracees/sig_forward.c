/* Waits for SIGINT or SIGUSR1, having said so on stdout: its handler
 * says which came and the program exits 3.  Other signals act by
 * default.  With "spin", it waits computing, with no system call. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_int(int sig)
{
	got = sig;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	int spin = argc > 1 && strcmp(argv[1], "spin") == 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	printf("ready\n");
	fflush(stdout);
	while (!got)
		if (!spin)
			pause();
	printf("got %s\n", got == SIGINT ? "SIGINT" : "SIGUSR1");
	return 3;
}
