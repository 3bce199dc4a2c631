/* Sleeps in a call of its own (argv[1] seconds, default 3) and says how
 * the call ended: a Ctrl-C in mvdb must neither end it early nor make
 * it fail. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec t = { argc > 1 ? atoi(argv[1]) : 3, 0 }, left = { 0 };
	int r;

	printf("sleeping\n");
	fflush(stdout);
	r = nanosleep(&t, &left);

	printf("nanosleep returned %d (%s)\n", r, r ? strerror(errno) : "slept");
	return r != 0;
}
