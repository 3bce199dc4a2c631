/* Makes system calls until killed: for tests that kill the monitor. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("spinning\n");
	fflush(stdout);
	for (;;)
		getppid();
}
