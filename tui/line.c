/* Line mode: the readline prompt "(mvdb) " on a terminal, or commands
 * from a pipe; -x/-e first; results rendered as text (errors on stderr).
 * Commands that do not come from the keyboard are echoed after the
 * prompt, so a transcript reads like the session it was. */
#include "commands.h"
#include "demos.h"
#include "frontends.h"
#include "render.h"
#include "reportfile.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <readline/history.h>
#include <readline/readline.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROMPT "(mvdb) "
#define PROMPT_READING "(mvdb) [program is reading stdin] "
#define HISTORY_KEEP 1000	/* lines kept in the history file */

/* The line front end's state (one per process: signals reach it). */
struct line {
	struct debugger *d;		/* the debugger */
	bool tty;			/* stdin is a terminal: readline */
	volatile sig_atomic_t busy;	/* a command runs */
	volatile sig_atomic_t sigtstp;	/* Ctrl-Z at the prompt, to handle */
	volatile sig_atomic_t sigint;	/* Ctrl-C at the prompt */
	char *got;			/* the line readline handed over */
	bool eof;			/* Ctrl-D or the end of input */
	bool progress_shown;		/* a progress line is on stderr */
	volatile sig_atomic_t pausing;	/* `pause` waits for Enter: Ctrl-C
					   does not interrupt the engine */
	bool skip_script;		/* Ctrl-D or Ctrl-C at a pause: the
					   rest of the -x/-e commands is not
					   run */
	char *histfile;			/* where history lives, or NULL */
};

static struct line L;

/* The prompt, which says when the program waits for its input: what is
 * typed then is mvdb's, and the program goes on reading on continue. */
static const char *prompt(void)
{
	return L.d && dbg_waits_input(L.d) ? PROMPT_READING : PROMPT;
}

static void on_sigint(int sig)
{
	(void)sig;
	if (L.busy && L.d && !L.pausing)
		dbg_interrupt(L.d);
	else
		L.sigint = 1;
}

/* mvdb stops on sig (SIGTSTP), as with no handler, and goes on here
 * once continued. */
