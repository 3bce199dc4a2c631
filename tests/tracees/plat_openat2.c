/* openat2 with RESOLVE_ flags changes where a path leads (under a
 * directory taken as the root, never through a symlink); mvdb resolves
 * paths as a plain open does, so under mvdb such a call fails with
 * ENOSYS (programs fall back to openat), while one without them opens.
 * Prints what each gave. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void try(const char *what, unsigned long long resolve)
{
	struct open_how how = { .flags = O_RDONLY, .resolve = resolve };
	long fd = syscall(SYS_openat2, AT_FDCWD, "/etc/passwd", &how,
			  sizeof(how));

	printf("%s: %s\n", what, fd >= 0 ? "opened" :
	       errno == ENOSYS ? "ENOSYS" : strerror(errno));
	if (fd >= 0)
		close((int)fd);
}

int main(void)
{
	try("openat2", 0);
	try("openat2 with RESOLVE_NO_SYMLINKS", RESOLVE_NO_SYMLINKS);
	return 0;
}
