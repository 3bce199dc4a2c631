/* Values: print, display and breakpoint conditions, on real tracees
 * under real ptrace and through the real ./mvdb in batch and line mode
 * (the evaluator alone is check_expr.c's). */
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

/* The one value item of the result, shown for every variant. */
static const char *one_value(const char *label)
{
	const struct item *it = dbgtest_find(IT_VALUE, label);

	ck_assert_msg(it && dbgtest_count(IT_VALUE) == 1 &&
			      it->variant == RESULT_ALL && !it->marked,
		      "not one value for every variant (%d items, first %s)",
		      dbgtest_count(IT_VALUE), T.r.n ? T.r.items[0].text : "none");
	return it->value;
}

START_TEST(print_without_a_program)
{
	struct error err = { 0 };

	dbgtest_setup(NULL, NULL, false);
	dbgtest_exec("print 1 + 2 * 3");
	ck_assert_str_eq(one_value("$1"), "7");
	dbgtest_exec("p/x $1 << 4");
	ck_assert_str_eq(one_value("$2"), "0x70");
	dbgtest_exec("p/t 10");
	ck_assert_str_eq(one_value("$3"), "1010");
	dbgtest_exec("p/o 8");
	ck_assert_str_eq(one_value("$4"), "010");
	dbgtest_exec("p/c 65");
	ck_assert_str_eq(one_value("$5"), "65 'A'");
	dbgtest_exec("p/x -1");
	ck_assert_str_eq(one_value("$6"), "0xffffffff");
	dbgtest_exec("p/u (char)-1");
	ck_assert_str_eq(one_value("$7"), "255");
	dbgtest_exec("p/d 0xffffffffu");
	ck_assert_str_eq(one_value("$8"), "-1");
	dbgtest_exec("p 'a'");
	ck_assert_str_eq(one_value("$9"), "97 'a'");
	dbgtest_exec("p (char)10");
	ck_assert_str_eq(one_value("$10"), "10 '\\n'");
	dbgtest_exec("p -5 / 2 * 2");
	ck_assert_str_eq(one_value("$11"), "-4");
	dbgtest_exec("p (void *)16");
	ck_assert_str_eq(one_value("$12"), "(void *) 0x10");
	dbgtest_exec("p/x 0");
	ck_assert_str_eq(one_value("$13"), "0x0");
	dbgtest_exec("p (int **)0");
	ck_assert_str_eq(one_value("$14"), "(int **) 0x0");
	dbgtest_exec("p (char *)0");
	ck_assert_str_eq(one_value("$15"), "0x0");
	dbgtest_exec("p 10 / 0");
	ck_assert_int_eq(dbgtest_count(IT_ERROR), 1);
	ck_assert_item(IT_ERROR, "division by zero");
	dbgtest_exec("p $arg0");
	ck_assert_item(IT_ERROR, "$arg0: the program is not being run");
	dbgtest_exec("p/q 1");
	ck_assert_item(IT_ERROR, "Bad format \"/q\"");
	dbgtest_exec("p $16");
	ck_assert_item(IT_ERROR, "History has not yet reached $16.");
	ck_assert_int_eq(expr_check(T.d, "$15", &err), 0);
	ck_assert_int_eq(expr_check(T.d, "$16", &err), -1);
	dbgtest_exec("display $arg0");
	ck_assert_int_eq(T.r.n, 0);	/* nothing runs: nothing shown */
	dbgtest_exec("info display");
	ck_assert_item(IT_ROW, "1:\t$arg0");
	dbgtest_teardown();
}
END_TEST

/* Continues to the write to stdout of tracee values. */
static void to_the_first_write(void)
{
	dbgtest_exec("tbreak syscall write");
	dbgtest_exec("continue");
	ck_assert_item(IT_CALL, "write(1, \"out\\n\", 4)");
}