static void stop_self(int sig)
{
	sigset_t one;

	signal(sig, SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	sigprocmask(SIG_BLOCK, &one, NULL);
}

/* Ctrl-Z.  While a command runs (continue), the program has the
 * terminal as it would natively, so the job a shell of the program put
 * in its foreground stops, as gdb passes it to its inferior; with none,
 * and at the prompt, mvdb stops with its variants, as gdb does, for the
 * shell above it to continue (the prompt handles it: L.sigtstp). */
static void on_sigtstp(int sig)
{
	struct session *s = L.d ? dbg_session(L.d) : NULL;

	if (L.busy && !L.pausing && session_forward_stop(s, sig))
		return;
	if (!L.busy) {
		L.sigtstp = 1;
		return;
	}
	stop_self(sig);
	signal(sig, on_sigtstp);
}

/* SIGTERM or SIGHUP: mvdb ends of it, as it would without a handler (the
 * variants die with it), leaving no demo files behind. */
static void on_fatal(int sig)
{
	demo_remove_now();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The progress line on a terminal's stderr goes before anything else is
 * written there: program output (on_output), results, the prompt.
 * stderr is line-buffered and the line has no newline: flushed here. */
static void progress_clear(void)
{
	if (!L.progress_shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	L.progress_shown = false;
}

static void progress(void *ctx, unsigned long step)
{
	(void)ctx;
	if (!isatty(2) || L.pausing)
		return;
	/* what is typed for a program that reads the terminal would be
	 * glued to it */
	if (L.d && dbg_waits_input(L.d)) {
		progress_clear();
		return;
	}
	fprintf(stderr, "\r\033[K[step %lu] running... (Ctrl-C stops)", step);
	fflush(stderr);
	L.progress_shown = true;
}

/* The run waits (a call that blocks): the count as it is now. */
static void on_waiting(void *ctx)
{
	struct session *s = L.d ? dbg_session(L.d) : NULL;

	if (L.busy && s)
		progress(ctx, s->step);
}

/* The program is about to write to mvdb's stdout or stderr. */
static void on_output(void *ctx)
{
	(void)ctx;
	progress_clear();
}

static bool confirm(void *ctx, const char *question)
{
	char *q = xasprintf("%s(y or n) ", question);
	char *answer = readline(q);
	bool yes = answer && (answer[0] == 'y' || answer[0] == 'Y');

	(void)ctx;
	free(answer);
	free(q);
	return yes;
}

/* `pause` on a terminal: the text as a prompt, then Enter goes on;
 * Ctrl-D (or Ctrl-C, then Enter) skips the rest of the script. */
static void pause_for_enter(void *ctx, const char *text)
{
	char *prompt = xasprintf("%s ", text);
	char *answer;

	(void)ctx;
	fflush(stdout);
	L.sigint = 0;
	L.pausing = 1;
	answer = readline(prompt);
	L.pausing = 0;
	if (!answer || L.sigint)
		L.skip_script = true;
	if (!answer)
		putchar('\n');
	L.sigint = 0;
	free(answer);
	free(prompt);
}

/* Executes one line and prints what it gives; returns false after
 * quit.  echo: show it after the prompt (a line from a script), unless
 * it is narration. */
static bool execute(const char *line, bool echo)
{
	struct result r;

	if (echo && dbg_echoes_line(line)) {
		printf("%s%s\n", prompt(), line);
		fflush(stdout);
	}
	result_init(&r);
	L.busy = 1;
	dbg_execute(L.d, line, &r);
	L.busy = 0;
	progress_clear();
	render_result_split(&r, stdout, stderr);
	result_free(&r);
	return !dbg_quit_requested(L.d);
}

/* The lines of a -x file, each executed; blank lines do not repeat. */
static bool run_file(const char *path)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool go_on = true;

	if (!f) {
		fflush(stdout);
		fprintf(stderr, "%s: %s.\n", path, strerror(errno));
		return true;
	}
	while (go_on && !L.skip_script && (n = getline(&line, &cap, f)) >= 0) {
		line[strcspn(line, "\n")] = '\0';
		if (line[strspn(line, " \t\r")] == '\0')
			continue;
		go_on = execute(line, true);
	}
	free(line);
	fclose(f);
	return go_on;
}

/* Commands from a pipe or file on stdin, until the end or quit. */
static void run_stdin(void)
{
	char *line = NULL;
	size_t cap = 0;

	for (;;) {
		ssize_t n = getline(&line, &cap, stdin);

		if (n < 0) {
			/* Ctrl-C between piped commands: leave, as the
			 * end of input would. */
			break;
		}
		line[strcspn(line, "\n")] = '\0';
		if (!execute(line, true))
			break;
	}
	free(line);
}

static void got_line(char *line)
{
	L.got = line;
	if (!line)
		L.eof = true;
	rl_callback_handler_remove();
}

static char **attempt(const char *text, int start, int end)
{
	char **matches = dbg_complete(L.d, rl_line_buffer, start, end);

	(void)text;
	if (!matches && !dbg_complete_wants_path(L.d, rl_line_buffer, start))
		rl_attempted_completion_over = 1;
	return matches;
}

/* mkdir -p with mode 0700 for what it creates. */
static void make_dirs(const char *path)
{
	char *p = xstrdup(path);

	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	mkdir(p, 0700);
	free(p);
}

static void history_open(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir;

	if (state && *state)
		dir = xasprintf("%s/mvdb", state);
	else if (home && *home)
		dir = xasprintf("%s/.local/state/mvdb", home);
	else
		return;
	make_dirs(dir);
	L.histfile = concat(dir, "/history", NULL);
	stifle_history(HISTORY_KEEP);
	/* said once, here: the lines of this session are not kept */
	if (access(dir, W_OK) == -1 ||
	    (access(L.histfile, F_OK) == 0 && access(L.histfile, W_OK) == -1)) {
		fprintf(stderr, "mvdb: cannot keep command history in %s: %s (this session's lines are not kept)\n",
			L.histfile, strerror(errno));
		free(L.histfile);
		L.histfile = NULL;
	} else {
		read_history(L.histfile);
	}
	free(dir);
}

static void history_close(void)
{
	int e;

	if (!L.histfile)
		return;
	e = write_history(L.histfile);
	if (e)
		fprintf(stderr, "mvdb: cannot keep command history in %s: %s\n",
			L.histfile, strerror(e));
	history_truncate_file(L.histfile, HISTORY_KEEP);
	free(L.histfile);
	L.histfile = NULL;
}

/* Ctrl-C at the prompt: drop the line, start a fresh one. */
static void clear_line(void)
{
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_replace_line("", 0);
	rl_callback_handler_remove();
	fputc('\n', stdout);
	fflush(stdout);
	rl_callback_handler_install(prompt(), got_line);
}

/* Ctrl-Z at the prompt: the terminal as it was before readline's, mvdb
 * stopped; continued, the prompt and the line typed so far again. */
static void suspend_at_prompt(void)
{
	char *typed = xstrdup(rl_line_buffer ? rl_line_buffer : "");
	int point = rl_point;

	rl_callback_handler_remove();
	fputc('\n', stdout);
	fflush(stdout);
	stop_self(SIGTSTP);
	signal(SIGTSTP, on_sigtstp);
	rl_callback_handler_install(prompt(), got_line);
	rl_replace_line(typed, 0);
	rl_point = point <= rl_end ? point : rl_end;
	rl_redisplay();
	free(typed);
}

/* The interactive loop: readline's callback interface, so that Ctrl-C
 * can clear the line and commands run with the terminal in its normal
 * mode. */
static void run_tty(void)
{
	sigset_t block, unblocked;

	rl_readline_name = "mvdb";
	rl_attempted_completion_function = attempt;
	rl_completer_word_break_characters = " \t\n\"'";
	rl_catch_signals = 0;
	history_open();
	/* SIGINT stays blocked but in pselect, so that a Ctrl-C arriving
	 * while a key is handled is seen before the next wait. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTSTP);
	sigprocmask(SIG_BLOCK, &block, &unblocked);
	sigdelset(&unblocked, SIGINT);
	sigdelset(&unblocked, SIGTSTP);
	signal(SIGTSTP, on_sigtstp);
	while (!L.eof) {
		fd_set in;

		L.got = NULL;
		/* The terminal is mvdb's while it reads a command. */
		dbg_release_input(L.d);
		rl_callback_handler_install(prompt(), got_line);
		while (!L.got && !L.eof) {
			if (L.sigint) {
				L.sigint = 0;
				clear_line();
			}
			if (L.sigtstp) {
				L.sigtstp = 0;
				suspend_at_prompt();
			}
			FD_ZERO(&in);
			FD_SET(0, &in);
			if (pselect(1, &in, NULL, NULL, NULL, &unblocked) > 0)
				rl_callback_read_char();
		}
		if (L.eof) {
			puts("quit");
			break;
		}
		if (L.got[strspn(L.got, " \t")])
			add_history(L.got);
		sigprocmask(SIG_UNBLOCK, &block, NULL);
		if (!execute(L.got, false))
			L.eof = true;
		sigprocmask(SIG_BLOCK, &block, NULL);
		free(L.got);
		L.got = NULL;
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	history_close();
}

/* Whether one -x file is a script mvdb can run: readable, a file, every
 * line a command that can run (checked on scratch: dbg_check_line).
 * Errors, with their line, on stderr. */
static bool file_ok(struct debugger *scratch, const char *path)
{
	FILE *f = fopen(path, "re");
	struct stat st;
	char *line = NULL;
	size_t cap = 0;
	bool ok = true;
	int no = 0;

	if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "mvdb: -x %s: %s\n", path,
			!f ? strerror(errno) : "not a file of commands");
		if (f)
			fclose(f);
		return false;
	}
	while (getline(&line, &cap, f) >= 0) {
		struct result r;

		no++;
		line[strcspn(line, "\n")] = '\0';
		result_init(&r);
		if (!dbg_check_line(scratch, line, &r)) {
			fprintf(stderr, "mvdb: %s:%d: ", path, no);
			render_result_split(&r, stderr, stderr);
			ok = false;
		}
		result_free(&r);
	}
	free(line);
	fclose(f);
	return ok;
}

