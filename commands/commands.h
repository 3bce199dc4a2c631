/* The command language: one table of commands (names, aliases, argument
 * rules, help, completion, handler).  Handlers drive the engine and fill
 * a struct result; front ends render it. */
#ifndef MVDB_COMMANDS_H
#define MVDB_COMMANDS_H

#include <stdbool.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "result.h"
#include "session.h"

struct debugger;

/* Calls from the command layer to its front end (all may be NULL). */
struct dbg_hooks {
	/* During a long `continue`: the step reached, at a bounded rate. */
	void (*progress)(void *ctx, unsigned long step);
	/* `run` in interactive mode: true when the person agrees. */
	bool (*confirm)(void *ctx, const char *question);
	/* The program is about to start (again): the front end may give
	 * it fresh standard streams (cfg->stdio). */
	void (*starting)(void *ctx, struct config *cfg);
	/* `pause TEXT` when a person is there (screen, line mode on a
	 * terminal): shows text and returns when they go on.  NULL: pause
	 * does nothing (batch, no terminal). */
	void (*pause)(void *ctx, const char *text);
	void *ctx;	/* passed back to each hook */
	struct watch watch;	/* the front end's descriptors the engine
				   watches while a run waits (nfd 0: none) */
};

/* A debugger over cfg (argv borrowed for its lifetime). Nothing runs
 * until dbg_start. */
struct debugger *dbg_new(const struct config *cfg, const struct dbg_hooks *h);
void dbg_free(struct debugger *d);
/* Starts the variants and stops them at their first step; the result
 * tells the stop (or the error). */
int dbg_start(struct debugger *d, struct result *r);
/* Whether line names a command (or is blank, or a comment) that can
 * run: checks a script before the program starts; false with the error
 * in r.  A command that needs no program (break, set, ignore, ...) is
 * run on scratch, a debugger that never starts one, so that its
 * arguments are checked as the real run will check them (and later
 * lines may name the breakpoints earlier ones made). */
bool dbg_check_line(struct debugger *scratch, const char *line,
		    struct result *r);
/* Whether `continue` reads every call's results (on by default; off:
 * --no-results, `set results off`, one stop per call instead of two). */
void dbg_keep_results(struct debugger *d, bool on);
/* Prints every step from now on to out (--trace[=FILTER]; filter NULL:
 * every call), as strace prints calls.  0, or -1 with err. */
int dbg_trace(struct debugger *d, const char *filter, FILE *out,
	      struct error *err);
/* Executes one command line.  An empty line repeats the last command
 * (not kill, quit or run). */
void dbg_execute(struct debugger *d, const char *line, struct result *r);
/* Whether a front end shows line after the prompt when it runs it from
 * a script: not for narration (echo, pause), whose output is the line
 * itself. */
bool dbg_echoes_line(const char *line);
/* After `quit`. */
bool dbg_quit_requested(const struct debugger *d);
/* Async-signal-safe: a running `continue` or `step N` stops at the next
 * step (Ctrl-C). */
void dbg_interrupt(struct debugger *d);
/* Whether the program waits for its standard input (a read of it that
 * has nothing to read yet). */
bool dbg_waits_input(const struct debugger *d);
/* The front end reads its commands from the terminal the program reads
 * too: the program's reads of it stop until it goes on (see
 * session_release_input).  Call before reading a command. */
void dbg_release_input(struct debugger *d);
/* What the running program reads instead of the front end's stdio[0]:
 * its terminal (tty) or input file (run < FILE, --stdin), or NULL. */
const char *dbg_program_input(const struct debugger *d);

/* The session (NULL when nothing runs): for views of the front end. */
struct session *dbg_session(struct debugger *d);
/* The variant set inspection and the screen's columns show: the one
 * `set focus` chose, else the current set (the last stop's); -1 when
 * nothing runs. */
int dbg_focus(const struct debugger *d);
/* Set id in words: "set 0 (the program)", "set 2 (child 0 of set 0)",
 * "set 3 (thread, child 1 of set 0)". */
void dbg_set_name(const struct session *s, int id, char *buf, size_t size);
/* What set id is doing: "running", "stopped at step 12", "ended"... */
void dbg_set_state(const struct debugger *d, int id, char *buf, size_t size);
/* The last stop record (valid once started). */
const struct stop *dbg_last_stop(const struct debugger *d);
/* The exit status a batch run ends with (as the batch front end's). */
int dbg_exit_status(const struct debugger *d);
/* Readline-style completion of the word text[start..end) in line:
 * a NULL-terminated, newly allocated array of newly allocated strings
 * (the first being the common prefix, as rl_completion_matches gives),
 * or NULL. */
char **dbg_complete(struct debugger *d, const char *line, int start, int end);
/* Whether the word starting at start is a file name (break path GLOB):
 * dbg_complete returns NULL there, and the front end completes file
 * names itself (readline's filename completion); the command layer
 * includes no readline header. */
bool dbg_complete_wants_path(struct debugger *d, const char *line, int start);

#endif
