/* Places itself on the last CPU it may use, then computes between
 * calls (long steps, which make mvdb spread the variants over every
 * CPU): its own placement must stay. */
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	cpu_set_t set;
	volatile unsigned long x = 0;
	int last = -1;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			last = c;
	CPU_ZERO(&set);
	CPU_SET(last, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		return 2;
	for (int r = 0; r < 120; r++) {
		for (unsigned long i = 0; i < 1000000; i++)
			x += i;
		getppid();
	}
	sched_getaffinity(0, sizeof(set), &set);
	printf("on one CPU, its own choice: %d\n",
	       CPU_COUNT(&set) == 1 && CPU_ISSET(last, &set));
	return 0;
}
