/* Key bindings of the screen. */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

const struct keybinding keys_table[] = {
	{ KEY_F(7), "F7", KA_STEP, "step: run the call at hand, stop at the next", 1 },
	{ KEY_F(10), "F10", KA_STEP, "step (as F7)", 0 },
	{ KEY_F(5), "F5", KA_CONTINUE, "continue to a breakpoint, a divergence or the end", 2 },
	{ 0, "Ctrl-C", KA_INTERRUPT, "interrupt a running continue or step N", 3 },
	{ KEY_F(6), "F6", KA_FOCUS, "focus the next pane: output (where a line typed goes to the program), history, messages", 4 },
	{ KEY_PPAGE, "PgUp", KA_PAGEUP, "scroll the focused pane back", 5 },
	{ KEY_NPAGE, "PgDn", KA_PAGEDOWN, "scroll the focused pane forward", 6 },
	{ KEY_F(2), "F2", KA_COLLEFT, "show the variants further left", 0 },
	{ KEY_F(3), "F3", KA_COLRIGHT, "show the variants further right", 0 },
	{ CTRL('L'), "Ctrl-L", KA_REDRAW, "repaint the terminal", 0 },
	{ KEY_F(1), "F1", KA_HELP, "list these keys (also: help keys)", 7 },
};

const size_t keys_count = sizeof(keys_table) / sizeof(keys_table[0]);

enum keyaction keys_lookup(int key)
{
	for (size_t i = 0; i < keys_count; i++)
		if (keys_table[i].key && keys_table[i].key == key)
			return keys_table[i].action;
	return KA_NONE;
}

/* The short word the hint uses for an action. */
static const char *hint_word(enum keyaction a)
{
	switch (a) {
	case KA_STEP:
		return "step";
	case KA_CONTINUE:
		return "continue";
	case KA_INTERRUPT:
		return "interrupt";
	case KA_FOCUS:
		return "focus";
	case KA_PAGEUP:
		return "scroll";
	case KA_PAGEDOWN:
		return "";
	case KA_HELP:
		return "keys";
	default:
		return "";
	}
}

void keys_hint(char *buf, size_t size)
{
	size_t at = 0;

	if (!size)
		return;
	buf[0] = '\0';
	for (int order = 1; order < 16; order++) {
		for (size_t i = 0; i < keys_count; i++) {
			const struct keybinding *k = &keys_table[i];
			const char *w = hint_word(k->action);
			int n;

			if (k->hint != order)
				continue;
			/* PgUp and PgDn share one entry: "PgUp/PgDn scroll". */
			if (k->action == KA_PAGEDOWN)
				continue;
			if (k->action == KA_PAGEUP)
				n = snprintf(buf + at, size - at, "%sPgUp/PgDn %s",
					     at ? "  " : "", w);
			else
				n = snprintf(buf + at, size - at, "%s%s %s",
					     at ? "  " : "", k->name, w);
			if (n < 0 || (size_t)n >= size - at) {
				buf[at] = '\0';
				return;
			}
			at += (size_t)n;
		}
	}
	snprintf(buf + at, size - at, "%sF2/F3 variants  Tab complete  quit",
		 at ? "  " : "");
}
