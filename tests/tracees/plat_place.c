/* Computes between calls (which makes mvdb spread the variants over
 * every CPU), then sleeps between calls, as a server waiting for
 * clients does, then says whether it runs on one CPU: mvdb must have
 * bound the variants again, since they no longer compute (with more
 * than one CPU, natively it says 0). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* How many CPUs the process may run on, from /proc/self/status (which
 * shows the placement sched_getaffinity hides from a program under
 * mvdb), or -1. */
static int cpus_allowed(void)
{
	char line[256];
	int n = -1, lo, hi;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "Cpus_allowed_list:", 18) == 0) {
			char *p = line + 18;

			n = 0;
			while (*p) {
				int used = 0;

				if (sscanf(p, " %d-%d%n", &lo, &hi, &used) == 2)
					n += hi - lo + 1;
				else if (sscanf(p, " %d%n", &lo, &used) == 1)
					n++;
				else
					break;
				p += used;
				if (*p == ',')
					p++;
			}
		}
	fclose(f);
	return n;
}

int main(void)
{
	volatile unsigned long x = 0;
	struct timespec nap = { 0, 300000 };

	for (int r = 0; r < 80; r++) {
		for (unsigned long i = 0; i < 1000000; i++)
			x += i;
		getppid();
	}
	for (int r = 0; r < 600; r++)
		nanosleep(&nap, NULL);
	printf("on one CPU: %d\n", cpus_allowed() == 1);
	return 0;
}
