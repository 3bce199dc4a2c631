/* The platform: calls run once, in the monitor, on the variants' behalf.
 *
 * A platform call goes through three steps.  platform_prepare translates
 * variant 0's call (the variants agree, or it would not run) into one
 * system call of the monitor: platform numbers become real descriptors,
 * paths are resolved as the variant sees them, input contents are
 * copied, output buffers are the monitor's.  The monitor's call then
 * runs, in the tracer or, when it may wait, on a worker thread.
 * platform_finish copies its outputs into every variant (as the
 * program's own stores would: a read-only page gets EFAULT) and binds
 * new numbers.  No address of a variant ever reaches a call of the
 * monitor: structs that hold addresses are rebuilt from copies.
 */
#ifndef MVDB_PLATFORM_H
#define MVDB_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/uio.h>

#include "session.h"
#include "worker.h"

#define PCALL_TAKEN_MAX 64	/* local fds one sendmsg may pass */
#define POLL_FDS_MAX 4096	/* poll entries, select bits, the platform
				   waits on in one call */

struct pcall;

/* What finishes a call once the monitor's call has returned. */
typedef long (*pfinish)(struct session *s, struct vset *set, struct pcall *pc);

/* A platform call in flight.  One per set, owned by it (set->pc). */
struct pcall {
	struct job job;			/* the monitor's call; job.ret is
					   its result, job.owner the set */
	bool may_wait;			/* run it on a worker */
	pfinish finish;			/* what its result needs, or NULL */
	size_t outlen[SYSCALL_MAX_ARGS]; /* bytes of each output */
	struct iovec iov[SYSCALL_MAX_ARGS]; /* one-entry iovecs built */
	struct argval buf[SYSCALL_MAX_ARGS + 4]; /* the monitor's buffers */
	int flags;			/* open flags of a new file */
	int taken[PCALL_TAKEN_MAX];	/* the monitor's copies of variant
					   descriptors a sendmsg passes, or
					   the copy an epoll_ctl registers */
	int ntaken;			/* how many */
	int ncopies;			/* poll, select: copies of variant 0's
					   own fds in buf[PBUF_REAL] */
	int nbad;			/* poll: entries variant 0 has no fd
					   for (POLLNVAL) */
	size_t setbytes;		/* select: bytes of each monitor set */
	bool rights_known;		/* job.creds were read from /proc */
	unsigned rights_gen;		/* at session.rights_gen */
	int raise;			/* a signal the kernel would send the
					   caller with the call's failure
					   (SIGXFSZ), or 0 */
	char note[NOTE_MAX];		/* why, when a person should know */
};

/* Buffers beyond one per argument. */
enum {
	PBUF_REAL = SYSCALL_MAX_ARGS,	/* a path as the monitor opens it */
	PBUF_SHOW,			/* the same, as the variant names it */
	PBUF_LEN,			/* a routine's second buffer (control
					   data, select's sets asked) */
	PBUF_EXTRA,			/* a rebuilt struct's pieces */
};

/* Lets go of a process set's POSIX locks (its process ended). */
void platform_drop_locks(struct vset *set);
/* The process of set closed a descriptor of the file st describes: its
 * POSIX locks on the file go, as the kernel lets go of them. */
struct stat;
void platform_drop_locks_of(struct session *s, struct vset *set,
			    const struct stat *st);

/* Prepares set's call at hand in set->pc.  Returns true when the
 * monitor must make set->pc->job's call; false when the result is known
 * at once (*ret). */
bool platform_prepare(struct session *s, struct vset *set, long *ret);
/* A call that may wait (pc->may_wait) whose answer is there already:
 * an epoll_wait or a poll with events ready.  Asked once with no
 * timeout, in the tracer: when it has events (or fails), that is what
 * it gives at once, in pc->job.ret, and no worker is needed; false
 * when it must wait (on a worker, with its own timeout). */
bool platform_ready_at_once(struct pcall *pc);
/* Whether call nr has a way of running of its own (its hook's). */
bool platform_has_routine(long nr);
/* The monitor's call returned (set->pc->job.ret): copies outputs into
 * every variant of set and returns the call's result. */
long platform_finish(struct session *s, struct vset *set);
/* Frees pc's buffers (pc itself is the caller's). */
void pcall_free(struct pcall *pc);

#endif
