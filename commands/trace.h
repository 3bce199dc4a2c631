/* The trace: every step printed as strace prints a call, with its step
 * number, to a stream (stderr or --trace-file).  One tracer for every
 * front end: batch runs feed it from the session's observer, the
 * command layer from its own. */
#ifndef MVDB_TRACE_H
#define MVDB_TRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "filter.h"
#include "session.h"

/* A trace in progress. */
struct tracer {
	struct filter filter;	/* calls to print */
	FILE *out;		/* where; NULL: no trace */
	bool exec_shown;	/* the exec line is out (once per run) */
};

/* Sets t up from --trace[=FILTER] (filter NULL: every call) to out.
 * 0, or -1 with err (a bad filter). */
int trace_init(struct tracer *t, const char *filter, FILE *out,
	       struct error *err);
/* strace's first line, the exec, as "step 0": before the first step of
 * a run (s's). */
void trace_exec(struct tracer *t, const struct session *s);
/* One finished step. */
void trace_step(struct tracer *t, const struct session *s,
		const struct histent *h);

#endif
