/* The demo's shared library: loaded by the dynamic loader, which opens
 * and maps it read-only in every variant. */
#include <stdio.h>

int demo_greet(FILE *out, const char *who)
{
	return fprintf(out, "hello, %s, from a shared library\n", who);
}
