/* Readline inside curses, through its callback interface: curses reads
 * the keys, readline edits the line, and the line is drawn here on the
 * screen's command row.  Readline never touches the terminal itself. */
#include "screen.h"

#include <curses.h>
#include <libiberty.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <readline/history.h>
#include <readline/readline.h>

static struct screen *sr_screen;	/* the screen the line belongs to */
static unsigned char queue[256];	/* bytes for readline, in order */
static size_t qhead, qtail;	/* next to read, next free */
static FILE *sr_null;		/* readline's streams: not the terminal */
static char *sr_histfile;	/* the history file, or NULL */

/* Curses function keys readline knows by their ANSI sequences. */
static const struct {
	int key;		/* curses code */
	const char *seq;	/* what readline is given */
} key_seqs[] = {
	{ KEY_UP, "\033[A" },	{ KEY_DOWN, "\033[B" },
	{ KEY_RIGHT, "\033[C" }, { KEY_LEFT, "\033[D" },
	{ KEY_HOME, "\033[H" },	{ KEY_END, "\033[F" },
	{ KEY_DC, "\033[3~" },	{ KEY_BACKSPACE, "\177" },
	{ KEY_ENTER, "\r" },
};

static void push(const char *p, size_t n)
{
	for (size_t i = 0; i < n && qtail < sizeof(queue); i++)
		queue[qtail++] = (unsigned char)p[i];
}

static int sr_getc(FILE *f)
{
	(void)f;
	if (qhead == qtail)
		return EOF;	/* not reached: called only with bytes queued */
	return queue[qhead++];
}

static int sr_input_queued(void)
{
	return qhead < qtail;
}

static void sr_prep_term(int meta)
{
	(void)meta;
}

static void sr_deprep_term(void)
{
}

/* Display columns of the first n bytes of s. */
static int width_of(const char *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n;) {
		int cols;

		i += (size_t)text_char(s + i, n - i, &cols);
		w += cols;
	}
	return w;
}

void screen_rl_draw(void)
{
	const struct screen *sc = sr_screen;
	const char *prompt = rl_display_prompt ? rl_display_prompt : "";
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	size_t point = rl_point > 0 ? (size_t)rl_point : 0, start = 0;
	int y, w, pw, x;

	if (!sc || !sc->curses)
		return;
	if (sc->lay.too_small) {
		y = LINES - 1;
		w = COLS;
	} else {
		y = sc->lay.pane[PANE_COMMAND].y;
		w = sc->lay.pane[PANE_COMMAND].w;
	}
	if (point > strlen(line))
		point = strlen(line);
	pw = width_of(prompt, strlen(prompt));
	/* Scroll the line sideways so the cursor stays on the row. */
	while (start < point && pw + width_of(line + start, point - start) >= w - 1) {
		int cols;

		start += (size_t)text_char(line + start, point - start, &cols);
	}
	attrset(A_NORMAL);
	mvhline(y, 0, ' ', w);
	mvaddnstr(y, 0, prompt, -1);
	x = pw;
	for (size_t i = start; line[i] && x < w;) {
		int cols, b = text_char(line + i, strlen(line + i), &cols);

		if (x + cols > w)
			break;
		mvaddnstr(y, x, line + i, b);
		x += cols;
		i += (size_t)b;
	}
	move(y, pw + width_of(line + start, point - start));
	/* typing for the program: the cursor is on its input line */
	if (sc->focus == PANE_OUTPUT && sc->inrow >= 0 && !sc->lay.too_small)
		move(sc->inrow, sc->incol);
	refresh();
}

static void sr_redisplay(void)
{
	screen_rl_draw();
}

/* A whole line typed (NULL: Ctrl-D on an empty line). */
static void sr_on_line(char *line)
{
	struct screen *sc = sr_screen;

	if (!line) {
		sc->quit = true;
		return;
	}
	if (line[strspn(line, " \t")])
		add_history(line);
	screen_command(sc, line);
	free(line);
}

