/* The full-screen front end end to end: the real ./mvdb in a private
 * tmux server (its pure parts are tested in check_layout.c). */
#include "run.h"
#include "layout.h"
#include "suites.h"

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
	char x[16], y[16], *old;

	/* One server name per runner: a failed test's server is ended by
	 * the next test, and the last by the fixture. */
	snprintf(t->name, sizeof(t->name), "mvdb-check-%d", (int)runner_pid);
	t->dir = NULL;
	old = tmux_run(t, "kill-server", NULL);
	/* a server left running by a failed test: let it go first, or
	 * the new session may meet it on its way out */
	if (old)
		poll(NULL, 0, 300);
	free(old);
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

static bool asks_or_left(const char *screen, const void *arg)
{
	(void)arg;
	return strstr(screen, "(y or n)") || strstr(screen, "PROMPT$ \n");
}

/* quit, answering y when mvdb asks (the program still runs). */
static void screen_quit(struct tmux *t)
{
	char *s;

	tmux_type(t, "quit");
	s = tmux_wait(t, asks_or_left, NULL);
	ck_assert_msg(asks_or_left(s, NULL), "quit: neither asked nor left:\n%s",
		      s);
	if (strstr(s, "Kill it and quit?") && strstr(s, "(y or n)"))
		free(tmux_run(t, "send-keys", "-t", "s", "y", NULL));
	free(s);
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
	screen_quit(&t);
	free(wait_text(&t, "PROMPT$ \n"));
	tmux_stop(&t);
}
END_TEST

/* The fd pane names platform sockets by kind and addresses, as info
 * fds does: the last ones at least (the pane pins the last slots). */
START_TEST(screen_fd_pane_describes_sockets)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "net_kinds", "");
	tmux_type(&t, "break syscall umask");
	tmux_type(&t, "continue");
	s = wait_columns(&t, "NETLINK:[ROUTE]");
	ck_assert_msg(both_columns(s, "UNIX:[@mvdb-kinds-") &&
		      both_columns(s, "UNIX:[->kinds.sock]"), "%s", s);
	free(s);
	screen_quit(&t);
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
	screen_quit(&t);
	free(wait_text(&t, "PROMPT$ \n"));
	tmux_stop(&t);
}
END_TEST

/* A variant that made calls without a meeting beyond the other's says
 * so in its head (engine/local.h): alt_alt yields once more. */
START_TEST(screen_says_which_variant_ran_ahead)
{
	struct tmux t;
	char *cmd, *s;

	tmux_start(&t, 160, 48);
	cmd = xasprintf("%s -n 2 --exe 1:%s -- %s yield", mvdb_path(),
			tracee("alt_alt"), tracee("alt"));
	tmux_type(&t, cmd);
	free(cmd);
	free(wait_text(&t, "at step 1,"));
	tmux_type(&t, "continue");
	s = wait_text(&t, "1 call ahead  DIVERGED");
	ck_assert_int_eq(count_of(s, "call ahead"), 1);
	ck_assert(both_columns(s, "write(1, \"yielded\\n\", 8)"));
	free(s);
	screen_quit(&t);
	free(wait_text(&t, "PROMPT$ \n"));
	tmux_stop(&t);
}
END_TEST

/* A fault in every variant: each column shows it decoded, with its
 * code, address and the instruction's place in the program. */
START_TEST(screen_decodes_a_fault)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "sig_fault", "");
	tmux_type(&t, "continue");
	s = wait_columns(&t, "--- SIGSEGV {si_code=SEGV_MAPERR, si_addr=0x10}");
	/* the rest of the line wraps in a column 79 wide */
	ck_assert(both_columns(s, "stopped by SIGSEGV"));
	ck_assert(both_columns(s, " (main in sig_"));
	free(s);
	screen_quit(&t);
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
	screen_quit(&t);
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
	screen_quit(&t);
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
	screen_quit(&t);
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
	/* at a call, or where the variants ran between calls */
	s = wait_text(&t, "Interrupted a");
	ck_assert_int_eq(count_of(s, "\nspinning"), 1);
	ck_assert_ptr_null(strstr(s, "running: step"));
	free(s);
	screen_quit(&t);
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
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

