/* Makes system calls until it is killed: for interrupting `continue`. */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	for (;;)
		syscall(SYS_getppid);
}
