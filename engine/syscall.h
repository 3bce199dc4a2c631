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

/* How an argument's content is read from a variant before the call. */
enum argread {
	RD_NONE,	/* it has none (a value, or an output) */
	RD_STRING,	/* NUL-terminated */
	RD_BYTES,	/* as many bytes as its length argument says */
	RD_STRUCT,	/* its struct (times its count argument) */
	RD_IOV,		/* the buffers of an iovec array, joined */
	RD_STRARRAY,	/* a NULL-terminated array of strings */
};

/* How two variants' arguments are compared. */
enum argcmp {
	CMP_NEVER,	/* not at all (addresses differ on purpose) */
	CMP_VALUE,	/* by value */
	CMP_CONTENT,	/* by the content read (NULL against NULL) */
	CMP_PRESENCE,	/* an output: only whether it is NULL */
};

/* What the platform's own call gets in the argument's place. */
enum argpass {
	PASS_VALUE,	/* the value as it is */
	PASS_FD,	/* the platform's real descriptor for the number */
	PASS_DIRFD,	/* the same, or the path resolved in the variant */
	PASS_PATH,	/* the path resolved as the variant sees it */
	PASS_CONTENT,	/* the monitor's copy of the content */
	PASS_SOCKADDR,	/* the copy, a relative AF_UNIX path resolved */
	PASS_INOUT,	/* a monitor buffer holding a copy, copied out */
	PASS_OUTBUF,	/* a monitor buffer of the length argument's size */
	PASS_OUTSTRUCT,	/* a monitor buffer of the struct's size */
	PASS_IOV_IN,	/* one iovec over the joined copy */
	PASS_IOV_OUT,	/* one iovec over a buffer of the sum of lengths */
	PASS_SOCKADDR_OUT, /* a buffer and a socklen_t of the monitor's */
	PASS_NEVER,	/* not translatable: the call cannot run there */
};

/* What is copied into every variant after the platform ran the call. */
enum argout {
	OUT_NONE,	/* nothing */
	OUT_RESULT,	/* as many bytes as the result says */
	OUT_STRUCT,	/* the struct (times its count argument) */
	OUT_IOV,	/* the result's bytes, scattered over the iovecs */
	OUT_SOCKADDR,	/* the address and its length */
};

/* What an argument is, which says how to read, compare, pass and copy
 * it: one line a kind in argkinds.def. */
#define ARGKIND(id, int32, read, cmp, pass, out) ARG_##id,
enum argkind {
#include "argkinds.def"
	ARG_KIND_COUNT
};
#undef ARGKIND

/* The line of one kind. */
struct argkind_info {
	const char *name;	/* "PATH" */
	bool int32;		/* the kernel takes 32 bits of it */
	unsigned char read;	/* enum argread */
	unsigned char cmp;	/* enum argcmp */
	unsigned char pass;	/* enum argpass */
	unsigned char out;	/* enum argout */
};

/* One argument of a call. */
struct argspec {
	unsigned char kind;	/* enum argkind */
	unsigned char len;	/* index of the size/count argument, or ARG_NOLEN */
	unsigned short aux;	/* flag set (ARG_FLAGS), struct (ARG_*STRUCT)
				   or enum bufshow (ARG_OUTBUF) */
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
	CL_LOCAL = 1 << 12,	/* no meeting point: answered at its stop
				   during continue (local.h) */
	CL_PLAIN = 1 << 13,	/* no meeting point either on a plain local
				   file (local.h) */
	CL_NONBLOCK = 1 << 14,	/* waits only where its descriptor blocks:
				   on one set O_NONBLOCK it answers at once */
	CL_COUNT = 15
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
	X(pair) X(msg) X(mmsg) X(poll) X(select) X(mmap) X(lookup)        \
	X(flock) X(samefile) X(sigaction) X(signal) X(wait) X(getppid)    \
	X(affinity) X(rlimit) X(refuse) X(epoll) X(sock) X(outside)       \
	X(sockopt) X(sigwait) X(msgrcv) X(semctl)
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
	XT_FIELD,	/* an enumerated field (the set's first entry is its
			   mask: open's access mode), then bits */
};

/* How an output buffer (ARG_OUTBUF, its aux) is shown, as strace. */
enum bufshow {
	BUF_STRING,	/* a C string literal, cut at the string size */
	BUF_HEX,	/* the same with every byte \xNN (random bytes) */
	BUF_DIRENTS,	/* getdents' entries: the address and their count */
	BUF_DIRENTS64,	/* getdents64's */
	BUF_CPUSET,	/* a CPU mask: the numbers of the CPUs in it */
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

/* The line of kind k (argkinds.def). */
const struct argkind_info *argkind_get(enum argkind k);
/* Whether mvdb reads kind k's content from the variants and compares
 * it: strings, input buffers and structs, iovecs, argv, socket
 * addresses. */
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
