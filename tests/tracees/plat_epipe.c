/* Writing to a pipe whose reader has gone: the writer is killed by
 * SIGPIPE (nothing is printed after "writing"); with SIGPIPE ignored
 * (argument "ignore") the write answers EPIPE. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int p[2];

	if (pipe(p) == -1)
		return 2;
	close(p[0]);
	if (argc > 1 && strcmp(argv[1], "ignore") == 0)
		signal(SIGPIPE, SIG_IGN);
	printf("writing\n");
	fflush(stdout);
	if (write(p[1], "x", 1) == -1)
		printf("write: %s\n", strerrorname_np(errno));
	else
		printf("write succeeded\n");
	return 0;
}
