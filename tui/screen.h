/* The full-screen front end's shared state: the screen files (loop,
 * readline glue, results, views) all work on one struct screen. */
#ifndef MVDB_SCREEN_H
#define MVDB_SCREEN_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <wchar.h>

#include "commands.h"
#include "layout.h"
#include "options.h"
#include "pane_lines.h"

#define SCREEN_OUTPUT_LINES 5000	/* program output kept */
#define SCREEN_MESSAGE_LINES 2000	/* command results kept */
#define SCREEN_PROMPT "(mvdb) "
#define SCREEN_HISTORY_KEEP 1000	/* lines kept in the history file */
#define SCREEN_INPUT_MAX 4096		/* bytes of one line typed for the
					   program */
#define SCREEN_KEYS_HELD 256		/* keys typed during a run for the
					   command line, kept until it ends */

/* Styles, each with a colour pair and a monochrome attribute (one table
 * in views.c). */
enum style {
	ST_NORMAL,	/* plain text */
	ST_TITLE,	/* a pane's title bar */
	ST_FOCUS,	/* the focused pane's title bar */
	ST_DIFF,	/* differs between variants */
	ST_LOCAL,	/* a local fd */
	ST_PLATFORM,	/* a platform fd */
	ST_ERROR,	/* an error message */
	ST_STOP,	/* why the run stopped */
	ST_DIVERGED,	/* a divergence */
	ST_DIM,		/* secondary text */
	ST_STATUS,	/* the status line */
	ST_HINT,	/* the key hint */
	ST_COMMAND,	/* a command as typed, echoed in messages */
	ST_COUNT
};

/* What F6 focuses and PgUp/PgDn scroll: a pane across the width (enum
 * pane), or a part of every variant column shown (they scroll
 * together, rows hidden above counted from the top). */
enum {
	FOCUS_FDS = PANE_COUNT,	/* the fd tables */
	FOCUS_MEM,		/* the memory dumps */
	FOCUS_COUNT
};

/* The last memory dump of one variant (an IT_HEX item, copied). */
struct memdump {
	unsigned long addr;	/* address of bytes[0] */
	unsigned char *bytes;	/* owned; NULL: no dump yet */
	bool *differs;		/* per byte: differs from another variant */
	size_t len;		/* bytes */
	int unit;		/* unit size (1, 2, 4, 8) */
	char fmt;		/* the x format letter */
};

/* The screen. */
struct screen {
	const struct options *o;	/* the command line */
	struct debugger *d;		/* the command layer */
	struct layout lay;		/* where the panes are */
	bool color;			/* colours (else attributes) */
	bool curses;			/* curses is active (to restore) */
	int first;			/* first variant column shown */
	int focus;			/* what PgUp/PgDn scroll: enum pane
					   or FOCUS_FDS, FOCUS_MEM */
	int scroll[FOCUS_COUNT];	/* rows scrolled back, per pane (of
					   the columns: rows hidden above) */
	bool more[FOCUS_COUNT];		/* a column part holds more than it
					   shows (as last drawn) */
	struct lines out;		/* program output (locked by outlock) */
	pthread_mutex_t outlock;	/* out is filled by the reader thread */
	struct lines msg;		/* command results */
	struct memdump mem[MAX_VARIANTS]; /* last dump per variant */
	const struct session *memfor;	/* session the dumps belong to */
	int memin;			/* and the set they were read in */
	char stoptext[256];		/* the last IT_STOP's text */
	volatile sig_atomic_t busy;	/* a command runs (read by signal
					   handlers) */
	unsigned long progress;		/* step reached during a run */
	bool quit;			/* leave the loop */
	volatile sig_atomic_t pausing;	/* `pause` waits for a key: Ctrl-C
					   does not interrupt the engine */
	bool skip_script;		/* q at a pause: the rest of the -x
					   script is not run */
	int outpipe[2];			/* program output: read, write */
	int wakepipe[2];		/* reader thread and signals wake the
					   loop: read, write */
	pthread_t reader;		/* drains outpipe[0] into out */
	bool reader_on;			/* the thread was started */
	int inpipe[2];			/* the program's input: read end (its
					   stdin), write end (the input line);
					   -1 when closed */
	char input[SCREEN_INPUT_MAX];	/* the input line as typed (UTF-8) */
	size_t inlen;			/* its bytes */
	int inrow, incol;		/* where its cursor is drawn, or -1 */
	bool waiting;			/* the program waits for its input,
					   as the status line last said */
	struct heldkey {
		bool func;		/* a curses key code */
		wint_t ch;		/* the key */
	} held[SCREEN_KEYS_HELD];	/* keys typed during a run that are
					   the command line's: read after it */
	int nheld;			/* how many */
	int runs;			/* runs started (the output pane
					   marks where each begins) */
	struct pager {
		bool open;		/* shown over the panes */
		unsigned long from;	/* msg's line number it starts at */
		int top;		/* rows scrolled past at the top */
		char what[256];		/* its title: the command */
	} pager;			/* long output (screen_pager.c) */
};

/* screen_rl.c: readline through its callback interface. */
void screen_rl_init(struct screen *sc);
void screen_rl_done(void);
/* Hands one key from curses to readline. */
void screen_rl_key(struct screen *sc, int isfunc, wint_t key);
/* Draws the command line (the prompt, the line, the cursor). */
void screen_rl_draw(void);
/* Ctrl-C at the prompt: drop the line being typed. */
void screen_rl_cancel(void);

/* screen_input.c: the program's input, typed in the output pane. */
/* A new pipe for a run about to start: cfg->stdio[0] is its read end. */
void screen_input_starting(struct screen *sc, struct config *cfg);
void screen_input_free(struct screen *sc);
/* Whether the program's input is the screen's pipe (not a file or a
 * terminal of its own). */
bool screen_input_ours(const struct screen *sc);
/* A key for the input line (the output pane focused): true when it was
 * taken. */
bool screen_input_key(struct screen *sc, bool func, wint_t ch);
/* Whether the output pane shows the input line. */
bool screen_input_shown(const struct screen *sc);

/* screen_results.c: a result into the panes. */
void screen_absorb(struct screen *sc, const struct result *r);
/* Runs one command line (echoed in the messages pane) and redraws. */
void screen_command(struct screen *sc, const char *line);
/* As screen_command, for a line of a script: narration (echo, pause) is
 * not echoed, its text is the message. */
void screen_script_command(struct screen *sc, const char *line);
/* `help keys`: the key table into the messages pane. */
void screen_help_keys(struct screen *sc);
void screen_mem_free(struct screen *sc);

/* screen_pager.c: long output over the panes. */
/* Opens the pager on msg's lines from line number from (a value of
 * msg.pushed) when they are more than the messages pane shows, unless
 * the command stopped the program (its words go with the columns). */
void screen_pager_maybe(struct screen *sc, unsigned long from,
			const char *what, bool stopped);
void screen_pager_close(struct screen *sc);
/* Draws it over everything above the status line. */
void screen_pager_draw(struct screen *sc);
/* A key while it is open: true when the pager took it. */
bool screen_pager_key(struct screen *sc, bool func, wint_t ch);

/* views.c: drawing. */
void views_init_colors(struct screen *sc);
/* Redraws everything (not the command line) into stdscr. */
void views_draw(struct screen *sc);
/* Redraws the status line and the output pane (during a run). */
void views_draw_progress(struct screen *sc);

/* screen.c: full redraw and refresh, command line included. */
void screen_redraw(struct screen *sc);

#endif
