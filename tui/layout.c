/* Layout: variant columns on top, the panes across the width below. */
#include "layout.h"

#include <string.h>

int layout_columns(int cols, int n)
{
	int fit = (cols + 1) / (LAYOUT_COL_MIN_W + 1);

	if (fit < 1)
		fit = 1;
	return fit < n ? fit : n;
}

static struct rect rect(int y, int x, int h, int w)
{
	return (struct rect){ .y = y, .x = x, .h = h, .w = w };
}

/* Splits one column of height h at y into its parts. */
static void layout_column(struct rect *part, int y, int x, int h, int w)
{
	int head = 2;
	int call = h >= 20 ? 4 : 3;
	int mem = h >= 20 ? h / 4 : h >= 11 ? 3 : 2;
	int fds = h - head - call - mem;

	part[COL_HEAD] = rect(y, x, head, w);
	part[COL_CALL] = rect(y + head, x, call, w);
	part[COL_FDS] = rect(y + head + call, x, fds, w);
	part[COL_MEM] = rect(y + head + call + fds, x, mem, w);
}

void layout_compute(struct layout *l, int rows, int cols, int n, int first)
{
	int body, rest, hist, bottom, x, left, half;

	memset(l, 0, sizeof(*l));
	l->rows = rows;
	l->cols = cols;
	l->n = n;
	if (rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS || n < 1) {
		l->too_small = true;
		return;
	}
	l->shown = layout_columns(cols, n);
	if (first > n - l->shown)
		first = n - l->shown;
	l->first = first < 0 ? 0 : first;

	/* Three single rows at the bottom; the rest is shared out, the
	 * columns getting at least what shows a call, four fds and two
	 * rows of memory while the panes below keep theirs. */
	body = rows - 3;
	l->colh = body * 55 / 100;
	if (l->colh < LAYOUT_COL_WANT_H)
		l->colh = body - LAYOUT_PANES_MIN_H < LAYOUT_COL_WANT_H ?
			  body - LAYOUT_PANES_MIN_H : LAYOUT_COL_WANT_H;
	rest = body - l->colh;
	hist = rest * 45 / 100;
	bottom = rest - hist;

	x = 0;
	left = cols - (l->shown - 1);	/* one separator between columns */
	for (int i = 0; i < l->shown; i++) {
		int w = left / (l->shown - i);

		if (i > 0)
			l->sep[i] = x++;
		layout_column(l->col[i], 0, x, l->colh, w);
		x += w;
		left -= w;
	}
	l->pane[PANE_HISTORY] = rect(l->colh, 0, hist, cols);
	/* narrow: the messages (a demo's narration) get the wider part */
	half = cols < LAYOUT_WIDE_COLS ? cols * 2 / 5 : cols / 2;
	l->pane[PANE_OUTPUT] = rect(l->colh + hist, 0, bottom, half);
	l->pane[PANE_MESSAGES] = rect(l->colh + hist, half, bottom, cols - half);
	l->pane[PANE_STATUS] = rect(rows - 3, 0, 1, cols);
	l->pane[PANE_COMMAND] = rect(rows - 2, 0, 1, cols);
	l->pane[PANE_HINT] = rect(rows - 1, 0, 1, cols);
}
