/* A stack deeper than mvdb unwinds: rec(100) writes at its bottom,
 * 100 frames of rec below main. */
#include <unistd.h>

static volatile int sink;

__attribute__((noinline)) static int rec(int n)
{
	int r;

	if (n == 0)
		return write(1, "bottom\n", 7) != 7;
	r = rec(n - 1);
	sink = n;	/* work after the call: no tail call */
	return r;
}

int main(void)
{
	return rec(100);
}
