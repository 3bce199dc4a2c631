/* Looking into stopped variants: fd tables, registers, memory, maps.
 * For front ends and commands; nothing here changes a variant.  Each
 * function reads variant v of the current set (s->cur); its inspect_set_
 * twin reads variant v of any set (an id of s->sets).  Messages name a
 * variant of a set other than set 0 as "set 2 variant 1". */
#ifndef MVDB_INSPECT_H
#define MVDB_INSPECT_H

#include <stdbool.h>
#include <signal.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/user.h>

#include "error.h"
#include "session.h"

#define FDROW_PATH_MAX 512

/* One descriptor as a variant sees it. */
struct fdrow {
	int num;		/* the number the variant uses */
	bool platform;		/* held by the platform (else local) */
	int realfd;		/* platform: the monitor's descriptor */
	int flags;		/* open flags (O_ACCMODE, O_APPEND, ...) */
	long long offset;	/* file position, or -1 when it has none */
	bool tracked;		/* local: mvdb saw it opened (else only
				   found in /proc) */
	char path[FDROW_PATH_MAX]; /* what it names */
};

/* Variant v's descriptors, local and platform, sorted by number; local
 * ones come from /proc/PID/fd (with positions from fdinfo), platform
 * ones from the platform's map.  Returns the count and sets *rows (the
 * caller frees it), or -1 with err. */
int inspect_fds(const struct session *s, int v, struct fdrow **rows,
		struct error *err);

int inspect_set_fds(const struct session *s, int set, int v,
		    struct fdrow **rows, struct error *err);

/* Variant v's registers (it must be stopped). */
int inspect_regs(const struct session *s, int v, struct user_regs_struct *regs,
		 struct error *err);
int inspect_set_regs(const struct session *s, int set, int v,
		     struct user_regs_struct *regs, struct error *err);
/* The value of register name ("rax", "sp", "pc", "eax"...) or -1 with
 * err when there is no such register. */
int inspect_reg(const struct user_regs_struct *regs, const char *name,
		unsigned long *value, struct error *err);
/* Where register name lies in struct user_regs_struct, and its width
 * (64, or 32 for the low halves); -1 when there is no such register. */
int inspect_reg_offset(const char *name, size_t *off, int *bits);
/* Register names, NULL-terminated (for completion and info registers). */
extern const char *const inspect_reg_names[];

/* The siginfo of the signal variant v of set stopped with (a fault
 * about to be delivered, as the engine read it at the stop), or -1 with
 * err when it is not stopped by one. */
int inspect_set_siginfo(const struct session *s, int set, int v,
			siginfo_t *si, struct error *err);

/* Reads len bytes at addr of variant v.  Returns the bytes read, or -1
 * with err ("variant 1: cannot access memory at 0x10: ..."). */
ssize_t inspect_read(const struct session *s, int v, unsigned long addr,
		     void *buf, size_t len, struct error *err);
ssize_t inspect_set_read(const struct session *s, int set, int v,
			 unsigned long addr, void *buf, size_t len,
			 struct error *err);

/* Where addr lies in pid's memory, as a person reads it: "libc.so.6+0x1234"
 * (its offset in the file mapped there), "[stack]", "[heap]", "an
 * anonymous mapping"; false with buf "" when nothing is mapped there. */
bool inspect_mapping(pid_t pid, unsigned long addr, char *buf, size_t size);
/* Where variant i of set is, in words (format_state_words), with the
 * call where that says more: one that stands at a call the set's other
 * variants have not all reached says which ("at write, waiting"), one
 * stopped where it ran says what it sleeps in ("interrupted in futex
 * (a lock)"), read from /proc.  A variant held by a lock while its
 * counterpart waits shows a cycle across variants. */
size_t inspect_state(const struct session *s, const struct vset *set, int i,
		     char *buf, size_t size);
/* The same, and a variant mvdb lets run is looked at too: where it
 * sleeps ("in futex (a lock)"), as watch.stalled wants it. */
size_t inspect_state_now(const struct session *s, const struct vset *set,
			 int i, char *buf, size_t size);
/* Whether set's variants stand apart: one waits at a call for a
 * counterpart that runs code or a call of its own, not the set's (as a
 * leader runs wait4, or a stand-in waits for the platform).  How a
 * lock cycle across variants looks, as it lasts. */
bool inspect_apart(const struct session *s, const struct vset *set);
/* Variant v's memory map (/proc/PID/maps), newly allocated, or NULL. */
char *inspect_maps(const struct session *s, int v, struct error *err);
char *inspect_set_maps(const struct session *s, int set, int v,
		       struct error *err);

#endif
