/* Variant memory access: process_vm_*, then /proc/PID/mem, then ptrace. */
#include "mem.h"
#include "ptrace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define WORD sizeof(unsigned long)

static ssize_t vm_read(pid_t pid, unsigned long addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)addr, len };

	return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

static ssize_t vm_write(pid_t pid, unsigned long addr, const void *buf,
			size_t len)
{
	struct iovec local = { (void *)buf, len };
	struct iovec remote = { (void *)addr, len };

	return process_vm_writev(pid, &local, 1, &remote, 1, 0);
}

static int proc_open(pid_t pid, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	return open(path, flags | O_CLOEXEC);
}

/* One pread or pwrite on /proc/PID/mem, keeping errno. */
static ssize_t proc_rw(pid_t pid, unsigned long addr, void *buf, size_t len,
		       bool write)
{
	int fd = proc_open(pid, write ? O_RDWR : O_RDONLY);
	ssize_t n;
	int saved;

	if (fd == -1)
		return -1;
	n = write ? pwrite(fd, buf, len, (off_t)addr)
		  : pread(fd, buf, len, (off_t)addr);
	saved = errno;
	close(fd);
	errno = saved;
	return n;
}

static ssize_t proc_read(pid_t pid, unsigned long addr, void *buf, size_t len)
{
	return proc_rw(pid, addr, buf, len, false);
}

static ssize_t proc_write(pid_t pid, unsigned long addr, const void *buf,
			  size_t len)
{
	return proc_rw(pid, addr, (void *)buf, len, true);
}

static ssize_t peek_read(pid_t pid, unsigned long addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		unsigned long at = addr + done;
		unsigned long base = at & ~(WORD - 1);
		size_t skip = at - base;
		size_t n = WORD - skip;
		unsigned long word;

		if (pt_peek(pid, base, &word) == -1)
			return done ? (ssize_t)done : -1;
		if (n > len - done)
			n = len - done;
		memcpy((char *)buf + done, (char *)&word + skip, n);
		done += n;
	}
	return (ssize_t)done;
}

static ssize_t peek_write(pid_t pid, unsigned long addr, const void *buf,
			  size_t len)
{
	size_t done = 0;

	while (done < len) {
		unsigned long at = addr + done;
		unsigned long base = at & ~(WORD - 1);
		size_t skip = at - base;
		size_t n = WORD - skip;
		unsigned long word = 0;

		if (n > len - done)
			n = len - done;
		if ((skip || n < WORD) && pt_peek(pid, base, &word) == -1)
			return -1;
		memcpy((char *)&word + skip, (const char *)buf + done, n);
		if (pt_poke(pid, base, word) == -1)
			return -1;
		done += n;
	}
	return (ssize_t)done;
}

ssize_t mem_read_with(enum memmethod m, pid_t pid, unsigned long addr,
		      void *buf, size_t len)
{
	ssize_t n;

	if (len == 0)
		return 0;
	switch (m) {
	case MEM_VM:
		return vm_read(pid, addr, buf, len);
	case MEM_PROC:
		return proc_read(pid, addr, buf, len);
	case MEM_PEEK:
		return peek_read(pid, addr, buf, len);
	case MEM_AUTO:
		break;
	}
	n = vm_read(pid, addr, buf, len);
	if (n == (ssize_t)len)
		return n;
	/* A short or failed read may stop at an unreadable page that
	 * /proc/PID/mem can still see; fall back for the rest. */
	if (n < 0)
		n = 0;
	{
		ssize_t m2 = proc_read(pid, addr + n, (char *)buf + n, len - n);

		if (m2 < 0 && errno != EIO && errno != EFAULT)
			m2 = peek_read(pid, addr + n, (char *)buf + n, len - n);
		if (m2 > 0)
			return n + m2;
		if (n > 0)
			return n;
		errno = errno ? errno : EFAULT;
		return -1;
	}
}

int mem_write_with(enum memmethod m, pid_t pid, unsigned long addr,
		   const void *buf, size_t len)
{
	ssize_t n = -1;

	if (len == 0)
		return 0;
	switch (m) {
	case MEM_VM:
		n = vm_write(pid, addr, buf, len);
		break;
	case MEM_PROC:
		n = proc_write(pid, addr, buf, len);
		break;
	case MEM_PEEK:
		n = peek_write(pid, addr, buf, len);
		break;
	case MEM_AUTO:
		n = vm_write(pid, addr, buf, len);
		if (n != (ssize_t)len)
			n = proc_write(pid, addr, buf, len);
		if (n != (ssize_t)len && errno != EIO && errno != EFAULT)
			n = peek_write(pid, addr, buf, len);
		break;
	}
	if (n == (ssize_t)len)
		return 0;
	if (n >= 0)
		errno = EFAULT;
	return -1;
}

unsigned long mem_stack_store(pid_t pid, unsigned long below,
			      const void *buf, size_t len)
{
	unsigned long at = (below - len) & ~15ul;

	return mem_store(pid, at, buf, len) == 0 ? at : 0;
}

int mem_store(pid_t pid, unsigned long addr, const void *buf, size_t len)
{
	ssize_t n;

	if (len == 0)
		return 0;
	n = vm_write(pid, addr, buf, len);
	if (n == (ssize_t)len)
		return 0;
	if (n >= 0)
		errno = EFAULT;
	return -1;
}

int mem_probe_store(pid_t pid, unsigned long addr, size_t len)
{
	if (!len)
		return 0;
	for (unsigned long page = addr >> 12; page <= (addr + len - 1) >> 12;
	     page++) {
		unsigned long at = page << 12 > addr ? page << 12 : addr;
		unsigned char b;

		if (vm_read(pid, at, &b, 1) != 1 || vm_write(pid, at, &b, 1) != 1) {
			errno = EFAULT;
			return -1;
		}
	}
	return 0;
}

ssize_t mem_read(pid_t pid, unsigned long addr, void *buf, size_t len)
{
	return mem_read_with(MEM_AUTO, pid, addr, buf, len);
}

int mem_write(pid_t pid, unsigned long addr, const void *buf, size_t len)
{
	return mem_write_with(MEM_AUTO, pid, addr, buf, len);
}

ssize_t mem_read_string(pid_t pid, unsigned long addr, char *buf, size_t max)
{
	size_t done = 0;

	if (max == 0)
		return 0;
	/* Read page by page so a string near the end of a mapping is found
	 * without touching the page after it. */
	while (done < max) {
		unsigned long at = addr + done;
		size_t n = 4096 - (at & 4095);
		ssize_t got;
		char *nul;

		if (n > max - done)
			n = max - done;
		got = mem_read(pid, at, buf + done, n);
		if (got <= 0)
			return done ? (buf[done] = '\0', (ssize_t)done) : -1;
		nul = memchr(buf + done, '\0', (size_t)got);
		if (nul)
			return nul - buf;
		done += (size_t)got;
	}
	buf[max - 1] = '\0';
	return (ssize_t)max;
}
