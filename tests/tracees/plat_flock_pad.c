/* A struct flock whose padding and l_pid hold an address (as a stack's
 * leftovers do, and which differs between variants under ASLR): the
 * kernel reads neither for F_SETLK, and the variants agree. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	int fd = open("pad.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	unsigned long noise = (unsigned long)&fd;
	struct flock fl;

	if (fd < 0)
		return 1;
	memset(&fl, 0xa5, sizeof(fl));
	memcpy((char *)&fl + 4, &noise, 4);	/* padding after l_whence */
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 1;
	fl.l_pid = (pid_t)noise;
	printf("F_SETLK: %d\n", fcntl(fd, F_SETLK, &fl));
	fl.l_type = F_UNLCK;
	printf("F_UNLCK: %d\n", fcntl(fd, F_SETLK, &fl));
	return 0;
}