/* bt in the screen: frames the variants share once, the differing
 * frame of a --exe pair with both variants side by side on one line. */
START_TEST(screen_bt_shows_differing_frames_side_by_side)
{
	struct tmux t;
	char *cmd, *s, *line;

	tmux_start(&t, 200, 50);
	cmd = xasprintf("%s -n 2 --exe=1:%s -- %s", mvdb_path(),
			tracee("bt_alt"), tracee("bt"));
	tmux_type(&t, cmd);
	free(cmd);
	free(wait_text(&t, "at step 1,"));
	tmux_type(&t, "break syscall write");
	tmux_type(&t, "continue");
	free(wait_columns(&t, "write(1, \"hello from the stack\\n\", 21)"));
	tmux_type(&t, "bt");
	s = wait_text(&t, "the first where the variants differ");
	line = strstr(s, "#2 *");
	ck_assert_msg(line, "%s", s);
	line = strndup(line, strcspn(line, "\n"));
	ck_assert_msg(strstr(line, "[0] middle (") &&
		      strstr(line, "| [1] middle_alt ("), "%s", s);
	ck_assert_msg(strstr(s, "#1  say (") && strstr(s, "#3  outer (times=1) at"),
		      "%s", s);
	free(line);
	free(s);
	screen_quit(&t);
	free(wait_text(&t, "PROMPT$ \n"));
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_shows_values_in_messages)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 160, 48);
	start_mvdb(&t, "", "values", "");
	tmux_type(&t, "display/x $arg0");
	free(wait_text(&t, "1: /x $arg0 = 0x0"));
	tmux_type(&t, "break syscall write");
	tmux_type(&t, "continue");
	free(wait_text(&t, "1: /x $arg0 = 0x1"));
	tmux_type(&t, "step");
	free(wait_text(&t, "1: /x $arg0 = 0x2"));
	/* Values that differ: a line per variant, in the messages pane. */
	tmux_type(&t, "p $sp");
	s = wait_text(&t, "[1] $1 = (void *) 0x");
	ck_assert_ptr_nonnull(strstr(s, "[0] $1 = (void *) 0x"));
	ck_assert_int_eq(count_of(s, "   <- differs"), 2);
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

static bool twice(const char *screen, const void *text)
{
	return count_of(screen, text) == 2;
}

/* The program's input in the screen: it waits for it (the status line
 * says so), F6 focuses the output pane, a line typed there reaches cat
 * (echoed, then cat's copy), Ctrl-D ends its input. */
START_TEST(screen_output_pane_takes_the_programs_input)
{
	struct tmux t;
	char *cmd = xasprintf("%s -n 2 -- cat", mvdb_path()), *s;

	tmux_start(&t, 160, 48);
	tmux_type(&t, cmd);
	free(wait_text(&t, "F7 step"));
	tmux_type(&t, "continue");
	free(wait_text(&t, "the program waits for its input"));
	free(tmux_run(&t, "send-keys", "-t", "s", "F6", NULL));
	free(wait_text(&t, "type for the program's stdin, Enter sends a line"));
	free(tmux_run(&t, "send-keys", "-t", "s", "-l", "typed-for-cat", NULL));
	s = wait_text(&t, "stdin> typed-for-cat");
	ck_assert_int_eq(count_of(s, "typed-for-cat"), 1);
	free(s);
	free(tmux_run(&t, "send-keys", "-t", "s", "Enter", NULL));
	/* the echo of the line and cat's copy of it */
	s = tmux_wait(&t, twice, "typed-for-cat");
	ck_assert_msg(twice(s, "typed-for-cat"), "not twice on the screen");
	ck_assert_ptr_null(strstr(s, "stdin> typed"));
	free(s);
	free(wait_text(&t, "the program waits for its input"));
	/* a command typed meanwhile (the focus elsewhere) runs after */
	free(tmux_run(&t, "send-keys", "-t", "s", "F6", NULL));
	free(tmux_run(&t, "send-keys", "-t", "s", "-l", "info variants", NULL));
	free(tmux_run(&t, "send-keys", "-t", "s", "Enter", "F6", "F6", NULL));
	free(wait_text(&t, "type for the program's stdin, Enter sends a line"));
	free(tmux_run(&t, "send-keys", "-t", "s", "C-d", NULL));
	free(wait_text(&t, "The program exited with status 0"));
	free(wait_text(&t, "(mvdb) info variants"));
	free(wait_text(&t, "exited  0"));
	/* the keys are the command line's again */
	screen_quit(&t);
	check_terminal_restored(&t);
	free(cmd);
	tmux_stop(&t);
}
END_TEST

