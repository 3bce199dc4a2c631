/* Reading and writing a variant's memory.
 *
 * process_vm_readv/writev first (one call for any size), /proc/PID/mem
 * where they fail (pages that are not writable), PTRACE_PEEKDATA/POKEDATA
 * last.  Errors name the variant's pid and the address.
 */
#ifndef MVDB_MEM_H
#define MVDB_MEM_H

#include <stddef.h>
#include <sys/types.h>

/* The ways in, for the benchmark and for tests that force one. */
enum memmethod {
	MEM_AUTO,	/* each in turn, fastest first */
	MEM_VM,		/* process_vm_readv/writev */
	MEM_PROC,	/* /proc/PID/mem */
	MEM_PEEK,	/* PTRACE_PEEKDATA/POKEDATA */
};

/* Reads len bytes at addr of pid into buf.  Returns the bytes read (short
 * only where memory ends), or -1 with errno when nothing could be read. */
ssize_t mem_read(pid_t pid, unsigned long addr, void *buf, size_t len);
/* Writes len bytes; all or nothing: returns 0, or -1 with errno. */
int mem_write(pid_t pid, unsigned long addr, const void *buf, size_t len);
/* Writes as the program's own store would (a system call's output):
 * honours the page protections, so a read-only page is EFAULT, where
 * mem_write would force it.  0, or -1 with errno. */
int mem_store(pid_t pid, unsigned long addr, const void *buf, size_t len);
#define MEM_RED_ZONE 128	/* bytes below a stack pointer the program
				   may use without moving it */

/* Stores len bytes (a string a call's register is then pointed at) on
 * pid's stack below below, 16-aligned: below is the stack pointer less
 * MEM_RED_ZONE, or what the last such store returned.  Returns where,
 * or 0 with errno. */
unsigned long mem_stack_store(pid_t pid, unsigned long below,
			      const void *buf, size_t len);
/* Whether the program could store len bytes at addr: one byte of each
 * page is read and written back as it was.  0, or -1 with EFAULT. */
int mem_probe_store(pid_t pid, unsigned long addr, size_t len);
/* Reads a NUL-terminated string of at most max bytes (NUL included) into
 * buf.  Returns its length without the NUL, max when it was cut, or -1. */
ssize_t mem_read_string(pid_t pid, unsigned long addr, char *buf, size_t max);

/* One method only, for the benchmark and tests. */
ssize_t mem_read_with(enum memmethod m, pid_t pid, unsigned long addr,
		      void *buf, size_t len);
int mem_write_with(enum memmethod m, pid_t pid, unsigned long addr,
		   const void *buf, size_t len);

#endif
