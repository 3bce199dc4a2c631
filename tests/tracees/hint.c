/* Prints a value that differs between the variants for a reason the
 * divergence report's hint should name:
 *   heap    a heap address          libc    an address in libc
 *   pid     its pid from /proc      time    a time stamp made unique
 *                                           per process (ns + pid)
 *   name    a name made of random letters and digits
 *   random  raw random bytes
 *   pointer an address written raw (as a program writes a pointer to
 *           its own pipe), its first differing byte printable: a
 *           binary word still, not text
 *   read    bytes read from /proc/self/stat, as read (the pid's last
 *           three digits: no kind of value, only where they came from,
 *           unless the pid has only three)
 * The random bytes are the kernel's AT_RANDOM (mvdb replicates
 * getrandom and /dev/urandom, so those agree). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static void random_bytes(unsigned char *buf, size_t len)
{
	memcpy(buf, (const void *)getauxval(AT_RANDOM), len);
}

/* The first size - 1 bytes of /proc/self/stat, read as they are:
 * part of the line is each variant's own under mvdb (the whole line
 * names variant 0's pid, as getpid does).  Returns the count read. */
static ssize_t own_stat(char *buf, size_t size)
{
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* The variant's own pid, from the start of its stat. */
static int own_pid(void)
{
	char stat[32];

	return own_stat(stat, sizeof(stat)) > 0 ? atoi(stat) : -1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "heap";
	unsigned char bytes[8];
	char line[64];
	int len = 0;

	if (strcmp(mode, "heap") == 0) {
		len = snprintf(line, sizeof(line), "%p\n", malloc(16));
	} else if (strcmp(mode, "libc") == 0) {
		len = snprintf(line, sizeof(line), "%p\n", (void *)printf);
	} else if (strcmp(mode, "pid") == 0) {
		int pid = own_pid();

		if (pid <= 0)
			return 2;
		len = snprintf(line, sizeof(line), "pid %d\n", pid);
	} else if (strcmp(mode, "time") == 0) {
		struct timespec ts;
		int pid = own_pid();

		/* The clock agrees in every variant (mvdb runs it once);
		 * the pid from /proc does not. */
		if (pid <= 0 || clock_gettime(CLOCK_REALTIME, &ts) != 0)
			return 2;
		len = snprintf(line, sizeof(line), "id %lld\n",
			       (long long)ts.tv_sec * 1000000000LL +
				       ts.tv_nsec + pid);
	} else if (strcmp(mode, "read") == 0) {
		char stat[32];
		size_t digits;

		if (own_stat(stat, sizeof(stat)) <= 0)
			return 2;
		digits = strspn(stat, "0123456789");
		if (digits < 3)
			return 2;
		len = snprintf(line, sizeof(line), "tail %.3s\n",
			       stat + digits - 3);
	} else if (strcmp(mode, "name") == 0) {
		random_bytes(bytes, 8);
		len = snprintf(line, sizeof(line), "/tmp/work.");
		/* A letter, a digit, a letter...: always both kinds. */
		for (int i = 0; i < 8; i++)
			line[len++] = i % 2 ? (char)('0' + bytes[i] % 10) :
					      (char)('a' + bytes[i] % 26);
		line[len++] = '\n';
	} else if (strcmp(mode, "pointer") == 0) {
		char *map = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uintptr_t at = (uintptr_t)map + 0x10000;

		if (map == MAP_FAILED)
			return 2;
		/* still in the mapping: its low byte 0x08 in every variant,
		 * the next a letter that the layout picks */
		at = (at & ~(uintptr_t)0xffff) |
		     (uintptr_t)('A' + (at >> 16 & 0x1f)) << 8 | 0x08;
		memcpy(line, &at, sizeof(at));
		len = sizeof(at);
	} else if (strcmp(mode, "random") == 0) {
		random_bytes(bytes, 8);
		memcpy(line, bytes, 8);
		len = 8;
	}
	return write(1, line, (size_t)len) == len ? 0 : 1;
}
