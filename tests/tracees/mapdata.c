/* Maps a file as data (read-only, not executable), as a program maps
 * an input it was given, then writes: the file is an ELF object
 * (/bin/true unless argv[1] names another), which the monitor must not
 * parse as the program's code. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/bin/true";
	int fd = open(path, O_RDONLY);
	struct stat st;
	void *p;

	if (fd < 0 || fstat(fd, &st) != 0)
		return 2;
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return 2;
	return write(1, "mapped\n", 7) == 7 ? 0 : 1;
}
