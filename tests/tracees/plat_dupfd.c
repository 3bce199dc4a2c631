/* fcntl(F_DUPFD, 10) gives the lowest free number from 10 up: 10 here
 * natively, and in any case at least 10 and below the platform's 256;
 * F_DUPFD_CLOEXEC the same, with FD_CLOEXEC set. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, int fd)
{
	if (fd == -1) {
		printf("%s: %s\n", what, strerrorname_np(errno));
		return;
	}
	printf("%s: >= 10 %s, below 256 %s, FD_CLOEXEC %s\n", what,
	       fd >= 10 ? "yes" : "no", fd < 256 ? "yes" : "no",
	       fcntl(fd, F_GETFD) & FD_CLOEXEC ? "set" : "clear");
}

int main(void)
{
	char buf[16];
	int p[2], a, b;
	ssize_t n;

	if (pipe(p) == -1)
		return 2;
	a = fcntl(p[0], F_DUPFD, 10);
	show("F_DUPFD 10", a);
	b = fcntl(p[1], F_DUPFD_CLOEXEC, 10);
	show("F_DUPFD_CLOEXEC 10", b);
	if (a == -1 || b == -1)
		return 1;
	if (write(b, "dup\n", 4) != 4)
		return 3;
	n = read(a, buf, sizeof(buf));
	printf("through the copies: %.*s", (int)(n > 0 ? n : 0), buf);
	return 0;
}
