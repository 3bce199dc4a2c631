/* Reads its own /proc/self/stat (each variant its own pid) and writes
 * the pid: the variants diverge at the write, and what decided it is
 * the read several steps before. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, 31);
	char *sp = n > 0 ? memchr(buf, ' ', (size_t)n) : NULL;

	if (fd >= 0)
		close(fd);
	if (!sp)
		return 1;
	*sp = '\n';
	write(1, buf, (size_t)(sp - buf + 1));
	return 0;
}
