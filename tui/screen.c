/* The full-screen front end: curses, the main loop, signals, the
 * program's output, and restoring the terminal on every way out.
 *
 * The program's standard output and error go into a pipe that a reader
 * thread drains into the output pane; its standard input is a pipe the
 * output pane's input line writes (screen_input.c).  While a run waits
 * for the platform (the program reads that pipe), the engine watches the
 * terminal and the wake pipe for the screen, so that a person can type
 * the line the program waits for. */
#include "demos.h"
#include "frontends.h"
#include "keys.h"
#include "screen.h"
#include "views.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static struct screen *the_screen;	/* for signal handlers and atexit */
static volatile sig_atomic_t fatal_sig;	/* SIGTERM or SIGHUP received */
static int wake_fd = -1;		/* write end of the wake pipe */
static struct termios saved_tty;	/* the terminal as mvdb found it */
static bool have_saved_tty;		/* saved_tty is valid */
static char restore_seq[256];		/* leave the alternate screen, show
					   the cursor, plain attributes */
static size_t restore_len;		/* bytes of restore_seq */

/* What a wake byte says. */
enum {
	WAKE_OUTPUT = 'o',	/* the program wrote */
	WAKE_INTERRUPT = 'i',	/* Ctrl-C at the prompt */
	WAKE_RESIZE = 'w',	/* the terminal changed size */
	WAKE_TERMINATE = 't',	/* SIGTERM or SIGHUP */
};

static void wake(char why)
{
	int e = errno;

	if (wake_fd >= 0 && write(wake_fd, &why, 1) < 0) {
		/* A full pipe already wakes the loop. */
	}
	errno = e;
}

/* Async-signal-safe: puts the terminal back as well as it can be done
 * without curses. */
static void emergency_restore(void)
{
	if (restore_len && write(STDOUT_FILENO, restore_seq, restore_len) < 0) {
		/* Nothing more can be done. */
	}
	if (have_saved_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
}

static void on_signal(int sig)
{
	struct screen *sc = the_screen;

	switch (sig) {
	case SIGINT:
		if (sc && sc->busy && !sc->pausing)
			dbg_interrupt(sc->d);
		else
			wake(WAKE_INTERRUPT);
		break;
	case SIGWINCH:
		wake(WAKE_RESIZE);
		break;
	default:
		fatal_sig = sig;
		if (sc && sc->busy) {
			/* The engine may be blocked in a variant's call:
			 * restore, and die of the signal.  The variants die
			 * with the monitor (PTRACE_O_EXITKILL). */
			emergency_restore();
			demo_remove_now();
			signal(sig, SIG_DFL);
			raise(sig);
		}
		wake(WAKE_TERMINATE);
		break;
	}
}

static void restore_terminal(void)
{
	struct screen *sc = the_screen;

	if (sc && sc->curses) {
		sc->curses = false;
		endwin();
	}
}

static void at_exit(void)
{
	restore_terminal();
}

/* The sequences that restore the terminal, looked up while curses is
 * active (tigetstr is not for signal handlers). */
static void prepare_restore(void)
{
	const char *caps[] = { "rmcup", "sgr0", "cnorm", "rmkx" };

	restore_len = 0;
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		const char *s = tigetstr(caps[i]);
		size_t n;

		if (!s || s == (char *)-1)
			continue;
		n = strlen(s);
		if (restore_len + n < sizeof(restore_seq)) {
			memcpy(restore_seq + restore_len, s, n);
			restore_len += n;
		}
	}
}

