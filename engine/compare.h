/* Comparing what the variants ask for, by the kinds of the arguments. */
#ifndef MVDB_COMPARE_H
#define MVDB_COMPARE_H

#include <stdbool.h>

#include "session.h"

/* Compares argument i of two calls to the same system call.  Returns
 * true when they agree; otherwise fills off with the first differing byte
 * (0 for values) and what with one line.  Ids compare by value: every
 * variant is told variant 0's ids, so that is what they all pass. */
bool compare_arg(const struct call *a, const struct call *b, int i,
		 size_t *off, char *what, size_t size);
/* Compares the n variants at a rendezvous (states, calls, arguments).
 * Returns true when they agree; otherwise fills d.  ignore (may be NULL)
 * holds per call a bit per argument allowed to differ; a difference there
 * is described in d->what while the call still agrees. */
bool compare_variants(const struct variant *v, int n,
		      const unsigned char *ignore, struct divergence *d);

#define COMPARE_DIFF_NAME (1u << SYSCALL_MAX_ARGS)	/* other calls */

/* Bits: argument i of call me differs from o's by compare_arg (1 << i),
 * skipping those ignore (may be NULL) lets differ; COMPARE_DIFF_NAME
 * when they are different calls. */
unsigned compare_call_diffs(const struct call *me, const struct call *o,
			    const unsigned char *ignore);

#endif
