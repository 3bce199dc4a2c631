/* The screen's keys besides the command line, declared once: the key
 * hint, `help keys` and the dispatch all read this table. */
#ifndef MVDB_KEYS_H
#define MVDB_KEYS_H

#include <stddef.h>

/* What a key does. */
enum keyaction {
	KA_NONE,	/* not ours: the key goes to readline */
	KA_STEP,	/* `step` */
	KA_CONTINUE,	/* `continue` */
	KA_FOCUS,	/* focus the next scrollable pane */
	KA_PAGEUP,	/* scroll the focused pane back */
	KA_PAGEDOWN,	/* scroll it forward */
	KA_COLLEFT,	/* show variant columns further left */
	KA_COLRIGHT,	/* show variant columns further right */
	KA_HELP,	/* list these keys */
	KA_REDRAW,	/* repaint the whole terminal */
	KA_INTERRUPT,	/* Ctrl-C: stop a running continue (a signal) */
};

/* One binding. */
struct keybinding {
	int key;		/* curses key code, or 0 (not a key code) */
	const char *name;	/* as `help keys` names it */
	enum keyaction action;	/* what it does */
	const char *help;	/* for `help keys` */
	int hint;		/* place in the one-line hint (0: not there) */
	const char *label;	/* the hint's words ("F7 step") */
	const char *brief;	/* the same for narrow terminals ("F5 cont") */
};

extern const struct keybinding keys_table[];
extern const size_t keys_count;
/* The pager's keys (its hint and `help keys`). */
extern const struct keybinding keys_pager[];
extern const size_t keys_pager_count;

/* The action bound to a curses key code (KA_NONE: readline's). */
enum keyaction keys_lookup(int key);
/* The one-line hint of a table ("F7 step  F5 continue ...") that fits in
 * width columns: the labels, else the brief forms, else as many brief
 * forms as fit, in hint order; also cut to size bytes. */
void keys_hint_of(const struct keybinding *t, size_t n, char *buf,
		  size_t size, int width);
/* keys_hint_of the screen's table. */
void keys_hint(char *buf, size_t size, int width);

#endif
