/* The full-screen front end: its pure parts (layout, scrollback,
 * highlights, keys) as unit tests. */
#include "keys.h"
#include "run.h"
#include "layout.h"
#include "pane_lines.h"
#include "suites.h"
#include "syscall.h"
#include "view_diff.h"

#include <curses.h>
#include <libiberty.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Whether two rectangles share a cell. */
static bool overlap(const struct rect *a, const struct rect *b)
{
	if (a->h <= 0 || a->w <= 0 || b->h <= 0 || b->w <= 0)
		return false;
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	       a->y < b->y + b->h && b->y < a->y + a->h;
}

static bool inside(const struct rect *r, int rows, int cols)
{
	return r->y >= 0 && r->x >= 0 && r->h >= 0 && r->w >= 0 &&
	       r->y + r->h <= rows && r->x + r->w <= cols;
}

/* Every rectangle on the screen, no two overlapping, all inside. */
static void check_layout_sane(const struct layout *l)
{
	struct rect all[MAX_VARIANTS * COL_PARTS + PANE_COUNT];
	int n = 0;

	for (int s = 0; s < l->shown; s++)
		for (int p = 0; p < COL_PARTS; p++)
			all[n++] = l->col[s][p];
	for (int p = 0; p < PANE_COUNT; p++)
		all[n++] = l->pane[p];
	for (int i = 0; i < n; i++) {
		ck_assert_msg(inside(&all[i], l->rows, l->cols),
			      "%dx%d n=%d: rect %d (%d,%d %dx%d) outside",
			      l->cols, l->rows, l->n, i, all[i].y, all[i].x,
			      all[i].h, all[i].w);
		for (int j = i + 1; j < n; j++)
			ck_assert_msg(!overlap(&all[i], &all[j]),
				      "%dx%d n=%d: rects %d and %d overlap",
				      l->cols, l->rows, l->n, i, j);
	}
	for (int s = 0; s < l->shown; s++) {
		ck_assert_int_ge(l->col[s][COL_HEAD].h, 2);
		ck_assert_int_ge(l->col[s][COL_CALL].h, 3);
		ck_assert_int_ge(l->col[s][COL_FDS].h, 2);
		ck_assert_int_ge(l->col[s][COL_MEM].h, 2);
		ck_assert_int_ge(l->col[s][COL_HEAD].w, LAYOUT_COL_MIN_W);
	}
	ck_assert_int_ge(l->pane[PANE_HISTORY].h, 3);
	ck_assert_int_ge(l->pane[PANE_OUTPUT].h, 3);
	ck_assert_int_eq(l->pane[PANE_STATUS].h, 1);
	ck_assert_int_eq(l->pane[PANE_COMMAND].h, 1);
	ck_assert_int_eq(l->pane[PANE_HINT].h, 1);
	ck_assert_int_eq(l->pane[PANE_HINT].y, l->rows - 1);
}

