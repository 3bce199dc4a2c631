/* Why the variants' values differ, when the values themselves say: an
 * address in each variant's own layout, each variant's own pid, a
 * time, a generated name, the random bytes each process is born with;
 * and where they came from, when the history says: the step at which
 * each variant read them; else, for a process with several threads,
 * that its threads may have run in another order.  For the divergence report; a guess, worded
 * as one. */
#ifndef MVDB_HINTS_H
#define MVDB_HINTS_H

#include <stddef.h>

#include "session.h"

/* What the differing values of one variant look like. */
enum hintkind {
	HINT_NONE,	/* nothing recognised */
	HINT_ADDRESS,	/* an address mapped in the variant */
	HINT_PID,	/* the variant's own process id */
	HINT_TIME,	/* a time since the epoch (s, ms, us or ns) */
	HINT_NAME,	/* a generated name (letters and digits at random) */
	HINT_RANDOM,	/* the kernel's AT_RANDOM bytes of the process */
	HINT_READ,	/* bytes each variant read earlier (only that is
			   known of them) */
	HINT_THREADS,	/* nothing of the values, but the process runs
			   several threads, whose order may differ */
};

/* The hint for a divergence of the stopped variants of s (st->div): one
 * sentence into buf, "" when the values say nothing.  Returns the kind
 * every differing variant's value has, or HINT_NONE. */
enum hintkind hint_divergence(const struct session *s, const struct stop *st,
			      char *buf, size_t size);
/* "address", "pid", ...: the kind's name in the JSON report. */
const char *hint_name(enum hintkind kind);

#endif