/* Batch mode runs its -x files and -e commands unattended: each is
 * checked before the program starts, and one that cannot run ends mvdb
 * with EXIT_USAGE (running the program without it would say nothing). */
static bool script_ok(const struct options *o)
{
	struct debugger *scratch = dbg_new(&o->cfg, NULL);
	bool ok = true;

	for (int i = 0; i < o->ncommands; i++) {
		struct result r;

		if (o->command_is_file[i]) {
			ok &= file_ok(scratch, o->commands[i]);
			continue;
		}
		result_init(&r);
		if (!dbg_check_line(scratch, o->commands[i], &r)) {
			fputs("mvdb: -e: ", stderr);
			render_result_split(&r, stderr, stderr);
			ok = false;
		}
		result_free(&r);
	}
	dbg_free(scratch);
	return ok;
}

int line_run(const struct options *o)
{
	struct dbg_hooks hooks = {
		.progress = progress,
		.watch = { .waiting = on_waiting, .output = on_output },
	};
	struct sigaction sa = { .sa_handler = on_sigint };
	struct config cfg = o->cfg;
	struct result r;
	bool go_on = true;
	int status, devnull = -1;
	struct reportfile rf;

	if (o->batch && !script_ok(o))
		return EXIT_USAGE;
	/* A wait that lasts is said on a terminal's stderr only; elsewhere
	 * the engine's cheapest wait (one blocking waitpid a stop) serves. */
	if (!isatty(2))
		hooks.watch.waiting = NULL;
	if (!reportfile_open(&rf, o->batch ? o->report : NULL))
		return EXIT_USAGE;
	L.tty = isatty(0) && !o->batch;
	if (L.tty) {
		hooks.confirm = confirm;
		hooks.pause = pause_for_enter;
	}
	/* The program's input: mvdb's terminal, which it shares with the
	 * prompt; not a stream of commands (a pipe, a file, a here-doc),
	 * whose lines are mvdb's: /dev/null then.  Batch runs read no
	 * commands there and leave it to the program. */
	cfg.shared_stdin = L.tty;
	if (!o->batch && !L.tty) {
		devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (devnull >= 0)
			cfg.stdio[0] = devnull;
	}
	L.d = dbg_new(&cfg, &hooks);
	dbg_keep_results(L.d, !o->no_results);
	if (o->trace)
		dbg_trace(L.d, o->trace_filter, o->trace_out, NULL);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	if (o->scratch) {
		signal(SIGTERM, on_fatal);
		signal(SIGHUP, on_fatal);
	}
	result_init(&r);
	L.busy = 1;
	status = dbg_start(L.d, &r);
	L.busy = 0;
	render_result_split(&r, stdout, stderr);
	result_free(&r);
	if (status == -1 && !dbg_session(L.d)) {
		status = dbg_exit_status(L.d);
		reportfile_finish(&rf, NULL, NULL);
		dbg_free(L.d);
		if (devnull >= 0)
			close(devnull);
		return status;
	}
	for (int i = 0; go_on && !L.skip_script && i < o->ncommands; i++)
		go_on = o->command_is_file[i] ? run_file(o->commands[i])
					      : execute(o->commands[i], true);
	if (go_on && !o->batch) {
		if (L.tty)
			run_tty();
		else
			run_stdin();
	}
	status = dbg_exit_status(L.d);
	/* a batch script's run: the report of the divergence it ended at */
	reportfile_finish(&rf, dbg_session(L.d),
			  status == EXIT_DIVERGED ? dbg_last_stop(L.d) : NULL);
	dbg_free(L.d);
	L.d = NULL;
	if (devnull >= 0)
		close(devnull);
	return status;
}
