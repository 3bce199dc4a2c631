/* /dev/fd/N and /proc/self/fd/N name the program's own descriptor N,
 * also one opened for writing: reopening it read-only reads what was
 * written, and the link names the file. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char path[64], buf[256];
	ssize_t n;
	int fd, rd;

	fd = open("written.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write(fd, "abc\n", 4) != 4)
		return 2;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0) {
		printf("readlink /proc/self/fd/N: %s\n",
		       strerrorname_np(errno));
	} else {
		buf[n] = '\0';
		printf("readlink /proc/self/fd/N: %s\n", basename(buf));
	}
	snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	rd = open(path, O_RDONLY);
	if (rd == -1) {
		printf("open /dev/fd/N: %s\n", strerrorname_np(errno));
		return 1;
	}
	n = read(rd, buf, sizeof(buf));
	printf("read /dev/fd/N: %.*s", (int)(n > 0 ? n : 0), buf);
	return 0;
}