START_TEST(layout_two_variants_side_by_side_at_160x48)
{
	struct layout l;

	layout_compute(&l, 48, 160, 2, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.shown, 2);
	ck_assert_int_eq(l.first, 0);
	/* Side by side: same rows, the second right of the first. */
	ck_assert_int_eq(l.col[0][COL_HEAD].y, l.col[1][COL_HEAD].y);
	ck_assert_int_gt(l.col[1][COL_HEAD].x, l.col[0][COL_HEAD].x +
			 l.col[0][COL_HEAD].w - 1);
	ck_assert_int_ge(l.col[0][COL_HEAD].w, 79);
	/* A whole x/16xb row fits in a column. */
	ck_assert_int_eq(view_hex_per_row(l.col[0][COL_MEM].w, 1), 16);
	ck_assert_int_ge(l.col[0][COL_FDS].h, 8);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_four_variants_fit_160x48)
{
	struct layout l;

	layout_compute(&l, 48, 160, 4, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.shown, 4);
	check_layout_sane(&l);
	layout_compute(&l, 48, 160, 3, 0);
	ck_assert_int_eq(l.shown, 3);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_more_variants_than_fit_scroll)
{
	struct layout l;

	layout_compute(&l, 24, 80, 4, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.shown, 2);
	/* Asking for variant 3 first shows 2 and 3: every one reachable. */
	layout_compute(&l, 24, 80, 4, 3);
	ck_assert_int_eq(l.first, 2);
	layout_compute(&l, 24, 80, 4, -5);
	ck_assert_int_eq(l.first, 0);
	layout_compute(&l, 48, 160, 8, 7);
	ck_assert_int_eq(l.shown, 4);
	ck_assert_int_eq(l.first, 4);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_too_small_says_so)
{
	struct layout l;

	layout_compute(&l, 10, 40, 2, 0);
	ck_assert(l.too_small);
	layout_compute(&l, LAYOUT_MIN_ROWS - 1, 160, 2, 0);
	ck_assert(l.too_small);
	layout_compute(&l, 48, LAYOUT_MIN_COLS - 1, 2, 0);
	ck_assert(l.too_small);
	layout_compute(&l, LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS, 2, 0);
	ck_assert(!l.too_small);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_every_size_is_sane)
{
	struct layout l;

	for (int rows = LAYOUT_MIN_ROWS; rows <= 70; rows += 3)
		for (int cols = LAYOUT_MIN_COLS; cols <= 260; cols += 7)
			for (int n = 1; n <= MAX_VARIANTS; n++) {
				layout_compute(&l, rows, cols, n, n / 2);
				ck_assert(!l.too_small);
				ck_assert_int_ge(l.shown, 1);
				ck_assert_int_le(l.first + l.shown, n);
				check_layout_sane(&l);
			}
}
END_TEST

START_TEST(lines_join_partial_writes)
{
	struct lines l;
	int style;

	lines_init(&l, 10);
	lines_append(&l, 1, "hel", 3);
	lines_append(&l, 1, "lo\nwor", 6);
	lines_append(&l, 2, "ld\r\n\n", 5);
	ck_assert_uint_eq(l.count, 3);
	ck_assert_str_eq(lines_get(&l, 0, &style), "hello");
	ck_assert_int_eq(style, 1);
	ck_assert_str_eq(lines_get(&l, 1, NULL), "world");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "");
	ck_assert_ptr_null(lines_get(&l, 3, NULL));
	lines_append(&l, 0, "a\tb", 3);
	ck_assert_str_eq(lines_get(&l, 3, NULL), "a       b");
	lines_free(&l);
}
END_TEST

START_TEST(lines_keep_the_newest)
{
	struct lines l;
	char buf[16];

	lines_init(&l, 3);
	for (int i = 0; i < 10; i++) {
		snprintf(buf, sizeof(buf), "line %d", i);
		lines_add(&l, 0, buf);
	}
	ck_assert_uint_eq(l.count, 3);
	ck_assert_str_eq(lines_get(&l, 0, NULL), "line 7");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "line 9");
	lines_add(&l, 0, "two\nlines");
	ck_assert_str_eq(lines_get(&l, 1, NULL), "two");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "lines");
	lines_add(&l, 0, "");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "");
	lines_free(&l);
}
END_TEST

START_TEST(text_wraps_by_display_width)
{
	setlocale(LC_ALL, "C.UTF-8");
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_rows("abcdef", 3), 2);
	ck_assert_int_eq(text_rows("abcdefg", 3), 3);
	ck_assert_int_eq(text_rows("", 3), 1);
	/* "é" is two bytes, one column; a bad byte is one column. */
	ck_assert_int_eq(text_width("\xc3\xa9t\xc3\xa9"), 3);
	ck_assert_int_eq(text_width("\xff" "a"), 2);
	setlocale(LC_ALL, "C");
}
END_TEST

