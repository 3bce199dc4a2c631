/* ioctl inputs on platform fds, with garbage (this variant's stack
 * address, which ASLR makes differ) where the kernel does not read:
 * SIOCGIFINDEX reads an ifreq's name only, SIOCGIFNAME its index only;
 * FIONBIO reads an int, then a read of the empty pipe fails with
 * EAGAIN.  The inputs are compared by what the kernel reads
 * (engine/ioctls.c). */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void garbage(void *p, size_t len)
{
	uintptr_t g = (uintptr_t)&len;

	for (size_t k = 0; k < len; k++)
		((unsigned char *)p)[k] = (unsigned char)(g >> (8 * (k % 6)));
}

int main(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), p[2], on = 1, index;
	struct ifreq ifr;
	char c;

	if (s < 0 || pipe(p) != 0)
		return 1;
	garbage(&ifr, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFINDEX, &ifr) != 0)
		return 2;
	index = ifr.ifr_ifindex;
	garbage(&ifr, sizeof(ifr));
	ifr.ifr_ifindex = index;
	if (ioctl(s, SIOCGIFNAME, &ifr) != 0)
		return 3;
	printf("lo is %d, %d is %s\n", index, index, ifr.ifr_name);
	if (ioctl(p[0], FIONBIO, &on) != 0)
		return 4;
	printf("read: %s\n", read(p[0], &c, 1) < 0 ? strerror(errno) : "data");
	return 0;
}
