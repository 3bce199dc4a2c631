/* The command layer: dispatch, prefixes, the expression evaluator,
 * completion, and each command's result records on real tracees under
 * real ptrace. */
#include "dbgtest.h"
#include "debugger.h"
#include "run.h"
#include "suites.h"

#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A lookup for the evaluator alone: $x is 5, $bad fails. */
static int test_lookup(void *ctx, const char *name, unsigned long *val,
		       struct error *err)
{
	(void)ctx;
	if (strcmp(name, "x") == 0) {
		*val = 5;
		return 0;
	}
	return error_set(err, ERR_USAGE, "$%s: no such name", name);
}

static unsigned long eval_ok(const char *text)
{
	struct error err = { 0 };
	unsigned long v = 12345;

	ck_assert_msg(expr_eval(text, test_lookup, NULL, &v, &err) == 0,
		      "\"%s\": %s", text, err.msg);
	return v;
}

static const char *eval_err(const char *text)
{
	static struct error err;
	unsigned long v;

	memset(&err, 0, sizeof(err));
	ck_assert_msg(expr_eval(text, test_lookup, NULL, &v, &err) == -1,
		      "\"%s\" evaluated to %lu", text, v);
	return err.msg;
}

START_TEST(expressions_evaluate)
{
	char deep[300];

	ck_assert_uint_eq(eval_ok("1+2*3"), 7);
	ck_assert_uint_eq(eval_ok(" ( 1 + 2 ) * 3 "), 9);
	ck_assert_uint_eq(eval_ok("0x10 - 017"), 1);
	ck_assert_uint_eq(eval_ok("010"), 8);
	ck_assert_uint_eq(eval_ok("-1"), ULONG_MAX);
	ck_assert_uint_eq(eval_ok("2 * -3"), (unsigned long)-6);
	ck_assert_uint_eq(eval_ok("--4"), 4);
	ck_assert_uint_eq(eval_ok("$x * 2 + 1"), 11);
	ck_assert_uint_eq(eval_ok("10 - 2 - 3"), 5);
	ck_assert_uint_eq(eval_ok("0xffffffffffffffff + 2"), 1);
	ck_assert_ptr_nonnull(strstr(eval_err(""), "ends too soon"));
	ck_assert_ptr_nonnull(strstr(eval_err("1 +"), "column 4"));
	ck_assert_ptr_nonnull(strstr(eval_err("(1"), "')' expected"));
	ck_assert_ptr_nonnull(strstr(eval_err("1)"), "unexpected text"));
	ck_assert_ptr_nonnull(strstr(eval_err("08"), "not a number"));
	ck_assert_uint_eq(eval_ok("7/2"), 3);
	ck_assert_ptr_nonnull(strstr(eval_err("1/0"), "division by zero"));
	ck_assert_ptr_nonnull(strstr(eval_err("abc"), "a number, $name"));
	ck_assert_ptr_nonnull(strstr(eval_err("$"), "must follow '$'"));
	ck_assert_ptr_nonnull(strstr(eval_err("$bad + 1"), "$bad: no such name"));
	ck_assert_ptr_nonnull(strstr(eval_err("99999999999999999999999"),
				     "out of range"));
	memset(deep, '(', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	ck_assert_ptr_nonnull(strstr(eval_err(deep), "nested too deeply"));
}
END_TEST

START_TEST(names_are_checked_before_running)
{
	struct error err = { 0 };
	unsigned long v;

	ck_assert_int_eq(expr_eval("$sp + $arg1 - $ret + $r15 + $pc", expr_check_lookup,
				   NULL, &v, &err), 0);
	ck_assert_int_eq(expr_eval("$arg6", expr_check_lookup, NULL, &v, &err), -1);
	ck_assert_int_eq(expr_eval("$foo", expr_check_lookup, NULL, &v, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "no such register or name"));
}
END_TEST

START_TEST(prefixes_and_aliases)
{
	struct result r;

	result_init(&r);
	ck_assert_str_eq(cmd_lookup("s", &r)->name, "step");
	ck_assert_str_eq(cmd_lookup("c", &r)->name, "continue");
	ck_assert_str_eq(cmd_lookup("cont", &r)->name, "continue");
	ck_assert_str_eq(cmd_lookup("d", &r)->name, "delete");
	ck_assert_str_eq(cmd_lookup("i", &r)->name, "info");
	ck_assert_str_eq(cmd_lookup("q", &r)->name, "quit");
	ck_assert_str_eq(cmd_lookup("hist", &r)->name, "history");
	ck_assert_str_eq(cmd_lookup("tb", &r)->name, "tbreak");
	ck_assert_str_eq(cmd_lookup("x", &r)->name, "x");
	ck_assert_str_eq(cmd_lookup("p", &r)->name, "print");
	ck_assert_str_eq(cmd_lookup("dis", &r)->name, "disable");
	ck_assert_uint_eq(r.n, 0);
	ck_assert_ptr_null(cmd_lookup("di", &r));
	ck_assert_str_eq(r.items[0].text, "Ambiguous command \"di\": disable, diff, display.");
	ck_assert_ptr_null(cmd_lookup("frob", &r));
	ck_assert_str_eq(r.items[1].text, "Undefined command: \"frob\".  Try \"help\".");
	ck_assert(r.failed);
	result_free(&r);
}
END_TEST

START_TEST(dispatch_without_a_session)
{
	dbgtest_setup(NULL, NULL, false);
	dbgtest_exec("step");
	ck_assert_item(IT_ERROR, "The program is not being run.");
	dbgtest_exec("frob 1 2");
	ck_assert_item(IT_ERROR, "Undefined command: \"frob\"");
	dbgtest_exec("x/8q 0");
	ck_assert_item(IT_ERROR, "Bad format letter 'q'");
	dbgtest_exec("x/8xwg 0");
	ck_assert_item(IT_ERROR, "Two unit letters");
	dbgtest_exec("step two");
	ck_assert_item(IT_ERROR, "\"step\" takes a count, not \"two\"");
	dbgtest_exec("step 1 2");
	ck_assert_item(IT_ERROR, "takes at most 1 argument");
	dbgtest_exec("break");
	ck_assert_item(IT_ERROR, "needs an argument");
	dbgtest_exec("kill now");
	ck_assert_item(IT_ERROR, "takes no arguments");
	dbgtest_exec("step/x");
	ck_assert_item(IT_ERROR, "takes no /FMT");
	dbgtest_exec("   # a comment");
	ck_assert_uint_eq(T.r.n, 0);
	dbgtest_exec("help");
	ck_assert_int_eq(dbgtest_count(IT_ROW), ncommands);
	ck_assert_item(IT_ROW, "diff\t");
	dbgtest_exec("help x");
	ck_assert_item(IT_TEXT, "Usage: x/NFU ADDR [in K]");
	ck_assert_item(IT_TEXT, "$arg1");
	/* Enter repeats help x; after kill it repeats nothing. */
	dbgtest_exec("");
	ck_assert_item(IT_TEXT, "Usage: x/NFU ADDR [in K]");
	dbgtest_exec("kill");
	dbgtest_exec("");
	ck_assert_uint_eq(T.r.n, 0);
	dbgtest_exec("set strsize 80");
	dbgtest_exec("show");
	ck_assert_int_eq(dbgtest_count(IT_FIELD), 4);
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "strsize")->value, "80");
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "results")->value, "on");
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "focus")->value, "auto");
	dbgtest_exec("set results off");
	dbgtest_exec("show results");
	ck_assert_str_eq(dbgtest_find(IT_FIELD, "results")->value, "off");
	dbgtest_exec("set results maybe");
	ck_assert_item(IT_ERROR, "\"set results\" takes on or off");
	dbgtest_exec("set results on");
	dbgtest_exec("set focus 1");
	ck_assert_item(IT_ERROR, "not being run: there are no sets");
	dbgtest_exec("set focus auto");
	ck_assert_item(IT_TEXT, "Focus follows the current set");
	dbgtest_exec("set frob 1");
	ck_assert_item(IT_ERROR, "No setting \"frob\"");
	dbgtest_exec("run");
	ck_assert_item(IT_ERROR, "/nonexistent/program");
	ck_assert_int_eq(dbg_exit_status(T.d), 127);
	dbgtest_exec("quit");
	ck_assert(dbg_quit_requested(T.d));
	dbgtest_teardown();
}
END_TEST

