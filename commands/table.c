/* The command table: every command once, with its names, argument
 * rules, help, completion and handler.  Dispatch (dispatch.c), `help`
 * and completion (complete.c) all read it. */
#include "debugger.h"
#include "expr.h"

#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void cmd_help(struct debugger *d, const struct cmdargs *a,
		     struct result *r);
static void cmd_quit(struct debugger *d, const struct cmdargs *a,
		     struct result *r);

#define ALIASES(...) ((const char *const[]){ __VA_ARGS__, NULL })

const struct command commands[] = {
	{
		.name = "step", .aliases = ALIASES("s", "n", "next"), .maxargs = 1,
		.usage = "step [N]",
		.brief = "Advance all variants N system calls (default 1)",
		.help = "Runs the call at hand where the file policy says and meets\n"
			"every variant at its next system call, N times.  Shows each\n"
			"finished call with its result, then the call at hand: one\n"
			"line when every variant makes the same call, one line per\n"
			"variant when they differ (the differing argument is named).\n"
			"Stops early at a divergence, the end, or Ctrl-C.  `next` and\n"
			"`n` are the same: a system call is the smallest step here.",
		.run = cmd_step,
	},
	{
		.name = "continue", .aliases = ALIASES("c", "cont"), .maxargs = 1,
		.usage = "continue [N]",
		.brief = "Run until a breakpoint, a divergence or the end",
		.help = "Steps until a breakpoint matches the call at hand, the variants\n"
			"diverge (breakpoint 1, `break divergence`, unless disabled),\n"
			"they fault with a signal, the program ends, or Ctrl-C.  With N,\n"
			"as in gdb, the hit the program stands at counts as the first of\n"
			"N: the next N - 1 breakpoint hits are counted but do not stop.",
		.run = cmd_continue,
	},
	{
		.name = "break", .setup = true, .aliases = ALIASES("b", "br"), .minargs = 1,
		.maxargs = -1,
		.usage = "break divergence | syscall NAME|NR|%CLASS[,...] | fd N | path GLOB [in FUNCTION] [if COND]",
		.brief = "Stop where a call matches",
		.help = "break divergence        stop when the variants disagree (breakpoint 1,\n"
			"                        on from the start)\n"
			"break syscall SET       stop at calls in SET, named as strace's\n"
			"                        -e trace= does: open,read  %file  %desc  59\n"
			"break fd N              stop at any call with N as an fd argument\n"
			"break path GLOB         stop at any call whose path argument matches\n"
			"                        GLOB (fnmatch: *, ?, [...]; quote spaces)\n"
			"... in FUNCTION         stop only where FUNCTION (a name or glob, as\n"
			"                        bt shows it or as the symbol table has it)\n"
			"                        is on the stack of some variant: the openat\n"
			"                        that dlopen makes: break syscall openat in dlopen\n"
			"... if COND             stop only where the expression COND (as for\n"
			"                        print) is true in some variant of the set at\n"
			"                        the call: break syscall write if $arg0 == 2.\n"
			"                        The stop says in which variants it held; a\n"
			"                        condition that cannot be evaluated stops too\n"
			"Breakpoints are numbered; see `info breakpoints`, `delete`,\n"
			"`disable`, `enable`, `tbreak`, `condition`.",
		.complete = complete_break,
		.run = cmd_break,
	},
	{
		.name = "tbreak", .setup = true, .aliases = ALIASES("tb"), .minargs = 1,
		.maxargs = -1,
		.usage = "tbreak syscall SET | fd N | path GLOB | divergence [if COND]",
		.brief = "A breakpoint that is deleted when it fires",
		.help = "As `break`, but the breakpoint stops once and is deleted.",
		.complete = complete_break,
		.run = cmd_tbreak,
	},
	{
		.name = "condition", .setup = true, .minargs = 1, .maxargs = -1,
		.usage = "condition N [COND]",
		.brief = "Make breakpoint N stop only where COND holds",
		.help = "condition N COND   breakpoint N stops only where the expression\n"
			"                   COND (as for print) is true in some variant\n"
			"condition N        breakpoint N stops at every match again\n"
			"COND is checked at once (names, syntax) and evaluated at each\n"
			"matching call in every variant of the set at the call.\n"
			"`info breakpoints` shows it.",
		.complete = complete_condition,
		.run = cmd_condition,
	},
	{
		.name = "delete", .setup = true, .aliases = ALIASES("d"), .maxargs = -1,
		.usage = "delete [N...]",
		.brief = "Delete breakpoints (all without N)",
		.help = "Deletes the breakpoints numbered N, or every breakpoint\n"
			"(including `break divergence`) when no number is given.",
		.complete = complete_breaknums,
		.run = cmd_delete,
	},
	{
		.name = "disable", .setup = true, .aliases = ALIASES("dis", "disa"), .maxargs = -1,
		.usage = "disable [N...]",
		.brief = "Disable breakpoints (all without N)",
		.help = "A disabled breakpoint stays listed but does not stop.\n"
			"`disable 1` lets `continue` run through divergences: the\n"
			"variants still stop there, since a diverging call cannot run.",
		.complete = complete_breaknums,
		.run = cmd_disable,
	},
	{
		.name = "enable", .setup = true, .maxargs = -1,
		.usage = "enable [N...]",
		.brief = "Enable breakpoints (all without N)",
		.help = "Enables the breakpoints numbered N, or all of them.",
		.complete = complete_breaknums,
		.run = cmd_enable,
	},
	{
		.name = "info", .aliases = ALIASES("i", "inf"), .minargs = 1,
		.maxargs = -1,
		.usage = "info variants|syscall|fds [K]|registers [K] [REG...]|maps [K]|frame|symbol ADDR|sharedlibrary|breakpoints|display|ignores",
		.brief = "Describe the variants, their calls, fds, registers, maps",
		.help = "info variants           the variant sets (one per process or thread\n"
			"                        of the program) as a tree, and the pid, state,\n"
			"                        exit status and binary of each variant\n"
			"info syscall            the call at hand in full: every argument of\n"
			"                        every variant, decoded and raw, and the code\n"
			"                        that made it (<write+23> in libc.so.6)\n"
			"info fds [K]            fd tables, local and platform (all variants\n"
			"                        or variant K)\n"
			"info registers [K] [REG...]  registers side by side (or of variant K),\n"
			"                        of the selected frame (see frame)\n"
			"info maps [K]           memory maps (also: info proc mappings)\n"
			"info frame              the selected frame of every variant\n"
			"info symbol ADDR        the function at ADDR in each variant\n"
			"info sharedlibrary      the objects each variant loaded, with their\n"
			"                        addresses side by side\n"
			"info stack              as backtrace\n"
			"info breakpoints        breakpoints, their conditions and hit counts\n"
			"info display            the expressions display shows at stops\n"
			"info ignores            ignore rules\n"
			"syscall, fds, registers and maps show the focused set (`set focus`).",
		.complete = complete_info,
		.run = cmd_info,
	},
	{
		.name = "x", .maxargs = -1, .suffix = true, .repeat = REPEAT_X,
		.usage = "x/NFU ADDR [in K]",
		.brief = "Examine memory of every variant, side by side",
		.help = "As gdb's x.  N: count (default 1).  F: format, one of\n"
			"x (hex), d (signed), u (unsigned), o (octal), t (binary),\n"
			"a (address), c (char), s (string), z (zero-padded hex).\n"
			"U: unit, b (1 byte), h (2), w (4), g (8).  Format and unit are\n"
			"remembered (defaults x and w); `x` alone, or Enter, goes on\n"
			"after the last dump.  -N (x/-4xg $sp): the N units before\n"
			"ADDR, and Enter goes on back (not with s or i).\n"
			"ADDR is an expression evaluated in each variant separately\n"
			"(their addresses differ by design): numbers (10, 0x1f, 017),\n"
			"$arg0..$arg5 (the call at hand's arguments, from 0: in\n"
			"openat(AT_FDCWD, path, ...) the path is $arg1), $ret (the last\n"
			"finished call's result), registers ($sp, $pc, $fp, $rax, $rdi,\n"
			"$r8...), + - * and parentheses, and all the rest print takes\n"
			"(see help print).  Bytes that differ between the variants are\n"
			"marked.  `in K` shows variant K only.",
		.complete = complete_expr,
		.run = cmd_x,
	},
	{
		.name = "diff", .minargs = 2, .maxargs = -1,
		.usage = "diff ADDR LEN",
		.brief = "List the byte ranges where the variants' memory differs",
		.help = "Reads LEN bytes at ADDR (an expression as for x, evaluated in\n"
			"each variant) from every variant and lists the ranges that\n"
			"differ, as offsets from ADDR with each variant's address.\n"
			"LEN is the last word; at most 1 MiB.",
		.complete = complete_expr,
		.run = cmd_diff,
	},
	{
		.name = "backtrace", .aliases = ALIASES("bt", "where"),
		.maxargs = 3,
		.usage = "backtrace [N] [in K]",
		.brief = "Each variant's call stack at the stop",
		.help = "Unwinds every variant of the focused set (CFI through its own\n"
			"registers and memory) and shows the frames innermost first,\n"
			"as gdb does: #1  0x... in main () at prog.c:20, or `from\n"
			"libc.so.6` where there is no debug information.  A frame that\n"
			"is the same in every variant (same function and offset) is\n"
			"shown once; where they differ each variant's frame is shown and\n"
			"marked *, and the first such frame is named: it is usually the\n"
			"answer.  N: at most N frames.  `in K`: variant K only.",
		.run = cmd_backtrace,
	},
	{
		.name = "frame", .aliases = ALIASES("f"), .maxargs = 1,
		.usage = "frame [N]",
		.brief = "Select frame N of every variant's stack",
		.help = "Selects frame N (see `bt`; 0 is the innermost) in every\n"
			"variant until the next stop, and shows it.  $pc, $sp and the\n"
			"other registers, x and print then refer to that frame where the\n"
			"unwinder recovered them (rip, rsp, rbp, rbx, r12-r15).  Without\n"
			"N, shows the selected frame.  See also up, down, info frame.",
		.run = cmd_frame,
	},
	{
		.name = "up", .maxargs = 1,
		.usage = "up [N]",
		.brief = "Select the frame N callers out (default 1)",
		.help = "As frame, N frames further from the stop (towards main).",
		.run = cmd_up,
	},
	{
		.name = "down", .maxargs = 1,
		.usage = "down [N]",
		.brief = "Select the frame N callees in (default 1)",
		.help = "As frame, N frames nearer the stop.",
		.run = cmd_down,
	},
	{
		.name = "print", .aliases = ALIASES("p"), .minargs = 1,
		.maxargs = -1, .suffix = true,
		.usage = "print[/F] EXPR",
		.brief = "Evaluate an expression in every variant",
		.help = "Evaluates EXPR in each variant of the focused set: one line\n"
			"($1 = 256) when every variant gives the same value, else one\n"
			"line per variant, [K] before it, the ones that differ marked.\n"
			"Values are numbered as gdb's ($1, $2...; `p $1 + 1`).\n"
			"F: x (hex), d (signed), u (unsigned), o (octal), t (binary),\n"
			"c (char), s (the C string at the value, read from each\n"
			"variant: p/s $arg1).  Integers show in decimal by default.\n"
			"EXPR is C over 64-bit values: numbers (10, 0x1f, 017, 'a'),\n"
			"$arg0..$arg5 (the call at hand's arguments, from 0), $ret\n"
			"(the last finished call's result), $errno (its error, when it\n"
			"failed: ENOENT (2)), registers ($sp, $pc, $rax, $rdi, $r8...),\n"
			"$_siginfo.si_signo (.si_code, .si_errno, .si_pid, .si_uid,\n"
			".si_addr, .si_status) at a signal stop, and the operators\n"
			"* / % + - << >> < > <= >= == != & ^ | && || ! ~ and unary -,\n"
			"with C's precedence; comparisons are signed for $names (longs,\n"
			"as gdb takes them).  *(TYPE *)ADDR reads a C integer type\n"
			"(char, short, int, long, long long, signed or unsigned,\n"
			"int8_t..uint64_t, size_t, ssize_t) from the variant's memory,\n"
			"*ADDR 8 bytes; (char *)ADDR shows the string there; (TYPE)X\n"
			"converts as C.",
		.complete = complete_expr,
		.run = cmd_print,
	},
	{
		.name = "display", .maxargs = -1, .suffix = true,
		.usage = "display[/F] [EXPR]",
		.brief = "Show an expression at every stop",
		.help = "Shows EXPR (as for print, with its /F) now and after every stop\n"
			"until `undisplay`, numbered: `1: $arg0 = 256`, one line per\n"
			"variant when they differ.  `display` alone shows them all;\n"
			"`info display` lists them.",
		.complete = complete_expr,
		.run = cmd_display,
	},
	{
		.name = "undisplay", .maxargs = -1,
		.usage = "undisplay [N...]",
		.brief = "Stop showing displays (all without N)",
		.help = "Deletes the displays numbered N, or all of them.",
		.complete = complete_displays,
		.run = cmd_undisplay,
	},
	{
		.name = "history", .maxargs = 1,
		.usage = "history [N]",
		.brief = "Show the last N steps (default: set history)",
		.help = "Shows the last N finished steps (at most 256 are kept), as\n"
			"variant 0 made them, with their results.",
		.run = cmd_history,
	},
	{
		.name = "kill", .aliases = ALIASES("k"), .repeat = REPEAT_NONE,
		.usage = "kill",
		.brief = "Kill every variant",
		.help = "Kills every variant at once (SIGKILL).  `run` starts again.",
		.run = cmd_kill,
	},
	{
		.name = "run", .aliases = ALIASES("r"), .maxargs = -1,
		.repeat = REPEAT_NONE,
		.usage = "run [ARG...] [< FILE]",
		.brief = "Start the variants again from the beginning",
		.help = "Kills the variants (asking first when they still run and mvdb\n"
			"is interactive), starts them again and stops at their first\n"
			"step.  Breakpoints and ignore rules are kept.\n"
			"As in gdb, words after run replace the program's arguments for\n"
			"this run and the later ones, and `< FILE` (or `<FILE`) among\n"
			"them makes FILE its standard input (read once, by the\n"
			"platform); words without `< FILE` give it back the input it\n"
			"started with (--stdin, or mvdb's: see the README).  `run`\n"
			"alone runs as last time.  A FILE that cannot be read is an\n"
			"error before anything is killed.  Quote words with spaces.",
		.run = cmd_run,
	},
	{
		.name = "tty", .maxargs = 1, .repeat = REPEAT_NONE,
		.usage = "tty [DEV|none]",
		.brief = "Give the program a terminal of its own (at the next run)",
		.help = "As gdb's tty (set inferior-tty): from the next `run`, the\n"
			"program's standard input, output and error are DEV, say\n"
			"/dev/pts/3 from another terminal (run `tty` there, then\n"
			"`sleep 1000000` so that its shell reads nothing).  DEV is its\n"
			"controlling terminal when no session has it yet (then Ctrl-C\n"
			"typed there reaches the program); a shell's terminal stays the\n"
			"shell's.  `tty none` gives the program mvdb's streams again;\n"
			"`tty` alone says which it has.  `run < FILE` still takes its\n"
			"input from FILE.  Same as --tty=DEV.",
		.run = cmd_tty,
	},
	{
		.name = "ignore", .setup = true, .minargs = 1, .maxargs = 4,
		.usage = "ignore syscall NAME[,NAME...] [arg N[,M...]] | ignore delete [I...]",
		.brief = "Let known benign differences pass",
		.help = "ignore syscall NAME arg N   argument $argN (counted from 0, as\n"
			"                            $argN, the divergence report and the\n"
			"                            screen count; \"arg $arg1\" works too) of\n"
			"                            NAME may differ between variants\n"
			"ignore syscall NAME         any argument of NAME may differ\n"
			"ignore delete [I...]        remove rules (all without I)\n"
			"An ignored difference is reported with the step but does not\n"
			"stop.  Rules are listed by `info ignores` and kept across `run`.",
		.complete = complete_ignore,
		.run = cmd_ignore,
	},
	{
		.name = "set", .setup = true, .minargs = 2, .maxargs = 2,
		.usage = "set strsize N | set history N | set results on|off | set focus SET|auto",
		.brief = "Change a display setting",
		.help = "set strsize N    bytes of strings and buffers shown in calls\n"
			"set history N    steps `history` shows by default\n"
			"set results on|off  whether continue reads every call's result\n"
			"                 (on) or only the platform's (off: faster)\n"
			"set focus SET    the variant set (see `info variants`) that\n"
			"                 info, x, diff and the screen's columns show\n"
			"set focus auto   the current set: the last stop's (the default)",
		.complete = complete_settings,
		.run = cmd_set,
	},
	{
		.name = "show", .maxargs = 1,
		.usage = "show [strsize|history|results|focus]",
		.brief = "Show display settings",
		.help = "Shows one setting, or all of them.",
		.complete = complete_show,
		.run = cmd_show,
	},
	{
		.name = "echo", .maxargs = -1, .narration = true,
		.repeat = REPEAT_NONE,
		.usage = "echo [TEXT]",
		.brief = "Print TEXT as a message (narration in scripts)",
		.help = "Prints TEXT as typed, as one message line (line mode and batch:\n"
			"on standard output; the screen: in the messages pane).  Scripts\n"
			"(-x, --demo) tell their story with it; the line is not shown\n"
			"after the prompt first, as other commands from a script are.\n"
			"`echo` alone prints an empty line.",
		.run = cmd_echo,
	},
	{
		.name = "pause", .maxargs = -1, .narration = true,
		.repeat = REPEAT_NONE,
		.usage = "pause [TEXT]",
		.brief = "Wait for Enter before a script goes on",
		.help = "Shows TEXT (default \"Press Enter to go on\") and waits: for\n"
			"Enter in line mode on a terminal, for Enter or space in the\n"
			"screen, where q or Esc skips the rest of the script instead\n"
			"(Ctrl-D does in line mode).  In batch mode, or when standard\n"
			"input is not a terminal, it does nothing: scripts with pauses\n"
			"run unattended.",
		.run = cmd_pause,
	},
	{
		.name = "help", .aliases = ALIASES("h"), .maxargs = 1,
		.usage = "help [COMMAND]",
		.brief = "List commands, or describe one",
		.help = "Lists every command, or shows the full help of one.  Any\n"
			"unambiguous prefix of a command name works, and so do the\n"
			"short aliases (s, c, b, d, i, q, ...).  Enter repeats the last\n"
			"command, except kill, run and quit.",
		.complete = complete_commands,
		.run = cmd_help,
	},
	{
		.name = "quit", .aliases = ALIASES("q", "exit"), .repeat = REPEAT_NONE,
		.usage = "quit",
		.brief = "Kill the variants and leave mvdb",
		.help = "Kills every variant and leaves mvdb (Ctrl-D does the same).\n"
			"With the program still running, asks first when someone can\n"
			"answer (not in --batch, nor with commands from a pipe).",
		.run = cmd_quit,
	},
};

