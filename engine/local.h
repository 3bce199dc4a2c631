/* Calls that are no meeting point: answered at their stop.
 *
 * A call marked CL_LOCAL (syscalls.def) has no effect outside its
 * variant and asks nothing the policy must compare first: a clock
 * read, the caller's own ids, anonymous memory calls, sched_yield.
 * Whether a thread makes one at all can depend on scheduling (CPython's
 * GIL holder reads the clock and maps memory while the other threads
 * wait on a futex) or on the address layout (cc1's malloc calls brk at
 * other moments under ASLR), and when every such call
 * is a rendezvous, a thread that holds a lock in one variant waits for
 * its counterpart, which waits for the lock held by another thread
 * there, which waits for its own counterpart: a cycle across variants.
 * So during `continue` and batch runs (unless a breakpoint names it), a
 * variant's CL_LOCAL call is answered as soon as it stops, without
 * waiting for the other variants: ids are variant 0's, clock readings
 * are replicated through a per-set, per-clock record that every
 * variant reads in order (the first to arrive reads the clock), and the
 * rest runs in the variant.  So are the queries of a TCP or UDP
 * platform socket (getsockname, getpeername, getsockopt: queries.c),
 * which the platform answers once, for the first to ask: CPython makes
 * them holding the GIL.  Stepping and traces keep strict lockstep.
 *
 * What such calls ask is still compared, where the order is the
 * program's: in a process that never had a second thread, the k-th
 * clock read, id or sched_yield answered so in one variant is compared,
 * by the values its arguments' kinds compare, with the k-th of the
 * first variant that made it, as it arrives; a variant too far behind
 * for the kept ones is compared by a digest of all of them at the next
 * meeting, where the counts must agree too.  A difference stops the
 * set's answers without a meeting, and the set's next meeting reports
 * it (DIV_LOCAL) before its call runs: these calls have no effect
 * outside their variant, so nothing escaped.  A variant behind the
 * others (stopped by a pause where it ran) answers its calls so until
 * it is level with them, even while stepping, so that every variant
 * meets at the same call.  Memory calls are counted, not compared:
 * when a program maps memory follows where its heap lies.  In a
 * process with threads, which thread reads the clock depends on which
 * got a lock first, so the order differs between variants without any
 * disagreement: there only the counts are kept, for `info variants`.
 */
#ifndef MVDB_LOCAL_H
#define MVDB_LOCAL_H

#include <stdbool.h>
#include <time.h>

#include "ptrace.h"
#include "session.h"

#define CLOCKQ_LEN 256	/* readings kept for variants behind */
#define CLOCKQ_CLOCKS 12	/* clock ids 0 .. 11 */

/* The readings of one clock a set's variants were given. */
struct clockq {
	struct timespec t[CLOCKQ_LEN];	/* ring: reading k at k % LEN */
	unsigned long made;		/* readings so far */
	unsigned long taken[MAX_VARIANTS]; /* readings each variant got */
	bool full;			/* a variant found no room for a new
					   reading: the next ones meet */
};

#define ANSWERQ_LEN 64	/* answers kept for variants behind */

/* The answers a set's variants were given to a call without a meeting
 * whose answer changes while they run apart (getppid, when the parent
 * ends: each variant's parent dies at its own moment): a variant's k-th
 * call gets the k-th answer, fixed by the first variant to make it. */
struct answerq {
	long v[ANSWERQ_LEN];		/* ring: answer k at k % LEN */
	unsigned long made;		/* answers so far */
	unsigned long taken[MAX_VARIANTS]; /* answers each variant got */
	long reaper;			/* the parent once the parent set
					   ended, read once; 0 before */
};

#define QUERYQ_LEN 16	/* socket query answers kept for variants behind */
#define QUERY_MAX 256	/* the most bytes such an answer holds */

/* A query of a platform socket answered without a meeting: what was
 * asked, and what the platform answered once for every variant. */
