/* Variant sets in the command language: info variants as a tree, stops
 * and steps naming their set, set focus steering inspection; on real
 * tracees that fork, under real ptrace, and through the real ./mvdb. */
#include "dbgtest.h"
#include "debugger.h"
#include "run.h"
#include "suites.h"

#include <fcntl.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A debugger over alt forkcrash (the parent forks, the child exits 0). */
static void setup(void)
{
	dbgtest_setup("alt", "forkcrash", true);
}

/* Calls of set (or any set with -1) in the result. */
static int calls_of(int set)
{
	int n = 0;

	for (size_t i = 0; i < T.r.n; i++)
		n += T.r.items[i].kind == IT_CALL &&
		     (set < 0 || T.r.items[i].set == set);
	return n;
}

/* Stops at the child's exit_group, in set 1. */
static void to_the_child(void)
{
	dbgtest_exec("break syscall exit_group");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 2, syscall exit_group");
	ck_assert_item(IT_TEXT, "Now in set 1 (child 0 of set 0).");
	ck_assert_int_eq(dbgtest_find(IT_CALL, "exit_group(0)")->set, 1);
	ck_assert_int_eq(dbg_last_stop(T.d)->set, 1);
}

START_TEST(info_variants_is_a_tree_of_sets)
{
	const struct item *it;
	size_t parent, child;

	setup();
	/* One set: today's table, nothing more. */
	dbgtest_exec("info variants");
	ck_assert_item(IT_ROW, "Variant\tPid\tState");
	ck_assert_ptr_null(dbgtest_find(IT_TEXT, "set 0"));
	to_the_child();
	dbgtest_exec("info variants");
	it = dbgtest_find(IT_TEXT, "set 0 (the program): process, running");
	ck_assert_ptr_nonnull(it);
	parent = (size_t)(it - T.r.items);
	it = dbgtest_find(IT_TEXT, "  set 1 (child 0 of set 0): process, stopped at step");
	ck_assert_ptr_nonnull(it);
	ck_assert_ptr_nonnull(strstr(it->text, "<- current"));
	child = (size_t)(it - T.r.items);
	ck_assert_uint_gt(child, parent);
	/* Each set's variants, indented under it, with their own pids. */
	ck_assert_int_eq(T.r.items[parent + 1].kind, IT_ROW);
	ck_assert_ptr_nonnull(strstr(T.r.items[parent + 1].text, "  Variant\t"));
	ck_assert_ptr_nonnull(strstr(T.r.items[child + 1].text, "    Variant\t"));
	ck_assert_ptr_nonnull(strstr(T.r.items[child + 2].text, "\tat a call\t"));
	ck_assert_ptr_nonnull(strstr(T.r.items[child + 3].text, "    1\t"));
	ck_assert_item(IT_TEXT, "the programs see variant 0's");
	dbgtest_teardown();
}
END_TEST

START_TEST(steps_name_their_sets)
{
	setup();
	dbgtest_exec("step");
	ck_assert_int_eq(T.r.items[0].set, -1);	/* one set: no labels */
	to_the_child();
	/* The child ends, the parent's wait returns: both sets' steps. */
	dbgtest_exec("step 4");
	ck_assert_int_ge(calls_of(1), 1);
	ck_assert_int_ge(calls_of(0), 1);
	ck_assert_int_eq(calls_of(-1), calls_of(0) + calls_of(1));
	ck_assert_item(IT_TEXT, "Now in set 0 (the program).");
	dbgtest_exec("history 3");
	ck_assert_int_eq(calls_of(-1), 3);
	ck_assert_int_eq(calls_of(-1), calls_of(0) + calls_of(1));
	/* The child ended and was reaped: its set is forgotten, and the
	 * commands say so. */
	dbgtest_exec("info variants");
	ck_assert_item(IT_TEXT, "1 set ended and is forgotten.");
	ck_assert_ptr_null(dbgtest_find(IT_TEXT, "set 1 (child 0"));
	dbgtest_exec("set focus 1");
	ck_assert_item(IT_ERROR, "No set 1: it ended and is forgotten");
	dbgtest_exec("delete 2");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "exited with status 0");
	dbgtest_teardown();
}
END_TEST

