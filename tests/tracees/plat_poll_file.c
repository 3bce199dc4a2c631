/* Writes the file "ready", then polls with access(2) (with "stat",
 * stat(2)), as fast as it can, until the file "go" exists (someone
 * outside the program creates it), and says so; gives up after 5 s.
 * Under mvdb every variant must see "go" at the same turn of the loop,
 * though it appears between two variants' looks. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int look(int by_stat)
{
	struct stat st;

	return by_stat ? stat("go", &st) : access("go", F_OK);
}

int main(int argc, char **argv)
{
	FILE *f = fopen("ready", "w");
	time_t until = time(NULL) + 5;
	int by_stat = argc > 1 && strcmp(argv[1], "stat") == 0;

	if (!f)
		return 2;
	fclose(f);
	while (look(by_stat) != 0)
		if (time(NULL) > until) {
			printf("no go\n");
			return 1;
		}
	printf("saw go\n");
	return 0;
}