START_TEST(print_one_line_when_the_variants_agree)
{
	const struct item *a, *b;
	unsigned long sp0, sp1;

	dbgtest_setup("values", NULL, true);
	to_the_first_write();
	dbgtest_exec("p $arg0 + 1");
	ck_assert_str_eq(one_value("$1"), "2");
	dbgtest_exec("p/x $arg2 * 64");
	ck_assert_str_eq(one_value("$2"), "0x100");
	dbgtest_exec("p $1 + $2");
	ck_assert_str_eq(one_value("$3"), "258");
	dbgtest_exec("p/s $arg1");
	ck_assert_str_eq(one_value("$4"), "\"out\\n\"");
	dbgtest_exec("p *(char *)$arg1");
	ck_assert_str_eq(one_value("$5"), "111 'o'");
	/* The stack differs under ASLR: one value per variant, marked. */
	dbgtest_exec("p $sp");
	ck_assert_int_eq(dbgtest_count(IT_VALUE), 2);
	a = &T.r.items[0];
	b = &T.r.items[1];
	ck_assert_int_eq(a->variant, 0);
	ck_assert_int_eq(b->variant, 1);
	ck_assert(a->marked && b->marked);
	ck_assert_str_eq(a->text, "$6");
	ck_assert_int_eq(sscanf(a->value, "(void *) %lx", &sp0), 1);
	ck_assert_int_eq(sscanf(b->value, "(void *) %lx", &sp1), 1);
	ck_assert_uint_ne(sp0, sp1);
	/* The history keeps each variant's value. */
	dbgtest_exec("p $6 - $sp");
	ck_assert_str_eq(one_value("$7"), "0");
	dbgtest_exec("p/x $6");
	ck_assert_uint_eq(strtoul(T.r.items[0].value, NULL, 16), sp0);
	dbgtest_exec("p *(int *)0x10");
	ck_assert_int_eq(dbgtest_count(IT_ERROR), 2);
	ck_assert_item(IT_ERROR, "variant 0: cannot access memory at 0x10");
	ck_assert_item(IT_ERROR, "variant 1: cannot access memory at 0x10");
	dbgtest_exec("p $arg5");
	ck_assert_item(IT_ERROR, "$arg5: write takes 3 arguments");
	dbgtest_teardown();
}
END_TEST

START_TEST(print_reads_variant_memory)
{
	dbgtest_setup("values", NULL, true);
	dbgtest_exec("break syscall getcwd");
	dbgtest_exec("continue");
	ck_assert_item(IT_CALL, "getcwd(0x");
	dbgtest_exec("p *(int *)$arg0");
	ck_assert_str_eq(one_value("$1"), "305419896");
	dbgtest_exec("p/x *(int *)$arg0");
	ck_assert_str_eq(one_value("$2"), "0x12345678");
	dbgtest_exec("p *(unsigned char *)$arg0 == 0x78 && *(short *)($arg0 + 2) == 0x1234");
	ck_assert_str_eq(one_value("$3"), "1");
	dbgtest_exec("p $arg0");
	ck_assert_int_eq(dbgtest_count(IT_VALUE), 2);
	/* The path of the failing open, then its error. */
	dbgtest_exec("break path /nonexistent/*");
	dbgtest_exec("continue");
	dbgtest_exec("p/s $arg1");
	ck_assert_str_eq(one_value("$5"), "\"/nonexistent/mvdb-values\"");
	dbgtest_exec("p (char *)$arg1");
	ck_assert_int_eq(dbgtest_count(IT_VALUE), 2);	/* PIE: addresses differ */
	ck_assert_ptr_nonnull(strstr(T.r.items[0].value, " \"/nonexistent/mvdb-values\""));
	dbgtest_exec("step");
	ck_assert_item(IT_CALL, "= -1 ENOENT");
	dbgtest_exec("p $errno");
	ck_assert_str_eq(one_value("$7"), "ENOENT (2)");
	dbgtest_exec("p $errno == 2");
	ck_assert_str_eq(one_value("$8"), "1");
	dbgtest_exec("p/d $errno");
	ck_assert_str_eq(one_value("$9"), "2");
	dbgtest_exec("p $ret");
	ck_assert_str_eq(one_value("$10"), "-2");
	dbgtest_exec("step");	/* getppid: it does not fail */
	dbgtest_exec("p $errno");
	ck_assert_item(IT_ERROR, "$errno: variant 0's last call (getppid, step ");
	ck_assert_item(IT_ERROR, "did not fail: it returned ");
	dbgtest_exec("p $_siginfo.si_signo");
	ck_assert_item(IT_ERROR, "variant 0 is not stopped by a signal");
	dbgtest_teardown();
}
END_TEST