const int ncommands = sizeof(commands) / sizeof(commands[0]);

static void cmd_quit(struct debugger *d, const struct cmdargs *a,
		     struct result *r)
{
	(void)a;
	/* As gdb: a live program is not killed without asking, where
	 * someone can answer (the front end has no confirm otherwise). */
	if (d->s && !d->s->ended && !d->killed && d->hooks.confirm &&
	    !d->hooks.confirm(d->hooks.ctx,
			      "A program is being debugged.  Kill it and quit? ")) {
		result_text(r, "Not confirmed.");
		return;
	}
	d->quit = true;
}

static void help_one(const struct command *c, struct result *r)
{
	char *text = xstrdup(c->help), *line, *save = NULL;

	result_text(r, "Usage: %s", c->usage);
	result_text(r, "%s.", c->brief);
	if (c->aliases) {
		char buf[128] = "";

		for (int i = 0; c->aliases[i]; i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				 "%s%s", i ? ", " : "", c->aliases[i]);
		result_text(r, "Aliases: %s", buf);
	}
	result_text(r, "%s", "");
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		result_text(r, "%s", line);
	free(text);
}

static void cmd_help(struct debugger *d, const struct cmdargs *a,
		     struct result *r)
{
	(void)d;
	if (a->argc == 1) {
		const struct command *c = cmd_lookup(a->argv[0], r);

		if (c)
			help_one(c, r);
		return;
	}
	result_text(r, "Commands (any unambiguous prefix works; \"help COMMAND\" for more):");
	for (int i = 0; i < ncommands; i++) {
		struct item *it;

		it = result_add(r, IT_ROW, RESULT_ALL);
		it->text = xasprintf("%s\t%s", commands[i].name,
				     commands[i].brief);
	}
}

char *cmd_join(int argc, char **argv)
{
	size_t len = 1;
	char *text;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = XNEWVEC(char, len);
	text[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	return text;
}

bool cmd_eval_in(struct debugger *d, int v, const char *text,
		 unsigned long *addr, struct result *r)
{
	struct expr_variant ev = { .d = d, .v = v };
	struct expr_env env;
	struct error err = { 0 };
	struct value val;
	int set = dbg_focus(d);

	expr_variant_env(&ev, &env);
	if (expr_value(text, &env, &val, &err) == 0) {
		*addr = val.bits;
		return true;
	}
	if (strncmp(err.msg, "variant ", 8) == 0 ||
	    strncmp(err.msg, "set ", 4) == 0)
		result_error(r, "%s", err.msg);
	else if (set > 0)
		result_error(r, "set %d variant %d: %s", set, v, err.msg);
	else
		result_error(r, "variant %d: %s", v, err.msg);
	return false;
}
