/* Key bindings of the screen. */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

const struct keybinding keys_table[] = {
	{ KEY_F(7), "F7", KA_STEP, "step: run the call at hand, stop at the next",
	  1, "F7 step", "F7 step" },
	{ KEY_F(10), "F10", KA_STEP, "step (as F7)", 0, NULL, NULL },
	{ KEY_F(5), "F5", KA_CONTINUE,
	  "continue to a breakpoint, a divergence or the end",
	  2, "F5 continue", "F5 cont" },
	{ 0, "Ctrl-C", KA_INTERRUPT, "interrupt a running continue or step N",
	  3, "Ctrl-C interrupt", "^C stop" },
	{ KEY_F(6), "F6", KA_FOCUS,
	  "focus the next pane: output (where a line typed goes to the "
	  "program), history, the fd tables and memory dumps (while they "
	  "hold more than they show), messages",
	  4, "F6 focus", "F6 focus" },
	{ KEY_PPAGE, "PgUp", KA_PAGEUP, "scroll the focused pane back",
	  5, "PgUp/PgDn scroll", "PgUp/Dn scroll" },
	{ KEY_NPAGE, "PgDn", KA_PAGEDOWN, "scroll the focused pane forward",
	  0, NULL, NULL },
	{ KEY_F(2), "F2", KA_COLLEFT, "show the variants further left",
	  7, "F2/F3 variants", "F2/F3 vars" },
	{ KEY_F(3), "F3", KA_COLRIGHT, "show the variants further right",
	  0, NULL, NULL },
	{ CTRL('L'), "Ctrl-L", KA_REDRAW, "repaint the terminal", 0, NULL, NULL },
	{ KEY_F(1), "F1", KA_HELP, "list these keys (also: help keys)",
	  6, "F1 keys", "F1 keys" },
	{ 0, "Tab", KA_NONE, "complete a command or its argument (readline's)",
	  8, "Tab complete", "Tab" },
	{ 0, "quit", KA_NONE, "(a command) leave mvdb", 9, "quit", "quit" },
};

const size_t keys_count = sizeof(keys_table) / sizeof(keys_table[0]);

const struct keybinding keys_pager[] = {
	{ 'q', "q", KA_NONE, "pager: back to the panes (Esc too)",
	  1, "q/Esc back", "q back" },
	{ KEY_NPAGE, "PgDn", KA_NONE, "pager: a page further (space too)",
	  2, "PgUp/PgDn/arrows scroll", "PgUp/Dn scroll" },
	{ KEY_HOME, "Home", KA_NONE, "pager: the first line (End: the last)",
	  3, "Home/End", "Home/End" },
};

const size_t keys_pager_count = sizeof(keys_pager) / sizeof(keys_pager[0]);

enum keyaction keys_lookup(int key)
{
	for (size_t i = 0; i < keys_count; i++)
		if (keys_table[i].key && keys_table[i].key == key)
			return keys_table[i].action;
	return KA_NONE;
}

/* The hint in one form: brief labels or not, sep between them, at most
 * most entries; its width in columns. */
static int hint_form(const struct keybinding *t, size_t n, char *buf,
		     size_t size, bool brief, const char *sep, int most)
{
	size_t at = 0;
	int shown = 0;

	buf[0] = '\0';
	for (int order = 1; order <= (int)n && shown < most; order++)
		for (size_t i = 0; i < n && shown < most; i++) {
			const char *w = brief ? t[i].brief : t[i].label;
			int len;

			if (t[i].hint != order || !w)
				continue;
			len = snprintf(buf + at, size - at, "%s%s",
				       at ? sep : "", w);
			if (len < 0 || (size_t)len >= size - at) {
				buf[at] = '\0';
				return (int)at;
			}
			at += (size_t)len;
			shown++;
		}
	return (int)at;
}

void keys_hint_of(const struct keybinding *t, size_t n, char *buf,
		  size_t size, int width)
{
	int most = (int)n;

	if (!size)
		return;
	if (hint_form(t, n, buf, size, false, "  ", most) <= width)
		return;
	if (hint_form(t, n, buf, size, true, "  ", most) <= width)
		return;
	while (most > 0 && hint_form(t, n, buf, size, true, " ", most) > width)
		most--;
	if (!most)
		buf[0] = '\0';
}

void keys_hint(char *buf, size_t size, int width)
{
	keys_hint_of(keys_table, keys_count, buf, size, width);
}
