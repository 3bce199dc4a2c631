/* --report=FILE: checked when mvdb starts, written or removed when the
 * run ends. */
#ifndef MVDB_REPORTFILE_H
#define MVDB_REPORTFILE_H

#include <stdbool.h>

#include "session.h"

/* The report's file, opened at start. */
struct reportfile {
	const char *path;	/* --report's FILE, or NULL: none; borrowed */
	int fd;			/* open for writing, or -1 */
	bool fifo;		/* a FIFO (written when a reader is there) */
};

/* Opens path for the report without truncating it, never waiting: a
 * FIFO with no reader yet is said on stderr and tried again at the end.
 * Returns false (message on stderr) when the path cannot be written. */
bool reportfile_open(struct reportfile *rf, const char *path);
/* The run ended: on a divergence (st) the JSON report replaces what the
 * file held; otherwise an old report (a regular file) is removed, so the
 * file never says a run diverged that did not.  Closes the file; a
 * second call does nothing. */
void reportfile_finish(struct reportfile *rf, const struct session *s,
		       const struct stop *st);

#endif
