/* The command layer's private state and the interfaces between its
 * files: the table (table.c), run control (run.c), breakpoints and
 * ignore rules (breaks.c), inspection (info.c, memory.c), variant
 * sets and the focus (sets.c), settings (settings.c), the expression
 * evaluator (expr.c, types.c; its interface is expr.h) and what it
 * names in a variant (values.c), print and display (print.c) and
 * completion (complete.c).
 * Not for front ends: they use commands.h. */
#ifndef MVDB_DEBUGGER_H
#define MVDB_DEBUGGER_H

#include <signal.h>
#include <stdbool.h>

#include "commands.h"
#include "error.h"
#include "expr.h"
#include "filter.h"
#include "session.h"
#include "trace.h"

#define MAX_BREAKS 64		/* breakpoints at once */
#define MAX_IGNORES 64		/* ignore rules at once */
#define BREAK_TEXT_MAX 256	/* what a breakpoint names, as typed */
#define MAX_DISPLAYS 32		/* auto-displays at once */
#define DISPLAY_TEXT_MAX 256	/* one display's expression */

/* What a breakpoint watches. */
enum breakkind {
	BK_DIVERGENCE,	/* the variants disagree */
	BK_SYSCALL,	/* a call in a set (names, numbers, %classes) */
	BK_FD,		/* any call with an fd argument equal to fd */
	BK_PATH,	/* any call with a path argument matching a glob */
};

/* One breakpoint. */
struct breakpoint {
	int num;			/* its number, from 1; 0: free slot */
	enum breakkind kind;		/* what it watches */
	bool temporary;			/* tbreak: deleted when it fires */
	bool enabled;			/* disable/enable */
	unsigned long hits;		/* times it fired */
	struct filter calls;		/* BK_SYSCALL: the set */
	long fd;			/* BK_FD: the number */
	char what[BREAK_TEXT_MAX];	/* as typed (glob for BK_PATH) */
	char cond[BREAK_TEXT_MAX];	/* its condition as typed, or "": it
					   stops where the condition holds in
					   some variant */
	char infunc[BREAK_TEXT_MAX];	/* `in FUNCTION`: a glob that must
					   name a function on the stack of
					   some variant, or "" */
};

/* How breakpoint conditions came out at a call. */
struct condresult {
	unsigned held;			/* bit K: true in variant K */
	unsigned within;		/* bit K: `in FUNCTION` holds in
					   variant K */
	int nvariants;			/* variants it was evaluated in */
	bool failed;			/* could not be evaluated somewhere */
	char err[ERROR_MSG_MAX];	/* then why (the first failure) */
};

/* One value of print's history ($1, $2...): each variant's. */
struct histval {
	struct value v[MAX_VARIANTS];	/* variant K's */
	unsigned have;			/* bit K: variant K has one */
};

/* One auto-display: shown at every stop until undisplay. */
struct display {
	int num;			/* its number, from 1 */
	char fmt;			/* print's format letter, or 0 */
	char text[DISPLAY_TEXT_MAX];	/* the expression, as typed */
};

/* One ignore rule: in call nr, the arguments in mask may differ. */
struct ignore_rule {
	long nr;		/* the call */
	unsigned char mask;	/* bit i: argument i (0-based) may differ */
};

/* The state of x between uses. */
struct xstate {
	char fmt;				/* last format letter */
	int unit;				/* last unit size in bytes */
	int count;				/* last count */
	int only;				/* last `in K`, or -1 */
	bool valid;				/* next[] holds addresses */
	unsigned long next[MAX_VARIANTS];	/* where a bare x goes on */
};

/* The frame `frame`, `up` and `down` selected, for one stop of one set
 * (any other stop means frame 0). */
struct framesel {
	const struct session *s;	/* the session it was chosen in */
	unsigned long step;		/* at this step */
	int set;			/* of this set */
	int num;			/* the frame, from 0 (innermost) */
};

