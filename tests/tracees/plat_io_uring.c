/* io_uring_setup: prints "io_uring ok", or the errno name when refused.
 * Natively it works (or the kernel has it disabled); under mvdb it must
 * answer ENOSYS: its rings share memory with the kernel behind the
 * monitor's back. */
#include <errno.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct io_uring_params params;
	long fd;

	memset(&params, 0, sizeof(params));
	fd = syscall(SYS_io_uring_setup, 4, &params);
	if (fd == -1)
		printf("io_uring_setup: %s\n", strerrorname_np(errno));
	else
		printf("io_uring ok\n");
	return 0;
}
