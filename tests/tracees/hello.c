/* Variants agree: prints two lines and exits with the status in argv[1]. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("hello from a variant\n");
	fprintf(stderr, "a line on stderr\n");
	fflush(NULL);
	return argc > 1 ? atoi(argv[1]) : 0;
}