START_TEST(displays_come_back_at_every_stop)
{
	const struct item *it;

	dbgtest_setup("values", NULL, true);
	to_the_first_write();
	dbgtest_exec("display $arg0");
	ck_assert_str_eq(one_value("1: $arg0"), "1");
	dbgtest_exec("display/x $arg2");
	ck_assert_str_eq(one_value("2: /x $arg2"), "0x4");
	dbgtest_exec("display $sp");
	ck_assert_int_eq(dbgtest_count(IT_VALUE), 2);
	dbgtest_exec("step");	/* on to the write to stderr */
	ck_assert_item(IT_CALL, "write(2, \"err\\n\", 4)");
	it = dbgtest_find(IT_VALUE, "1: $arg0");
	ck_assert_ptr_nonnull(it);
	ck_assert_str_eq(it->value, "2");
	ck_assert_str_eq(dbgtest_find(IT_VALUE, "2: /x $arg2")->value, "0x4");
	ck_assert_int_eq(dbgtest_count(IT_VALUE), 2 + 2);
	/* Displays follow the call at hand's items. */
	ck_assert_int_eq(T.r.items[T.r.n - 1].kind, IT_VALUE);
	dbgtest_exec("info display");
	ck_assert_item(IT_TEXT, "Auto-display expressions now in effect:");
	ck_assert_item(IT_ROW, "2:\t/x $arg2");
	dbgtest_exec("undisplay 1 3");
	dbgtest_exec("info display");
	ck_assert_ptr_null(dbgtest_find(IT_ROW, "1:\t"));
	ck_assert_item(IT_ROW, "2:\t/x $arg2");
	dbgtest_exec("undisplay 7");
	ck_assert_item(IT_ERROR, "No display number 7.");
	dbgtest_exec("display");
	ck_assert_str_eq(one_value("2: /x $arg2"), "0x4");
	dbgtest_exec("undisplay");
	dbgtest_exec("step");
	ck_assert_int_eq(dbgtest_count(IT_VALUE), 0);
	dbgtest_exec("info display");
	ck_assert_item(IT_TEXT, "There are no auto-display expressions now.");
	dbgtest_exec("display $nosuch");
	ck_assert_item(IT_ERROR, "$nosuch: no such register or name");
	dbgtest_teardown();
}
END_TEST

START_TEST(conditions_stop_where_they_hold)
{
	dbgtest_setup("values", NULL, true);
	dbgtest_exec("break syscall write if $arg0 == 2");
	ck_assert_item(IT_TEXT, "Breakpoint 2: syscall write if $arg0 == 2.");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 2, syscall write, at step ");
	ck_assert_item(IT_STOP, "(condition true in every variant).");
	ck_assert_item(IT_CALL, "write(2, \"err\\n\", 4)");
	dbgtest_exec("info breakpoints");
	ck_assert_item(IT_ROW, "2\tsyscall\tkeep\ty\t1\twrite if $arg0 == 2");
	/* Rejected at once: a misspelt name, a bad expression. */
	dbgtest_exec("break syscall write if $arg9 == 1");
	ck_assert_item(IT_ERROR, "Bad condition: $arg9");
	dbgtest_exec("break fd 1 if $frob");
	ck_assert_item(IT_ERROR, "Bad condition: $frob: no such register");
	dbgtest_exec("tbreak path /x if (1");
	ck_assert_item(IT_ERROR, "')' expected");
	dbgtest_exec("break syscall write if");
	ck_assert_item(IT_ERROR, "\"if\" needs a condition");
	dbgtest_exec("break syscall write when 1");
	ck_assert_item(IT_ERROR, "and a condition may follow what a breakpoint watches");
	dbgtest_exec("break divergence if 1");
	ck_assert_item(IT_ERROR, "\"break divergence\" takes nothing more.");
	dbgtest_exec("info breakpoints");
	ck_assert_int_eq(dbgtest_count(IT_ROW), 3);
	/* condition N: set, kept when the new one is bad, cleared. */
	dbgtest_exec("condition 2 $arg0 == 1");
	dbgtest_exec("condition 2 $arg0 ==");
	ck_assert_item(IT_ERROR, "Bad condition");
	dbgtest_exec("info breakpoints");
	ck_assert_item(IT_ROW, "write if $arg0 == 1");
	dbgtest_exec("condition 2");
	ck_assert_item(IT_TEXT, "Breakpoint 2 now unconditional.");
	dbgtest_exec("info breakpoints");
	ck_assert_item(IT_ROW, "\t1\twrite");
	ck_assert_ptr_null(dbgtest_find(IT_ROW, " if "));
	dbgtest_exec("condition 1 1");
	ck_assert_item(IT_ERROR, "takes no condition");
	dbgtest_exec("condition 9 1");
	ck_assert_item(IT_ERROR, "No breakpoint number 9.");
	dbgtest_teardown();
}
END_TEST