/* Two variants at write(1, buf, 3) with the given contents. */
static void two_writes(struct variant v[2], const char *a, const char *b)
{
	const char *txt[2] = { a, b };

	memset(v, 0, 2 * sizeof(v[0]));
	for (int i = 0; i < 2; i++) {
		v[i].index = i;
		v[i].pid = 100 + i;
		v[i].state = VS_SYSCALL;
		v[i].call.nr = 1;
		v[i].call.sc = syscall_get(1);
		v[i].call.args[0] = 1;
		v[i].call.args[1] = 0x1000 + 0x100 * (unsigned long)i;
		v[i].call.args[2] = strlen(txt[i]);
		v[i].call.val[1].data = (unsigned char *)txt[i];
		v[i].call.val[1].len = strlen(txt[i]);
		v[i].call.val[1].read = true;
	}
}

START_TEST(diff_marks_differing_buffers_in_both)
{
	struct variant v[2];

	two_writes(v, "0x7ffd1", "0x7ffe2");
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), 1u << 1);
	ck_assert_uint_eq(view_diff_args(v, 2, 1, NULL), 1u << 1);
	/* Same bytes at different addresses: no difference. */
	two_writes(v, "hello", "hello");
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), 0);
	ck_assert_uint_eq(view_diff_args(v, 2, 1, NULL), 0);
}
END_TEST

START_TEST(diff_other_call_and_ignore_rules)
{
	struct variant v[2];
	unsigned char ignore[SYSCALL_NR_LIMIT] = { 0 };

	two_writes(v, "aaa", "bbb");
	ignore[1] = 1u << 1;
	ck_assert_uint_eq(view_diff_args(v, 2, 0, ignore), 0);
	v[1].call.nr = 2;
	v[1].call.sc = syscall_get(2);
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), VIEW_DIFF_NAME);
	v[1].state = VS_EXITED;
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), VIEW_DIFF_NAME);
	ck_assert_uint_eq(view_diff_args(v, 2, 1, NULL), 0);
}
END_TEST

START_TEST(call_render_records_spans)
{
	struct variant v[2];
	struct callview cv;
	struct pmap pm;
	int seen = 0;

	two_writes(v, "hi\n", "hi\n");
	pmap_init(&pm, 256);
	view_call_render(&v[0].call, &pm, 32, &cv);
	ck_assert_str_eq(cv.text, "write(1, \"hi\\n\", 3)");
	for (int i = 0; i < cv.nspan; i++) {
		char *part = strndup(cv.text + cv.span[i].start, cv.span[i].len);

		if (cv.span[i].arg == VIEW_SPAN_NAME)
			ck_assert_str_eq(part, "write");
		if (cv.span[i].arg == 1)
			ck_assert_str_eq(part, "\"hi\\n\"");
		seen |= cv.span[i].arg >= 0 ? 1 << cv.span[i].arg : 0;
		free(part);
	}
	ck_assert_int_eq(seen, 7);
	v[0].call.done = true;
	v[0].call.ret = 3;
	view_call_render(&v[0].call, &pm, 32, &cv);
	ck_assert_str_eq(cv.text, "write(1, \"hi\\n\", 3) = 3");
	ck_assert_int_eq(cv.span[cv.nspan - 1].arg, VIEW_SPAN_RET);
	pmap_free(&pm);
}
END_TEST

START_TEST(hex_rows_fit_the_width)
{
	ck_assert_int_eq(view_hex_per_row(79, 1), 16);
	ck_assert_int_eq(view_hex_per_row(39, 1), 4);
	ck_assert_int_eq(view_hex_per_row(79, 8), 16);
	ck_assert_int_eq(view_hex_per_row(40, 8), 8);
	ck_assert_int_eq(view_hex_per_row(10, 4), 4);
	for (int w = 20; w < 200; w++)
		ck_assert_int_le(VIEW_HEX_ADDR_W + view_hex_per_row(w, 1) * 4 + 1,
				 w < 30 ? 1000 : w);
}
END_TEST