static void *reader_main(void *arg)
{
	struct screen *sc = arg;
	char buf[65536];

	for (;;) {
		ssize_t n = read(sc->outpipe[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		pthread_mutex_lock(&sc->outlock);
		lines_append(&sc->out, ST_NORMAL, buf, (size_t)n);
		pthread_mutex_unlock(&sc->outlock);
		wake(WAKE_OUTPUT);
	}
	return NULL;
}

/* Starts the reader with every signal blocked: they are the main
 * thread's. */
static void start_reader(struct screen *sc)
{
	sigset_t all, old;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	sc->reader_on = pthread_create(&sc->reader, NULL, reader_main, sc) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void relayout(struct screen *sc)
{
	const struct session *s = dbg_session(sc->d);
	int n = s ? s->n : sc->o->cfg.nvariants;

	layout_compute(&sc->lay, LINES, COLS, n, sc->first);
	sc->first = sc->lay.first;
}

void screen_redraw(struct screen *sc)
{
	if (!sc->curses)
		return;
	relayout(sc);
	views_draw(sc);
	screen_rl_draw();
}

static void resize(struct screen *sc)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col)
		resize_term(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	screen_redraw(sc);
}

/* The hooks of the command layer. */
static void hook_progress(void *ctx, unsigned long step)
{
	struct screen *sc = ctx;

	sc->progress = step;
	if (!sc->curses)
		return;
	views_draw_progress(sc);
	screen_rl_draw();
}

static void hook_starting(void *ctx, struct config *cfg)
{
	struct screen *sc = ctx;

	screen_input_starting(sc, cfg);
	sc->waiting = false;
	/* where this run's output begins, after the last one's */
	if (++sc->runs > 1) {
		char *mark = xasprintf("--- run %d ---", sc->runs);

		pthread_mutex_lock(&sc->outlock);
		lines_add(&sc->out, ST_DIM, mark);
		pthread_mutex_unlock(&sc->outlock);
		sc->scroll[PANE_OUTPUT] = 0;
		free(mark);
	}
}

static void read_keys(struct screen *sc);
static void read_wakes(struct screen *sc, int fd);

/* During a run that waits for the platform: keys (for the input line,
 * focus and scrolling; the command line's are held until the run ends)
 * and what woke the screen. */
static void hook_ready(void *ctx)
{
	struct screen *sc = ctx;
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL))) {
		/* the terminal is gone: nothing more to watch there */
		struct watch none = { .nfd = 0 };

		session_watch(dbg_session(sc->d), &none);
		return;
	}
	read_keys(sc);
	read_wakes(sc, sc->wakepipe[0]);
}

/* The engine is about to wait: the status line says when that is for
 * the program's input. */
static void hook_idle(void *ctx)
{
	struct screen *sc = ctx;
	const struct session *s = dbg_session(sc->d);

	if (dbg_waits_input(sc->d) == sc->waiting || !sc->curses)
		return;
	if (s)
		sc->progress = s->step;
	views_draw_progress(sc);
	screen_rl_draw();
}

/* The run goes on without a step (calls without a meeting): the status
 * line says it runs. */
static void hook_waiting(void *ctx)
{
	struct screen *sc = ctx;
	const struct session *s = dbg_session(sc->d);

	hook_progress(ctx, s ? s->step : sc->progress);
}

static bool hook_confirm(void *ctx, const char *question)
{
	struct screen *sc = ctx;
	char line[512];
	wint_t ch;

	if (!sc->curses)
		return false;
	snprintf(line, sizeof(line), " %s (y or n) ", question);
	view_text(sc, sc->lay.too_small ? LINES - 1 : sc->lay.pane[PANE_STATUS].y,
		  0, COLS, line, ST_DIVERGED);
	refresh();
	nodelay(stdscr, FALSE);
	while (wget_wch(stdscr, &ch) != ERR && ch != 'y' && ch != 'Y' &&
	       ch != 'n' && ch != 'N' && ch != 27 && !fatal_sig)
		;
	nodelay(stdscr, TRUE);
	return ch == 'y' || ch == 'Y';
}

/* Keeps a key of the command line's typed during a run. */
static void hold_key(struct screen *sc, bool func, wint_t ch)
{
	if (sc->nheld < SCREEN_KEYS_HELD)
		sc->held[sc->nheld++] = (struct heldkey){ func, ch };
	else
		beep();
}

static void do_action(struct screen *sc, enum keyaction a);

/* A key at a pause that looks around without going on: focus, scroll,
 * the columns shown; true when it was one. */
static bool pause_key(struct screen *sc, bool func, wint_t ch)
{
	enum keyaction a = func || ch < 0x20 ? keys_lookup((int)ch) : KA_NONE;

	switch (a) {
	case KA_FOCUS:
	case KA_PAGEUP:
	case KA_PAGEDOWN:
	case KA_COLLEFT:
	case KA_COLRIGHT:
	case KA_REDRAW:
		do_action(sc, a);
		return true;
	default:
		return false;
	}
}

