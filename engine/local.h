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
 * rest runs in the variant.  Stepping and traces keep strict lockstep.
 */
#ifndef MVDB_LOCAL_H
#define MVDB_LOCAL_H

#include <stdbool.h>
#include <time.h>

#include "session.h"

#define CLOCKQ_LEN 256	/* readings kept for variants behind */
#define CLOCKQ_CLOCKS 12	/* clock ids 0 .. 11 */

/* The readings of one clock a set's variants were given. */
struct clockq {
	struct timespec t[CLOCKQ_LEN];	/* ring: reading k at k % LEN */
	unsigned long made;		/* readings so far */
	unsigned long taken[MAX_VARIANTS]; /* readings each variant got */
};

/* Variant v of set stopped at the entry of a call: answers it and lets
 * v go on when the call is no meeting point.  Returns whether it did. */
bool local_answer(struct session *s, struct vset *set, struct variant *v);

#endif