/* The demos in the screen, at 120x40: pause waits for Enter on the
 * status line. */
#define PAUSE_HINT "[Enter: go on, q: skip the rest of the script]"

/* An assertion on a screen too big for Check's message: the screen
 * goes to stderr. */
#define screen_assert(cond, screen) do { \
		if (!(cond)) \
			fprintf(stderr, "%s\n", (screen)); \
		ck_assert_msg((cond), "%s (the screen is on stderr)", #cond); \
	} while (0)

/* What the screen may show next while a demo's script runs. */
struct pause_wait {
	const char *before;	/* the screen at the last pause, or NULL */
	bool (*ok)(const char *, const void *);	/* what is sought */
	const void *arg;	/* its argument */
};

static bool pause_or_ok(const char *screen, const void *arg)
{
	const struct pause_wait *w = arg;

	if (w->ok(screen, w->arg))
		return true;
	return (!w->before || strcmp(screen, w->before) != 0) &&
	       strstr(screen, PAUSE_HINT);
}

/* Waits until two captures 100 ms apart agree (a redraw tmux has
 * taken in part is not a pause); the screen, owned. */
static char *settled(struct tmux *t, char *s)
{
	for (;;) {
		char *again;

		poll(NULL, 0, 100);
		again = tmux_screen(t, false);
		if (strcmp(again, s) == 0) {
			free(again);
			return s;
		}
		free(s);
		s = again;
	}
}

/* Presses Enter at each pause of the script until ok(screen, arg)
 * holds (at most most pauses); the screen, owned. */
static char *demo_until_ok(struct tmux *t, bool (*ok)(const char *, const void *),
			   const void *arg, int most)
{
	struct pause_wait w = { .ok = ok, .arg = arg };
	char *s = settled(t, tmux_wait(t, pause_or_ok, &w));

	for (int i = 0; !ok(s, arg); i++) {
		if (i >= most || !strstr(s, PAUSE_HINT))
			fprintf(stderr, "%s\n", s);
		ck_assert_msg(i < most && strstr(s, PAUSE_HINT),
			      "not there after %d pauses (the screen is on stderr)", i);
		free(tmux_run(t, "send-keys", "-t", "s", "Enter", NULL));
		w.before = s;
		s = settled(t, tmux_wait(t, pause_or_ok, &w));
		free((char *)w.before);
	}
	return s;
}

static char *demo_until(struct tmux *t, const char *text, int most)
{
	return demo_until_ok(t, has_text, text, most);
}

static void start_demo(struct tmux *t, const char *name)
{
	char *cmd = xasprintf("%s --demo %s", mvdb_path(), name);

	tmux_type(t, cmd);
	free(cmd);
}

/* The sizes the demos are shown at: the default terminal, and two
 * larger ones. */
static const struct {
	int cols, rows;
} demo_sizes[] = { { 80, 24 }, { 120, 40 }, { 200, 60 } };

static int size_cols, size_rows;	/* the test's terminal */

static bool both_columns_sized(const char *screen, const void *text)
{
	return column_has(screen, 0, text, size_rows, size_cols) &&
	       column_has(screen, 1, text, size_rows, size_cols);
}

