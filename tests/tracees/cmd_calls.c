/* For the command tests: distinct calls to break on, in this order:
 * getppid twice, openat of the program itself (read-only: a local fd),
 * read and close of it,
 * openat for writing of DIR/cmd-out.txt (a platform fd, 256), write and
 * close of it, socket (class %network), and getcwd(buf, 0) whose buffer
 * holds 16 'A's, then the address of a stack variable (differs between
 * variants under ASLR), then more 'A's.  argv[1]: DIR. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[64];
	char path[4096], c;
	int local = 0, fd;
	void *p = &local;

	syscall(SYS_getppid);
	syscall(SYS_getppid);
	fd = open(argv[0], O_RDONLY);
	if (read(fd, &c, 1) < 0)
		return 1;
	close(fd);
	snprintf(path, sizeof(path), "%s/cmd-out.txt", argc > 1 ? argv[1] : "/tmp");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (write(fd, "data\n", 5) != 5)
		return 2;
	close(fd);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	close(fd);
	memset(buf, 'A', sizeof(buf));
	memcpy(buf + 16, &p, sizeof(p));
	syscall(SYS_getcwd, buf, 0);
	return local;
}
