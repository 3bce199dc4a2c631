/* A child waits in a read of a pipe (the platform waits; its variant
 * 0 stands in), while its parent writes to stdout and only then feeds
 * the pipe: stopped at that write, a person looks at the waiting
 * child's registers and stack. */
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	char c;

	if (pipe(p) != 0)
		return 1;
	if (fork() == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) != 1);
	}
	close(p[0]);
	if (write(1, "parent\n", 7) != 7 || write(p[1], "x", 1) != 1)
		return 1;
	wait(NULL);
	return 0;
}
