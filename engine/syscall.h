/* The x86-64 system call table: what every call takes and how mvdb treats it.
 *
 * The table itself is data, declared once in syscalls.def; flag sets come
 * from xlat.def and argument structures from structs.def.  Decoding,
 * comparison, the file policy, filters and completion all read it.
 */
#ifndef MVDB_SYSCALL_H
#define MVDB_SYSCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SYSCALL_MAX_ARGS 6
#define SYSCALL_NR_LIMIT 512	/* table size: above every x86-64 number */
#define ARG_NOLEN 7		/* argspec.len when no argument gives a length */

/* What an argument is, which says how to compare, decode and route it. */
enum argkind {
	ARG_NONE,	/* not an argument of this call */
	ARG_INT,	/* signed int, compared by value */
	ARG_UINT,	/* unsigned int, compared by value */
	ARG_LONG,	/* signed long (off_t, ssize_t), compared by value */
	ARG_ULONG,	/* unsigned long (size_t), compared by value */
	ARG_HEX,	/* integer best shown in hex, compared by value */
	ARG_MODE,	/* file mode, shown in octal, compared by value */
	ARG_FD,		/* file descriptor, compared by the number seen */
	ARG_DIRFD,	/* fd or AT_FDCWD, the base of a relative path */
	ARG_FLAGS,	/* flags or a named constant; aux = flag set */
	ARG_SIGNAL,	/* signal number */
	ARG_PID,	/* process or thread id, translated per variant */
	ARG_PATH,	/* NUL-terminated path, compared by content */
	ARG_STR,	/* other NUL-terminated string, compared by content */
	ARG_INBUF,	/* input bytes; len = argument giving the size */
	ARG_OUTBUF,	/* output bytes, size in len, filled size = result */
	ARG_INSTRUCT,	/* input struct; aux = struct; len = count arg */
	ARG_OUTSTRUCT,	/* output struct; aux = struct; len = count arg */
	ARG_IOSTRUCT,	/* struct read and written by the kernel */
	ARG_IOV_IN,	/* iovec array of input buffers; len = count arg */
	ARG_IOV_OUT,	/* iovec array of output buffers; len = count arg */
	ARG_STRARRAY,	/* NULL-terminated array of strings (argv, envp) */
	ARG_SOCKADDR,	/* input socket address; len = length argument */
	ARG_SOCKADDR_OUT, /* output socket address; len = socklen pointer */
	ARG_PTR,	/* an address: shown, never compared */
	ARG_KIND_COUNT
};

/* One argument of a call. */
struct argspec {
	unsigned char kind;	/* enum argkind */
	unsigned char len;	/* index of the size/count argument, or ARG_NOLEN */
	unsigned short aux;	/* flag set (ARG_FLAGS) or struct (ARG_*STRUCT) */
};

/* Classes, as strace's -e trace=%class. A call may be in several. */
enum {
	CL_FILE = 1 << 0,	/* takes a file name */
	CL_DESC = 1 << 1,	/* takes or returns a file descriptor */
	CL_NETWORK = 1 << 2,	/* sockets */
	CL_PROCESS = 1 << 3,	/* process life cycle */
	CL_SIGNAL = 1 << 4,	/* signals */
	CL_IPC = 1 << 5,	/* System V IPC */
	CL_MEMORY = 1 << 6,	/* memory mapping */
	CL_CREDS = 1 << 7,	/* user and group ids, capabilities */
	CL_CLOCK = 1 << 8,	/* reads or sets clocks */
	CL_STAT = 1 << 9,	/* stat variants */
	CL_STATFS = 1 << 10,	/* statfs variants */
	CL_PURE = 1 << 11,	/* no arguments, always succeeds */
	CL_COUNT = 12
};

/* Where a call runs.  See DESIGN.md, "The lockstep engine", step 4. */
enum policy {
	POL_VARIANT,	/* every variant runs it on its own process state */
	POL_FD,		/* routed by its first fd argument: local or platform */
	POL_OPEN,	/* open family: read-only files local, others platform */
	POL_PLATFORM,	/* run once by the platform (file-system changes) */
	POL_ONCE,	/* run once by the platform, outputs copied to all */
	POL_ID,		/* returns the caller's id: variant 0's is shown to all */
	POL_SETID,	/* runs in every variant, result becomes variant 0's */
	POL_EXIT,	/* ends the process or thread */
	POL_EXEC,	/* replaces the program */
	POL_PROCESS,	/* creates a process or thread */
	POL_SPECIAL,	/* handled by a routine of its own (dup, close, ...) */
	POL_COUNT
};