/* `pause`: the text on the status line, then Enter or space goes on,
 * q or Esc skips the rest of the script. */
static void hook_pause(void *ctx, const char *text)
{
	struct screen *sc = ctx;
	char line[512];
	wint_t ch;
	int rc;

	if (!sc->curses)
		return;
	snprintf(line, sizeof(line),
		 " %s  [Enter: go on, q: skip the rest of the script] ", text);
	sc->pausing = 1;
	for (;;) {
		screen_redraw(sc);
		view_text(sc, sc->lay.too_small ? LINES - 1
						 : sc->lay.pane[PANE_STATUS].y,
			  0, COLS, line, ST_DIVERGED);
		refresh();
		nodelay(stdscr, FALSE);
		rc = wget_wch(stdscr, &ch);
		nodelay(stdscr, TRUE);
		if (rc == ERR || fatal_sig) {
			sc->skip_script = true;
			break;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			resize(sc);
			continue;
		}
		if (pause_key(sc, rc == KEY_CODE_YES, ch))
			continue;
		if (rc == KEY_CODE_YES ? ch == KEY_ENTER
				       : ch == '\r' || ch == '\n' || ch == ' ')
			break;
		if (rc != KEY_CODE_YES && (ch == 'q' || ch == 'Q' || ch == 27)) {
			sc->skip_script = true;
			break;
		}
	}
	sc->pausing = 0;
}

/* Whether F6 stops at what: the panes across always, the parts of the
 * columns while they hold more than they show. */
static bool focusable(const struct screen *sc, int what)
{
	if (what < PANE_COUNT)
		return true;
	return sc->more[what] || sc->scroll[what] > 0;
}

/* Rows PgUp and PgDn move what has the focus. */
static int focus_page(const struct screen *sc)
{
	const struct layout *l = &sc->lay;
	int h = 3;

	if (l->too_small)
		return 1;
	if (sc->focus == FOCUS_FDS)
		h = l->col[0][COL_FDS].h;
	else if (sc->focus == FOCUS_MEM)
		h = l->col[0][COL_MEM].h;
	else
		h = l->pane[sc->focus].h;
	return h > 2 ? h - 2 : 1;
}

static void do_action(struct screen *sc, enum keyaction a)
{
	/* from the messages (where the focus starts) to the output pane
	 * first: typing for the program is the next thing wanted */
	static const int order[] = { PANE_MESSAGES, PANE_OUTPUT, PANE_HISTORY,
				     FOCUS_FDS, FOCUS_MEM };
	const size_t norder = sizeof(order) / sizeof(order[0]);
	int page = focus_page(sc);
	/* the columns' parts count rows from the top, the panes from
	 * the bottom */
	int back = sc->focus >= PANE_COUNT ? -1 : 1;

	switch (a) {
	case KA_STEP:
		screen_command(sc, "step");
		return;
	case KA_CONTINUE:
		screen_command(sc, "continue");
		return;
	case KA_FOCUS:
		for (size_t i = 0; i < norder; i++)
			if (order[i] == sc->focus) {
				size_t k = (i + 1) % norder;

				while (!focusable(sc, order[k]))
					k = (k + 1) % norder;
				sc->focus = order[k];
				break;
			}
		break;
	case KA_PAGEUP:
	case KA_PAGEDOWN:
		if (a == KA_PAGEDOWN)
			back = -back;
		if (a == KA_PAGEDOWN && sc->focus >= PANE_COUNT &&
		    !sc->more[sc->focus])
			break;	/* nothing further down */
		sc->scroll[sc->focus] += back * page;
		if (sc->scroll[sc->focus] < 0)
			sc->scroll[sc->focus] = 0;
		break;
	case KA_COLLEFT:
		if (sc->first > 0)
			sc->first--;
		break;
	case KA_COLRIGHT:
		sc->first++;
		break;
	case KA_HELP: {
		unsigned long from = sc->msg.pushed;

		screen_pager_close(sc);
		screen_help_keys(sc);
		screen_pager_maybe(sc, from, "help keys", false);
		break;
	}
	case KA_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		return;
	}
	screen_redraw(sc);
}