/* The debugger: a session and everything the commands remember. */
struct debugger {
	struct config cfg;		/* to start (again) with run; its
					   argv, stdin_path and tty point
					   into the command line or below */
	char **args;			/* run ARGS: the program and its
					   arguments since (buildargv's), or
					   NULL; owned */
	const char *input_default;	/* --stdin: the input of a run whose
					   words name none, or NULL */
	char *input;			/* run < FILE: the program's input,
					   or NULL; owned */
	char *tty;			/* tty DEV: the program's terminal,
					   or NULL; owned */
	struct dbg_hooks hooks;		/* the front end's callbacks */
	struct session *s;		/* the running session, or NULL */
	struct stop last;		/* the last stop record */
	bool started;			/* dbg_start ran once */
	bool have_stop;			/* last is valid */
	struct breakpoint breaks[MAX_BREAKS];	/* by slot */
	int next_break;			/* number of the next breakpoint */
	struct ignore_rule ignores[MAX_IGNORES];	/* in order */
	int nignores;			/* rules in use */
	size_t histlines;		/* `set history`: steps history shows */
	bool results;			/* `set results`: continue reads the
					   results of every call */
	bool scratch;			/* never starts a program: it only
					   checks a script's lines
					   (dbg_check_line) */
	struct xstate x;		/* x's memory */
	char *lastline;			/* for Enter-repeat; owned */
	bool quit;			/* quit was asked */
	volatile sig_atomic_t interrupted; /* Ctrl-C during a run */
	bool killed;			/* kill ended the session */
	struct result *collect;		/* step: finished calls go here */
	int focus;			/* `set focus`: the set inspection and
					   the screen show, or -1: the current
					   set (auto) */
	int shownset;			/* the set of the last stop shown */
	struct framesel frame;		/* the selected frame */
	struct tracer trace;		/* --trace, in every front end */
	struct histval *values;		/* print's history, $1 first; owned */
	unsigned long nvalues, capvalues; /* used and allocated */
	struct display displays[MAX_DISPLAYS];	/* in order of number */
	int ndisplays;			/* displays in use */
	int next_display;		/* number of the next display */
};

/* Arguments as a handler receives them. */
struct cmdargs {
	int argc;		/* words after the command name */
	char **argv;		/* the words (buildargv's) */
	const char *suffix;	/* "/8xg" after the name, or "" */
	const char *rest;	/* the raw text after the command word */
};

/* What Enter after a command does. */
enum repeatkind {
	REPEAT_SAME,	/* runs the same line again */
	REPEAT_NONE,	/* nothing (kill, quit, run) */
	REPEAT_X,	/* x goes on at the next address */
};

/* One command. */
struct command {
	const char *name;		/* full name */
	const char *const *aliases;	/* short names that win, NULL-ended */
	int minargs, maxargs;		/* word count bounds (-1: any) */
	bool suffix;			/* takes /FMT after the name */
	enum repeatkind repeat;		/* Enter after it */
	bool narration;			/* echo, pause: scripts do not show
					   the line after the prompt */
	bool setup;			/* needs no program (break, set, ...):
					   a batch script's line of it is run
					   first on a debugger without one,
					   which checks its arguments */
	const char *usage;		/* "x/NFU ADDR [in K]" */
	const char *brief;		/* one line */
	const char *help;		/* the full text */
	/* Completion of the word text when words[0..nwords) precede it. */
	char **(*complete)(struct debugger *d, char **words, int nwords,
			   const char *text);
	void (*run)(struct debugger *d, const struct cmdargs *a,
		    struct result *r);	/* the handler */
};

/* table.c */
extern const struct command commands[];
extern const int ncommands;
/* The command named word (exact, alias or unique prefix); NULL with an
 * error in r when there is none or several. */
const struct command *cmd_lookup(const char *word, struct result *r);
/* A whole number in word (dec, 0x hex, 0 octal); false if not one. */
bool cmd_number(const char *word, long *val);
/* Checks that the program runs; else an error in r, false. */
bool cmd_need_session(struct debugger *d, struct result *r);
/* Parses `in K` at the end of argv: returns the argc without it, and
 * sets *only (-1 when absent); -2 on a bad K (error in r). */
int cmd_parse_in(struct debugger *d, int argc, char **argv, int *only,
		 struct result *r);
/* Where word k (from 0) of raw argument text begins, with quotes and
 * backslashes as buildargv reads them; NULL when there are fewer words.
 * For arguments kept as typed (a breakpoint's condition). */
const char *cmd_word_at(const char *text, int k);

/* Joins words into one expression (newly allocated). */
char *cmd_join(int argc, char **argv);
/* Evaluates text in variant v of the focused set; an error naming the
 * variant in r when it fails. */
bool cmd_eval_in(struct debugger *d, int v, const char *text,
		 unsigned long *val, struct result *r);