/* run's words and tty: what is wrong with them is said before anything
 * is killed. */
START_TEST(run_words_and_tty_are_checked)
{
	char *dir = temp_dir(), *file = xasprintf("%s/not-a-tty", dir);
	char *line = xasprintf("tty %s", file);
	int fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

	ck_assert_int_ge(fd, 0);
	close(fd);
	dbgtest_setup(NULL, NULL, false);
	dbgtest_exec("run > out.txt");
	ck_assert_item(IT_ERROR, "\"run\" redirects only the program's input (< FILE), not \">\"");
	dbgtest_exec("run <");
	ck_assert_item(IT_ERROR, "no file after \"<\"");
	dbgtest_exec("run < /dev/null <other");
	ck_assert_item(IT_ERROR, "takes one input");
	dbgtest_exec("run a < /nonexistent/input");
	ck_assert_item(IT_ERROR, "Cannot read /nonexistent/input: No such file or directory.");
	dbgtest_exec("run </");
	ck_assert_item(IT_ERROR, "Cannot read /: Is a directory.");
	dbgtest_exec("tty /nonexistent/tty");
	ck_assert_item(IT_ERROR, "Cannot open /nonexistent/tty as the program's terminal: No such file or directory.");
	dbgtest_exec("tty");
	ck_assert_item(IT_TEXT, "The program has no terminal of its own");
	dbgtest_exec(line);
	ck_assert_item(IT_TEXT, "is not a terminal: the program reads and writes it");
	dbgtest_exec("tty /dev/null");
	ck_assert_item(IT_TEXT, "The program's terminal is /dev/null from the next run");
	ck_assert_ptr_null(dbgtest_find(IT_TEXT, "not a terminal"));
	dbgtest_exec("tty");
	ck_assert_item(IT_TEXT, "The program's terminal is /dev/null from the next \"run\".");
	dbgtest_exec("tty none");
	ck_assert_item(IT_TEXT, "input and output are mvdb's from the next \"run\"");
	dbgtest_exec("tty");
	ck_assert_item(IT_TEXT, "no terminal of its own");
	dbgtest_exec("help run");
	ck_assert_item(IT_TEXT, "Usage: run [ARG...] [< FILE]");
	dbgtest_exec("help tty");
	ck_assert_item(IT_TEXT, "Usage: tty [DEV|none]");
	dbgtest_teardown();
	rm_rf(dir);
	free(line);
	free(file);
	free(dir);
}
END_TEST

