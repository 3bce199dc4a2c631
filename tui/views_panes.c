/* The panes across the width: history, output, messages, status, the
 * command line's place, the key hint. */
#include "format.h"
#include "keys.h"
#include "views.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

static void draw_history(struct screen *sc, const struct rect *r, int v)
{
	const struct session *s = dbg_session(sc->d);
	unsigned long avail = 0;
	int rows = r->h - 1, shown, *scroll = &sc->scroll[PANE_HISTORY];
	char title[128];

	(void)v;
	if (s)
		avail = s->nhist < HISTORY_SIZE ? s->nhist : HISTORY_SIZE;
	if (*scroll > (int)avail - rows)
		*scroll = (int)avail - rows > 0 ? (int)avail - rows : 0;
	snprintf(title, sizeof(title), "history: last steps (%lu kept)%s", avail,
		 *scroll ? "  [scrolled back: PgDn]" : "");
	view_title(sc, r, title, sc->focus == PANE_HISTORY);
	if (!s)
		return;
	/* Oldest shown at the top, the newest at the bottom. */
	shown = (int)avail - *scroll < rows ? (int)avail - *scroll : rows;
	for (int row = 0; row < shown; row++) {
		unsigned long i = (unsigned long)(*scroll + shown - 1 - row);
		const struct histent *h = session_history(s, i);
		char line[CALL_TEXT_MAX + 32], text[CALL_TEXT_MAX];

		if (!h)
			continue;
		format_record(h, 0, s->cfg.strsize, 0, text, sizeof(text));
		if (s->made > 1)
			snprintf(line, sizeof(line), "%c %6lu  set %-3d %s",
				 h->diverged ? '!' : ' ', h->step, h->set, text);
		else
			snprintf(line, sizeof(line), "%c %6lu  %s",
				 h->diverged ? '!' : ' ', h->step, text);
		view_text(sc, r->y + 1 + row, r->x, r->w, line,
			  h->diverged ? ST_DIVERGED : ST_NORMAL);
	}
}

static void draw_text_pane(struct screen *sc, const struct rect *r,
			   enum pane pane, const char *title, struct lines *l)
{
	struct rect body = { r->y + 1, r->x, r->h - 1, r->w };
	char buf[160];

	view_lines(sc, &body, l, &sc->scroll[pane]);
	snprintf(buf, sizeof(buf), "%s%s", title,
		 sc->scroll[pane] ? "  [scrolled back: PgDn]" : "");
	view_title(sc, r, buf, sc->focus == pane);
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
		view_text(sc, r->y, r->x, r->w, line, ST_STATUS);
		snprintf(line, sizeof(line), " DIVERGED at step %lu: %s ",
			 st->step, st->div.what);
		{
			int w = (int)strlen(line);
			int x = r->w - w > r->w / 3 ? r->w - w : r->w / 3;

			view_text(sc, r->y, r->x + x, r->w - x, line,
				  ST_DIVERGED);
		}
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
	keys_hint(hint, sizeof(hint));
	view_text(sc, r->y, r->x, r->w, hint, ST_HINT);
}

const struct view_ops view_history = { "history", draw_history };
const struct view_ops view_output = { "output", draw_output };
const struct view_ops view_messages = { "messages", draw_messages };
const struct view_ops view_status = { "status", draw_status };
const struct view_ops view_command = { "command", draw_command };
const struct view_ops view_hint = { "hint", draw_hint };
