/* The aslr-leak demo: prints where one of its local variables lives.
 * Under ASLR every variant's stack is somewhere else, so the line
 * differs: the divergence mvdb stops at, before it is written.  With
 * --no-aslr the variants agree. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Writes the line itself (no stdio buffer), so the write is made here
 * and `bt` at it names this function. */
static __attribute__((noinline)) void say_where(const void *p)
{
	char line[80];
	int n = snprintf(line, sizeof(line), "my local variable is at %p\n", p);

	if (write(1, line, (size_t)n) != n)
		_exit(1);
}

int main(void)
{
	int local = 42;

	say_where(&local);
	return local - 42;
}
