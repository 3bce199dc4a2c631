/* alarm(1) with no handler, then a loop that makes no system call:
 * SIGALRM's default action ends the program after a second (status
 * 142), though it never reaches another call. */
#include <unistd.h>

int main(void)
{
	volatile unsigned long spins = 0;

	alarm(1);
	for (;;)
		spins++;
}
