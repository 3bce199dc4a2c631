/* Writes a file through a temporary name made from an address (as
 * Python writes its .pyc files: "path.<id(path)>"), then renames it into
 * place: under ASLR each variant makes another name, yet the file
 * arrives and no temporary file is left.  The open is given a copy of
 * the name, as Python's is (its str and the bytes it opens with are two
 * objects).  Lists the directory. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char name[64], *copy;
	int fd, n = 0;
	DIR *d;
	struct dirent *e;

	snprintf(name, sizeof(name), "made.txt.%lx", (unsigned long)name);
	copy = strdup(name);
	fd = copy ? open(copy, O_WRONLY | O_CREAT | O_EXCL, 0644) : -1;
	if (fd < 0 || write(fd, "contents\n", 9) != 9 || close(fd) != 0)
		return 1;
	if (rename(name, "made.txt") != 0)
		return 2;
	d = opendir(".");
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	printf("%d file(s) here\n", n);
	free(copy);
	return 0;
}
