/* Strings that end where memory ends: a page whose next page is not
 * mapped ends in "xy\0abc" (the last string has no NUL before the
 * gap), and then in "xy\0ab\0" (the next string would start in the
 * gap).  Each is named by a getpid's first argument (getpid ignores
 * it), for x/Ns $rdi. */
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, (size_t)(2 * page), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *end;

	if (p == MAP_FAILED || munmap(p + page, (size_t)page) != 0)
		return 1;
	end = p + page;
	memcpy(end - 6, "xy\0abc", 6);
	syscall(SYS_getpid, end - 6);
	memcpy(end - 6, "xy\0ab\0", 6);
	syscall(SYS_getpid, end - 6);
	return 0;
}