START_TEST(keys_table_drives_dispatch_and_hint)
{
	char hint[256];

	ck_assert_int_eq(keys_lookup(KEY_F(7)), KA_STEP);
	ck_assert_int_eq(keys_lookup(KEY_F(5)), KA_CONTINUE);
	ck_assert_int_eq(keys_lookup(KEY_F(6)), KA_FOCUS);
	ck_assert_int_eq(keys_lookup(KEY_PPAGE), KA_PAGEUP);
	ck_assert_int_eq(keys_lookup(KEY_NPAGE), KA_PAGEDOWN);
	/* Readline keeps its keys. */
	ck_assert_int_eq(keys_lookup('a'), KA_NONE);
	ck_assert_int_eq(keys_lookup('\t'), KA_NONE);
	ck_assert_int_eq(keys_lookup(KEY_UP), KA_NONE);
	keys_hint(hint, sizeof(hint));
	ck_assert_ptr_nonnull(strstr(hint, "F7 step"));
	ck_assert_ptr_nonnull(strstr(hint, "F5 continue"));
	ck_assert_ptr_nonnull(strstr(hint, "PgUp/PgDn scroll"));
	ck_assert_ptr_nonnull(strstr(hint, "F6 focus"));
	keys_hint(hint, 12);
	ck_assert_uint_lt(strlen(hint), 12);
}
END_TEST

/* The screen end to end: the real ./mvdb in a private tmux server. */

#define TMUX_WAIT 30	/* seconds a screen may take to show a text */

static pid_t runner_pid;	/* the test runner's pid: names the server */

/* A tmux server of the test's own, one shell in window "s". */
struct tmux {
	char name[64];	/* its -L socket name */
	char *dir;	/* a temporary directory, the shell's cwd */
};

