/* Descriptors made with a close-on-exec flag of their call's own
 * (SOCK_CLOEXEC, EFD_CLOEXEC, EPOLL_CLOEXEC, TFD_CLOEXEC, accept4's)
 * are gone after exec; those made without it stay. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *names[] = { "socket", "eventfd", "epoll", "timerfd",
				"accept4", "plain socket" };
	int fds[6];
	struct sockaddr_in a;
	socklen_t al = sizeof(a);
	int l, c;

	if (argc > 1) {	/* after exec: which are still open */
		for (int i = 0; i < 6; i++) {
			int fd = atoi(argv[i + 1]);

			printf("%s: %s\n", names[i],
			       fcntl(fd, F_GETFD) == -1 ? "closed" : "open");
		}
		return 0;
	}
	fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	fds[1] = eventfd(0, EFD_CLOEXEC);
	fds[2] = epoll_create1(EPOLL_CLOEXEC);
	fds[3] = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 1);
	getsockname(l, (struct sockaddr *)&a, &al);
	c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	fds[4] = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	fds[5] = socket(AF_INET, SOCK_STREAM, 0);
	{
		char a1[16], a2[16], a3[16], a4[16], a5[16], a6[16];

		snprintf(a1, sizeof(a1), "%d", fds[0]);
		snprintf(a2, sizeof(a2), "%d", fds[1]);
		snprintf(a3, sizeof(a3), "%d", fds[2]);
		snprintf(a4, sizeof(a4), "%d", fds[3]);
		snprintf(a5, sizeof(a5), "%d", fds[4]);
		snprintf(a6, sizeof(a6), "%d", fds[5]);
		fflush(stdout);
		execl("/proc/self/exe", argv[0], a1, a2, a3, a4, a5, a6,
		      (char *)NULL);
	}
	perror("exec");
	return 1;
}
