/* A pollfd array whose revents hold what was there before (Python's
 * multiprocessing reuses its array): here bits of a stack address, so
 * they differ between variants under ASLR.  The kernel never reads
 * revents, so the variants agree on the call. */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	struct pollfd p[2];
	int fds[2];

	if (pipe(fds) == -1 || write(fds[1], "x", 1) != 1) {
		perror("pipe");
		return 1;
	}
	p[0].fd = fds[0];
	p[0].events = POLLIN;
	p[0].revents = (short)((uintptr_t)p >> 4);
	p[1].fd = fds[1];
	p[1].events = POLLOUT;
	p[1].revents = (short)((uintptr_t)p >> 12);
	printf("poll: %d\n", poll(p, 2, 0));
	printf("revents: %#x %#x\n", p[0].revents, p[1].revents);
	return 0;
}
