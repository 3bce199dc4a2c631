/* The ldso demo: before main, the dynamic loader opens and maps libm
 * and libc (read-only opens: each variant makes its own, a local fd
 * and its own addresses).  Then the program opens a file for writing:
 * the platform opens it once and every variant sees fd 256.  It works
 * in the directory given as its argument (mvdb --demo makes one). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *path = "ldso.txt";
	/* libm is needed at run time: the loader has one more library to
	 * map (the argument keeps the compiler from folding the call). */
	double root = sqrt((double)(argc + 14));
	FILE *out;

	if (argc > 1 && chdir(argv[1]) != 0) {
		perror(argv[1]);
		return 2;
	}
	out = fopen(path, "w");

	if (!out) {
		perror(path);
		return 1;
	}
	fprintf(out, "hello, file: the square root of 16 is %g\n", root);
	if (fclose(out) != 0) {
		perror(path);
		return 1;
	}
	printf("wrote %s\n", path);
	return 0;
}