START_TEST(a_condition_true_in_one_variant_names_it)
{
	char cond[128];
	unsigned long sp1;

	dbgtest_setup("values", NULL, true);
	dbgtest_exec("tbreak syscall getppid");
	dbgtest_exec("continue");
	dbgtest_exec("p/x $sp");
	ck_assert_int_eq(dbgtest_count(IT_VALUE), 2);
	ck_assert_int_eq(T.r.items[1].variant, 1);
	sp1 = strtoul(T.r.items[1].value, NULL, 16);
	/* The second getppid is made from the same frame. */
	snprintf(cond, sizeof(cond), "break syscall getppid if $sp == %#lx", sp1);
	dbgtest_exec(cond);
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 3, syscall getppid, at step ");
	ck_assert_item(IT_STOP, "(condition true in variant 1).");
	dbgtest_exec("info breakpoints");
	ck_assert_item(IT_ROW, "\t1\tgetppid if $sp == 0x");
	/* tbreak and fd take conditions too: not stdout's write, stderr's. */
	dbgtest_exec("tbreak fd 2 if $arg2 == 4 && *(char *)$arg1 == 'e'");
	ck_assert_item(IT_TEXT, "Temporary breakpoint 4: fd 2 if $arg2 == 4");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Temporary breakpoint 4, fd 2, at step ");
	ck_assert_item(IT_STOP, "(condition true in every variant).");
	ck_assert_item(IT_CALL, "write(2, \"err\\n\", 4)");
	dbgtest_exec("info breakpoints");
	ck_assert_ptr_null(dbgtest_find(IT_ROW, "4\tfd"));
	dbgtest_teardown();
}
END_TEST

START_TEST(a_condition_that_cannot_be_evaluated_stops)
{
	dbgtest_setup("values", NULL, true);
	dbgtest_exec("break syscall getppid if *(int *)16 == 1");
	dbgtest_exec("continue");
	ck_assert_item(IT_ERROR, "Error in testing the condition of breakpoint 2: variant 0: cannot access memory at 0x10");
	ck_assert_item(IT_STOP, "Breakpoint 2, syscall getppid, at step ");
	ck_assert_ptr_null(dbgtest_find(IT_STOP, "condition true"));
	/* continue N stops at such an error too. */
	dbgtest_exec("continue 5");
	ck_assert_item(IT_ERROR, "Error in testing the condition of breakpoint 2");
	ck_assert_item(IT_CALL, "getppid()");
	dbgtest_teardown();
}
END_TEST

START_TEST(siginfo_at_a_signal_stop)
{
	dbgtest_setup("sig_fault", NULL, true);
	dbgtest_exec("display $_siginfo.si_signo");
	ck_assert_int_eq(dbgtest_count(IT_ERROR), 2);	/* not at a signal yet */
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Every variant faulted with SIGSEGV");
	ck_assert_str_eq(one_value("1: $_siginfo.si_signo"), "11");
	dbgtest_exec("p $_siginfo.si_addr");
	ck_assert_str_eq(one_value("$1"), "(void *) 0x10");
	dbgtest_exec("p $_siginfo.si_code == 1 && $_siginfo.si_errno == 0");	/* SEGV_MAPERR */
	ck_assert_str_eq(one_value("$2"), "1");
	dbgtest_exec("p $arg0");
	ck_assert_item(IT_ERROR, "$arg0: variant 0 is not at a system call");
	dbgtest_exec("p $_siginfo");
	ck_assert_item(IT_ERROR, "name a field");
	dbgtest_teardown();
}
END_TEST

