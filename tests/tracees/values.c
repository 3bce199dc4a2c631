/* For the print, display and condition tests, in this order: getcwd
 * with the address of a known int and size 0 (it fails without writing:
 * *(int *)$arg0 reads 0x12345678 in every variant, at addresses that
 * differ under ASLR); an open of a path that does not exist (ENOENT);
 * getppid twice from the same frame (the same $sp both times in a
 * variant, another one in each variant under ASLR); a write to stdout,
 * then one to stderr. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	volatile int known = 0x12345678;

	syscall(SYS_getcwd, (void *)&known, 0);
	if (open("/nonexistent/mvdb-values", O_RDONLY) >= 0)
		return 1;
	for (int i = 0; i < 2; i++)
		syscall(SYS_getppid);
	if (write(1, "out\n", 4) != 4)
		return 2;
	if (write(2, "err\n", 4) != 4)
		return 3;
	return known == 0x12345678 ? 0 : 4;
}
