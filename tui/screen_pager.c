/* The pager: a command's output too long for the messages pane, shown
 * over the panes (the status line, command line and key hint stay) from
 * its first line; q or Esc returns.  It shows the messages' own lines
 * from where the output began, so nothing is copied. */
#include "keys.h"
#include "screen.h"
#include "views.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

/* Where the pager goes: everything above the status line. */
static struct rect pager_rect(const struct screen *sc)
{
	return (struct rect){ .y = 0, .x = 0, .h = sc->lay.pane[PANE_STATUS].y,
			      .w = sc->lay.cols };
}

/* Rows the pager's lines take, wrapped at words at width w. */
static int pager_rows(const struct screen *sc, int w)
{
	int rows = 0;

	for (size_t i = lines_since(&sc->msg, sc->pager.from);
	     i < sc->msg.count; i++)
		rows += text_rows_words(lines_get(&sc->msg, i, NULL), w);
	return rows;
}

void screen_pager_maybe(struct screen *sc, unsigned long from,
			const char *what, bool stopped)
{
	const struct rect *msg = &sc->lay.pane[PANE_MESSAGES];
	unsigned long n = sc->msg.pushed - from;

	/* a stop is about the columns: it stays beside them */
	if (sc->pager.open || stopped || sc->lay.too_small ||
	    n <= (unsigned long)(msg->h - 1))
		return;
	sc->pager.open = true;
	sc->pager.from = from;
	sc->pager.top = 0;
	snprintf(sc->pager.what, sizeof(sc->pager.what), "%s", what);
}

void screen_pager_close(struct screen *sc)
{
	sc->pager.open = false;
}

void screen_pager_draw(struct screen *sc)
{
	struct rect r = pager_rect(sc), body = { r.y + 1, r.x, r.h - 1, r.w };
	int total = pager_rows(sc, r.w), row;
	char title[512];

	if (sc->pager.top > total - body.h)
		sc->pager.top = total - body.h;
	if (sc->pager.top < 0)
		sc->pager.top = 0;
	snprintf(title, sizeof(title), "%s: rows %d-%d of %d  (q/Esc back)",
		 sc->pager.what, total ? sc->pager.top + 1 : 0,
		 sc->pager.top + body.h < total ? sc->pager.top + body.h : total,
		 total);
	view_title(sc, &r, title, true);
	row = -sc->pager.top;
	for (size_t i = lines_since(&sc->msg, sc->pager.from);
	     i < sc->msg.count && row < body.h; i++) {
		int style;
		const char *s = lines_get(&sc->msg, i, &style);

		view_wrapped(sc, &body, s, (enum style)style, true, &row);
	}
	sc->inrow = -1;
}

bool screen_pager_key(struct screen *sc, bool func, wint_t ch)
{
	int page = pager_rect(sc).h - 2 > 1 ? pager_rect(sc).h - 2 : 1;

	if (!sc->pager.open)
		return false;
	if (!func && (ch == 'q' || ch == 'Q' || ch == 27)) {
		screen_pager_close(sc);
	} else if (func && ch == KEY_UP) {
		sc->pager.top--;
	} else if (func && ch == KEY_DOWN) {
		sc->pager.top++;
	} else if (func && ch == KEY_PPAGE) {
		sc->pager.top -= page;
	} else if ((func && ch == KEY_NPAGE) || (!func && ch == ' ')) {
		sc->pager.top += page;
	} else if (func && ch == KEY_HOME) {
		sc->pager.top = 0;
	} else if (func && ch == KEY_END) {
		sc->pager.top = pager_rows(sc, sc->lay.cols);
	} else if (func && keys_lookup((int)ch) != KA_NONE) {
		/* the screen's keys close it and do what they do */
		screen_pager_close(sc);
		return false;
	} else {
		return true;	/* not the command line's while it is open */
	}
	screen_redraw(sc);
	return true;
}
