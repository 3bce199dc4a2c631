/* A file opened read-only (each variant's own) as the input of
 * sendfile, splice and copy_file_range into descriptors the platform
 * holds (a file opened for writing, a pipe): the data arrives once, and
 * the input's offset moves as natively when the call uses it, and stays
 * when the call is given one. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/sendfile.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	int in, out, p[2];
	off_t at = 2;
	loff_t lat = 1;
	ssize_t n;

	out = open("src.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0 || write(out, "0123456789", 10) != 10 || close(out))
		return 1;
	in = open("src.txt", O_RDONLY);
	out = open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (in < 0 || out < 0 || pipe(p))
		return 1;
	n = sendfile(out, in, NULL, 4);
	printf("sendfile: %zd, offset %ld\n", n, (long)lseek(in, 0, SEEK_CUR));
	n = sendfile(out, in, &at, 3);
	printf("sendfile at 2: %zd, at %ld, offset %ld\n", n, (long)at,
	       (long)lseek(in, 0, SEEK_CUR));
	n = splice(in, NULL, p[1], NULL, 2, 0);
	printf("splice: %zd, offset %ld", n, (long)lseek(in, 0, SEEK_CUR));
	n = read(p[0], buf, sizeof(buf));
	printf(", piped %.*s\n", (int)(n > 0 ? n : 0), buf);
	n = copy_file_range(in, &lat, out, NULL, 2, 0);
	printf("copy_file_range at 1: %zd, at %ld, offset %ld\n", n,
	       (long)lat, (long)lseek(in, 0, SEEK_CUR));
	return close(out) != 0;
}
