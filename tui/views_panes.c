/* The panes across the width: history, output, messages, status, the
 * command line's place, the key hint. */
#include "format.h"
#include "keys.h"
#include "views.h"

#include <curses.h>
#include <libiberty.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* History entry i (0 the newest) as its prefix and the call. */
static const struct histent *history_entry(const struct session *s,
					   unsigned long i, char *prefix,
					   size_t size)
{
	const struct histent *h = session_history(s, i);

	if (!h)
		return NULL;
	if (s->made > 1)
		snprintf(prefix, size, "%c %6lu  set %-3d ", h->diverged ? '!' : ' ',
			 h->step, h->set);
	else
		snprintf(prefix, size, "%c %6lu  ", h->diverged ? '!' : ' ',
			 h->step);
	return h;
}

/* Draws entry h (text: its call, rendered) from row *row of the body
 * (rows above it skipped): the call wrapped at words beside its prefix (the screen is at least
 * LAYOUT_MIN_COLS wide: room beside it). */
static void history_draw(struct screen *sc, const struct rect *body,
			 const struct histent *h, const char *text,
			 const char *prefix, int *row)
{
	int pw = text_width(prefix), tw = body->w - pw;
	size_t len = strlen(text), at = 0;
	enum style st = h->diverged ? ST_DIVERGED : ST_NORMAL;

	do {
		size_t next, end = text_row(text, len, at, tw, true, &next);

		if (*row >= 0 && *row < body->h) {
			char *part = xstrndup(text + at, end - at);

			view_text(sc, body->y + *row, body->x, body->w,
				  at ? "" : prefix, st);
			view_text(sc, body->y + *row, body->x + pw, tw, part, st);
			free(part);
		}
		(*row)++;
		at = next;
	} while (at < len);
}

/* The last steps, the newest at the bottom, each call wrapped (at
 * words) beside its step so that its result shows; scrolled back by
 * whole entries. */
static void draw_history(struct screen *sc, const struct rect *r, int v)
{
	const struct session *s = dbg_session(sc->d);
	struct rect body = { r->y + 1, r->x, r->h - 1, r->w };
	unsigned long avail = 0, i;
	int *scroll = &sc->scroll[PANE_HISTORY], total = 0, row;
	char title[160], prefix[64], shown[64] = "", text[CALL_TEXT_MAX];

	(void)v;
	if (s)
		avail = s->nhist < HISTORY_SIZE ? s->nhist : HISTORY_SIZE;
	if (*scroll > (int)avail - 1)
		*scroll = avail > 0 ? (int)avail - 1 : 0;
	if (sc->lay.shown < sc->lay.n)
		snprintf(shown, sizeof(shown), "  | variants %d-%d of %d, F2/F3",
			 sc->lay.first, sc->lay.first + sc->lay.shown - 1,
			 sc->lay.n);
	snprintf(title, sizeof(title), "history: last steps (%lu kept)%s%s",
		 avail, *scroll ? "  [scrolled back: PgDn]" : "", shown);
	view_title(sc, r, title, sc->focus == PANE_HISTORY);
	if (!s)
		return;
	/* from the newest shown back until the body is full */
	for (i = (unsigned long)*scroll; i < avail && total < body.h; i++) {
		const struct histent *h = history_entry(s, i, prefix,
							sizeof(prefix));

		if (h) {
			format_record(h, 0, s->cfg.strsize, 0, text,
				      sizeof(text));
			total += text_rows_words(text,
						 body.w - text_width(prefix));
		}
	}
	/* the oldest of them may start above the body */
	row = total > body.h ? body.h - total : 0;
	while (i-- > (unsigned long)*scroll) {
		const struct histent *h = history_entry(s, i, prefix,
							sizeof(prefix));

		if (h) {
			format_record(h, 0, s->cfg.strsize, 0, text,
				      sizeof(text));
			history_draw(sc, &body, h, text, prefix, &row);
		}
	}
}

static void draw_text_pane(struct screen *sc, const struct rect *r,
			   enum pane pane, const char *title, struct lines *l)
{
	struct rect body = { r->y + 1, r->x, r->h - 1, r->w };
	char buf[160];