/* Runs tmux with the given words; its stdout, owned, or NULL. */
static char *tmux_run(struct tmux *t, const char *first, ...)
{
	char *argv[16] = { "tmux", "-L", t->name, "-f", "/dev/null" };
	int n = 5;
	va_list ap;
	struct run r;
	char *out;

	argv[n++] = (char *)first;
	va_start(ap, first);
	while (n < 15 && (argv[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	run_argv(&r, t->dir, NULL, 20, argv);
	out = r.status == 0 ? xstrdup(r.out) : NULL;
	run_free(&r);
	return out;
}

static char *wait_text(struct tmux *t, const char *text);

/* Starts the server and waits for the shell's first prompt (typing
 * before it would race with the shell's start). */
static void tmux_start(struct tmux *t, int cols, int rows)
{
	char x[16], y[16];

	/* One server name per runner: a failed test's server is ended by
	 * the next test, and the last by the fixture. */
	snprintf(t->name, sizeof(t->name), "mvdb-check-%d", (int)runner_pid);
	t->dir = NULL;
	free(tmux_run(t, "kill-server", NULL));
	t->dir = temp_dir();
	snprintf(x, sizeof(x), "%d", cols);
	snprintf(y, sizeof(y), "%d", rows);
	free(tmux_run(t, "new-session", "-d", "-s", "s", "-x", x, "-y", y,
		      "env PS1='PROMPT$ ' TERM=screen LANG=C.UTF-8 "
		      "XDG_STATE_HOME=. sh", NULL));
	free(wait_text(t, "PROMPT$ "));
}

static void tmux_stop(struct tmux *t)
{
	free(tmux_run(t, "kill-server", NULL));
	rm_rf(t->dir);
	free(t->dir);
}

/* Types text and Enter into the pane. */
static void tmux_type(struct tmux *t, const char *text)
{
	free(tmux_run(t, "send-keys", "-t", "s", "-l", text, NULL));
	free(tmux_run(t, "send-keys", "-t", "s", "Enter", NULL));
}

static char *tmux_screen(struct tmux *t, bool escapes)
{
	char *s = tmux_run(t, "capture-pane", "-p", escapes ? "-e" : "-N",
			   "-t", "s", NULL);

	return s ? s : xstrdup("");
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Polls the screen until ok(screen, arg) holds; the last screen (owned)
 * for the assertions, which fail with the screen in the message. */
static char *tmux_wait(struct tmux *t, bool (*ok)(const char *, const void *),
		       const void *arg)
{
	double end = seconds() + TMUX_WAIT;

	for (;;) {
		char *s = tmux_screen(t, false);

		if (ok(s, arg) || seconds() > end)
			return s;
		free(s);
		poll(NULL, 0, 50);
	}
}

static bool has_text(const char *screen, const void *text)
{
	return strstr(screen, text) != NULL;
}

static char *wait_text(struct tmux *t, const char *text)
{
	char *s = tmux_wait(t, has_text, text);

	ck_assert_msg(strstr(s, text), "no \"%s\" on the screen:\n%s", text, s);
	return s;
}

/* Text shown in variant column slot (0 left, 1 right) of a 2-variant
 * screen of rows x cols: rows above the panes, split at the separator. */
static bool column_has(const char *screen, int slot, const char *text,
		       int rows, int cols)
{
	struct layout l;
	const char *line = screen;
	bool found = false;

	layout_compute(&l, rows, cols, 2, 0);
	for (int row = 0; row < l.colh && line && !found; row++) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char *copy = strndup(line, len), *sep = strstr(copy, "\xe2\x94\x82");

		if (!sep && strlen(copy) > (size_t)l.sep[1])
			sep = copy + l.sep[1];
		if (sep) {
			*sep = '\0';
			found = strstr(slot ? sep + 1 : copy, text) != NULL;
		}
		free(copy);
		line = nl ? nl + 1 : NULL;
	}
	return found;
}

static bool both_columns(const char *screen, const void *text)
{
	return column_has(screen, 0, text, 48, 160) &&
	       column_has(screen, 1, text, 48, 160);
}

static char *wait_columns(struct tmux *t, const char *text)
{
	char *s = tmux_wait(t, both_columns, text);

	ck_assert_msg(both_columns(s, text), "\"%s\" not in both columns:\n%s",
		      text, s);
	return s;
}

/* Starts mvdb -n 2 on a tracee in the pane and waits for the screen. */
static void start_mvdb(struct tmux *t, const char *env, const char *prog,
		       const char *arg)
{
	char *cmd = xasprintf("%s %s -n 2 -- %s %s", env, mvdb_path(),
			      tracee(prog), arg);

	tmux_type(t, cmd);
	free(cmd);
	free(wait_text(t, "F7 step"));
	free(wait_text(t, "at step 1,"));
}

/* Steps until the calls at hand of both columns show text. */
static void step_until(struct tmux *t, const char *text, int most)
{
	for (int i = 0; i < most; i++) {
		char *s = tmux_screen(t, false), *want;
		const char *at = strstr(s, "at step ");
		unsigned long step = at ? strtoul(at + 8, NULL, 10) : 0;

		if (both_columns(s, text)) {
			free(s);
			return;
		}
		free(s);
		tmux_type(t, "step");
		want = xasprintf("at step %lu,", step + 1);
		free(wait_text(t, want));
		free(want);
	}
	ck_abort_msg("no \"%s\" after %d steps", text, most);
}

static void tmux_fixture_setup(void)
{
	runner_pid = getpid();
}

/* Ends the server a failing test left behind. */
static void tmux_fixture_teardown(void)
{
	struct tmux t = { .dir = NULL };

	snprintf(t.name, sizeof(t.name), "mvdb-check-%d", (int)runner_pid);
	free(tmux_run(&t, "kill-server", NULL));
}

START_TEST(screen_demo_shows_ld_so_and_platform_fd)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "demo", "out.txt");
	step_until(&t, "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC)",
		   80);
	/* After the open: the mmap of its fd, listed as a local fd. */
	step_until(&t, ", PROT_READ, MAP_PRIVATE, 3, 0)", 5);
	s = wait_columns(&t, "/etc/ld.so.cache");
	ck_assert(both_columns(s, "L    3 r"));
	free(s);
	/* The write-opened file: platform fd 256 in both columns. */
	tmux_type(&t, "break fd 256");
	tmux_type(&t, "continue");
	s = wait_columns(&t, "P  256 w");
	ck_assert(both_columns(s, "out.txt"));
	ck_assert(both_columns(s, "256+0"));
	free(s);
	tmux_type(&t, "quit");
	free(wait_text(&t, "PROMPT$ \n"));
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_divergence_marks_and_memory)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "stackaddr", "");
	tmux_type(&t, "continue");
	s = wait_text(&t, "DIVERGED at step");
	ck_assert(both_columns(s, "write(1, \"0x"));
	ck_assert(both_columns(s, "<< differs: $arg1"));
	free(s);
	/* The differing argument is drawn apart (colour and bold). */
	s = tmux_screen(&t, true);
	ck_assert_int_ge(count_of(s, "\033[1m\033[37m\033[41m\"0x"), 2);
	free(s);
	tmux_type(&t, "x/16xb $arg1");
	s = wait_columns(&t, "memory: 16 bytes at 0x");
	ck_assert(both_columns(s, ":! 30 78 37 66"));
	free(s);
	tmux_type(&t, "quit");
	free(wait_text(&t, "PROMPT$ \n"));
	tmux_stop(&t);
}
END_TEST

