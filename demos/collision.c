/* The collision demo: why platform fds start at an offset.  a.txt is
 * opened read-write: the platform opens it, the variants see 256.
 * b.txt is opened read-only: every variant opens it itself and its
 * kernel gives it 3.  Both are read and printed.  It works in the
 * directory given as its argument (mvdb --demo makes one). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t len = (ssize_t)strlen(text);

	if (fd < 0 || write(fd, text, (size_t)len) != len || close(fd) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

static int show(int fd, const char *path)
{
	char buf[64];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n < 0) {
		perror(path);
		return -1;
	}
	buf[n] = '\0';
	printf("fd %d is %s: %s", fd, path, buf);
	return 0;
}

int main(int argc, char **argv)
{
	int a, b;

	if (argc < 2 || chdir(argv[1]) != 0) {
		fprintf(stderr, "usage: collision DIRECTORY\n");
		return 2;
	}
	if (make_file("a.txt", "apples\n") || make_file("b.txt", "bananas\n"))
		return 1;
	a = open("a.txt", O_RDWR);
	b = open("b.txt", O_RDONLY);
	if (a < 0 || b < 0) {
		perror("open");
		return 1;
	}
	if (show(a, "a.txt") || show(b, "b.txt"))
		return 1;
	return 0;
}