/* Routines of their own, named by the hook column of syscalls.def.
 * A call of a hook gets the policy's rule for it (policy.c: decide, and
 * finish after it ran in the variants) and the platform's way of
 * running it (platform.c), where either exists. */
#define HOOK_LIST(X)                                                        \
	X(none) X(open) X(close) X(close_range) X(dup) X(fcntl) X(ioctl)  \
	X(pair) X(msg) X(poll) X(select) X(mmap) X(lookup) X(flock)       \
	X(sigaction) X(signal) X(wait) X(getppid) X(affinity) X(rlimit)   \
	X(refuse)
#define HOOK_ENUM(name) HOOK_##name,
enum hook {
	HOOK_LIST(HOOK_ENUM)
	HOOK_COUNT
};
#undef HOOK_ENUM

/* What the result is. */
enum retkind {
	RET_INT,	/* 0 or -errno, or a count */
	RET_SIZE,	/* a byte count */
	RET_FD,		/* a new file descriptor */
	RET_PID,	/* a process id */
	RET_ADDR,	/* an address */
	RET_HEX,	/* a value best shown in hex */
	RET_NONE,	/* does not return (exit, rt_sigreturn) */
	RET_KIND_COUNT
};

/* Flag sets and named constants, from xlat.def. */
#define XLAT_SET(id, type) id,
#define XLAT(id, value, name)
enum flagset {
#include "xlat.def"
	FLAGSET_COUNT
};
#undef XLAT_SET
#undef XLAT

/* How a flag set reads. */
enum xlattype {
	XT_BITS,	/* OR of bits */
	XT_ENUM,	/* one value of a list */
	XT_OPEN,	/* open flags: access mode in the low two bits, then bits */
};

/* Argument structures, from structs.def. */
#define STRUCT(id, size, ptrfree, follows) id,
enum structid {
#include "structs.def"
	STRUCT_COUNT
};
#undef STRUCT

/* One system call. */
struct syscall {
	const char *name;	/* NULL for numbers the kernel does not use */
	unsigned short classes;	/* CL_* bits */
	unsigned char policy;	/* enum policy */
	unsigned char hook;	/* enum hook */
	unsigned char ret;	/* enum retkind */
	unsigned char nargs;	/* arguments used */
	struct argspec args[SYSCALL_MAX_ARGS];	/* their kinds */
};

/* Kinds whose content mvdb reads from the variants and compares:
 * strings, input buffers and structs, iovecs, argv, socket addresses. */
bool argkind_has_content(enum argkind k);

/* The entry for nr, or NULL when nr is outside the table or unused. */
const struct syscall *syscall_get(long nr);
/* The number of the call named name, or -1. */
long syscall_lookup(const char *name);
/* The name of nr, or "syscall_NNN" in a static buffer for unknown numbers. */
const char *syscall_name(long nr);
/* The name of a hook ("dup"). */
const char *syscall_hook_name(enum hook h);
/* The class bit named name ("file", "%file"), or 0. */
unsigned syscall_class_lookup(const char *name);
/* The name of class bit index i (0..CL_COUNT-1). */
const char *syscall_class_name(unsigned i);

/* Flag sets: the name of value in a named-constant set, or NULL. */
const char *xlat_name(enum flagset set, unsigned long value);
/* Render flags as strace does ("O_WRONLY|O_CREAT|0x80000") into buf. */
size_t xlat_format(enum flagset set, unsigned long value, char *buf, size_t size);

/* Byte size of one struct, and whether it holds no pointers (so it may
 * be compared byte for byte). */
size_t struct_size(enum structid id);
bool struct_ptrfree(enum structid id);
/* Whether the kernel follows an address inside the struct: such a
 * struct of a variant never reaches a call of the monitor as it is. */
bool struct_follows(enum structid id);
const char *struct_name(enum structid id);

#endif
