/* Four threads, each writing a file of its own through a platform fd
 * (argv[1] is the directory); the main thread joins them and reads the
 * files back. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *dir;

static void *work(void *arg)
{
	long k = (long)arg;
	char path[4096], line[64];
	int fd, n;

	snprintf(path, sizeof(path), "%s/thread%ld.txt", dir, k);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return (void *)1;
	n = snprintf(line, sizeof(line), "thread %ld wrote this\n", k);
	if (write(fd, line, (size_t)n) != n)
		return (void *)1;
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[4];
	int bad = 0;

	if (argc < 2)
		return 2;
	dir = argv[1];
	for (long k = 0; k < 4; k++)
		pthread_create(&t[k], NULL, work, (void *)k);
	for (int k = 0; k < 4; k++) {
		void *r;

		pthread_join(t[k], &r);
		bad |= r != NULL;
	}
	for (int k = 0; k < 4; k++) {
		char path[4096], buf[64] = "";
		FILE *f;

		snprintf(path, sizeof(path), "%s/thread%d.txt", dir, k);
		f = fopen(path, "r");
		if (!f || !fgets(buf, sizeof(buf), f))
			bad = 1;
		else
			fputs(buf, stdout);
		if (f)
			fclose(f);
	}
	return bad;
}