static bool shell_is_back(const char *screen, const void *arg)
{
	(void)arg;
	return strstr(screen, "PROMPT$ \n") != NULL;
}

/* After mvdb: the shell's prompt, the normal screen, a visible cursor,
 * and text typed afterwards without leftover attributes. */
static void check_terminal_restored(struct tmux *t)
{
	char *s = tmux_wait(t, shell_is_back, NULL), *flags;

	ck_assert_msg(shell_is_back(s, NULL), "no prompt:\n%s", s);
	free(s);
	flags = tmux_run(t, "display-message", "-p", "-t", "s",
			 "#{alternate_on} #{cursor_flag}", NULL);
	ck_assert_str_eq(flags, "0 1\n");
	free(flags);
	tmux_type(t, "echo plain-text-after");
	free(wait_text(t, "\nplain-text-after"));
	s = tmux_screen(t, true);
	ck_assert_ptr_nonnull(strstr(s, "\nplain-text-after\n"));
	free(s);
}

START_TEST(screen_quit_restores_the_terminal)
{
	struct tmux t;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "hello", "");
	tmux_type(&t, "quit");
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

/* The pids of pid's children. */
static int children(pid_t pid, pid_t *out, int most)
{
	char path[64], *text;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)pid,
		 (int)pid);
	text = slurp(path, NULL);
	for (char *p = text; p && *p && n < most;) {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		out[n++] = (pid_t)v;
		p = end;
	}
	free(text);
	return n;
}

/* Gone, or a zombie waiting for its new parent. */
static bool process_gone(pid_t pid)
{
	char path[64], *stat;
	bool gone;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	stat = slurp(path, NULL);
	gone = !stat || strstr(stat, ") Z ") != NULL;
	free(stat);
	return gone;
}