/* Row y of a screen (0 the top), owned. */
static char *screen_row(const char *screen, int y)
{
	const char *line = screen;

	for (int i = 0; i < y && line; i++) {
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return xstrndup(line ? line : "", line ? strcspn(line, "\n") : 0);
}

/* The key footer on the last row, whole at every size. */
static void assert_footer(const char *s)
{
	char *row = screen_row(s, size_rows - 1);

	screen_assert(strstr(row, "F7 step") && strstr(row, "F5 cont") &&
		      strstr(row, "F6 focus") && strstr(row, "F1 keys") &&
		      strstr(row, "quit"), s);
	free(row);
}

static void start_demo_sized(struct tmux *t, const char *name, int i)
{
	size_cols = demo_sizes[i].cols;
	size_rows = demo_sizes[i].rows;
	tmux_start(t, size_cols, size_rows);
	start_demo(t, name);
}

START_TEST(screen_demo_ldso)
{
	struct tmux t;
	char *s;

	start_demo_sized(&t, "ldso", _i);
	/* the narration's first line, or at 80x24 its last */
	s = demo_until(&t, size_rows >= 40 ? "=== ldso: the dynamic loader at work" :
		       "openat of a library stops here.", 0);
	ck_assert_ptr_nonnull(strstr(s, "Press Enter to go on  " PAUSE_HINT));
	assert_footer(s);
	free(s);
	/* The loader's first open, in both columns, a local fd. */
	s = demo_until_ok(&t, both_columns_sized,
			  "openat(AT_FDCWD, \"/etc/ld.so.cache\"", 2);
	if (size_rows >= 40)
		screen_assert(strstr(s, "$arg1  path   0x"), s);
	free(s);
	/* The platform's open: fd 256 in both columns. */
	s = demo_until_ok(&t, both_columns_sized, "P  256 w   ", 6);
	screen_assert(both_columns_sized(s, "ldso.txt"), s);
	screen_assert(both_columns_sized(s, "256+0"), s);
	free(s);
	/* The write's buffer: its first 16 bytes in both memory panes. */
	s = demo_until_ok(&t, both_columns_sized, "68 65 6c 6c 6f 2c 20 66", 2);
	screen_assert(both_columns_sized(s, "69 6c 65 3a 20 74 68 65"), s);
	screen_assert(both_columns_sized(s, "write(256<platform:"), s);
	screen_assert(both_columns_sized(s, "P  256 w   "), s);
	assert_footer(s);
	free(s);
	s = demo_until_ok(&t, both_columns_sized, "exited 0", 1);
	ck_assert_ptr_nonnull(strstr(s, "\nwrote ldso.txt"));
	ck_assert_ptr_null(strstr(s, "(mvdb) echo"));
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

/* The status line at the divergence: the step, then the divergence's
 * own words whole, not drawn over each other. */
static void assert_status_diverged(const char *s)
{
	char *row = screen_row(s, size_rows - 3);
	const char *div = strstr(row, " DIVERGED at step ");

	screen_assert(strncmp(row, " step ", 6) == 0, s);
	screen_assert(div && strstr(div, ": argument $arg1 differs at byte"), s);
	free(row);
}

static bool script_ended_diverged(const char *screen, const void *arg)
{
	(void)arg;
	return !strstr(screen, PAUSE_HINT) &&
	       strstr(screen, " DIVERGED at step ");
}

START_TEST(screen_demo_aslr_leak)
{
	struct tmux t;
	char *s;

	start_demo_sized(&t, "aslr-leak", _i);
	s = demo_until_ok(&t, both_columns_sized, "DIVERGED", 1);
	screen_assert(both_columns_sized(s, "write(1, \"my local variable is at 0x"), s);
	screen_assert(both_columns_sized(s, "<< differs: $arg1"), s);
	free(s);
	/* bt's frames: at 80x24 the pane shows the last of them */
	s = demo_until(&t, size_rows >= 40 ? "#1  say_where (" :
					    "#5  _start () from", 1);
	if (size_rows >= 40)
		screen_assert(strstr(s, "#2  main () at "), s);
	/* x/s $arg1: the line's first 16 bytes in both memory panes */
	screen_assert(both_columns_sized(s, "6d 79 20 6c 6f 63 61 6c"), s);
	screen_assert(both_columns_sized(s, "20 76 61 72 69 61 62 6c"), s);
	assert_footer(s);
	free(s);
	free(tmux_run(&t, "send-keys", "-t", "s", "Enter", NULL));
	s = settled(&t, tmux_wait(&t, script_ended_diverged, NULL));
	assert_status_diverged(s);
	assert_footer(s);
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

/* info registers at 80x24: more lines than the messages pane shows,
 * so it opens the pager over the panes; q returns to them. */
START_TEST(screen_long_output_opens_the_pager)
{
	struct tmux t;
	char *cmd = xasprintf("%s -n 2 -- %s", mvdb_path(), tracee("hello")), *s;

	size_cols = 80;
	size_rows = 24;
	tmux_start(&t, 80, 24);
	tmux_type(&t, cmd);
	free(cmd);
	free(wait_text(&t, "at step 1,"));
	tmux_type(&t, "info registers");
	s = wait_text(&t, "info registers: rows 1-20 of");
	screen_assert(strstr(s, "\nrax ") && strstr(s, "\nrip "), s);
	screen_assert(!strstr(s, "variant 0  pid"), s);
	screen_assert(strstr(s, "q/Esc back"), s);
	free(s);
	free(tmux_run(&t, "send-keys", "-t", "s", "NPage", NULL));
	s = wait_text(&t, "gs_base ");
	screen_assert(!strstr(s, "\nrax "), s);
	free(s);
	free(tmux_run(&t, "send-keys", "-t", "s", "q", NULL));
	s = wait_text(&t, "variant 0  pid");
	screen_assert(both_columns_sized(s, "at step 1,"), s);
	screen_assert(!strstr(s, "info registers: rows"), s);
	assert_footer(s);
	free(s);
	/* a short answer stays in the messages pane */
	tmux_type(&t, "info variants");
	s = wait_text(&t, "at a call");
	screen_assert(both_columns_sized(s, "at step 1,"), s);
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

/* Five variants at 80x24: two columns, the header says which; F3
 * moves on. */
START_TEST(screen_header_says_which_variants_are_shown)
{
	struct tmux t;
	char *cmd = xasprintf("%s -n 5 -- %s", mvdb_path(), tracee("hello"));

	tmux_start(&t, 80, 24);
	tmux_type(&t, cmd);
	free(cmd);
	free(wait_text(&t, "at step 1,"));
	free(wait_text(&t, "variants 0-1 of 5, F2/F3"));
	free(tmux_run(&t, "send-keys", "-t", "s", "F3", NULL));
	free(wait_text(&t, "variants 1-2 of 5, F2/F3"));
	free(wait_text(&t, "variant 2  pid"));
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

static bool lacks_text(const char *screen, const void *text)
{
	return !strstr(screen, text);
}

/* q at a pause: the rest of the script does not run. */
START_TEST(screen_demo_q_skips_the_script)
{
	struct tmux t;
	char *s;

	tmux_start(&t, 120, 40);
	start_demo(&t, "world");
	free(demo_until(&t, "=== world: randomness, time", 0));
	free(wait_text(&t, PAUSE_HINT));
	free(tmux_run(&t, "send-keys", "-t", "s", "q", NULL));
	s = tmux_wait(&t, lacks_text, PAUSE_HINT);
	screen_assert(!strstr(s, PAUSE_HINT), s);
	free(s);
	tmux_type(&t, "step");
	s = wait_text(&t, "at step 2,");
	ck_assert_ptr_null(strstr(s, "Breakpoint 2, syscall getrandom, at"));
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

/* The other demos in the screen at 120x40, run to their end: what the
 * narration claims is on screen when it says so. */
START_TEST(screen_demo_collision)
{
	struct tmux t;
	char *s;

	start_demo_sized(&t, "collision", 1);
	/* info fds: b.txt local at 3, a.txt the platform's at 256 (opened
	 * first: its row alone may show while the script runs on) */
	s = demo_until_ok(&t, both_columns_sized, "L    3 r", 6);
	screen_assert(both_columns_sized(s, "a.txt"), s);
	screen_assert(both_columns_sized(s, "P  256 rw"), s);
	screen_assert(both_columns_sized(s, "b.txt"), s);
	free(s);
	s = demo_until(&t, "exited with status 0", 4);
	screen_assert(strstr(s, "fd 256 is a.txt: apples") &&
		      strstr(s, "fd 3 is b.txt: bananas"), s);
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_demo_exploit)
{
	struct tmux t;
	char *s;

	start_demo_sized(&t, "exploit", 1);
	s = demo_until(&t, "DIVERGED", 8);
	/* variant 0 heads for the shell, variant 1 writes: nothing ran */
	screen_assert(column_has(s, 0, "execve(", size_rows, size_cols), s);
	screen_assert(column_has(s, 1, "write(", size_rows, size_cols), s);
	free(s);
	s = demo_until(&t, "No shell ran", 8);
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_demo_world)
{
	struct tmux t;
	char *s;

	start_demo_sized(&t, "world", 1);
	s = demo_until(&t, "exited with status 0", 8);
	screen_assert(strstr(s, "random bytes: ") && strstr(s, "my pid: "), s);
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

START_TEST(screen_demo_fork)
{
	struct tmux t;
	char *s;

	start_demo_sized(&t, "fork", 1);
	s = demo_until(&t, "exited with status 0", 10);
	screen_assert(strstr(s, "HELLO FROM THE WRITER") &&
		      strstr(s, "both children ended well"), s);
	free(s);
	screen_quit(&t);
	check_terminal_restored(&t);
	tmux_stop(&t);
}
END_TEST

Suite *screen_suite(void)
{
	Suite *s = suite_create("screen");
	TCase *tc = tcase_create("tmux");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, tmux_fixture_setup,
				    tmux_fixture_teardown);
	tcase_add_test(tc, screen_demo_shows_ld_so_and_platform_fd);
	tcase_add_test(tc, screen_divergence_marks_and_memory);
	tcase_add_test(tc, screen_says_which_variant_ran_ahead);
	tcase_add_test(tc, screen_decodes_a_fault);
	tcase_add_test(tc, screen_fd_pane_describes_sockets);
	tcase_add_test(tc, screen_quit_restores_the_terminal);
	tcase_add_test(tc, screen_sigterm_restores_and_kills_variants);
	tcase_add_test(tc, screen_resizes_and_says_when_too_small);
	tcase_add_test(tc, screen_without_colour_uses_attributes);
	tcase_add_test(tc, screen_ctrl_c_interrupts_a_long_continue);
	tcase_add_test(tc, screen_status_names_the_set);
	tcase_add_test(tc, screen_bt_shows_differing_frames_side_by_side);
	tcase_add_test(tc, screen_shows_values_in_messages);
	tcase_add_test(tc, screen_output_pane_takes_the_programs_input);
	tcase_add_test(tc, screen_demo_collision);
	tcase_add_test(tc, screen_demo_exploit);
	tcase_add_test(tc, screen_demo_world);
	tcase_add_test(tc, screen_demo_fork);
	tcase_add_loop_test(tc, screen_demo_ldso, 0,
			    (int)(sizeof(demo_sizes) / sizeof(demo_sizes[0])));
	tcase_add_loop_test(tc, screen_demo_aslr_leak, 0,
			    (int)(sizeof(demo_sizes) / sizeof(demo_sizes[0])));
	tcase_add_test(tc, screen_long_output_opens_the_pager);
	tcase_add_test(tc, screen_header_says_which_variants_are_shown);
	tcase_add_test(tc, screen_demo_q_skips_the_script);
	suite_add_tcase(s, tc);
	return s;
}