	view_lines(sc, &body, l, &sc->scroll[pane], pane == PANE_MESSAGES);
	snprintf(buf, sizeof(buf), "%s%s", title,
		 sc->scroll[pane] ? "  [scrolled back: PgDn]" : "");
	view_title(sc, r, buf, sc->focus == (int)pane);
}

/* The input line at the output pane's last row: what is typed for the
 * program, the cursor there when the pane has the focus. */
static void draw_input(struct screen *sc, int y, int x, int w)
{
	const char *label = sc->inpipe[1] < 0 ? "stdin closed (Ctrl-D)" :
						"stdin> ";
	int lw = text_width(label), tw = text_width(sc->input);
	const char *shown = sc->input;

	/* the end of a long line, where the cursor is */
	while (*shown && lw + tw >= w) {
		int cols, b = text_char(shown, strlen(shown), &cols);

		shown += b;
		tw -= cols;
	}
	view_text(sc, y, x, w, "", ST_NORMAL);
	view_text(sc, y, x, lw < w ? lw : w, label,
		  sc->focus == PANE_OUTPUT ? ST_FOCUS : ST_DIM);
	if (lw < w)
		view_text(sc, y, x + lw, w - lw, shown, ST_NORMAL);
	sc->inrow = y;
	sc->incol = x + (lw + tw < w ? lw + tw : w - 1);
}

static void draw_output(struct screen *sc, const struct rect *r, int v)
{
	const char *input = dbg_program_input(sc->d);
	struct rect pane = *r;
	char title[256];
	bool line = screen_input_shown(sc) && r->h > 2;

	(void)v;
	if (input && dbg_session(sc->d) && dbg_session(sc->d)->cfg.tty)
		snprintf(title, sizeof(title),
			 "output: on %s, the program's terminal", input);
	else if (input)
		snprintf(title, sizeof(title),
			 "output: the program's stdout and stderr (once); it reads %s",
			 input);
	else if (sc->focus == PANE_OUTPUT && sc->inpipe[1] >= 0)
		snprintf(title, sizeof(title),
			 "output (once): type for the program's stdin, Enter sends a line, Ctrl-D the end");
	else
		snprintf(title, sizeof(title),
			 "output: the program's stdout and stderr (once)");
	sc->inrow = -1;
	if (line)
		pane.h--;
	pthread_mutex_lock(&sc->outlock);
	draw_text_pane(sc, &pane, PANE_OUTPUT, title, &sc->out);
	pthread_mutex_unlock(&sc->outlock);
	if (line)
		draw_input(sc, r->y + r->h - 1, r->x, r->w);
}

static void draw_messages(struct screen *sc, const struct rect *r, int v)
{
	(void)v;
	draw_text_pane(sc, r, PANE_MESSAGES, "messages", &sc->msg);
}

/* What the last stop record says, when the command said nothing. */
static const char *stop_words(const struct stop *st)
{
	if (!st)
		return "";
	switch (st->reason) {
	case STOP_START:
		return "stopped at the first call";
	case STOP_SYSCALL:
		return "stopped at a system call";
	case STOP_SIGNAL:
		return "stopped at a fault signal";
	case STOP_DIVERGED:
		return "the variants diverged";
	case STOP_EXITED:
		return "the program ended";
	case STOP_ERROR:
		return st->err.msg;
	case STOP_INTERRUPTED:
		return "interrupted: the running variants are stopped";
	}
	return "";
}

/* A divergence: its words stand out at the right where the rest fits
 * beside them, else right after the step, the rest after them as far as
 * it goes; never one over the other. */
