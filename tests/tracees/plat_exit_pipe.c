/* A process that ends without closing its end of a pipe: the child
 * reading the other end sees the end of its input, as the kernel closes
 * a dead process's descriptors (the program's first process, too). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	char buf[16];
	ssize_t n;

	if (pipe(p) == -1) {
		perror("pipe");
		return 1;
	}
	switch (fork()) {
	case -1:
		perror("fork");
		return 1;
	case 0:
		close(p[1]);
		while ((n = read(p[0], buf, sizeof(buf))) > 0)
			printf("child read %zd bytes\n", n);
		printf("child saw the end: %zd\n", n);
		return 0;
	}
	if (write(p[1], "from the parent", 15) != 15)
		perror("write");
	/* the parent ends with p[1] still open */
	return 0;
}
