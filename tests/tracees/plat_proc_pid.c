/* Opens /proc entries by the pids the program knows (getpid, getppid
 * in a forked child, as $$ and $PPID do): under mvdb those are variant
 * 0's, and each variant must get its own counterpart's entry, not
 * variant 0's.  The child looks in its parent's maps for an address on
 * the parent's stack (under ASLR variant 0's maps would not hold
 * another variant's), checks the parent's status and its own stat by
 * number against getppid and getpid, and lists its parent's fds.
 * Prints one line per check; natively every one is 1. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Whether addr lies in the [stack] mapping of maps. */
static int in_stack(const char *maps, unsigned long long addr)
{
	char line[512];
	unsigned long long lo, hi;
	int in = 0;
	FILE *f = fopen(maps, "r");

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, "[stack]") &&
		    sscanf(line, "%llx-%llx", &lo, &hi) == 2)
			in = addr >= lo && addr < hi;
	if (f)
		fclose(f);
	return in;
}

/* The number after "key:" in path, or -1. */
static long status_field(const char *path, const char *key)
{
	char line[256];
	long v = -1;
	size_t n = strlen(key);
	FILE *f = fopen(path, "r");

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, key, n) == 0 && line[n] == ':')
			v = atol(line + n + 1);
	if (f)
		fclose(f);
	return v;
}

int main(void)
{
	int on_stack = 0;
	unsigned long long addr = (unsigned long long)(unsigned long)&on_stack;
	char path[64];
	pid_t child = fork();

	if (child == 0) {
		long first = -1;
		int fds = 0;
		FILE *f;
		DIR *d;

		snprintf(path, sizeof(path), "/proc/%d/maps", (int)getppid());
		printf("the parent's maps hold its stack: %d\n",
		       in_stack(path, addr));
		snprintf(path, sizeof(path), "/proc/%d/status", (int)getppid());
		printf("the parent's status names it: %d\n",
		       status_field(path, "Pid") == getppid());
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)getpid());
		f = fopen(path, "r");
		if (f && fscanf(f, "%ld", &first) != 1)
			first = -1;
		if (f)
			fclose(f);
		printf("its own stat by number names it: %d\n",
		       first == getpid());
		snprintf(path, sizeof(path), "/proc/%d/fd", (int)getppid());
		d = opendir(path);
		while (d && readdir(d))
			fds++;
		if (d)
			closedir(d);
		printf("the parent's fds can be listed: %d\n", fds > 2);
		fflush(stdout);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	return on_stack;
}
