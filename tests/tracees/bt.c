/* Reaches write through functions of its own (built with -g, never
 * inlined), for bt, frame and x/i.  Built again with -DALT (bt_alt) it
 * reaches the same write through another middle function: run as a
 * --exe pair, the two stacks differ in one frame. */
#include <string.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

NOINLINE static void say(const char *text)
{
	write(1, text, strlen(text));
	__asm__ volatile("");	/* no tail call: say stays on the stack */
}

#ifdef ALT
NOINLINE static void middle_alt(const char *text)
{
	say(text);
	__asm__ volatile("");
}
#define MIDDLE middle_alt
#else
NOINLINE static void middle(const char *text)
{
	say(text);
	__asm__ volatile("");
}
#define MIDDLE middle
#endif

/* times lives in a register the callee keeps (it is used after the
 * call): bt shows its value, as gdb does. */
NOINLINE static void outer(int times)
{
	for (int i = 0; i < times; i++)
		MIDDLE("hello from the stack\n");
	__asm__ volatile("");
}

int main(int argc, char **argv)
{
	(void)argv;
	outer(argc);
	return 0;
}
