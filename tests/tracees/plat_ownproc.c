/* Reads what /proc says of its own process and checks it against what
 * the system calls say: stat's and status's pid and parent against
 * getpid and getppid, statm's size, and stat's start of the stack
 * (field 28, as the JVM and Boehm's collector read it) inside its own
 * [stack] mapping.  Under mvdb getpid gives every variant variant 0's
 * pid, so its files must name that pid too, while the stack stays the
 * variant's own.  Prints one line per check; natively every one is 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Field k (from 1) of /proc/self/stat, or -1. */
static long long stat_field(const char *path, int k)
{
	char line[1024], *p;
	long long v = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	if (fgets(line, sizeof(line), f)) {
		if (k == 1)
			v = atoll(line);
		else if ((p = strrchr(line, ')'))) {
			p++;
			for (int i = 3; i <= k && p; i++) {
				p = strchr(p, ' ');
				if (p)
					p++;
			}
			if (p)
				v = atoll(p);
		}
	}
	fclose(f);
	return v;
}

/* The number after "key:" in path, or -1. */
static long long status_field(const char *path, const char *key)
{
	char line[256];
	long long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen(path, "r");

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, key, n) == 0 && line[n] == ':')
			v = atoll(line + n + 1);
	if (f)
		fclose(f);
	return v;
}

/* Whether addr lies in the [stack] mapping of /proc/self/maps. */
static int in_stack(unsigned long long addr)
{
	char line[512];
	unsigned long long lo, hi;
	int in = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[stack]") &&
		    sscanf(line, "%llx-%llx", &lo, &hi) == 2)
			in = addr >= lo && addr < hi;
	if (f)
		fclose(f);
	return in;
}

int main(void)
{
	long long me = getpid(), parent = getppid(), size = -1;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f && fscanf(f, "%lld", &size) != 1)
		size = -1;
	if (f)
		fclose(f);
	printf("stat names it: %d\n", stat_field("/proc/self/stat", 1) == me);
	printf("stat names its parent: %d\n",
	       stat_field("/proc/self/stat", 4) == parent);
	printf("its thread's stat names it: %d\n",
	       stat_field("/proc/thread-self/stat", 1) == me);
	printf("status names it: %d\n",
	       status_field("/proc/self/status", "Pid") == me);
	printf("status names its parent: %d\n",
	       status_field("/proc/self/status", "PPid") == parent);
	printf("statm has a size: %d\n", size > 0);
	printf("stat's stack is its own: %d\n",
	       in_stack((unsigned long long)stat_field("/proc/self/stat", 28)));
	return 0;
}
