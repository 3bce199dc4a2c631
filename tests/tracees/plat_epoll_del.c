/* epoll_ctl's event as programs leave it: EPOLL_CTL_DEL with an event
 * whose bytes are a stack's leftovers (CPython's epoll.unregister, so
 * every asyncio program), here an address, which differs between
 * variants under ASLR.  The kernel ignores the event for EPOLL_CTL_DEL
 * and reads only its events for ADD and MOD (data is handed back as
 * given): the variants agree, and each gets its own data back. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

int main(void)
{
	struct epoll_event ev, got;
	uintptr_t noise = (uintptr_t)&ev;
	int ep = epoll_create1(0), p[2];

	if (ep < 0 || pipe(p))
		return 1;
	ev.events = EPOLLIN;
	ev.data.ptr = &ev;
	printf("ADD: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev));
	if (write(p[1], "x", 1) != 1)
		return 1;
	printf("wait: %d, ", epoll_wait(ep, &got, 1, 1000));
	printf("own data back: %s\n", got.data.ptr == &ev ? "yes" : "no");
	ev.events = EPOLLIN | EPOLLET;
	printf("MOD: %d\n", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	memcpy(&ev.events, &noise, sizeof(ev.events));
	printf("DEL: %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], &ev));
	printf("DEL again: %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], &ev));
	return 0;
}