/* run ARGS replaces the arguments for the later runs too; run < FILE
 * with no other word leaves none (as gdb); a bad input kills nothing. */
START_TEST(run_replaces_arguments_and_input)
{
	dbgtest_setup("hello", "3", true);
	dbgtest_exec("run 5");
	ck_assert_item(IT_STOP, "Started 2 variants");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 5");
	dbgtest_exec("run");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 5");
	dbgtest_exec("run 7 < /dev/null");
	ck_assert_item(IT_TEXT, "The program reads /dev/null as its standard input.");
	dbgtest_exec("step");
	ck_assert_uint_eq(T.r.items[T.r.n - 1].step, 2);
	dbgtest_exec("run 9 < /nonexistent/input");
	ck_assert_item(IT_ERROR, "Cannot read /nonexistent/input");
	/* the program that ran goes on */
	dbgtest_exec("step");
	ck_assert_uint_eq(T.r.items[T.r.n - 1].step, 3);
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 7");
	dbgtest_exec("run < /dev/null");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 0");
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

START_TEST(completion)
{
	char **m;

	dbgtest_setup(NULL, NULL, false);
	m = complete("ste");
	ck_assert_str_eq(m[0], "step");
	ck_assert_ptr_null(m[1]);
	free_matches(m);
	m = complete("s");
	ck_assert_str_eq(m[0], "s");
	ck_assert(has_match(m, "set") && has_match(m, "show") && has_match(m, "step"));
	free_matches(m);
	m = complete("break sys");
	ck_assert_str_eq(m[0], "syscall");
	free_matches(m);
	m = complete("b syscall opena");
	ck_assert_str_eq(m[0], "openat");
	free_matches(m);
	m = complete("break syscall %fi");
	ck_assert_str_eq(m[0], "%file");
	free_matches(m);
	m = complete("tbreak syscall read,writ");
	ck_assert(has_match(m, "read,write") && has_match(m, "read,writev"));
	free_matches(m);
	m = complete("delete ");
	ck_assert_str_eq(m[0], "1");
	free_matches(m);
	m = complete("info reg");
	ck_assert_str_eq(m[0], "registers");
	free_matches(m);
	m = complete("x/4xg $rs");
	ck_assert(has_match(m, "$rsp") && has_match(m, "$rsi"));
	free_matches(m);
	ck_assert_ptr_null(complete("frob "));
	ck_assert_ptr_null(complete("break path /et"));
	ck_assert(dbg_complete_wants_path(T.d, "break path /et", 11));
	ck_assert(!dbg_complete_wants_path(T.d, "break syscall op", 14));
	ck_assert(dbg_complete_wants_path(T.d, "run -v < /et", 9));
	ck_assert(dbg_complete_wants_path(T.d, "tty /dev/pt", 4));
	dbgtest_teardown();
}
END_TEST

START_TEST(start_and_step_records)
{
	const struct item *it;

	dbgtest_setup("hello", "3", true);
	ck_assert_item(IT_STOP, "Started 2 variants of");
	it = dbgtest_find(IT_CALL, NULL);
	ck_assert_uint_eq(it->step, 1);
	dbgtest_exec("step");
	ck_assert_uint_eq(T.r.items[0].step, 1);
	ck_assert_ptr_nonnull(strstr(T.r.items[0].text, " = "));
	it = &T.r.items[T.r.n - 1];
	ck_assert_int_eq(it->kind, IT_CALL);
	ck_assert_uint_eq(it->step, 2);
	ck_assert_ptr_null(strstr(it->text, " = "));
	dbgtest_exec("step 3");
	ck_assert_uint_eq(T.r.items[T.r.n - 1].step, 5);
	dbgtest_exec("");	/* Enter: step 3 again */
	ck_assert_uint_eq(T.r.items[T.r.n - 1].step, 8);
	dbgtest_exec("history 4");
	/* steps 4 to 7; one whose results differ (an address under ASLR)
	 * is one line per variant */
	ck_assert_int_ge(dbgtest_count(IT_CALL), 4);
	ck_assert_uint_eq(T.r.items[0].step, 4);
	ck_assert_uint_eq(T.r.items[T.r.n - 1].step, 7);
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 3");
	ck_assert_int_eq(dbg_exit_status(T.d), 3);
	dbgtest_exec("step");
	ck_assert_item(IT_ERROR, "The program is not being run: it exited with status 3.  Use \"run\"");
	dbgtest_exec("info fds");
	ck_assert_item(IT_ERROR, "not being run");
	dbgtest_exec("run");
	ck_assert_item(IT_STOP, "Started 2 variants");
	dbgtest_exec("kill");
	ck_assert_item(IT_STOP, "Killed 2 variants");
	dbgtest_exec("continue");
	ck_assert_item(IT_ERROR, "killed");
	dbgtest_teardown();
}
END_TEST

START_TEST(breakpoints_stop_where_they_should)
{
	char *dir = temp_dir();

	dbgtest_setup("cmd_calls", dir, true);
	dbgtest_exec("break syscall getppid");
	ck_assert_item(IT_TEXT, "Breakpoint 2: syscall getppid.");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 2, syscall getppid");
	ck_assert_item(IT_CALL, "getppid()");
	dbgtest_exec("disable 2");
	dbgtest_exec("tbreak path */cmd_calls");
	ck_assert_item(IT_TEXT, "Temporary breakpoint 3: path */cmd_calls.");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Temporary breakpoint 3");
	ck_assert_item(IT_CALL, "openat(AT_FDCWD, \"");
	ck_assert_item(IT_CALL, ", O_RDONLY)");
	dbgtest_exec("info breakpoints");
	ck_assert_item(IT_ROW, "2\tsyscall\tkeep\tn\t1\tgetppid");
	ck_assert_ptr_null(dbgtest_find(IT_ROW, "3\tpath"));
	dbgtest_exec("break fd 256");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 4, fd 256");
	ck_assert_item(IT_CALL, "write(256<platform:");
	dbgtest_exec("delete 4");
	dbgtest_exec("delete 4");
	ck_assert_item(IT_ERROR, "No breakpoint number 4.");
	dbgtest_exec("break syscall %network");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 5, syscall %network");
	ck_assert_item(IT_CALL, "socket(AF_UNIX, SOCK_DGRAM, 0)");
	dbgtest_exec("break syscall getcwd");
	dbgtest_exec("continue");
	ck_assert_item(IT_CALL, "getcwd(");
	/* diff: the stack address at bytes 16..23 differs (ASLR), the
	 * 'A's around it do not.  One of its random bytes may be the same
	 * in both (about 1 run in 100): then two ranges. */
	dbgtest_exec("diff $arg0 64");
	{
		int ranges = 0;
		char said[64];

		for (size_t k = 0; k < T.r.n; k++) {
			unsigned off, len;

			if (T.r.items[k].kind != IT_ROW ||
			    sscanf(T.r.items[k].text, "+%x\t%u", &off,
				   &len) != 2)
				continue;
			ck_assert_uint_ge(off, 16);
			ck_assert_uint_le(off + len, 24);
			ranges++;
		}
		ck_assert_int_ge(ranges, 1);
		snprintf(said, sizeof(said), "of 64 bytes differ, in %d range%s.",
			 ranges, ranges == 1 ? "" : "s");
		ck_assert_item(IT_TEXT, said);
	}
	dbgtest_exec("diff $arg0 16");
	ck_assert_item(IT_TEXT, "The 16 bytes are the same in every variant.");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "exited with status 0");
	dbgtest_teardown();
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(continue_n_and_tbreak_once)
{
	char *dir = temp_dir();

	dbgtest_setup("cmd_calls", dir, true);
	dbgtest_exec("tbreak syscall getppid");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "Temporary breakpoint 2");
	dbgtest_exec("break syscall getppid,socket");
	/* gdb's continue 2: the stop at hand counts as the first hit, so
	 * the second getppid passes and socket stops. */
	dbgtest_exec("continue 2");
	ck_assert_item(IT_CALL, "socket(");
	dbgtest_exec("info breakpoints");
	ck_assert_item(IT_ROW, "3\tsyscall\tkeep\ty\t2\tgetppid,socket");
	ck_assert_ptr_null(dbgtest_find(IT_ROW, "2\tsyscall"));
	dbgtest_exec("delete");
	dbgtest_exec("info breakpoints");
	ck_assert_item(IT_TEXT, "No breakpoints.");
	dbgtest_teardown();
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(x_dumps_every_variant)
{
	const struct item *a, *b;
	unsigned long next, addr0;

	dbgtest_setup("hello", NULL, true);
	dbgtest_exec("x/16xb $sp");
	ck_assert_int_eq(dbgtest_count(IT_HEX), 2);
	a = &T.r.items[0];
	b = &T.r.items[1];
	ck_assert_int_eq(a->variant, 0);
	ck_assert_int_eq(b->variant, 1);
	ck_assert_uint_eq(a->len, 16);
	ck_assert_int_eq(a->unit, 1);
	ck_assert_int_eq(a->fmt, 'x');
	ck_assert_uint_ne(a->addr, b->addr);	/* ASLR */
	for (size_t k = 0; k < 16; k++)
		ck_assert_int_eq(a->differs[k], a->bytes[k] != b->bytes[k]);
	addr0 = a->addr;
	dbgtest_exec("x/8xg");	/* goes on after the 16 bytes */
	ck_assert_uint_eq(T.r.items[0].addr, addr0 + 16);
	ck_assert_uint_eq(T.r.items[0].len, 64);
	ck_assert_int_eq(T.r.items[0].unit, 8);
	dbgtest_exec("x/4xg $sp");
	ck_assert_int_eq(T.r.items[0].unit, 8);
	ck_assert_uint_eq(T.r.items[0].len, 32);
	next = T.r.items[0].addr + 32;
	dbgtest_exec("x/2");	/* sticky: x and g */
	ck_assert_int_eq(T.r.items[0].fmt, 'x');
	ck_assert_int_eq(T.r.items[0].unit, 8);
	ck_assert_uint_eq(T.r.items[0].addr, next);
	ck_assert_uint_eq(T.r.items[0].len, 16);
	dbgtest_exec("");	/* Enter goes on too */
	ck_assert_uint_eq(T.r.items[0].addr, next + 16);
	dbgtest_exec("x/3dw $sp + 8 in 1");
	ck_assert_int_eq(dbgtest_count(IT_HEX), 1);
	ck_assert_int_eq(T.r.items[0].variant, 1);
	ck_assert_int_eq(T.r.items[0].fmt, 'd');
	dbgtest_exec("x/s 0x10");
	ck_assert_item(IT_ERROR, "variant 0: cannot access memory at 0x10: ");
	ck_assert_item(IT_ERROR, "variant 1: cannot access memory at 0x10: ");
	dbgtest_exec("x/x $sp +");
	ck_assert_item(IT_ERROR, "bad expression \"$sp +\"");
	dbgtest_exec("x/x $nosuch");
	ck_assert_item(IT_ERROR, "$nosuch: no such register");
	dbgtest_exec("x/x $ret");
	ck_assert_item(IT_ERROR, "$ret: variant 0 has no finished call");
	dbgtest_exec("x/x $sp in 5");
	ck_assert_item(IT_ERROR, "no such variant");
	dbgtest_teardown();
}
END_TEST

/* x/-N, as gdb's: the N units before the address, and Enter goes on
 * back from there (before, '-' was a bad format letter). */
START_TEST(x_goes_back)
{
	unsigned long sp0;

	dbgtest_setup("hello", NULL, true);
	dbgtest_exec("x/1xg $sp");
	sp0 = T.r.items[0].addr;
	dbgtest_exec("x/-2xg $sp");
	ck_assert_int_eq(dbgtest_count(IT_HEX), 2);
	ck_assert_uint_eq(T.r.items[0].addr, sp0 - 16);
	ck_assert_uint_eq(T.r.items[0].len, 16);
	ck_assert_int_eq(T.r.items[0].unit, 8);
	dbgtest_exec("");	/* Enter: the 2 before those */
	ck_assert_uint_eq(T.r.items[0].addr, sp0 - 32);
	ck_assert_uint_eq(T.r.items[0].len, 16);
	dbgtest_exec("x/-3xb $sp + 3");
	ck_assert_uint_eq(T.r.items[0].addr, sp0);
	ck_assert_uint_eq(T.r.items[0].len, 3);
	dbgtest_exec("x/-4xb 2");
	ck_assert_item(IT_ERROR, "variant 0: x/-4xb reads 4 bytes before 0x2: there are fewer.");
	dbgtest_exec("x/-3s $sp");
	ck_assert_item(IT_ERROR, "x/-N goes back by units: not with s or i");
	dbgtest_exec("x/-xb $sp");
	ck_assert_item(IT_ERROR, "A count must follow '-' in \"/-xb\".");
	dbgtest_exec("x/-0xb $sp");
	ck_assert_item(IT_ERROR, "must be at least 1");
	dbgtest_teardown();
}
END_TEST

/* x/Ns whose strings reach memory's end: what could be read is shown,
 * and an error says where the rest could not be. */
START_TEST(x_strings_reach_the_gap)
{
	const struct item *hex;
	char want[96];

	dbgtest_setup("mem_edge", NULL, true);
	dbgtest_exec("break syscall getpid");
	dbgtest_exec("continue");
	dbgtest_exec("x/3s $rdi");
	ck_assert_int_eq(dbgtest_count(IT_HEX), 2);
	hex = dbgtest_find(IT_HEX, NULL);
	ck_assert_uint_eq(hex->len, 6);	/* "xy", then "abc" */
	snprintf(want, sizeof(want),
		 "variant 0: cannot access memory at %#lx: string 2 of 3 runs into it",
		 hex->addr + 6);
	ck_assert_item(IT_ERROR, want);
	ck_assert_item(IT_ERROR, "variant 1: cannot access memory at");
	dbgtest_exec("continue");
	dbgtest_exec("x/3s $rdi");
	hex = dbgtest_find(IT_HEX, NULL);
	ck_assert_uint_eq(hex->len, 6);	/* "xy", "ab" */
	snprintf(want, sizeof(want),
		 "variant 0: cannot access memory at %#lx: string 3 of 3 starts there",
		 hex->addr + 6);
	ck_assert_item(IT_ERROR, want);
	dbgtest_exec("x/2s $rdi");	/* all there: no error */
	ck_assert_int_eq(dbgtest_count(IT_ERROR), 0);
	dbgtest_teardown();
}
END_TEST

START_TEST(the_scripted_openat)
{
	const struct item *a, *b;

	dbgtest_setup("hello", NULL, true);
	dbgtest_exec("break syscall openat");
	dbgtest_exec("continue");
	ck_assert_item(IT_CALL, "openat(AT_FDCWD, \"/etc/ld.so.cache\"");
	dbgtest_exec("info syscall");
	ck_assert_item(IT_TEXT, "variant 0 (pid");
	ck_assert_item(IT_TEXT, "variant 1 (pid");
	ck_assert_item(IT_ROW, "$arg1\tpath\t0x");
	ck_assert_item(IT_ROW, "\"/etc/ld.so.cache\"");
	ck_assert_item(IT_ROW, "$arg2\tflags\t0x80000\tO_RDONLY|O_CLOEXEC");
	dbgtest_exec("x/s $arg1");
	ck_assert_int_eq(dbgtest_count(IT_HEX), 2);
	a = &T.r.items[0];
	b = &T.r.items[1];
	ck_assert_int_eq(a->fmt, 's');
	ck_assert_str_eq((const char *)a->bytes, "/etc/ld.so.cache");
	ck_assert_str_eq((const char *)b->bytes, "/etc/ld.so.cache");
	/* openat takes four arguments: $arg4 is not one of them */
	dbgtest_exec("x/s $arg4");
	ck_assert_item(IT_ERROR, "$arg4: openat takes 4 arguments ($arg0 to $arg3)");
	dbgtest_exec("info fds");
	ck_assert_item(IT_ROW, "Fd\tWhose\tSlot\tMonitor's fd\t");
	ck_assert_item(IT_ROW, "1\tplatform fd\tbelow 256\t");
	dbgtest_exec("info fds 1");
	ck_assert_item(IT_TEXT, "variant 1 (pid");
	ck_assert_ptr_null(dbgtest_find(IT_TEXT, "variant 0 (pid"));
	dbgtest_exec("info variants");
	ck_assert_int_eq(dbgtest_count(IT_ROW), 3);
	ck_assert_item(IT_ROW, "at a call");
	dbgtest_exec("info registers rip");
	ck_assert_int_eq(dbgtest_count(IT_ROW), 2);
	ck_assert_item(IT_ROW, "rip\t0x");
	dbgtest_exec("info registers 1 $rsp");
	ck_assert_item(IT_ROW, "Register\tvariant 1");
	dbgtest_exec("info maps 0");
	ck_assert_item(IT_TEXT, "[stack]");
	dbgtest_exec("info frob");
	ck_assert_item(IT_ERROR, "Undefined info command: \"frob\"");
	dbgtest_teardown();
}
END_TEST

START_TEST(divergence_keeps_the_variants)
{
	dbgtest_setup("stackaddr", NULL, true);
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "The variants diverged at step");
	ck_assert_item(IT_TEXT, "variant 0 (pid");
	ck_assert_item(IT_TEXT, "last steps:");
	ck_assert_int_eq(dbg_exit_status(T.d), 86);
	dbgtest_exec("info syscall");
	ck_assert_int_eq(T.r.failed, false);
	ck_assert_item(IT_ROW, "$arg1\tin buffer");
	dbgtest_exec("x/s $arg1");
	ck_assert_int_eq(dbgtest_count(IT_HEX), 2);
	ck_assert(T.r.items[0].differs[5] || T.r.items[0].differs[6] ||
		  T.r.items[0].differs[7]);
	dbgtest_exec("step");
	ck_assert_item(IT_ERROR, "diverged at step");
	ck_assert_item(IT_ERROR, "Use \"kill\" or \"run\"");
	dbgtest_exec("continue");
	ck_assert_item(IT_ERROR, "diverged");
	dbgtest_exec("kill");
	ck_assert_item(IT_STOP, "Killed");
	ck_assert_int_eq(dbg_exit_status(T.d), 86);
	dbgtest_teardown();
}
END_TEST

