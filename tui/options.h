/* The command line of mvdb. */
#ifndef MVDB_OPTIONS_H
#define MVDB_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "session.h"

/* Exit statuses of mvdb itself (the program's own status otherwise). */
enum {
	EXIT_USAGE = 2,		/* a bad command line */
	EXIT_DIVERGED = 86,	/* the variants diverged */
	EXIT_MONITOR = 125,	/* mvdb itself failed */
	EXIT_NOEXEC = 126,	/* the program cannot be executed */
	EXIT_NOTFOUND = 127,	/* the program was not found */
};

#define MAX_COMMANDS 64

/* Everything the command line says. */
struct options {
	struct config cfg;		/* what to run */
	bool batch;			/* no interaction */
	bool line;			/* line mode even on a terminal */
	bool trace;			/* print every step */
	bool no_results;		/* --no-results: results only where
					   mvdb needs them */
	char *trace_filter;		/* --trace=FILTER, or NULL: all */
	const char *trace_file;		/* --trace-file=FILE, or NULL */
	FILE *trace_out;		/* where the trace goes: stderr or
					   that file (opened; main closes it) */
	char *report;			/* --report=FILE, or NULL */
	const char *commands[MAX_COMMANDS]; /* -x FILE / -e CMD, in order */
	bool command_is_file[MAX_COMMANDS]; /* -x rather than -e */
	int ncommands;			/* how many */
	const char *demo;		/* --demo NAME, or NULL */
	char *demo_dir;			/* where its files are; owned */
	char *demo_script;		/* its script, commands[0]; owned */
	char *scratch;			/* its scratch directory, or NULL;
					   owned */
	const char *const *scratch_files; /* files the demo makes there */
	char **demo_argv;		/* the program and its arguments;
					   owned, each string too */
	char *demo_exe;			/* variant 1's binary, or NULL; owned */
};

/* Parses argv into o.  Returns 0, or the exit status to leave with
 * (0 after --help/--version, EXIT_USAGE after a message on stderr). */
int options_parse(int argc, char **argv, struct options *o, bool *done);

#endif
