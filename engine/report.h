/* Divergence reports: for a person (text) and for CI (JSON). */
#ifndef MVDB_REPORT_H
#define MVDB_REPORT_H

#include "session.h"

#define REPORT_HISTORY 10	/* steps before the divergence shown */
#define REPORT_FRAMES 8		/* frames of each variant's stack shown */

/* The report of the stop st, newly allocated (the caller frees it). */
char *report_text(const struct session *s, const struct stop *st);
char *report_json(const struct session *s, const struct stop *st);
/* A hex and ASCII window of bytes around off: "0x0010: 41 42 ... |AB..|". */
char *report_window(const unsigned char *p, size_t len, size_t off);

/* Whether the variants of recorded step h are shown apart (one line
 * each), and per variant the bits format_record marks: arguments that
 * differ, outputs and results that differ where each variant ran the
 * call itself (FORMAT_MARK_RET for the result). */
bool report_record_marks(const struct session *s, const struct histent *h,
			 unsigned marks[MAX_VARIANTS]);

#endif
