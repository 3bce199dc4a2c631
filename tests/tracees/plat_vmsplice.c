/* vmsplice of a page of 'v' into a pipe, other writes after it, then
 * the pipe read back: it must still hold the 'v's.  The platform once
 * vmspliced its own copy of the page, which it then reused for the
 * next call's data, so the reader got the monitor's memory instead. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static char page[4096] __attribute__((aligned(4096)));

int main(void)
{
	struct iovec io = { page, sizeof(page) };
	char back[sizeof(page)];
	size_t vs = 0;
	int p[2];
	long n;

	memset(page, 'v', sizeof(page));
	if (pipe(p) != 0)
		return 1;
	n = vmsplice(p[1], &io, 1, 0);
	printf("vmsplice %ld\n", n);
	fflush(stdout);
	printf("something else the monitor copies meanwhile\n");
	fflush(stdout);
	n = read(p[0], back, sizeof(back));
	for (long i = 0; i < n; i++)
		vs += back[i] == 'v';
	printf("read %ld, of which 'v' %zu\n", n, vs);
	return 0;
}
