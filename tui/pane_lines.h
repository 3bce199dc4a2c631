/* Scrollback text for the output and message panes: a ring of lines,
 * each with a style, fed by whole lines or by raw bytes (partial lines
 * continue on the next append).  No curses: unit tested. */
#ifndef MVDB_PANE_LINES_H
#define MVDB_PANE_LINES_H

#include <stdbool.h>
#include <stddef.h>

#define LINES_MAX_LEN 4096	/* longer lines are broken */

/* The scrollback.  Owns its lines. */
struct lines {
	char **line;		/* ring of NUL-terminated lines */
	unsigned char *style;	/* style of each line (the caller's enum) */
	size_t cap;		/* lines kept at most */
	size_t start;		/* index of the oldest line in the ring */
	size_t count;		/* lines held */
	bool open;		/* the newest line awaits its newline */
	unsigned long serial;	/* bumped on every change (to redraw) */
	unsigned long pushed;	/* lines ever started: a line's number */
};

void lines_init(struct lines *l, size_t max);
void lines_free(struct lines *l);
void lines_clear(struct lines *l);
/* Adds text as complete lines (split at newlines). */
void lines_add(struct lines *l, int style, const char *text);
/* Appends raw bytes: newlines end lines, tabs become spaces, '\r' goes. */
void lines_append(struct lines *l, int style, const char *p, size_t len);
/* Index of the first line held whose number is mark or more (mark:
 * l->pushed at some moment), the oldest when that one is gone. */
size_t lines_since(const struct lines *l, unsigned long mark);
/* Line i, 0 being the oldest held; *style gets its style. */
const char *lines_get(const struct lines *l, size_t i, int *style);

/* One character of text as the screen shows it: bytes it takes, columns
 * it takes; bad or control bytes count as one column ('?'). */
int text_char(const char *s, size_t len, int *cols);
/* Display columns of s. */
int text_width(const char *s);
/* Screen rows s takes when wrapped at w columns (at least 1). */
int text_rows(const char *s, int w);
/* The same, wrapped at word boundaries where a row has a space. */
int text_rows_words(const char *s, int w);
/* One row of s (len bytes) from byte at, wrapped at w columns: the
 * byte where the row's text ends; *next gets where the next row starts.
 * With words, a row that would split a word ends after the last space
 * that fits (when it has one), and the next starts past the spaces. */
size_t text_row(const char *s, size_t len, size_t at, int w, bool words,
		size_t *next);

#endif
