/* The file policy seen from inside a variant.  Works in the directory
 * given as argv[1]; prints what it sees, one fact a line, and exits 0
 * only when every read returned the right file's bytes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

static int bad;

static void expect(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok" : "FAIL", what);
	bad |= !ok;
}

int main(int argc, char **argv)
{
	char buf[64];
	int a, b, c, d, e;
	struct rlimit rl;

	if (argc < 2 || chdir(argv[1]) == -1)
		return 2;
	/* b.txt exists beforehand, read-only: a local fd below 256. */
	a = open("a.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	b = open("b.txt", O_RDONLY);
	printf("a.txt fd %d\nb.txt fd %d\n", a, b);
	expect(a == 256, "a write open gets 256");
	expect(b >= 3 && b < 256, "a read-only open gets a local fd");
	expect(write(a, "AAAA", 4) == 4, "write to the platform fd");
	memset(buf, 0, sizeof(buf));
	expect(pread(a, buf, 4, 0) == 4 && memcmp(buf, "AAAA", 4) == 0,
	       "pread of the platform fd reads a.txt");
	memset(buf, 0, sizeof(buf));
	expect(read(b, buf, 4) == 4 && memcmp(buf, "BBBB", 4) == 0,
	       "read of the local fd reads b.txt");
	expect(lseek(a, 0, SEEK_CUR) == 4, "lseek on the platform fd");

	c = open("c.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	printf("c.txt fd %d\n", c);
	expect(c == 257, "a second write open gets 257");
	close(a);
	d = open("d.txt", O_WRONLY | O_CREAT | O_APPEND, 0644);
	printf("d.txt fd %d\n", d);
	expect(d == 256, "after closing 256 the next write open gets 256");

	expect(mmap(NULL, 4096, PROT_READ, MAP_SHARED, c, 0) == MAP_FAILED &&
	       errno == ENODEV, "mmap of a platform fd fails with ENODEV");
	expect(mmap(NULL, 4, PROT_READ, MAP_PRIVATE, b, 0) != MAP_FAILED,
	       "mmap of a local fd works");

	expect(dup2(b, 300) == -1 && errno == EBADF,
	       "dup2 of a local fd onto 300 is EBADF");
	e = dup(c);
	printf("dup of 257: %d\n", e);
	expect(e == 4, "a dup of a platform fd takes the lowest free number");
	expect(write(e, "via dup\n", 8) == 8, "write through the dup");
	expect(read(270, buf, 1) == -1 && errno == EBADF,
	       "a call on a platform number that is not open is EBADF");
	expect(open("no/such/dir/x", O_WRONLY | O_CREAT, 0644) == -1 &&
	       errno == ENOENT, "a failed platform open gives ENOENT");

	e = open("/dev/urandom", O_RDONLY);
	printf("/dev/urandom fd %d\n", e);
	expect(e >= 256, "a character device is the platform's");
	expect(read(e, buf, 16) == 16, "read of /dev/urandom");
	printf("urandom");
	for (int i = 0; i < 16; i++)
		printf(" %02x", (unsigned char)buf[i]);
	printf("\n");

	getrlimit(RLIMIT_NOFILE, &rl);
	printf("RLIMIT_NOFILE %ld %ld\n", (long)rl.rlim_cur, (long)rl.rlim_max);
	rl.rlim_cur = rl.rlim_max;
	expect(setrlimit(RLIMIT_NOFILE, &rl) == 0,
	       "RLIMIT_NOFILE is set up to the hard limit it sees");
	rl.rlim_cur = rl.rlim_max = rl.rlim_max + 1;
	expect(setrlimit(RLIMIT_NOFILE, &rl) == -1 && errno == EPERM,
	       "raising the hard RLIMIT_NOFILE is refused");

	/* Only what the program opened itself: no monitor descriptors. */
	{
		DIR *dir = opendir("/proc/self/fd");
		struct dirent *ent;

		printf("own fds:");
		while (dir && (ent = readdir(dir)))
			if (ent->d_name[0] != '.' && atoi(ent->d_name) != dirfd(dir))
				printf(" %s", ent->d_name);
		printf("\n");
		closedir(dir);
	}
	fflush(stdout);
	return bad;
}
