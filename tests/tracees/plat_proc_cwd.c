/* /proc/self/cwd is the program's working directory: after chdir("sub"),
 * a file created as /proc/self/cwd/f.txt lands in sub/, and reads back
 * by its relative name. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	ssize_t n;
	int fd;

	if (mkdir("sub", 0755) == -1 || chdir("sub") == -1)
		return 2;
	fd = open("/proc/self/cwd/f.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write(fd, "in sub\n", 7) != 7)
		return 3;
	close(fd);
	fd = open("f.txt", O_RDONLY);
	if (fd == -1) {
		printf("f.txt: %s\n", strerrorname_np(errno));
		return 1;
	}
	n = read(fd, buf, sizeof(buf));
	printf("f.txt: %.*s", (int)(n > 0 ? n : 0), buf);
	return 0;
}
