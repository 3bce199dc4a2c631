/* open and openat without O_CREAT, their mode argument left as a
 * register held it (glibc's own opens of /proc files do so): here an
 * address, which differs between variants under ASLR.  The kernel
 * ignores the mode unless the flags create, and the variants agree. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	unsigned long noise = (uintptr_t)&noise;
	long fd = syscall(SYS_open, "/etc/hostname", O_RDONLY | O_CLOEXEC,
			  noise);
	long fd2 = syscall(SYS_openat, AT_FDCWD, "/etc/hostname", O_RDONLY,
			   noise);

	printf("open: %s, openat: %s\n", fd >= 0 ? "ok" : "failed",
	       fd2 >= 0 ? "ok" : "failed");
	return 0;
}
