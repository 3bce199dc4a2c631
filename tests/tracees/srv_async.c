/* What nginx's master does to the channel of each worker it spawns:
 * a socketpair, FIOASYNC on one end and that end's owner set to
 * itself (F_SETOWN), read back with F_GETOWN and F_GETFL.  Both calls
 * must succeed, or nginx spawns no worker.  Usage: srv_async */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	int ch[2], on = 1, off = 0;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, ch))
		return 1;
	printf("ioctl(FIOASYNC, 1): %d\n", ioctl(ch[0], FIOASYNC, &on));
	printf("O_ASYNC set: %s\n", fcntl(ch[0], F_GETFL) & O_ASYNC ? "yes" : "no");
	printf("fcntl(F_SETOWN, own pid): %d\n", fcntl(ch[0], F_SETOWN, getpid()));
	printf("F_GETOWN is the own pid: %s\n",
	       fcntl(ch[0], F_GETOWN) == getpid() ? "yes" : "no");
	printf("the other end's owner: %d\n", fcntl(ch[1], F_GETOWN));
	printf("ioctl(FIOASYNC, 0): %d\n", ioctl(ch[0], FIOASYNC, &off));
	printf("O_ASYNC set: %s\n", fcntl(ch[0], F_GETFL) & O_ASYNC ? "yes" : "no");
	/* a message each way, no SIGIO to stop anyone */
	if (write(ch[1], "w", 1) != 1 || read(ch[0], &on, 1) != 1)
		return 2;
	printf("a message crossed\n");
	return 0;
}