/* One key: an action, the input line's (the output pane focused) or
 * the command line's.  During a run only what cannot start a command is
 * taken; the rest is held for after it. */
static void take_key(struct screen *sc, bool func, wint_t ch)
{
	enum keyaction a;

	if (func && ch == KEY_RESIZE) {
		resize(sc);
		return;
	}
	if (!sc->busy && screen_pager_key(sc, func, ch))
		return;
	a = func || ch < 0x20 ? keys_lookup((int)ch) : KA_NONE;
	if (a == KA_NONE && screen_input_key(sc, func, ch)) {
		screen_redraw(sc);
		return;
	}
	if (sc->busy && (a == KA_NONE || a == KA_STEP || a == KA_CONTINUE ||
			 a == KA_HELP)) {
		hold_key(sc, func, ch);
		return;
	}
	if (a != KA_NONE)
		do_action(sc, a);
	else
		screen_rl_key(sc, func, ch);
}

/* Keys held during a run, once it has ended (they may start another,
 * which holds what comes meanwhile). */
static void take_held(struct screen *sc)
{
	while (!sc->busy && sc->nheld && !sc->quit && !fatal_sig) {
		int n = sc->nheld;
		struct heldkey keys[SCREEN_KEYS_HELD];

		memcpy(keys, sc->held, sizeof(keys[0]) * (size_t)n);
		sc->nheld = 0;
		for (int i = 0; i < n && !sc->quit && !fatal_sig; i++)
			take_key(sc, keys[i].func, keys[i].ch);
	}
}

/* Reads every key curses has (those held during a run first). */
static void read_keys(struct screen *sc)
{
	wint_t ch;
	int rc;

	take_held(sc);
	while (!sc->quit && !fatal_sig &&
	       (rc = wget_wch(stdscr, &ch)) != ERR) {
		take_key(sc, rc == KEY_CODE_YES, ch);
		take_held(sc);
	}
}

/* Handles what woke the loop. */
static void read_wakes(struct screen *sc, int fd)
{
	char why[64];
	ssize_t n;

	while ((n = read(fd, why, sizeof(why))) > 0) {
		bool redraw = false;

		for (ssize_t i = 0; i < n; i++) {
			if (why[i] == WAKE_INTERRUPT && !sc->busy) {
				lines_add(&sc->msg, ST_DIM, "^C");
				screen_rl_cancel();
				redraw = true;
			} else if (why[i] == WAKE_RESIZE) {
				resize(sc);
			} else if (why[i] == WAKE_OUTPUT) {
				redraw = true;
			}
		}
		if (redraw && sc->busy) {
			/* a run goes on: what it changes as it goes */
			views_draw_progress(sc);
			screen_rl_draw();
		} else if (redraw) {
			screen_redraw(sc);
		}
	}
}

/* The -x files and -e commands, in order. */
static void run_startup_commands(struct screen *sc)
{
	const struct options *o = sc->o;

	for (int i = 0; i < o->ncommands && !sc->quit && !fatal_sig &&
			!sc->skip_script; i++) {
		FILE *f;
		char *line = NULL;
		size_t cap = 0;

		if (!o->command_is_file[i]) {
			screen_script_command(sc, o->commands[i]);
			continue;
		}
		f = fopen(o->commands[i], "r");
		if (!f) {
			char *msg = xasprintf("cannot read %s: %s",
					      o->commands[i], strerror(errno));

			lines_add(&sc->msg, ST_ERROR, msg);
			free(msg);
			continue;
		}
		while (!sc->quit && !fatal_sig && !sc->skip_script &&
		       getline(&line, &cap, f) > 0) {
			const char *p;

			line[strcspn(line, "\r\n")] = '\0';
			p = line + strspn(line, " \t");
			/* Comments are notes for the person (the demo's hints). */
			if (*p == '#')
				lines_add(&sc->msg, ST_STOP, p);
			else if (*p)
				screen_script_command(sc, line);
		}
		free(line);
		fclose(f);
	}
}

