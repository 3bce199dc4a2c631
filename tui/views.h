/* Views: each pane of the screen is drawn by a small table of functions.
 * Drawing primitives shared by the view files live here too. */
#ifndef MVDB_VIEWS_H
#define MVDB_VIEWS_H

#include "layout.h"
#include "pane_lines.h"
#include "screen.h"

/* One kind of view. */
struct view_ops {
	const char *name;	/* for titles */
	/* Draws into r; v is the variant of a column view (else -1). */
	void (*draw)(struct screen *sc, const struct rect *r, int v);
};

/* The column views, by enum colpart, and the panes, by enum pane. */
extern const struct view_ops *const view_column[COL_PARTS];
extern const struct view_ops *const view_pane[PANE_COUNT];

/* A writer that wraps text inside a rectangle. */
struct pen {
	struct rect r;	/* where */
	int row, col;	/* next cell, relative to r */
};

/* The curses attribute of a style (colour or monochrome). */
int view_attr(const struct screen *sc, enum style st);
/* Writes s (len bytes, -1: all) at the pen, wrapping; false once the
 * rectangle is full. */
bool pen_put(const struct screen *sc, struct pen *p, const char *s, int len,
	     enum style st);
/* Moves the pen to the next row. */
void pen_newline(struct pen *p);
/* One row of text at (y, x), cut to w columns, the rest of the w
 * columns filled with the style. */
void view_text(const struct screen *sc, int y, int x, int w, const char *s,
	       enum style st);
/* A title bar on the first row of r; the focused pane's stands out. */
void view_title(const struct screen *sc, const struct rect *r,
		const char *title, bool focus);
/* Draws s wrapped at r->w (at words when words is set) from row *row of
 * r (rows outside r are skipped), advancing *row. */
void view_wrapped(const struct screen *sc, const struct rect *r,
		  const char *s, enum style st, bool words, int *row);
/* Lines, bottom-anchored, scrolled back by *scroll rows (clamped),
 * wrapped at words when words is set (else where the row ends). */
void view_lines(const struct screen *sc, const struct rect *r,
		const struct lines *l, int *scroll, bool words);

extern const struct view_ops view_head, view_call, view_fds, view_mem;
extern const struct view_ops view_history, view_output, view_messages,
	view_status, view_command, view_hint;

#endif