/* Completion of line at its end: the matches (NULL-terminated). */
static char **complete(const char *line)
{
	int end = (int)strlen(line), start = end;

	while (start > 0 && line[start - 1] != ' ')
		start--;
	return dbg_complete(T.d, line, start, end);
}

static bool has_match(char **m, const char *word)
{
	for (int i = 0; m && m[i]; i++)
		if (strcmp(m[i], word) == 0)
			return true;
	return false;
}

static void free_matches(char **m)
{
	for (int i = 0; m && m[i]; i++)
		free(m[i]);
	free(m);
}

START_TEST(expressions_complete)
{
	char **m;

	dbgtest_setup(NULL, NULL, false);
	m = complete("p $er");
	ck_assert_str_eq(m[0], "$errno");
	free_matches(m);
	m = complete("print/x $arg0+$ar");
	ck_assert(has_match(m, "$arg0+$arg1") && has_match(m, "$arg0+$arg5"));
	free_matches(m);
	m = complete("display $_siginfo.si_s");
	ck_assert(has_match(m, "$_siginfo.si_signo") &&
		  has_match(m, "$_siginfo.si_status"));
	free_matches(m);
	m = complete("p *(uns");
	ck_assert_str_eq(m[0], "*(unsigned");
	free_matches(m);
	m = complete("p *(unsigned lo");
	ck_assert_str_eq(m[0], "long");
	free_matches(m);
	m = complete("p *(uint3");
	ck_assert_str_eq(m[0], "*(uint32_t");
	free_matches(m);
	m = complete("break syscall write i");
	ck_assert_str_eq(m[0], "if");
	free_matches(m);
	m = complete("break syscall write if $r");
	ck_assert(has_match(m, "$ret") && has_match(m, "$rsp"));
	free_matches(m);
	m = complete("condition ");
	ck_assert_str_eq(m[0], "1");
	free_matches(m);
	m = complete("condition 1 $pc");
	ck_assert_str_eq(m[0], "$pc");
	free_matches(m);
	dbgtest_exec("display $arg0");
	dbgtest_exec("display $arg1");
	m = complete("undisplay ");
	ck_assert(has_match(m, "1") && has_match(m, "2"));
	free_matches(m);
	m = complete("info disp");
	ck_assert_str_eq(m[0], "display");
	free_matches(m);
	m = complete("und");
	ck_assert_str_eq(m[0], "undisplay");
	free_matches(m);
	ck_assert_ptr_null(complete("p 12"));
	dbgtest_teardown();
}
END_TEST

/* The first line of text holding needle, in a static buffer ("" when
 * there is none). */
static const char *line_with(const char *text, const char *needle)
{
	static char buf[1024];
	const char *p = strstr(text, needle), *start;

	buf[0] = '\0';
	if (!p)
		return buf;
	for (start = p; start > text && start[-1] != '\n'; start--)
		;
	snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(start, "\n"), start);
	return buf;
}

START_TEST(batch_prints_and_displays)
{
	struct run r;
	const char *l;

	run_mvdb(&r, "--batch", "-e", "break syscall write", "-e", "continue",
		 "-e", "p $arg0 + 1", "-e", "p/x $arg2 << 6", "-e", "p $sp",
		 "-e", "display $arg0", "-e", "step", "-e", "undisplay",
		 "-e", "step", "--", tracee("values"), NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_str_eq(r.err, "err\n");
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) p $arg0 + 1\n$1 = 2\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) p/x $arg2 << 6\n$2 = 0x100\n"));
	/* Under ASLR the stacks differ: a line per variant, marked. */
	l = line_with(r.out, "[0] $3 = (void *) 0x");
	ck_assert_ptr_nonnull(strstr(l, "   <- differs"));
	l = line_with(r.out, "[1] $3 = (void *) 0x");
	ck_assert_ptr_nonnull(strstr(l, "   <- differs"));
	/* display shows at once, and again after the step. */
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) display $arg0\n1: $arg0 = 1\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "write(2, \"err\\n\", 4)\n1: $arg0 = 2\n(mvdb) undisplay\n"));
	ck_assert_int_eq(count_of(r.out, "1: $arg0 = "), 2);
	run_free(&r);
}
END_TEST

