/* Tries to read its parent's /proc entry (under mvdb: the monitor's)
 * by paths that are not absolute: relative to a working directory of
 * /proc, and through a symlink; and looks at it with newfstatat's
 * AT_EMPTY_PATH and a path.  Under mvdb both must fail with EACCES;
 * natively they open the parent's entry.  argv[1]: a directory to make
 * the symlink in. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void try(const char *how, const char *path)
{
	int fd = open(path, O_RDONLY);

	printf("%s: %s\n", how, fd >= 0 ? "opened" : strerror(errno));
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	char rel[64], abs[64], link[4200];
	struct stat st;

	if (argc < 2)
		return 2;
	{
		/* glibc's fstat form with a path all the same: the kernel
		 * looks it up (a plain file open at a low number first,
		 * as batch runs let plain calls on one through),
		 * before any open under /proc */
		int fd = open("/etc/passwd", O_RDONLY);
		long r;

		snprintf(link, sizeof(link), "/proc/%d/status", (int)getppid());
		r = syscall(SYS_newfstatat, fd, link, &st, AT_EMPTY_PATH);
		printf("stat with AT_EMPTY_PATH: %s\n",
		       r == 0 ? "looked" : strerror(errno));
		close(fd);
	}
	snprintf(rel, sizeof(rel), "%d/mem", (int)getppid());
	snprintf(abs, sizeof(abs), "/proc/%d/environ", (int)getppid());
	snprintf(link, sizeof(link), "%s/link", argv[1]);
	unlink(link);
	if (symlink(abs, link) != 0)
		return 3;
	try("through a symlink", link);
	snprintf(link, sizeof(link), "/proc/self/../%d/mem", (int)getppid());
	try("through /proc/self/..", link);
	unlink(link);
	if (chdir("/proc") != 0)
		return 4;
	try("relative to /proc", rel);
	/* a parent that is not dumpable has its entry owned by root */
	printf("its mem is owned by uid %d\n",
	       stat(rel, &st) == 0 ? (int)st.st_uid : -1);
	return 0;
}
