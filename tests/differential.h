/* The differential runner: each case runs natively and under
 * mvdb --batch -n 2 and -n 3, each run in a fresh directory of its own,
 * and must print the same stdout and stderr, end with the same status
 * and leave the same files (contents and modes).  A case with an answer
 * of its own is not differential: there mvdb must print that answer,
 * whatever a native run says.
 *
 * Every run of a table is made up front, by an unchecked fixture,
 * several at a time and each killed after DIFF_TIMEOUT seconds: a hang
 * costs one timeout instead of stalling the suite.  The tests then only
 * compare.  A suite holds a struct difftable and calls diff_setup,
 * diff_teardown and diff_check from its own fixture and loop test
 * (Check's take no arguments). */
#ifndef MVDB_DIFFERENTIAL_H
#define MVDB_DIFFERENTIAL_H

#include "run.h"

#include <stdbool.h>
#include <stddef.h>

enum {
#ifdef __SANITIZE_ADDRESS__
	/* make asan's mvdb runs a call-heavy loop about 3x slower (the
	 * 100-pipeline case: 11 s alone at -n 3, past 20 s beside others) */
	DIFF_TIMEOUT = 60,	/* seconds before a run counts as hung */
#else
	DIFF_TIMEOUT = 20,	/* seconds before a run counts as hung */
#endif
};

/* One case.  cmd and pre are shell text: $T is the tracee directory,
 * and the run's working directory is an empty one of its own. */
struct pcase {
	const char *name;	/* what it shows, for failure messages */
	const char *cmd;	/* run natively, or after mvdb ... -- */
	const char *pre;	/* shell commands before it, outside mvdb */
	const char *files;	/* files it leaves, compared (spaced) */
	const char *want;	/* not differential: mvdb's stdout */
	bool netns;		/* runs (mvdb too) in a network namespace of
				   its own, loopback up and ICMP datagram
				   sockets allowed: it sees no one else's
				   packets */
	const char *outer;	/* a command it runs under, outside mvdb
				   ("timeout 1": mvdb is its child) */
	const char *beside;	/* shell commands started after pre, in the
				   background, outside mvdb and not its
				   child: a server's clients; $$ is the run
				   (mvdb, or the program natively), to
				   signal at the end */
};

struct prun;

/* One table of cases and its runs. */
struct difftable {
	const struct pcase *cases;	/* the cases */
	size_t n;			/* how many */
	struct prun *runs;		/* case i in mode m (0 native, 1 -n 2,
					   2 -n 3): runs[i * 3 + m]; owned
					   between setup and teardown */
	char *base;			/* holds every run's directory */
	int jobs;			/* runs going at once (0: MAX_JOBS);
					   fewer for heavy programs */
	int timeout;			/* seconds before a run counts as
					   hung, when more than DIFF_TIMEOUT */
};

/* Makes every run of t (an unchecked fixture's setup). */
void diff_setup(struct difftable *t);
/* Frees them and their directories. */
void diff_teardown(struct difftable *t);
/* Case i / 2 of t under -n 2 (even i) or -n 3 (odd i): fails the test
 * on a difference.  Loop tests run i over 0 .. 2 * t->n - 1. */
void diff_check(const struct difftable *t, int i);

/* The contents of file name left by case c's native run (n 0) or its
 * run under -n n (2, 3), or NULL; the caller frees it. */
char *diff_file(const struct difftable *t, size_t c, int n, const char *name);

/* A suite's fixture (setup, teardown) and loop test (same_as_native)
 * over its table of cases. */
#define DIFF_TABLE_TESTS(table)                                  \
	static void setup(void)                                  \
	{                                                        \
		diff_setup(&(table));                            \
	}                                                        \
	static void teardown(void)                               \
	{                                                        \
		diff_teardown(&(table));                         \
	}                                                        \
	START_TEST(same_as_native)                               \
	{                                                        \
		diff_check(&(table), _i);                        \
	}                                                        \
	END_TEST

/* A suite of that table alone, in one test case (its loop test runs
 * every case under -n 2 and -n 3). */
#define DIFF_SUITE(fn, name, table)                              \
	Suite *fn(void)                                          \
	{                                                        \
		Suite *s = suite_create(name);                   \
		TCase *diff = tcase_create("differential");      \
									 \
		tcase_add_unchecked_fixture(diff, setup, teardown); \
		tcase_set_timeout(diff, DIFF_TIMEOUT + 10);      \
		tcase_add_loop_test(diff, same_as_native, 0,     \
				    (int)(table).n * 2);         \
		suite_add_tcase(s, diff);                        \
		return s;                                        \
	}

#endif
