/* Reads through every kind of descriptor a program can hold at a low
 * number: in batch runs a read of a plain file makes no stop
 * (fastread.c), so a read of anything else there must still reach the
 * monitor: a pipe dup'ed below the offset (dup, dup2, F_DUPFD: read,
 * and looked at with fstat, which glibc makes as newfstatat), a
 * /proc file, a memfd, a directory; and a plain file read by a second
 * thread.  Prints what each read gave; natively the same. */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* Reads fd into a line of its own, as "what: text". */
static void show(const char *what, int fd)
{
	char buf[64];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n < 0) {
		printf("%s: error\n", what);
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("%s: %s\n", what, buf);
}

/* A pipe with text in it, read through the number dup made. */
static void piped(const char *what, int how)
{
	struct stat st;
	int p[2], fd;

	if (pipe(p) != 0)
		exit(1);
	if (write(p[1], what, strlen(what)) < 0)
		exit(1);
	close(p[1]);
	fd = how == 0 ? dup(p[0]) : how == 1 ? dup2(p[0], 7) :
	     fcntl(p[0], F_DUPFD, 10);
	printf("%s at a number below 256: %d\n", what, fd >= 0 && fd < 256);
	/* glibc's fstat: newfstatat(fd, "", AT_EMPTY_PATH) */
	printf("%s is a pipe to fstat: %d\n", what,
	       fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode));
	show(what, fd);
	close(fd);
	close(p[0]);
}

static void *reader(void *arg)
{
	char buf[16] = "";
	ssize_t n = pread((int)(long)arg, buf, 5, 0);

	printf("a thread's pread of the file: %zd %.5s\n", n, buf);
	return NULL;
}

int main(void)
{
	char buf[32] = "";
	struct iovec iov = { buf, 4 };
	int fd, dir, mem;
	pthread_t t;
	FILE *f = fopen("plain.txt", "w");

	fputs("plain file text\n", f);
	fclose(f);
	fd = open("plain.txt", O_RDONLY);
	show("plain file", fd);
	lseek(fd, 6, SEEK_SET);
	printf("readv after lseek: %zd %.4s\n", readv(fd, &iov, 1), buf);
	piped("dup of a pipe", 0);
	piped("dup2 of a pipe to 7", 1);
	piped("F_DUPFD of a pipe from 10", 2);
	mem = (int)syscall(SYS_memfd_create, "m", 0);
	if (write(mem, "memfd text", 10) != 10)
		return 1;
	lseek(mem, 0, SEEK_SET);
	show("memfd", mem);
	dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
	{
		int st = openat(dir, "comm", O_RDONLY);

		show("/proc/self/comm", st);
		close(st);
	}
	close(dir);
	{
		DIR *d = opendir(".");
		struct dirent *e;
		int n = 0;

		while ((e = readdir(d)))
			n += strcmp(e->d_name, "plain.txt") == 0;
		closedir(d);
		printf("the directory lists the file: %d\n", n);
	}
	pthread_create(&t, NULL, reader, (void *)(long)fd);
	pthread_join(t, NULL);
	show("the file after the thread", fd);
	close(fd);
	close(mem);
	unlink("plain.txt");
	return 0;
}
