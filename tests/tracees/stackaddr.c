/* Prints the address of a stack variable: differs between variants
 * under ASLR, agrees without it. */
#include <stdio.h>

int main(void)
{
	int x = 0;

	printf("%p\n", (void *)&x);
	return x;
}
