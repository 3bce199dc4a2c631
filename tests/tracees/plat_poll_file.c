/* Writes the file "ready", then polls with access(2), as fast as it
 * can, until the file "go" exists (someone outside the program creates
 * it), and says so; gives up after 5 s.  Under mvdb every variant must
 * see "go" at the same turn of the loop, though it appears between two
 * variants' looks. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	FILE *f = fopen("ready", "w");
	time_t until = time(NULL) + 5;

	if (!f)
		return 2;
	fclose(f);
	while (access("go", F_OK) != 0)
		if (time(NULL) > until) {
			printf("no go\n");
			return 1;
		}
	printf("saw go\n");
	return 0;
}
