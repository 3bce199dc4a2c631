/* Writes its pid to the file "pid" and waits, sleeping 10 ms at a time,
 * until the file "go" exists, then says how many times its SIGCONT
 * handler ran (installed with "handler", argv[1]).  Someone outside
 * stops it (kill -STOP or -TSTP to that pid), continues it (kill -CONT)
 * and then creates "go": it must go on as natively, the handler run
 * before it looks for "go" again, with the siginfo kill gave it. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t conts, code = -1;

static void on_cont(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	conts++;
	code = si->si_code;
}

int main(int argc, char **argv)
{
	struct timespec tick = { 0, 10000000 };
	struct sigaction sa;
	int handler = argc > 1 && strcmp(argv[1], "handler") == 0;
	FILE *f;

	if (handler) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_cont;
		sa.sa_flags = SA_RESTART | SA_SIGINFO;
		sigaction(SIGCONT, &sa, NULL);
	}
	f = fopen("pid.tmp", "w");
	if (!f)
		return 2;
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	rename("pid.tmp", "pid");
	while (access("go", F_OK) != 0)
		nanosleep(&tick, NULL);
	/* Natively the handler ran as the process went on.  Under mvdb it
	 * runs at the variants' next common call (they stopped where each
	 * stood): give it one, for at most 5 s, before saying. */
	for (int i = 0; i < 500 && handler && conts == 0; i++)
		nanosleep(&tick, NULL);
	printf("going on; SIGCONT handler ran %d times (si_code %d)\n",
	       (int)conts, (int)code);
	return 0;
}
