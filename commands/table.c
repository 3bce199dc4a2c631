/* The command table: every command once, with its names, argument
 * rules, help, completion and handler.  Dispatch (dispatch.c), `help`
 * and completion (complete.c) all read it. */
#include "debugger.h"

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
		.name = "step", .aliases = ALIASES("s"), .maxargs = 1,
		.usage = "step [N]",
		.brief = "Advance all variants N system calls (default 1)",
		.help = "Runs the call at hand where the file policy says and meets\n"
			"every variant at its next system call, N times.  Shows each\n"
			"finished call with its result, then the call at hand: one\n"
			"line when every variant makes the same call, one line per\n"
			"variant when they differ (the differing argument is named).\n"
			"Stops early at a divergence, the end, or Ctrl-C.",
		.run = cmd_step,
	},
	{
		.name = "continue", .aliases = ALIASES("c", "cont"), .maxargs = 1,
		.usage = "continue [N]",
		.brief = "Run until a breakpoint, a divergence or the end",
		.help = "Steps until a breakpoint matches the call at hand, the variants\n"
			"diverge (breakpoint 1, `break divergence`, unless disabled),\n"
			"they fault with a signal, the program ends, or Ctrl-C.  With N,\n"
			"the next N breakpoint hits are counted but do not stop.",
		.run = cmd_continue,
	},
	{
		.name = "break", .aliases = ALIASES("b", "br"), .minargs = 1,
		.maxargs = 2,
		.usage = "break divergence | syscall NAME|NR|%CLASS[,...] | fd N | path GLOB",
		.brief = "Stop where a call matches",
		.help = "break divergence        stop when the variants disagree (breakpoint 1,\n"
			"                        on from the start)\n"
			"break syscall SET       stop at calls in SET, named as strace's\n"
			"                        -e trace= does: open,read  %file  %desc  59\n"
			"break fd N              stop at any call with N as an fd argument\n"
			"break path GLOB         stop at any call whose path argument matches\n"
			"                        GLOB (fnmatch: *, ?, [...]; quote spaces)\n"
			"Breakpoints are numbered; see `info breakpoints`, `delete`,\n"
			"`disable`, `enable`, `tbreak`.",
		.complete = complete_break,
		.run = cmd_break,
	},
	{
		.name = "tbreak", .aliases = ALIASES("tb"), .minargs = 1,
		.maxargs = 2,
		.usage = "tbreak syscall SET | fd N | path GLOB | divergence",
		.brief = "A breakpoint that is deleted when it fires",
		.help = "As `break`, but the breakpoint stops once and is deleted.",
		.complete = complete_break,
		.run = cmd_tbreak,
	},
	{
		.name = "delete", .aliases = ALIASES("d"), .maxargs = -1,
		.usage = "delete [N...]",
		.brief = "Delete breakpoints (all without N)",
		.help = "Deletes the breakpoints numbered N, or every breakpoint\n"
			"(including `break divergence`) when no number is given.",
		.complete = complete_breaknums,
		.run = cmd_delete,
	},
	{
		.name = "disable", .maxargs = -1,
		.usage = "disable [N...]",
		.brief = "Disable breakpoints (all without N)",
		.help = "A disabled breakpoint stays listed but does not stop.\n"
			"`disable 1` lets `continue` run through divergences: the\n"
			"variants still stop there, since a diverging call cannot run.",
		.complete = complete_breaknums,
		.run = cmd_disable,
	},
	{
		.name = "enable", .maxargs = -1,
		.usage = "enable [N...]",
		.brief = "Enable breakpoints (all without N)",
		.help = "Enables the breakpoints numbered N, or all of them.",
		.complete = complete_breaknums,
		.run = cmd_enable,
	},
	{
		.name = "info", .aliases = ALIASES("i", "inf"), .minargs = 1,
		.maxargs = 3,
		.usage = "info variants|fds [K]|syscall|registers [K] [REG]|maps [K]|breakpoints|ignores",
		.brief = "Describe the variants, their calls, fds, registers, maps",
		.help = "info variants           the variant sets (one per process or thread\n"
			"                        of the program) as a tree, and the pid, state,\n"
			"                        exit status and binary of each variant\n"
			"info syscall            the call at hand in full: every argument of\n"
			"                        every variant, decoded and raw\n"
			"info fds [K]            fd tables, local and platform (all variants\n"
			"                        or variant K)\n"
			"info registers [K] [REG]  registers side by side (or of variant K)\n"
			"info maps [K]           memory maps\n"
			"info breakpoints        breakpoints and their hit counts\n"
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
			"after the last dump.\n"
			"ADDR is an expression evaluated in each variant separately\n"
			"(their addresses differ by design): numbers (10, 0x1f, 017),\n"
			"$arg0..$arg5 (the call at hand's arguments, from 0: in\n"
			"openat(AT_FDCWD, path, ...) the path is $arg1), $ret (the last\n"
			"finished call's result), registers ($sp, $pc, $fp, $rax, $rdi,\n"
			"$r8...), + - * and parentheses.  Bytes that differ between the\n"
			"variants are marked.  `in K` shows variant K only.",
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
		.name = "ignore", .minargs = 1, .maxargs = 4,
		.usage = "ignore syscall NAME[,NAME...] [arg N[,M...]] | ignore delete [I...]",
		.brief = "Let known benign differences pass",
		.help = "ignore syscall NAME arg N   argument N (counted from 1, as the\n"
			"                            divergence report counts) of NAME may\n"
			"                            differ between variants\n"
			"ignore syscall NAME         any argument of NAME may differ\n"
			"ignore delete [I...]        remove rules (all without I)\n"
			"An ignored difference is reported with the step but does not\n"
			"stop.  Rules are listed by `info ignores` and kept across `run`.",
		.complete = complete_ignore,
		.run = cmd_ignore,
	},
	{
		.name = "set", .minargs = 2, .maxargs = 2,
		.usage = "set strsize N | set history N | set focus SET|auto",
		.brief = "Change a display setting",
		.help = "set strsize N    bytes of strings and buffers shown in calls\n"
			"set history N    steps `history` shows by default\n"
			"set focus SET    the variant set (see `info variants`) that\n"
			"                 info, x, diff and the screen's columns show\n"
			"set focus auto   the current set: the last stop's (the default)",
		.complete = complete_settings,
		.run = cmd_set,
	},
	{
		.name = "show", .maxargs = 1,
		.usage = "show [strsize|history|focus]",
		.brief = "Show display settings",
		.help = "Shows one setting, or all of them.",
		.complete = complete_show,
		.run = cmd_show,
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
		.help = "Kills every variant and leaves mvdb (Ctrl-D does the same).",
		.run = cmd_quit,
	},
};

const int ncommands = sizeof(commands) / sizeof(commands[0]);

static void cmd_quit(struct debugger *d, const struct cmdargs *a,
		     struct result *r)
{
	(void)a;
	(void)r;
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
