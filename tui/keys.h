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
	const char *name;	/* as the hint shows it */
	enum keyaction action;	/* what it does */
	const char *help;	/* for `help keys` */
	int hint;		/* shown in the one-line hint (order; 0: no) */
};

extern const struct keybinding keys_table[];
extern const size_t keys_count;

/* The action bound to a curses key code (KA_NONE: readline's). */
enum keyaction keys_lookup(int key);
/* The one-line hint ("F7 step  F5 continue ..."), cut to size. */
void keys_hint(char *buf, size_t size);

#endif