START_TEST(screen_sigterm_restores_and_kills_variants)
{
	struct tmux t;
	char *pane;
	pid_t shell, mv[2], var[8];
	int nvar;
	double end;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "demo", "out.txt");
	pane = tmux_run(&t, "display-message", "-p", "-t", "s", "#{pane_pid}",
			NULL);
	ck_assert_ptr_nonnull(pane);
	shell = (pid_t)atoi(pane);
	free(pane);
	ck_assert_int_eq(children(shell, mv, 2), 1);
	nvar = children(mv[0], var, 8);
	ck_assert_int_eq(nvar, 2);
	ck_assert_int_eq(kill(mv[0], SIGTERM), 0);
	check_terminal_restored(&t);
	end = seconds() + TMUX_WAIT;
	for (int i = 0; i < nvar; i++) {
		while (!process_gone(var[i]) && seconds() < end)
			poll(NULL, 0, 20);
		ck_assert_msg(process_gone(var[i]), "variant %d lives on",
			      (int)var[i]);
	}
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_resizes_and_says_when_too_small)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "demo", "out.txt");
	free(tmux_run(&t, "resize-window", "-t", "s", "-x", "80", "-y", "24",
		      NULL));
	s = wait_text(&t, "variant 1  pid");
	ck_assert_ptr_null(strstr(s, "too small"));
	ck_assert_ptr_nonnull(strstr(s, "variant 0  pid"));
	free(s);
	free(tmux_run(&t, "resize-window", "-t", "s", "-x", "40", "-y", "10",
		      NULL));
	free(wait_text(&t, "terminal too small: 40x10"));
	free(tmux_run(&t, "resize-window", "-t", "s", "-x", "160", "-y", "48",
		      NULL));
	s = wait_columns(&t, "at step 1,");
	ck_assert_ptr_null(strstr(s, "too small"));
	free(s);
	/* Still alive and stepping. */
	tmux_type(&t, "step");
	free(wait_columns(&t, "at step 2,"));
	tmux_type(&t, "quit");
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_without_colour_uses_attributes)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "NO_COLOR=1", "stackaddr", "");
	tmux_type(&t, "continue");
	free(wait_text(&t, "DIVERGED at step"));
	s = tmux_screen(&t, true);
	/* No colour (SGR 30-49), reverse video where colour marked. */
	ck_assert_ptr_null(strstr(s, "\033[41m"));
	ck_assert_ptr_null(strstr(s, "\033[37m"));
	ck_assert_ptr_nonnull(strstr(s, "\033[7m"));
	free(s);
	tmux_type(&t, "quit");
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_ctrl_c_interrupts_a_long_continue)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "spin", "");
	tmux_type(&t, "continue");
	/* Progress during the run: the step count and the output so far. */
	free(wait_text(&t, "running: step"));
	free(wait_text(&t, "\nspinning"));
	free(tmux_run(&t, "send-keys", "-t", "s", "C-c", NULL));
	s = wait_text(&t, "Interrupted at step");
	ck_assert_int_eq(count_of(s, "\nspinning"), 1);
	ck_assert_ptr_null(strstr(s, "running: step"));
	free(s);
	tmux_type(&t, "quit");
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_status_names_the_set)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "alt", "forkcrash");
	tmux_type(&t, "break syscall exit_group");
	tmux_type(&t, "continue");
	/* The child's exit: the status line and the columns name set 1. */
	s = wait_text(&t, " | set 1 (child 0 of set 0) | Breakpoint 2, syscall exit_group");
	ck_assert(both_columns(s, "set 1  variant"));
	ck_assert(both_columns(s, "exit_group(0)"));
	free(s);
	tmux_type(&t, "set focus 0");
	s = wait_text(&t, "| showing set 0 (set focus)");
	ck_assert(both_columns(s, "set 0  variant"));
	free(s);
	tmux_type(&t, "quit");
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

Suite *screen_suite(void)
{
	Suite *s = suite_create("screen");
	TCase *tc = tcase_create("units");

	tcase_add_test(tc, layout_two_variants_side_by_side_at_160x48);
	tcase_add_test(tc, layout_four_variants_fit_160x48);
	tcase_add_test(tc, layout_more_variants_than_fit_scroll);
	tcase_add_test(tc, layout_too_small_says_so);
	tcase_add_test(tc, layout_every_size_is_sane);
	tcase_add_test(tc, lines_join_partial_writes);
	tcase_add_test(tc, lines_keep_the_newest);
	tcase_add_test(tc, text_wraps_by_display_width);
	tcase_add_test(tc, diff_marks_differing_buffers_in_both);
	tcase_add_test(tc, diff_other_call_and_ignore_rules);
	tcase_add_test(tc, call_render_records_spans);
	tcase_add_test(tc, hex_rows_fit_the_width);
	tcase_add_test(tc, keys_table_drives_dispatch_and_hint);
	suite_add_tcase(s, tc);
	tc = tcase_create("tmux");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, tmux_fixture_setup,
				    tmux_fixture_teardown);
	tcase_add_test(tc, screen_demo_shows_ld_so_and_platform_fd);
	tcase_add_test(tc, screen_divergence_marks_and_memory);
	tcase_add_test(tc, screen_quit_restores_the_terminal);
	tcase_add_test(tc, screen_sigterm_restores_and_kills_variants);
	tcase_add_test(tc, screen_resizes_and_says_when_too_small);
	tcase_add_test(tc, screen_without_colour_uses_attributes);
	tcase_add_test(tc, screen_ctrl_c_interrupts_a_long_continue);
	tcase_add_test(tc, screen_status_names_the_set);
	suite_add_tcase(s, tc);
	return s;
}
