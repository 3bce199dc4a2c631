/* Running the real mvdb binary (and native programs) from tests. */
#ifndef MVDB_TEST_RUN_H
#define MVDB_TEST_RUN_H

#include <stdbool.h>
#include <stddef.h>

/* What a run printed and how it ended. */
struct run {
	char *out;	/* standard output, NUL-terminated; owned */
	size_t outlen;	/* its length */
	char *err;	/* standard error; owned */
	size_t errlen;	/* its length */
	int status;	/* exit status, or 128+signal */
	bool timedout;	/* killed after the time limit */
};

/* Runs argv (NULL-terminated) with stdin from input (NULL: /dev/null),
 * in directory dir (NULL: the current one), for at most timeout seconds. */
void run_argv(struct run *r, const char *dir, const char *input,
	      int timeout, char *const argv[]);
/* Runs "$MVDB" followed by the given words (NULL-terminated). */
void run_mvdb(struct run *r, const char *first, ...);
/* Runs a shell command line with sh -c. */
void run_sh(struct run *r, const char *cmd);
void run_free(struct run *r);

/* $MVDB and the tracee directory (from the Makefile's environment). */
const char *mvdb_path(void);
/* The path of tracee program name, in a static buffer. */
const char *tracee(const char *name);
/* A new temporary directory (removed by the caller with rm_rf). */
char *temp_dir(void);
void rm_rf(const char *dir);
/* Whole contents of a file, or NULL; *len gets the length. */
char *slurp(const char *path, size_t *len);
/* Number of times needle occurs in haystack. */
int count_of(const char *haystack, const char *needle);
/* Ends the tmux servers whose socket is named prefix followed by the
 * pid of a test that is gone: a test that failed before its own
 * kill-server leaves its server, and the mvdb in it, running. */
void tmux_reap(const char *prefix);

#endif
