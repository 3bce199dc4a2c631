/* The bundled demo: its shared library is mapped by ld.so in every
 * variant; the file it writes is opened once, by the platform (fd 256). */
#include <stdio.h>

int demo_greet(FILE *out, const char *who);

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "mvdb-demo.txt";
	FILE *out = fopen(path, "w");

	if (!out) {
		perror(path);
		return 1;
	}
	demo_greet(out, "file");
	demo_greet(stdout, "terminal");
	fclose(out);
	printf("wrote %s\n", path);
	return 0;
}