START_TEST(ignore_rules_let_a_difference_pass)
{
	dbgtest_setup("stackaddr", NULL, true);
	/* arguments named as $argN names them, as the report does */
	dbgtest_exec("ignore syscall write arg 1");
	ck_assert_item(IT_TEXT, "Ignoring differences in those arguments of 1 call.");
	dbgtest_exec("info ignores");
	ck_assert_item(IT_ROW, "1\twrite\t$arg1");
	dbgtest_exec("continue");
	ck_assert_item(IT_TEXT, "(ignored)");
	ck_assert_item(IT_STOP, "exited with status 0");
	/* Kept across run; deleted on request. */
	dbgtest_exec("run");
	dbgtest_exec("ignore delete 1");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "diverged");
	dbgtest_exec("ignore syscall frob");
	ck_assert_item(IT_ERROR, "frob");
	dbgtest_exec("ignore syscall write arg 6");
	ck_assert_item(IT_ERROR, "arguments $arg0 to $arg5");
	dbgtest_teardown();
}
END_TEST

/* An ignore rule made at a divergence that covers what differs there
 * lets that very call run; one that does not, or one deleted before the
 * next step, leaves it diverged. */
START_TEST(ignore_at_a_divergence_lets_the_call_run)
{
	dbgtest_setup("stackaddr", NULL, true);
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "The variants diverged at step");
	dbgtest_exec("ignore syscall read");
	ck_assert_item(IT_TEXT, "still stands: argument $arg1 differs");
	dbgtest_exec("continue");
	ck_assert_item(IT_ERROR, "diverged");
	dbgtest_exec("ignore syscall write arg 1");
	ck_assert_item(IT_TEXT, "no longer diverges: argument $arg1 differs");
	ck_assert_item(IT_TEXT, "with variant 0's value");
	dbgtest_exec("ignore delete 2");
	ck_assert_item(IT_TEXT, "still stands");
	dbgtest_exec("step");
	ck_assert_item(IT_ERROR, "diverged");
	dbgtest_exec("ignore syscall write arg 1");
	dbgtest_exec("step");
	ck_assert_int_eq(T.r.failed, false);
	ck_assert_item(IT_TEXT, "(ignored): the call runs as an ignored difference.");
	ck_assert_item(IT_CALL, "= 15");
	dbgtest_exec("continue");
	ck_assert_item(IT_STOP, "exited with status 0");
	ck_assert_int_eq(dbg_exit_status(T.d), 0);
	dbgtest_teardown();
}
END_TEST