START_TEST(batch_condition_in_one_variant)
{
	struct run r;
	char *exe = xasprintf("--exe=1:%s", tracee("alt_alt"));

	/* Variant 1 runs the ALT build, whose int at $arg0 is 2. */
	run_mvdb(&r, "--batch", exe, "-e",
		 "break syscall getcwd if *(int *)$arg0 == 2", "-e", "continue",
		 "-e", "p *(int *)$arg0", "-e", "info breakpoints", "--",
		 tracee("alt"), "known", NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "Breakpoint 2: syscall getcwd if *(int *)$arg0 == 2.\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "(condition true in variant 1).\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "[0] $1 = 1   <- differs\n[1] $1 = 2   <- differs\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "getcwd if *(int *)$arg0 == 2\n"));
	run_free(&r);
	/* Nowhere true: it never stops, and the run ends. */
	run_mvdb(&r, "--batch", exe, "-e",
		 "break syscall getcwd if *(int *)$arg0 == 3", "-e", "continue",
		 "--", tracee("alt"), "known", NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_ptr_null(strstr(r.out, "Breakpoint 2, "));
	ck_assert_ptr_nonnull(strstr(r.out, "The program exited with status 0"));
	run_free(&r);
	free(exe);
}
END_TEST

START_TEST(line_mode_condition_errno_and_strings)
{
	struct run r;

	run_argv(&r, NULL,
		 "break syscall write if $arg0 == 2\n"
		 "break path /nonexistent/*\n"
		 "continue\n"
		 "p/s $arg1\n"
		 "print (char *)$arg1 == 0\n"
		 "step\n"
		 "p $errno\n"
		 "continue\n"
		 "p $arg0\n"
		 "p 1 / ($arg0 - 2)\n",
		 120, (char *const[]){ (char *)mvdb_path(), "--", (char *)tracee("values"), NULL });
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) p/s $arg1\n$1 = \"/nonexistent/mvdb-values\"\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) print (char *)$arg1 == 0\n$2 = 0\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) p $errno\n$3 = ENOENT (2)\n"));
	/* Only the write to stderr stopped: stdout's was let through. */
	ck_assert_int_eq(count_of(r.out, "Breakpoint 1, "), 0);
	ck_assert_int_eq(count_of(r.out, ", syscall write, at step "), 1);
	ck_assert_ptr_nonnull(strstr(r.out, "(condition true in every variant).\n[step "));
	ck_assert_ptr_nonnull(strstr(r.out, "] write(2, \"err\\n\", 4)\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) p $arg0\n$4 = 2\n"));
	ck_assert_ptr_nonnull(strstr(r.err, "division by zero in \"1 / ($arg0 - 2)\" at column 3\n"));
	run_free(&r);
}
END_TEST

Suite *values_suite(void)
{
	Suite *s = suite_create("values");
	TCase *units = tcase_create("without a program");
	TCase *live = tcase_create("on tracees");
	TCase *e2e = tcase_create("end to end");

	tcase_add_test(units, print_without_a_program);
	tcase_add_test(units, expressions_complete);
	suite_add_tcase(s, units);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, print_one_line_when_the_variants_agree);
	tcase_add_test(live, print_reads_variant_memory);
	tcase_add_test(live, displays_come_back_at_every_stop);
	tcase_add_test(live, conditions_stop_where_they_hold);
	tcase_add_test(live, a_condition_true_in_one_variant_names_it);
	tcase_add_test(live, a_condition_that_cannot_be_evaluated_stops);
	tcase_add_test(live, siginfo_at_a_signal_stop);
	suite_add_tcase(s, live);
	tcase_set_timeout(e2e, 120);
	tcase_add_test(e2e, batch_prints_and_displays);
	tcase_add_test(e2e, batch_condition_in_one_variant);
	tcase_add_test(e2e, line_mode_condition_errno_and_strings);
	suite_add_tcase(s, e2e);
	return s;
}
