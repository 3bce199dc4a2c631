/* Computes for a while (argv[1] millions of additions, 4000 unless
 * given) without a single call: mvdb must spread its variants over the
 * CPUs although they never wake the monitor (check_platform watches
 * them from outside). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	unsigned long n = (argc > 1 ? strtoul(argv[1], NULL, 10) : 4000) *
			  1000000UL;
	volatile unsigned long x = 0;

	for (unsigned long i = 0; i < n; i++)
		x += i;
	printf("%lu\n", (unsigned long)x);
	return 0;
}
