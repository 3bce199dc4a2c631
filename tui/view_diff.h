/* What the views highlight: the arguments of a call that differ from
 * another variant's, a call cut into spans so those arguments can be
 * drawn apart, and how many bytes a memory row holds.  No curses: unit
 * tested. */
#ifndef MVDB_VIEW_DIFF_H
#define MVDB_VIEW_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "compare.h"
#include "format.h"
#include "session.h"

#define VIEW_DIFF_NAME COMPARE_DIFF_NAME	/* the calls differ */
#define VIEW_SPAN_NAME FORMAT_SPAN_NAME	/* span.arg: the call's name */
#define VIEW_SPAN_RET FORMAT_SPAN_RET	/* span.arg: the result */
#define VIEW_CALL_MAX (CALL_TEXT_MAX * 2) /* a rendered call, at most */
#define VIEW_HEX_ADDR_W 14	/* "7ffd12345678: " */
#define VIEW_HEX_SHORT_W 6	/* "5678: ", the low digits (the pane's
				   title has the whole address) */

/* A piece of a rendered call. */
struct callspan {
	int start, len;	/* bytes of callview.text */
	int arg;	/* argument index, VIEW_SPAN_NAME or VIEW_SPAN_RET */
};

/* A call rendered in strace's style, with where each part is. */
struct callview {
	char text[VIEW_CALL_MAX];	/* the whole call */
	struct callspan span[SYSCALL_MAX_ARGS + 2]; /* name, args, result */
	int nspan;			/* spans used */
};

/* Bits: argument i of variant v's call differs from another variant's
 * (1 << i), or VIEW_DIFF_NAME when another variant makes another call
 * or no call.  ignore (may be NULL) is the session's per-call mask of
 * arguments allowed to differ.  0 when v makes no call. */
unsigned view_diff_args(const struct variant *vs, int n, int v,
			const unsigned char *ignore);
/* Renders c with format_call_with, recording the spans. */
void view_call_render(const struct call *c, const struct pmap *pm,
		      size_t strsize, struct callview *cv);
/* Bytes one memory row of width w shows for units of unit bytes (a
 * power of two, at least unit, at most 16); *addr_w (may be NULL) gets
 * the row's address width, VIEW_HEX_ADDR_W or, where only that makes
 * more bytes fit, VIEW_HEX_SHORT_W. */
int view_hex_per_row(int w, int unit, int *addr_w);

#endif
