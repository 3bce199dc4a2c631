/* Links under /proc that name the program's own process, as ls -l
 * /proc/self/fd reads them: an fd open on /proc/self/fd reads as
 * "/proc/PID/fd", one on /proc/thread-self/fdinfo as
 * "/proc/PID/task/TID/fdinfo".  Under mvdb they must name the ids
 * getpid and gettid give (variant 0's) in every variant. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Whether the link of the fd open on path reads as want. */
static int reads_as(const char *path, const char *want)
{
	char link[64], got[256];
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	ssize_t n;

	if (fd < 0)
		return -1;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, got, sizeof(got) - 1);
	close(fd);
	if (n < 0)
		return -1;
	got[n] = '\0';
	return strcmp(got, want) == 0;
}

int main(void)
{
	char want[128];

	snprintf(want, sizeof(want), "/proc/%d/fd", (int)getpid());
	printf("/proc/self/fd names this process: %d\n",
	       reads_as("/proc/self/fd", want));
	snprintf(want, sizeof(want), "/proc/%d/task/%d/fdinfo", (int)getpid(),
		 (int)gettid());
	printf("/proc/thread-self/fdinfo names this thread: %d\n",
	       reads_as("/proc/thread-self/fdinfo", want));
	snprintf(want, sizeof(want), "/proc/%d", (int)getpid());
	printf("/proc/self names this process: %d\n",
	       reads_as("/proc/self", want));
	return 0;
}