static char **sr_complete(const char *text, int start, int end)
{
	char **matches = dbg_complete(sr_screen->d, rl_line_buffer, start, end);

	(void)text;
	/* File names (break path) are readline's own completion. */
	if (!matches && !dbg_complete_wants_path(sr_screen->d, rl_line_buffer,
						 start))
		rl_attempted_completion_over = 1;
	return matches;
}

/* The history file line mode keeps too: $XDG_STATE_HOME/mvdb/history
 * (or ~/.local/state/mvdb/history); NULL when there is no home. */
static char *history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir, *path;

	if (state && *state)
		dir = xasprintf("%s/mvdb", state);
	else if (home && *home)
		dir = xasprintf("%s/.local/state/mvdb", home);
	else
		return NULL;
	for (char *p = strchr(dir + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	mkdir(dir, 0700);
	path = concat(dir, "/history", NULL);
	free(dir);
	return path;
}

/* Completion lists go to the messages pane, in columns. */
static void sr_show_matches(char **matches, int num, int max)
{
	struct screen *sc = sr_screen;
	int w = sc->lay.too_small ? COLS : sc->lay.pane[PANE_MESSAGES].w;
	int per = w / (max + 2) > 0 ? w / (max + 2) : 1;
	char *line = xstrdup("");

	lines_add(&sc->msg, ST_DIM, "completions:");
	for (int i = 1; i <= num; i++) {
		char *next = xasprintf("%s%-*s", line, max + 2, matches[i]);

		free(line);
		line = next;
		if (i % per == 0 || i == num) {
			lines_add(&sc->msg, ST_NORMAL, line);
			line[0] = '\0';
		}
	}
	free(line);
	sc->scroll[PANE_MESSAGES] = 0;
	screen_redraw(sc);
}

void screen_rl_init(struct screen *sc)
{
	sr_screen = sc;
	sr_null = fopen("/dev/null", "r+");
	rl_instream = sr_null;
	rl_outstream = sr_null;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = sr_prep_term;
	rl_deprep_term_function = sr_deprep_term;
	rl_getc_function = sr_getc;
	rl_input_available_hook = sr_input_queued;
	rl_redisplay_function = sr_redisplay;
	rl_attempted_completion_function = sr_complete;
	rl_completion_display_matches_hook = sr_show_matches;
	rl_readline_name = "mvdb";
	rl_completer_word_break_characters = " \t\n\"'";
	using_history();
	stifle_history(SCREEN_HISTORY_KEEP);
	sr_histfile = history_path();
	if (sr_histfile)
		read_history(sr_histfile);
	rl_callback_handler_install(SCREEN_PROMPT, sr_on_line);
}

void screen_rl_done(void)
{
	rl_callback_handler_remove();
	if (sr_histfile) {
		write_history(sr_histfile);
		history_truncate_file(sr_histfile, SCREEN_HISTORY_KEEP);
		free(sr_histfile);
		sr_histfile = NULL;
	}
	clear_history();
	if (sr_null)
		fclose(sr_null);
	sr_null = NULL;
	rl_instream = rl_outstream = NULL;
	sr_screen = NULL;
}

void screen_rl_key(struct screen *sc, int isfunc, wint_t key)
{
	char buf[MB_LEN_MAX + 1];
	mbstate_t st;

	qhead = qtail = 0;
	if (isfunc) {
		for (size_t i = 0; i < sizeof(key_seqs) / sizeof(key_seqs[0]); i++)
			if (key_seqs[i].key == (int)key)
				push(key_seqs[i].seq, strlen(key_seqs[i].seq));
	} else {
		size_t n;

		memset(&st, 0, sizeof(st));
		n = wcrtomb(buf, (wchar_t)key, &st);
		if (n != (size_t)-1)
			push(buf, n);
	}
	while (qhead < qtail && !sc->quit)
		rl_callback_read_char();
	qhead = qtail = 0;
}

void screen_rl_cancel(void)
{
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	rl_redisplay();
}