struct query {
	long nr;			/* getsockname, getpeername, getsockopt */
	unsigned long fd, level, name;	/* of what (level, name: getsockopt) */
	unsigned asked;			/* the length the buffer has */
	long ret;			/* 0 or -errno */
	unsigned len;			/* the length the kernel answered */
	unsigned char data[QUERY_MAX];	/* the answer */
};

/* The answers a set's variants were given to socket queries without a
 * meeting: a variant's k-th query gets the k-th answer, made by the
 * platform for the first variant to ask, if it asks the same. */
struct queryq {
	struct query q[QUERYQ_LEN];	/* ring: answer k at k % LEN */
	unsigned long made;		/* answers so far */
	unsigned long taken[MAX_VARIANTS]; /* answers each variant got */
};

#define LOCAL_KEEP 64	/* calls kept for comparing variants behind */

/* What one call answered without a meeting asked: its number and the
 * arguments compared by value (0 for the others). */
struct localrec {
	long nr;				/* system call number */
	unsigned long a[SYSCALL_MAX_ARGS];	/* compared arguments */
};

/* A set's calls answered without a meeting since its last one. */
struct localtrack {
	unsigned long calls[MAX_VARIANTS];	/* each variant's count */
	unsigned long kept[MAX_VARIANTS];	/* of those compared (no
						   memory calls) */
	unsigned long digest[MAX_VARIANTS];	/* of their records, in
						   order */
	struct localrec first[LOCAL_KEEP];	/* ring: call k at k % KEEP,
						   from the first variant
						   that made it */
	int by[LOCAL_KEEP];			/* which variant that was */
	unsigned long made;			/* calls in the ring so far */
	bool differ;				/* a difference is noted: no
						   more answers until the
						   meeting reports it */
	int odd;				/* the variant that differed */
	unsigned long at;			/* at its call number at */
	struct localrec mine, theirs;		/* its call and the first's */
	unsigned long since;			/* the step of that meeting */
	bool reported;				/* a meeting reported their
						   difference: forgotten when
						   the program goes on */
	bool unsynced;				/* a signal was taken where
						   the variants stood: their
						   counts may differ */
};

/* Variant v of set stopped at the entry of a call: answers it and lets
 * v go on when the call is no meeting point.  Returns whether it did. */
bool local_answer(struct session *s, struct vset *set, struct variant *v);
/* Whether sc, variant v's call, is a query of one of set's platform
 * sockets (TCP, UDP: not a Unix or netlink one, whose answers the
 * platform translates) that queries.c answers without a meeting: its
 * only effect is the answer, and a thread holding a lock (CPython's
 * GIL) while it asks must not wait for its counterpart, which may wait
 * for that lock's holder in its own variant. */
bool local_query(const struct session *s, const struct vset *set,
		 const struct variant *v, const struct pt_syscall *sc);
/* Answers it: the next answer of the set's queue, made now by the
 * platform when v is the first to ask.  Returns the result to give. */
long local_query_answer(struct vset *set, struct variant *v,
			const struct pt_syscall *sc);

/* Variant v came back from an anonymous mmap it was let make with its
 * length grown (local_answer): its result is the aligned address. */
void local_aligned(struct variant *v, long ret);

/* At set's meeting: variants behind the others in calls without a
 * meeting (stopped by a pause where they ran, or at a call answered
 * alone that the pause held) go on until they are level, answered
 * alone even while stepping.  True when the meeting is not yet: they
 * were let go (set running), or will be at the next step (during a
 * pause). */
bool local_catch_up(struct session *s, struct vset *set);

/* At set's meeting, before its call is compared: false with div filled
 * when its calls answered without a meeting differ between variants.
 * Either way they are forgotten after. */
bool local_agree(const struct session *s, struct vset *set,
		 struct divergence *div);

/* A signal came for set's variants: wherever it is taken (at a
 * meeting, or where each variant stood: a stop, a handler after a
 * SIGCONT, one held too long), their counts of calls without a meeting
 * may differ until the next meeting. */
void local_unsync(struct vset *set);

#endif
