/* Where every pane of the screen goes, for a terminal size and a number
 * of variants.  Pure arithmetic: no curses, so it is unit tested. */
#ifndef MVDB_LAYOUT_H
#define MVDB_LAYOUT_H

#include <stdbool.h>

#include "session.h"

#define LAYOUT_MIN_ROWS 20	/* fewer rows: "terminal too small" */
#define LAYOUT_MIN_COLS 60	/* fewer columns: the same */
#define LAYOUT_COL_MIN_W 36	/* narrowest variant column */
#define LAYOUT_WIDE_COLS 120	/* narrower: messages wider than output */
#define LAYOUT_COL_WANT_H 13	/* column height wanted where it fits:
				   head 2, call 3, fds 5, memory 3 */
#define LAYOUT_PANES_MIN_H 8	/* rows the panes below keep at least:
				   history 3, output and messages 5 */

/* A rectangle of the screen, in character cells. */
struct rect {
	int y, x;	/* top left corner */
	int h, w;	/* height and width (0: not shown) */
};

/* The parts of one variant column, top to bottom. */
enum colpart {
	COL_HEAD,	/* index, pid, binary, state */
	COL_CALL,	/* the call at hand, decoded */
	COL_FDS,	/* the fd table */
	COL_MEM,	/* the last memory dump */
	COL_PARTS
};

/* The panes across the width. */
enum pane {
	PANE_HISTORY,	/* the last steps */
	PANE_OUTPUT,	/* what the program wrote */
	PANE_MESSAGES,	/* what the commands answered */
	PANE_STATUS,	/* step, stop, divergence */
	PANE_COMMAND,	/* the readline line */
	PANE_HINT,	/* the key hint */
	PANE_COUNT
};

/* The whole screen. */
struct layout {
	int rows, cols;		/* terminal size */
	int n;			/* variants */
	bool too_small;		/* nothing fits: show a message instead */
	int first;		/* first variant shown */
	int shown;		/* variant columns shown (first..first+shown-1) */
	struct rect col[MAX_VARIANTS][COL_PARTS]; /* by column slot */
	int sep[MAX_VARIANTS];	/* x of the separator left of slot i (i>0) */
	int colh;		/* height of the variant columns */
	struct rect pane[PANE_COUNT]; /* the panes across */
};

/* Lays out n variants on rows x cols, variant first in the leftmost
 * column (clamped so that the columns are full). */
void layout_compute(struct layout *l, int rows, int cols, int n, int first);
/* Columns that fit side by side in cols (at least 1, at most n). */
int layout_columns(int cols, int n);

#endif
