/* One socket registered in one epoll instance under three numbers (the
 * socket, a dup and an F_DUPFD copy): the kernel keeps one registration
 * per (file, number), each with its own data.  Then every number is
 * closed: the registrations go with the file, and the peer sees the end
 * of the stream. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	return (int)(*(const unsigned long *)a - *(const unsigned long *)b);
}

/* Waits once and prints the data of what is ready, sorted. */
static void wait_once(int ep, const char *when)
{
	struct epoll_event ev[8];
	unsigned long got[8];
	int n = epoll_wait(ep, ev, 8, 0);

	printf("%s: %d ready", when, n);
	for (int i = 0; i < n; i++)
		got[i] = ev[i].data.u64;
	qsort(got, n > 0 ? (size_t)n : 0, sizeof(got[0]), cmp);
	for (int i = 0; i < n; i++)
		printf(" %lu", got[i]);
	printf("\n");
}

static void add(int ep, int op, int fd, unsigned long data)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = data };

	if (epoll_ctl(ep, op, fd, &ev))
		perror("epoll_ctl");
	else
		printf("registered %lu\n", data);
}

int main(void)
{
	int sv[2], ep = epoll_create1(EPOLL_CLOEXEC), d, d2;
	char c;

	if (ep < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	d = dup(sv[0]);
	d2 = fcntl(sv[0], F_DUPFD_CLOEXEC, 10);
	add(ep, EPOLL_CTL_ADD, sv[0], 1);
	add(ep, EPOLL_CTL_ADD, d, 2);
	add(ep, EPOLL_CTL_ADD, d2, 3);
	add(ep, EPOLL_CTL_ADD, d, 4);
	wait_once(ep, "nothing sent");
	if (write(sv[1], "x", 1) != 1)
		return 1;
	wait_once(ep, "one byte sent");
	add(ep, EPOLL_CTL_MOD, d, 5);
	wait_once(ep, "the dup's data changed");
	if (epoll_ctl(ep, EPOLL_CTL_DEL, d2, NULL))
		perror("epoll_ctl del");
	wait_once(ep, "the copy taken out");
	close(sv[0]);
	wait_once(ep, "the first number closed");
	close(d);
	close(d2);
	wait_once(ep, "every number closed");
	printf("the peer reads %zd\n", read(sv[1], &c, 1));
	return 0;
}