Suite *commands_suite(void)
{
	Suite *s = suite_create("commands");
	TCase *unit = tcase_create("units");
	TCase *live = tcase_create("on tracees");

	tcase_add_test(unit, expressions_evaluate);
	tcase_add_test(unit, names_are_checked_before_running);
	tcase_add_test(unit, prefixes_and_aliases);
	tcase_add_test(unit, dispatch_without_a_session);
	tcase_add_test(unit, completion);
	tcase_add_test(unit, run_words_and_tty_are_checked);
	suite_add_tcase(s, unit);
	tcase_set_timeout(live, 60);
	tcase_add_test(live, start_and_step_records);
	tcase_add_test(live, breakpoints_stop_where_they_should);
	tcase_add_test(live, continue_n_and_tbreak_once);
	tcase_add_test(live, x_dumps_every_variant);
	tcase_add_test(live, x_goes_back);
	tcase_add_test(live, x_strings_reach_the_gap);
	tcase_add_test(live, the_scripted_openat);
	tcase_add_test(live, divergence_keeps_the_variants);
	tcase_add_test(live, ignore_rules_let_a_difference_pass);
	tcase_add_test(live, ignore_at_a_divergence_lets_the_call_run);
	tcase_add_test(live, run_replaces_arguments_and_input);
	suite_add_tcase(s, live);
	return s;
}