static void main_loop(struct screen *sc)
{
	while (!sc->quit && !fatal_sig) {
		struct pollfd p[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = sc->wakepipe[0], .events = POLLIN },
		};

		read_keys(sc);
		if (sc->quit || fatal_sig)
			break;
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[1].revents)
			read_wakes(sc, sc->wakepipe[0]);
		if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;
	}
}

static void set_signals(void (*handler)(int))
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Curses on the terminal; false when the terminal cannot do it. */
static bool start_curses(struct screen *sc)
{
	static bool registered;

	have_saved_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	if (!newterm(NULL, stdout, stdin))
		return false;
	sc->curses = true;
	the_screen = sc;
	if (!registered)
		atexit(at_exit);
	registered = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(50);
	views_init_colors(sc);
	prepare_restore();
	return true;
}

static void screen_free(struct screen *sc)
{
	screen_input_free(sc);
	if (sc->outpipe[1] >= 0)
		close(sc->outpipe[1]);
	if (sc->reader_on)
		pthread_join(sc->reader, NULL);
	close(sc->outpipe[0]);
	close(sc->wakepipe[0]);
	close(sc->wakepipe[1]);
	wake_fd = -1;
	lines_free(&sc->out);
	lines_free(&sc->msg);
	screen_mem_free(sc);
	pthread_mutex_destroy(&sc->outlock);
}

int screen_run(const struct options *o)
{
	struct screen sc = { .o = o, .focus = PANE_MESSAGES,
			     .inpipe = { -1, -1 }, .inrow = -1 };
	struct dbg_hooks hooks = {
		.progress = hook_progress, .confirm = hook_confirm,
		.starting = hook_starting, .pause = hook_pause, .ctx = &sc,
		.watch = { .nfd = 2, .ready = hook_ready, .idle = hook_idle,
			   .waiting = hook_waiting,
			   .ctx = &sc },
	};
	struct config cfg = o->cfg;
	struct result r;
	int status, sig;

	setlocale(LC_ALL, "");
	if (pipe2(sc.outpipe, O_CLOEXEC) == -1 ||
	    pipe2(sc.wakepipe, O_CLOEXEC | O_NONBLOCK) == -1) {
		fprintf(stderr, "mvdb: %s\n", strerror(errno));
		return EXIT_MONITOR;
	}
	wake_fd = sc.wakepipe[1];
	hooks.watch.fd[0] = STDIN_FILENO;
	hooks.watch.fd[1] = sc.wakepipe[0];
	pthread_mutex_init(&sc.outlock, NULL);
	lines_init(&sc.out, SCREEN_OUTPUT_LINES);
	lines_init(&sc.msg, SCREEN_MESSAGE_LINES);
	cfg.stdio[1] = sc.outpipe[1];
	cfg.stdio[2] = sc.outpipe[1];
	sc.d = dbg_new(&cfg, &hooks);
	dbg_keep_results(sc.d, !o->no_results);
	if (o->trace)
		dbg_trace(sc.d, o->trace_filter, o->trace_out, NULL);
	if (!start_curses(&sc)) {
		/* A terminal curses cannot drive (TERM=dumb): line mode. */
		dbg_free(sc.d);
		screen_free(&sc);
		return line_run(o);
	}
	set_signals(on_signal);
	start_reader(&sc);
	screen_rl_init(&sc);
	screen_redraw(&sc);
	lines_add(&sc.msg, ST_DIM, "starting the variants...");
	screen_redraw(&sc);

	result_init(&r);
	sc.busy = true;
	dbg_start(sc.d, &r);
	sc.busy = false;
	screen_absorb(&sc, &r);
	result_free(&r);
	lines_add(&sc.msg, ST_DIM, "Type a command (help), F7 steps, F5 "
		  "continues; F6 focuses the output pane, where a line typed "
		  "goes to the program's input.");
	screen_redraw(&sc);
	run_startup_commands(&sc);
	screen_redraw(&sc);
	main_loop(&sc);

	screen_rl_done();
	restore_terminal();
	sig = fatal_sig;
	set_signals(SIG_DFL);
	the_screen = NULL;
	status = dbg_exit_status(sc.d);
	dbg_free(sc.d);
	screen_free(&sc);
	if (sig)
		raise(sig);
	return status;
}
