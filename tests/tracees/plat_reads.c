/* Reads a plain file of its own 5000 times, then says whether it was
 * switched out fewer than 1000 times (/proc/self/status): natively it
 * is; under mvdb each stop at a call switches a variant out, and in a
 * batch run its reads of a plain file make no stop (fastread.c).
 * With "sysconf", it first reads what glibc's sysconf and initgroups
 * read (the CPUs online, the most groups), files the same for every
 * variant that must not bring the stops back. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Reads path once, as glibc does. */
static int read_once(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	return n > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	char buf[64], line[128];
	int fd;
	long switches = -1;
	FILE *f;

	if (argc > 1 && strcmp(argv[1], "sysconf") == 0 &&
	    (read_once("/sys/devices/system/cpu/online") != 0 ||
	     read_once("/proc/sys/kernel/ngroups_max") != 0))
		return 3;
	fd = open("/etc/passwd", O_RDONLY);
	if (fd < 0)
		return 1;
	for (int i = 0; i < 5000; i++)
		if (pread(fd, buf, sizeof(buf), 0) <= 0)
			return 2;
	f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0)
			sscanf(line + 24, "%ld", &switches);
	if (f)
		fclose(f);
	printf("5000 reads, switched out fewer than 1000 times: %d\n",
	       switches >= 0 && switches < 1000);
	return 0;
}
