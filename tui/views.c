/* Views: colours, drawing primitives, the view tables, the whole screen. */
#include "views.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each style once: a colour pair and the attributes without colour. */
static const struct {
	short fg, bg;	/* colours (-1: the terminal's default) */
	int cattr;	/* attributes with colour */
	int mattr;	/* attributes without (NO_COLOR, monochrome) */
} styles[ST_COUNT] = {
	[ST_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[ST_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[ST_FOCUS] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
	[ST_DIFF] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_UNDERLINE },
	[ST_LOCAL] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[ST_PLATFORM] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ST_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ST_STOP] = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[ST_DIVERGED] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	[ST_DIM] = { -1, -1, A_DIM, A_DIM },
	[ST_STATUS] = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[ST_HINT] = { COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[ST_COMMAND] = { -1, -1, A_BOLD, A_BOLD },
};

void views_init_colors(struct screen *sc)
{
	const char *nc = getenv("NO_COLOR");

	sc->color = has_colors() && !(nc && *nc);
	if (!sc->color)
		return;
	start_color();
	use_default_colors();
	for (int i = 1; i < ST_COUNT; i++)
		init_pair((short)i, styles[i].fg, styles[i].bg);
}

int view_attr(const struct screen *sc, enum style st)
{
	if (!sc->color)
		return styles[st].mattr;
	return styles[st].cattr | (st ? (int)COLOR_PAIR(st) : 0);
}

void pen_newline(struct pen *p)
{
	p->row++;
	p->col = 0;
}

bool pen_put(const struct screen *sc, struct pen *p, const char *s, int len,
	     enum style st)
{
	size_t n = len < 0 ? strlen(s) : (size_t)len;

	attrset(view_attr(sc, st));
	for (size_t i = 0; i < n;) {
		int cols, b = text_char(s + i, n - i, &cols);

		if (p->col + cols > p->r.w)
			pen_newline(p);
		if (p->row >= p->r.h) {
			attrset(A_NORMAL);
			return false;
		}
		if (cols == 1 && b == 1 && ((unsigned char)s[i] < 0x20 ||
					    (unsigned char)s[i] >= 0x7f))
			mvaddch(p->r.y + p->row, p->r.x + p->col, '?');
		else
			mvaddnstr(p->r.y + p->row, p->r.x + p->col, s + i, b);
		p->col += cols;
		i += (size_t)b;
	}
	attrset(A_NORMAL);
	return p->row < p->r.h;
}

void view_text(const struct screen *sc, int y, int x, int w, const char *s,
	       enum style st)
{
	struct pen p = { .r = { .y = y, .x = x, .h = 1, .w = w } };

	attrset(view_attr(sc, st));
	mvhline(y, x, ' ', w);
	pen_put(sc, &p, s, -1, st);
}

void view_title(const struct screen *sc, const struct rect *r,
		const char *title, bool focus)
{
	char buf[512];

	snprintf(buf, sizeof(buf), " %s", title);
	view_text(sc, r->y, r->x, r->w, buf, focus ? ST_FOCUS : ST_TITLE);
}

void view_wrapped(const struct screen *sc, const struct rect *r,
		  const char *s, enum style st, bool words, int *row)
{
	size_t at = 0, len = strlen(s);

	do {
		size_t next, end = text_row(s, len, at, r->w, words, &next);

		if (*row >= 0 && *row < r->h) {
			struct pen one = {
				.r = { .y = r->y + *row, .x = r->x, .h = 1,
				       .w = r->w },
			};

			pen_put(sc, &one, s + at, (int)(end - at), st);
		}
		(*row)++;
		at = next;
	} while (at < len);
}

void view_lines(const struct screen *sc, const struct rect *r,
		const struct lines *l, int *scroll, bool words)
{
	int total = 0, need, row;
	size_t i;

	/* Rows from the newest line back until the window, plus what is
	 * scrolled away, is covered. */
	need = r->h + *scroll;
	for (i = l->count; i > 0 && total < need; i--) {
		const char *s = lines_get(l, i - 1, NULL);

		total += words ? text_rows_words(s, r->w) : text_rows(s, r->w);
	}
	if (total < need) {
		*scroll = total > r->h ? total - r->h : 0;
		need = r->h + *scroll;
	}
	row = total >= need ? need - total : 0;
	for (; i < l->count && row < r->h; i++) {
		int style;
		const char *s = lines_get(l, i, &style);

		view_wrapped(sc, r, s, (enum style)style, words, &row);
	}
}

const struct view_ops *const view_column[COL_PARTS] = {
	[COL_HEAD] = &view_head,
	[COL_CALL] = &view_call,
	[COL_FDS] = &view_fds,
	[COL_MEM] = &view_mem,
};

const struct view_ops *const view_pane[PANE_COUNT] = {
	[PANE_HISTORY] = &view_history,
	[PANE_OUTPUT] = &view_output,
	[PANE_MESSAGES] = &view_messages,
	[PANE_STATUS] = &view_status,
	[PANE_COMMAND] = &view_command,
	[PANE_HINT] = &view_hint,
};

/* The message shown instead of the layout when nothing fits. */
static void draw_too_small(const struct screen *sc)
{
	char buf[128];
	int rows = sc->lay.rows, cols = sc->lay.cols;

	snprintf(buf, sizeof(buf), "terminal too small: %dx%d", cols, rows);
	mvaddnstr(rows / 2 - 1 > 0 ? rows / 2 - 1 : 0, 0, buf, cols);
	snprintf(buf, sizeof(buf), "mvdb needs at least %dx%d", LAYOUT_MIN_COLS,
		 LAYOUT_MIN_ROWS);
	mvaddnstr(rows / 2 > 0 ? rows / 2 : 0, 0, buf, cols);
	(void)sc;
}

void views_draw(struct screen *sc)
{
	const struct layout *l = &sc->lay;

	attrset(A_NORMAL);
	erase();
	sc->more[FOCUS_FDS] = sc->more[FOCUS_MEM] = false;
	if (l->too_small) {
		draw_too_small(sc);
		return;
	}
	if (sc->pager.open) {
		screen_pager_draw(sc);
		for (int p = PANE_STATUS; p < PANE_COUNT; p++)
			view_pane[p]->draw(sc, &l->pane[p], -1);
		return;
	}
	for (int slot = 0; slot < l->shown; slot++) {
		int v = l->first + slot;

		if (slot > 0)
			mvvline(0, l->sep[slot], ACS_VLINE, l->colh);
		for (int part = 0; part < COL_PARTS; part++)
			if (l->col[slot][part].h > 0)
				view_column[part]->draw(sc, &l->col[slot][part], v);
	}
	for (int p = 0; p < PANE_COUNT; p++)
		if (l->pane[p].h > 0)
			view_pane[p]->draw(sc, &l->pane[p], -1);
}

void views_draw_progress(struct screen *sc)
{
	if (sc->lay.too_small)
		return;
	view_status.draw(sc, &sc->lay.pane[PANE_STATUS], -1);
	if (!sc->pager.open)
		view_output.draw(sc, &sc->lay.pane[PANE_OUTPUT], -1);
}
