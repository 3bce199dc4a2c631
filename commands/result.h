/* What a command hands back: structured items that a front end renders
 * (line mode as text, the screen into its panes).  Never a screen. */
#ifndef MVDB_RESULT_H
#define MVDB_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#define RESULT_ALL -1	/* item.variant: about every variant */

/* What one item is. */
enum itemkind {
	IT_TEXT,	/* a line of plain text (messages, help) */
	IT_ERROR,	/* an error the person can act on */
	IT_STOP,	/* why the run stopped: text is the one-line reason */
	IT_CALL,	/* a decoded call of one variant (or all: identical);
			   diff marks the argument that differs (-1 none) */
	IT_FIELD,	/* name and value (info variants, show, registers) */
	IT_ROW,		/* a table row: cells separated by '\t' in text;
			   a header row has header set */
	IT_HEX,		/* a memory dump of one variant: addr, bytes, and
			   differs (one flag per byte) */
	IT_OUTPUT,	/* bytes the program wrote (for the output pane) */
	IT_FRAME,	/* a frame of a call stack: num, text (with the
			   address), value (without), marked when the
			   variants differ there; RESULT_ALL: the same
			   frame in every variant */
	IT_VALUE,	/* a value print or display shows: text names it
			   ("$1", "2: /x $arg0"), value is the value as
			   shown; of every variant (they agree) or of one,
			   marked when it differs from the others' */
};

/* One item of a result. */
struct item {
	enum itemkind kind;	/* what it is */
	int variant;		/* which variant, or RESULT_ALL */
	unsigned long step;	/* IT_CALL, IT_STOP: the step number */
	int set;		/* IT_CALL: the variant set it is of, when the
				   program has more than one, else -1 */
	char *text;		/* the text, or the name of an IT_FIELD; owned */
	char *value;		/* IT_FIELD: its value; owned */
	bool header;		/* IT_ROW: a header row */
	int diffarg;		/* IT_CALL: differing argument (0-based), or -1 */
	unsigned long addr;	/* IT_HEX: address of bytes[0] */
	unsigned char *bytes;	/* IT_HEX, IT_OUTPUT: the bytes; owned */
	bool *differs;		/* IT_HEX: differs[i]: byte i differs from
				   another variant's; owned */
	size_t len;		/* IT_HEX, IT_OUTPUT: number of bytes */
	char fmt;		/* IT_HEX: the x format letter (x d u o t a c s z) */
	int unit;		/* IT_HEX: unit size in bytes (1, 2, 4, 8) */
	int num;		/* IT_FRAME: the frame's number */
	char **notes;		/* IT_HEX of format a: per unit, the symbol
				   at that address ("<main+4>") or NULL;
				   owned */
	bool marked;		/* IT_FRAME: the variants differ here;
				   IT_VALUE: differs from the value most
				   variants give (all, when none has most) */
};

/* An ordered list of items. */
struct result {
	struct item *items;	/* owned */
	size_t n, cap;		/* used and allocated */
	bool failed;		/* an IT_ERROR was added */
};

void result_init(struct result *r);
void result_free(struct result *r);
/* Appends an item (zeroed but for kind and variant) and returns it. */
struct item *result_add(struct result *r, enum itemkind kind, int variant);
/* Shorthands. */
void result_text(struct result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void result_error(struct result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void result_field(struct result *r, int variant, const char *name,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void result_row(struct result *r, bool header, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