START_TEST(focus_steers_inspection)
{
	const struct item *it;
	char want[64];
	pid_t child0, parent0;

	setup();
	parent0 = dbg_session(T.d)->sets[0]->v[0].pid;
	to_the_child();
	child0 = dbg_session(T.d)->sets[1]->v[0].pid;
	dbgtest_exec("show focus");
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "focus")->value,
			 "auto (now set 1, the current set)");
	/* Auto: the current set, the child. */
	dbgtest_exec("info fds 0");
	snprintf(want, sizeof(want), "set 1 variant 0 (pid %d)", (int)child0);
	ck_assert_item(IT_TEXT, want);
	dbgtest_exec("set focus 0");
	ck_assert_item(IT_TEXT, "Focus on set 0 (the program)");
	dbgtest_exec("show focus");
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "focus")->value, "set 0");
	dbgtest_exec("info fds 0");
	snprintf(want, sizeof(want), "variant 0 (pid %d): ", (int)parent0);
	ck_assert_item(IT_TEXT, want);
	ck_assert_ptr_null(dbgtest_find(IT_TEXT, "set 1 variant"));
	/* Set 0 waits in wait4, running: no call at hand to show, no
	 * registers, but its memory and maps can be read. */
	dbgtest_exec("info syscall");
	ck_assert_item(IT_TEXT, "In set 0 (the program), running: no call at hand");
	dbgtest_exec("info registers 0 rip");
	/* its variant 0 may have reached its wait4 before variant 1 did:
	 * stopped there, its registers can be read */
	if (dbg_session(T.d)->sets[0]->v[0].state == VS_RUNNING)
		ck_assert_item(IT_ERROR, "variant 0 is running, not stopped");
	else
		ck_assert_item(IT_ROW, "rip");
	dbgtest_exec("x/s $arg1");
	ck_assert_item(IT_ERROR, "$arg1: variant 0 is not at a system call");
	dbgtest_exec("info maps 1");
	ck_assert_item(IT_TEXT, "[stack]");
	dbgtest_exec("set focus 1");
	ck_assert_item(IT_TEXT, "Focus on set 1 (child 0 of set 0)");
	dbgtest_exec("info fds");
	ck_assert_item(IT_TEXT, "set 1 variant 1 (pid");
	ck_assert_item(IT_ROW, "1\tplatform fd\t");
	dbgtest_exec("info syscall");
	ck_assert_item(IT_TEXT, "in set 1 (child 0 of set 0); the call runs");
	dbgtest_exec("x/8xb $sp");
	it = dbgtest_find(IT_HEX, NULL);
	ck_assert_ptr_nonnull(it);
	ck_assert_uint_eq(it->len, 8);
	dbgtest_exec("set focus 9");
	ck_assert_item(IT_ERROR, "No set 9: the sets so far are 0 to 1 (see \"info variants\").");
	dbgtest_exec("set focus two");
	ck_assert_item(IT_ERROR, "takes a set number or \"auto\", not \"two\"");
	dbgtest_exec("show focus");
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "focus")->value, "set 1");
	dbgtest_exec("set focus auto");
	dbgtest_exec("show focus");
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "focus")->value,
			 "auto (now set 1, the current set)");
	dbgtest_teardown();
}
END_TEST

START_TEST(focus_completes_set_ids)
{
	char **m;
	bool a = false, zero = false, one = false;

	setup();
	to_the_child();
	m = dbg_complete(T.d, "set focus ", 10, 10);
	ck_assert_ptr_nonnull(m);
	for (int i = 0; m[i]; i++) {
		a |= strcmp(m[i], "auto") == 0;
		zero |= strcmp(m[i], "0") == 0;
		one |= strcmp(m[i], "1") == 0;
		free(m[i]);
	}
	free(m);
	ck_assert(a && zero && one);
	m = dbg_complete(T.d, "set fo", 4, 6);
	ck_assert_str_eq(m[0], "focus");
	ck_assert_ptr_null(m[1]);
	free(m[0]);
	free(m);
	ck_assert_ptr_null(dbg_complete(T.d, "show focus ", 11, 11));
	dbgtest_teardown();
}
END_TEST

START_TEST(line_mode_names_the_set)
{
	struct run r;

	run_mvdb(&r, "--batch", "-e", "tbreak syscall exit_group", "-e",
		 "continue", "-e", "info variants", "-e", "set focus 1", "-e",
		 "show focus", "-e", "info fds 1", "-e", "set focus 9", "-e",
		 "continue", "--", "sh", "-c", "/bin/true; exit 5", NULL);
	ck_assert_msg(r.status == 5, "status %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "\nNow in set 1 (child 0 of set 0).\n"));
	ck_assert_ptr_nonnull(strstr(r.out, " set 1] exit_group(0)\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nset 0 (the program): process, "));
	ck_assert_ptr_nonnull(strstr(r.out, "\n  set 1 (child 0 of set 0): process, stopped at step "));
	ck_assert_ptr_nonnull(strstr(r.out, "\nfocus: set 1\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "\nset 1 variant 1 (pid "));
	ck_assert_ptr_nonnull(strstr(r.err, "No set 9: the sets so far are 0 to 1"));
	ck_assert_ptr_nonnull(strstr(r.out, "The program exited with status 5"));
	run_free(&r);
}
END_TEST

Suite *sets_suite(void)
{
	Suite *s = suite_create("sets");
	TCase *tc = tcase_create("on tracees");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, info_variants_is_a_tree_of_sets);
	tcase_add_test(tc, steps_name_their_sets);
	tcase_add_test(tc, focus_steers_inspection);
	tcase_add_test(tc, focus_completes_set_ids);
	tcase_add_test(tc, line_mode_names_the_set);
	suite_add_tcase(s, tc);
	return s;
}