static void draw_diverged(struct screen *sc, const struct rect *r,
			  const struct stop *st, const char *line)
{
	char div[512];
	int dw, lw = text_width(line), step;

	snprintf(div, sizeof(div), " DIVERGED at step %lu: %s ", st->step,
		 st->div.what);
	dw = text_width(div);
	if (lw + 1 + dw <= r->w) {
		view_text(sc, r->y, r->x, r->w, line, ST_STATUS);
		view_text(sc, r->y, r->x + r->w - dw, dw, div, ST_DIVERGED);
		return;
	}
	/* " step N | " first, then the divergence, then what follows */
	step = (int)(strstr(line, " | ") ? strstr(line, " | ") - line + 3 : 0);
	if (step + dw > r->w)
		step = 0;
	view_text(sc, r->y, r->x, r->w, "", ST_STATUS);
	if (step)
		view_text(sc, r->y, r->x, step, line, ST_STATUS);
	dw = dw < r->w - step ? dw : r->w - step;
	view_text(sc, r->y, r->x + step, dw, div, ST_DIVERGED);
	if (step + dw < r->w)
		view_text(sc, r->y, r->x + step + dw, r->w - step - dw,
			  line + step, ST_STATUS);
}

static void draw_status(struct screen *sc, const struct rect *r, int v)
{
	const struct session *s = dbg_session(sc->d);
	const struct stop *st = s ? dbg_last_stop(sc->d) : NULL;
	char line[1024], wait[320];
	size_t at;

	(void)v;
	sc->waiting = dbg_waits_input(sc->d);
	/* where the person gives it what it waits for */
	if (screen_input_ours(sc))
		snprintf(wait, sizeof(wait),
			 " | the program waits for its input: F6, type a line, Enter");
	else
		snprintf(wait, sizeof(wait),
			 " | the program waits for its input on %s",
			 dbg_program_input(sc->d) ? dbg_program_input(sc->d) : "?");
	if (sc->busy) {
		snprintf(line, sizeof(line), " running: step %lu  (Ctrl-C interrupts)%s",
			 sc->progress, sc->waiting ? wait : "");
		view_text(sc, r->y, r->x, r->w, line, ST_STATUS);
		return;
	}
	if (!s) {
		view_text(sc, r->y, r->x, r->w,
			  " no program runs: `run` starts it", ST_STATUS);
		return;
	}
	at = (size_t)snprintf(line, sizeof(line), " step %lu | ",
			      st ? st->step : 0);
	if (st && st->set > 0 && at < sizeof(line)) {
		dbg_set_name(s, st->set, line + at, sizeof(line) - at);
		at = strlen(line);
		at += (size_t)snprintf(line + at, sizeof(line) - at, " | ");
	}
	if (at < sizeof(line))
		at += (size_t)snprintf(line + at, sizeof(line) - at, "%s",
				       sc->stoptext[0] ? sc->stoptext :
							 stop_words(st));
	if (dbg_focus(sc->d) != s->cur && at < sizeof(line))
		at += (size_t)snprintf(line + at, sizeof(line) - at,
				       " | showing set %d (set focus)",
				       dbg_focus(sc->d));
	if (s->note[0] && at < sizeof(line))
		at += (size_t)snprintf(line + at, sizeof(line) - at, " | %s",
				       s->note);
	if (st && st->reason == STOP_DIVERGED && at < sizeof(line)) {
		draw_diverged(sc, r, st, line);
		return;
	}
	if (sc->waiting && at < sizeof(line))
		at += (size_t)snprintf(line + at, sizeof(line) - at, "%s", wait);
	if (s->ended && at < sizeof(line))
		snprintf(line + at, sizeof(line) - at, " | the program ended");
	view_text(sc, r->y, r->x, r->w, line, ST_STATUS);
}

/* The command line is readline's (screen_rl_draw). */
static void draw_command(struct screen *sc, const struct rect *r, int v)
{
	(void)sc;
	(void)r;
	(void)v;
}

static void draw_hint(struct screen *sc, const struct rect *r, int v)
{
	char hint[512];

	(void)v;
	if (sc->pager.open)
		keys_hint_of(keys_pager, keys_pager_count, hint, sizeof(hint),
			     r->w);
	else
		keys_hint(hint, sizeof(hint), r->w);
	view_text(sc, r->y, r->x, r->w, hint, ST_HINT);
}

const struct view_ops view_history = { "history", draw_history };
const struct view_ops view_output = { "output", draw_output };
const struct view_ops view_messages = { "messages", draw_messages };
const struct view_ops view_status = { "status", draw_status };
const struct view_ops view_command = { "command", draw_command };
const struct view_ops view_hint = { "hint", draw_hint };
