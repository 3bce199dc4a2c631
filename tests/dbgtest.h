/* A debugger under test: one session over a tracee, driven through the
 * command layer (dbg_execute), and the last result it gave.  For the
 * suites that check commands on real tracees without the front ends. */
#ifndef MVDB_TEST_DBGTEST_H
#define MVDB_TEST_DBGTEST_H

#include <stdbool.h>

#include "debugger.h"

/* The debugger and what it last said. */
struct dbgtest {
	struct debugger *d;	/* the debugger; owned */
	struct result r;	/* the last command's result */
	char *argv[3];		/* the program and its argument; owned */
	int null_fd;		/* /dev/null: the program's stdio */
};

extern struct dbgtest T;

/* A debugger over tracee prog (NULL: a program that does not exist)
 * with one argument (or none); started when start. */
void dbgtest_setup(const char *prog, const char *arg, bool start);
void dbgtest_teardown(void);
/* Executes one command line into T.r. */
void dbgtest_exec(const char *line);
/* The first item of kind whose text holds needle (NULL: any), or NULL. */
const struct item *dbgtest_find(enum itemkind kind, const char *needle);
/* Items of kind in T.r. */
int dbgtest_count(enum itemkind kind);

#define ck_assert_item(kind, needle)                                       \
	ck_assert_msg(dbgtest_find(kind, needle),                           \
		      "no item %d with \"%s\" after: %s", kind, needle,     \
		      T.r.n ? T.r.items[0].text : "(empty)")

#endif
