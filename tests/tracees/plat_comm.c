/* Writing /proc/self/comm renames the program itself: reading it back,
 * and prctl(PR_GET_NAME), give the new name. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(void)
{
	char buf[32] = "", name[17] = "";
	int fd = open("/proc/self/comm", O_WRONLY);
	ssize_t n;

	if (fd == -1 || write(fd, "renamed", 7) != 7) {
		printf("cannot write /proc/self/comm: %s\n",
		       strerrorname_np(errno));
		return 1;
	}
	close(fd);
	fd = open("/proc/self/comm", O_RDONLY);
	if (fd == -1 || (n = read(fd, buf, sizeof(buf) - 1)) < 0)
		return 2;
	buf[n] = '\0';
	printf("/proc/self/comm: %s", buf);
	prctl(PR_GET_NAME, name);
	printf("PR_GET_NAME: %s\n", name);
	return 0;
}