/* narrate.c */
void cmd_echo(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_pause(struct debugger *d, const struct cmdargs *a, struct result *r);

/* run.c */
void cmd_step(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_continue(struct debugger *d, const struct cmdargs *a,
		  struct result *r);
void cmd_kill(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_run(struct debugger *d, const struct cmdargs *a, struct result *r);
/* program.c: the program's arguments, input and terminal. */
void cmd_tty(struct debugger *d, const struct cmdargs *a, struct result *r);
/* run's words, parsed and checked. */
struct runwords {
	bool given;	/* run had words: they replace the last run's */
	char **args;	/* the program and its arguments; owned */
	char *input;	/* `< FILE`, or NULL: the default input; owned */
};
/* Parses run's words (the program's arguments, `< FILE`) into w and
 * checks that the input and the terminal of the run can be opened:
 * false with the error in r, before anything is killed. */
bool program_parse_run(struct debugger *d, const struct cmdargs *a,
		       struct runwords *w, struct result *r);
/* Makes w (taken over) the arguments and input of this run and the later
 * ones; after the last session, which borrowed the old ones, is gone. */
void program_apply_run(struct debugger *d, struct runwords *w);
void runwords_free(struct runwords *w);
/* What the start of a run says about the program's terminal. */
void program_show_start(struct debugger *d, struct result *r);
void program_free(struct debugger *d);

/* Adds the call at hand of every variant (merged when identical). */
void run_show_calls(struct debugger *d, struct result *r);
/* A recorded step as IT_CALL items: one for every variant when they
 * agree (and a call run once has one result), else one per variant
 * with what differs marked. */
void run_add_record(struct debugger *d, struct result *r,
		    const struct histent *h);
/* Adds what the last stop record says (reason, report). */
void run_show_stop(struct debugger *d, struct result *r);

/* breaks.c */
void cmd_break(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_tbreak(struct debugger *d, const struct cmdargs *a,
		struct result *r);
void cmd_delete(struct debugger *d, const struct cmdargs *a,
		struct result *r);
void cmd_enable(struct debugger *d, const struct cmdargs *a,
		struct result *r);
void cmd_disable(struct debugger *d, const struct cmdargs *a,
		 struct result *r);
void cmd_ignore(struct debugger *d, const struct cmdargs *a,
		struct result *r);
void breaks_info(struct debugger *d, struct result *r);
void ignores_info(struct debugger *d, struct result *r);
/* Breakpoint 1, `break divergence`, set up by dbg_new. */
void breaks_init(struct debugger *d);
/* The first enabled breakpoint matching the call at hand whose
 * condition holds in some variant, or cannot be evaluated (cr says
 * which), or NULL (not divergence: the caller checks the stop). */
struct breakpoint *breaks_match(struct debugger *d, struct condresult *cr);
/* The calls enabled breakpoints stop at, into f. */
void breaks_calls(const struct debugger *d, struct filter *f);
/* condition N [EXPR]. */
void cmd_condition(struct debugger *d, const struct cmdargs *a,
		   struct result *r);
/* " (condition true in variant 1)" for a stop at bp, or "". */
void breaks_cond_words(const struct breakpoint *bp,
		       const struct condresult *cr, char *buf, size_t size);
/* The first enabled divergence breakpoint, or NULL. */
struct breakpoint *breaks_divergence(struct debugger *d);
/* Counts a hit of bp, copies it into *fired and deletes it when it is
 * temporary. */
void breaks_hit(struct debugger *d, struct breakpoint *bp,
		struct breakpoint *fired);
/* Writes the ignore rules into the session's masks. */
void ignores_apply(struct debugger *d);

/* sets.c */
/* The focused set (see dbg_focus), or NULL with no session. */
const struct vset *sets_focused(const struct debugger *d);
/* Whether set id's calls at hand were read (it is at a stop, waits for
 * a descriptor, or diverged): other sets' are stale or not there. */
bool sets_call_known(const struct session *s, int id);
/* item.set for a call of set id: id when the program has several sets,
 * else -1 (no label). */
int sets_label(const struct debugger *d, int id);
/* info variants: the tree of sets and their variants. */
void sets_info(struct debugger *d, struct result *r);
void sets_set_focus(struct debugger *d, const char *value, struct result *r);
void sets_show_focus(struct debugger *d, struct result *r);
/* Completion of a set id or "auto". */
char **complete_sets(struct debugger *d, const char *text);

/* info.c */
void cmd_info(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_history(struct debugger *d, const struct cmdargs *a,
		 struct result *r);
extern const char *const info_topics[];

/* memory.c */
void cmd_x(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_diff(struct debugger *d, const struct cmdargs *a, struct result *r);

/* stack.c */
struct frame;
struct symbol;
void cmd_backtrace(struct debugger *d, const struct cmdargs *a,
		   struct result *r);
void cmd_frame(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_up(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_down(struct debugger *d, const struct cmdargs *a, struct result *r);
void stack_info_frame(struct debugger *d, struct result *r);
void stack_info_symbol(struct debugger *d, int argc, char **argv,
		       struct result *r);
void stack_info_sharedlibrary(struct debugger *d, struct result *r);
/* Variant v's stack (of the focused set): frames, innermost first, up to
 * max; the count, or -1 with err. */
int stack_unwind(struct debugger *d, int v, struct frame *frames, int max,
		 struct error *err);
/* What is at addr in variant v; false when no object is mapped there. */
bool stack_symbol(struct debugger *d, int v, unsigned long addr,
		  struct symbol *out);
/* The selected frame of variant v: 0, or -1 with err. */
int stack_frame(struct debugger *d, int v, struct frame *out,
		struct error *err);
/* Register name ("pc", "rbx") of variant v in the selected frame: 1
 * with *val; 0 when frame 0 is selected or name is no register (the
 * caller reads the stop's registers); -1 with err when the unwinder did
 * not recover it. */
int stack_register(struct debugger *d, int v, const char *name,
		   unsigned long *val, struct error *err);
/* Whether a function whose name matches pattern (a glob; the name debug
 * information gives or the symbol table's) is on the stack of variant v
 * of set id: 1 or 0, or -1 with err when it cannot be unwound. */
int stack_has_function(struct debugger *d, int id, int v, const char *pattern,
		       struct error *err);
/* The selected frame's number (0 unless frame/up/down chose another at
 * this stop). */
int stack_selected(const struct debugger *d);

/* expr.c: expressions over numbers and $names. */
typedef int (*expr_lookup)(void *ctx, const char *name, unsigned long *val,
			   struct error *err);
/* Evaluates text; names ("$sp", "$arg1") go to lookup (without the $).
 * Returns 0, or -1 with err saying what is wrong and where. */
int expr_eval(const char *text, expr_lookup lookup, void *ctx,
	      unsigned long *val, struct error *err);
/* The lookup for variant v of d's session: $argN, $ret, registers. */
struct expr_variant {
	struct debugger *d;		/* whose session */
	int v;				/* which variant */
	bool stopset;			/* of the set that stopped (breakpoint
					   conditions), not the focused one */
};
int expr_variant_lookup(void *ctx, const char *name, unsigned long *val,
			struct error *err);
/* A lookup that only checks that a name exists (values are 0). */
int expr_check_lookup(void *ctx, const char *name, unsigned long *val,
		      struct error *err);

/* values.c */
/* $names beyond expr_check_lookup's ($errno, $_siginfo.si_signo...). */
extern const char *const expr_extra_names[];
/* The set ev evaluates in (the focus, or the set that stopped). */
int expr_variant_set(const struct expr_variant *ev);
/* Whether d's program runs (its variants can be read). */
bool expr_program_runs(const struct debugger *d);
/* The last finished call of set id in the history, or NULL (expr.c). */
const struct histent *expr_last_call(const struct session *s, int id);
/* Names with types: expr_variant_lookup's, $errno, $_siginfo.FIELD and
 * the history $N; without a program, only the history. */
int expr_variant_value(void *ctx, const char *name, struct value *val,
		       struct error *err);
/* Reads all len bytes at addr of the variant (ctx: an expr_variant). */
int expr_variant_read(void *ctx, unsigned long addr, void *buf, size_t len,
		      struct error *err);
/* The environment of ev's variant: its names and its memory. */
void expr_variant_env(struct expr_variant *ev, struct expr_env *env);
/* Checks text before it runs anywhere: syntax and names (history
 * numbers against d's history when d is not NULL). */
int expr_check(struct debugger *d, const char *text, struct error *err);

/* print.c */
void cmd_print(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_display(struct debugger *d, const struct cmdargs *a,
		 struct result *r);
void cmd_undisplay(struct debugger *d, const struct cmdargs *a,
		   struct result *r);
/* info display. */
void displays_info(struct debugger *d, struct result *r);
/* Every display, evaluated now (at a stop). */
void displays_show(struct debugger *d, struct result *r);

/* complete.c */
char **complete_list(const char *const *words, const char *text);
char **complete_commands(struct debugger *d, char **words, int nwords,
			 const char *text);
char **complete_break(struct debugger *d, char **words, int nwords,
		      const char *text);
char **complete_breaknums(struct debugger *d, char **words, int nwords,
			  const char *text);
char **complete_info(struct debugger *d, char **words, int nwords,
		     const char *text);
char **complete_settings(struct debugger *d, char **words, int nwords,
			 const char *text);
char **complete_show(struct debugger *d, char **words, int nwords,
		     const char *text);
char **complete_ignore(struct debugger *d, char **words, int nwords,
		       const char *text);
char **complete_expr(struct debugger *d, char **words, int nwords,
		     const char *text);
char **complete_condition(struct debugger *d, char **words, int nwords,
			  const char *text);
char **complete_displays(struct debugger *d, char **words, int nwords,
			 const char *text);

/* settings.c */
/* One setting of set and show. */
struct setting {
	const char *name;	/* any unambiguous prefix names it */
	const char *values;	/* what set takes ("N", "SET|auto") */
	void (*set)(struct debugger *d, const char *value, struct result *r);
	void (*show)(struct debugger *d, struct result *r);
	bool program;		/* it is about the running program (focus):
				   a script's line of it is checked when it
				   runs, not before the program starts */
};
extern const struct setting settings[];	/* ends with a NULL name */
void cmd_set(struct debugger *d, const struct cmdargs *a, struct result *r);
void cmd_show(struct debugger *d, const struct cmdargs *a, struct result *r);

#endif
