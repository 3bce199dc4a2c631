/* The command layer: dispatch, prefixes, the expression evaluator,
 * completion, and each command's result records on real tracees under
 * real ptrace. */
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

/* A debugger under test and the last result it gave. */
struct fixture {
	struct debugger *d;	/* the debugger */
	struct result r;	/* the last result */
	char *argv[4];		/* the program's words */
	int null;		/* /dev/null: the program's output */
};

static struct fixture F;

/* A debugger over the tracee name with up to two arguments; started
 * when start is true (F.r holds the start's result). */
static void setup(const char *name, const char *a1, const char *a2, bool start)
{
	struct config cfg = { .nvariants = 2, .cpu = -1 };

	memset(&F, 0, sizeof(F));
	F.argv[0] = xstrdup(name ? tracee(name) : "/nonexistent/program");
	F.argv[1] = a1 ? xstrdup(a1) : NULL;
	F.argv[2] = a1 && a2 ? xstrdup(a2) : NULL;
	F.null = open("/dev/null", O_RDWR);
	cfg.argv = F.argv;
	cfg.stdio[0] = F.null;
	cfg.stdio[1] = F.null;
	cfg.stdio[2] = F.null;
	F.d = dbg_new(&cfg, NULL);
	result_init(&F.r);
	if (start)
		ck_assert_int_eq(dbg_start(F.d, &F.r), 0);
}

static void teardown(void)
{
	result_free(&F.r);
	dbg_free(F.d);
	for (int i = 0; i < 3; i++)
		free(F.argv[i]);
	close(F.null);
}

/* Runs line; F.r holds its result. */
static const struct result *exec(const char *line)
{
	result_free(&F.r);
	dbg_execute(F.d, line, &F.r);
	return &F.r;
}

/* The first item of kind whose text holds needle (NULL: any), or NULL. */
static const struct item *find(enum itemkind kind, const char *needle)
{
	for (size_t i = 0; i < F.r.n; i++)
		if (F.r.items[i].kind == kind &&
		    (!needle || (F.r.items[i].text &&
				 strstr(F.r.items[i].text, needle))))
			return &F.r.items[i];
	return NULL;
}

static int count_kind(enum itemkind kind)
{
	int n = 0;

	for (size_t i = 0; i < F.r.n; i++)
		n += F.r.items[i].kind == kind;
	return n;
}

#define ck_assert_item(kind, needle)                                       \
	ck_assert_msg(find(kind, needle), "no item %d with \"%s\" after: %s", \
		      kind, needle, F.r.n ? F.r.items[0].text : "(empty)")

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
	setup(NULL, NULL, NULL, false);
	exec("step");
	ck_assert_item(IT_ERROR, "The program is not being run.");
	exec("frob 1 2");
	ck_assert_item(IT_ERROR, "Undefined command: \"frob\"");
	exec("x/8q 0");
	ck_assert_item(IT_ERROR, "Bad format letter 'q'");
	exec("x/8xwg 0");
	ck_assert_item(IT_ERROR, "Two unit letters");
	exec("step two");
	ck_assert_item(IT_ERROR, "\"step\" takes a count, not \"two\"");
	exec("step 1 2");
	ck_assert_item(IT_ERROR, "takes at most 1 argument");
	exec("break");
	ck_assert_item(IT_ERROR, "needs an argument");
	exec("kill now");
	ck_assert_item(IT_ERROR, "takes no arguments");
	exec("step/x");
	ck_assert_item(IT_ERROR, "takes no /FMT");
	exec("   # a comment");
	ck_assert_uint_eq(F.r.n, 0);
	exec("help");
	ck_assert_int_eq(count_kind(IT_ROW), ncommands);
	ck_assert_item(IT_ROW, "diff\t");
	exec("help x");
	ck_assert_item(IT_TEXT, "Usage: x/NFU ADDR [in K]");
	ck_assert_item(IT_TEXT, "$arg1");
	/* Enter repeats help x; after kill it repeats nothing. */
	exec("");
	ck_assert_item(IT_TEXT, "Usage: x/NFU ADDR [in K]");
	exec("kill");
	exec("");
	ck_assert_uint_eq(F.r.n, 0);
	exec("set strsize 80");
	exec("show");
	ck_assert_int_eq(count_kind(IT_FIELD), 4);
	ck_assert_str_eq(find(IT_FIELD, "strsize")->value, "80");
	ck_assert_str_eq(find(IT_FIELD, "results")->value, "on");
	ck_assert_str_eq(find(IT_FIELD, "focus")->value, "auto");
	exec("set results off");
	exec("show results");
	ck_assert_str_eq(find(IT_FIELD, "results")->value, "off");
	exec("set results maybe");
	ck_assert_item(IT_ERROR, "\"set results\" takes on or off");
	exec("set results on");
	exec("set focus 1");
	ck_assert_item(IT_ERROR, "not being run: there are no sets");
	exec("set focus auto");
	ck_assert_item(IT_TEXT, "Focus follows the current set");
	exec("set frob 1");
	ck_assert_item(IT_ERROR, "No setting \"frob\"");
	exec("run");
	ck_assert_item(IT_ERROR, "/nonexistent/program");
	ck_assert_int_eq(dbg_exit_status(F.d), 127);
	exec("quit");
	ck_assert(dbg_quit_requested(F.d));
	teardown();
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
	setup(NULL, NULL, NULL, false);
	exec("run > out.txt");
	ck_assert_item(IT_ERROR, "\"run\" redirects only the program's input (< FILE), not \">\"");
	exec("run <");
	ck_assert_item(IT_ERROR, "no file after \"<\"");
	exec("run < /dev/null <other");
	ck_assert_item(IT_ERROR, "takes one input");
	exec("run a < /nonexistent/input");
	ck_assert_item(IT_ERROR, "Cannot read /nonexistent/input: No such file or directory.");
	exec("run </");
	ck_assert_item(IT_ERROR, "Cannot read /: Is a directory.");
	exec("tty /nonexistent/tty");
	ck_assert_item(IT_ERROR, "Cannot open /nonexistent/tty as the program's terminal: No such file or directory.");
	exec("tty");
	ck_assert_item(IT_TEXT, "The program has no terminal of its own");
	exec(line);
	ck_assert_item(IT_TEXT, "is not a terminal: the program reads and writes it");
	exec("tty /dev/null");
	ck_assert_item(IT_TEXT, "The program's terminal is /dev/null from the next run");
	ck_assert_ptr_null(find(IT_TEXT, "not a terminal"));
	exec("tty");
	ck_assert_item(IT_TEXT, "The program's terminal is /dev/null from the next \"run\".");
	exec("tty none");
	ck_assert_item(IT_TEXT, "input and output are mvdb's from the next \"run\"");
	exec("tty");
	ck_assert_item(IT_TEXT, "no terminal of its own");
	exec("help run");
	ck_assert_item(IT_TEXT, "Usage: run [ARG...] [< FILE]");
	exec("help tty");
	ck_assert_item(IT_TEXT, "Usage: tty [DEV|none]");
	teardown();
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
	setup("hello", "3", NULL, true);
	exec("run 5");
	ck_assert_item(IT_STOP, "Started 2 variants");
	exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 5");
	exec("run");
	exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 5");
	exec("run 7 < /dev/null");
	ck_assert_item(IT_TEXT, "The program reads /dev/null as its standard input.");
	exec("step");
	ck_assert_uint_eq(F.r.items[F.r.n - 1].step, 2);
	exec("run 9 < /nonexistent/input");
	ck_assert_item(IT_ERROR, "Cannot read /nonexistent/input");
	/* the program that ran goes on */
	exec("step");
	ck_assert_uint_eq(F.r.items[F.r.n - 1].step, 3);
	exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 7");
	exec("run < /dev/null");
	exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 0");
	teardown();
}
END_TEST

/* Completion of line at its end: the matches (NULL-terminated). */
static char **complete(const char *line)
{
	int end = (int)strlen(line), start = end;

	while (start > 0 && line[start - 1] != ' ')
		start--;
	return dbg_complete(F.d, line, start, end);
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

	setup(NULL, NULL, NULL, false);
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
	ck_assert(dbg_complete_wants_path(F.d, "break path /et", 11));
	ck_assert(!dbg_complete_wants_path(F.d, "break syscall op", 14));
	ck_assert(dbg_complete_wants_path(F.d, "run -v < /et", 9));
	ck_assert(dbg_complete_wants_path(F.d, "tty /dev/pt", 4));
	teardown();
}
END_TEST

START_TEST(start_and_step_records)
{
	const struct item *it;

	setup("hello", "3", NULL, true);
	ck_assert_item(IT_STOP, "Started 2 variants of");
	it = find(IT_CALL, NULL);
	ck_assert_uint_eq(it->step, 1);
	exec("step");
	ck_assert_uint_eq(F.r.items[0].step, 1);
	ck_assert_ptr_nonnull(strstr(F.r.items[0].text, " = "));
	it = &F.r.items[F.r.n - 1];
	ck_assert_int_eq(it->kind, IT_CALL);
	ck_assert_uint_eq(it->step, 2);
	ck_assert_ptr_null(strstr(it->text, " = "));
	exec("step 3");
	ck_assert_uint_eq(F.r.items[F.r.n - 1].step, 5);
	exec("");	/* Enter: step 3 again */
	ck_assert_uint_eq(F.r.items[F.r.n - 1].step, 8);
	exec("history 4");
	/* steps 4 to 7; one whose results differ (an address under ASLR)
	 * is one line per variant */
	ck_assert_int_ge(count_kind(IT_CALL), 4);
	ck_assert_uint_eq(F.r.items[0].step, 4);
	ck_assert_uint_eq(F.r.items[F.r.n - 1].step, 7);
	exec("continue");
	ck_assert_item(IT_STOP, "The program exited with status 3");
	ck_assert_int_eq(dbg_exit_status(F.d), 3);
	exec("step");
	ck_assert_item(IT_ERROR, "The program is not being run: it exited with status 3.  Use \"run\"");
	exec("info fds");
	ck_assert_item(IT_ERROR, "not being run");
	exec("run");
	ck_assert_item(IT_STOP, "Started 2 variants");
	exec("kill");
	ck_assert_item(IT_STOP, "Killed 2 variants");
	exec("continue");
	ck_assert_item(IT_ERROR, "killed");
	teardown();
}
END_TEST

START_TEST(breakpoints_stop_where_they_should)
{
	char *dir = temp_dir();

	setup("cmd_calls", dir, NULL, true);
	exec("break syscall getppid");
	ck_assert_item(IT_TEXT, "Breakpoint 2: syscall getppid.");
	exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 2, syscall getppid");
	ck_assert_item(IT_CALL, "getppid()");
	exec("disable 2");
	exec("tbreak path */cmd_calls");
	ck_assert_item(IT_TEXT, "Temporary breakpoint 3: path */cmd_calls.");
	exec("continue");
	ck_assert_item(IT_STOP, "Temporary breakpoint 3");
	ck_assert_item(IT_CALL, "openat(AT_FDCWD, \"");
	ck_assert_item(IT_CALL, ", O_RDONLY)");
	exec("info breakpoints");
	ck_assert_item(IT_ROW, "2\tsyscall\tkeep\tn\t1\tgetppid");
	ck_assert_ptr_null(find(IT_ROW, "3\tpath"));
	exec("break fd 256");
	exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 4, fd 256");
	ck_assert_item(IT_CALL, "write(256<platform:");
	exec("delete 4");
	exec("delete 4");
	ck_assert_item(IT_ERROR, "No breakpoint number 4.");
	exec("break syscall %network");
	exec("continue");
	ck_assert_item(IT_STOP, "Breakpoint 5, syscall %network");
	ck_assert_item(IT_CALL, "socket(AF_UNIX, SOCK_DGRAM, 0)");
	exec("break syscall getcwd");
	exec("continue");
	ck_assert_item(IT_CALL, "getcwd(");
	/* diff: the stack address at bytes 16..23 differs (ASLR), the
	 * 'A's around it do not. */
	exec("diff $arg0 64");
	{
		const struct item *row = find(IT_ROW, "+0x1");
		unsigned off, len;

		ck_assert_ptr_nonnull(row);
		ck_assert_int_eq(sscanf(row->text, "+%x\t%u", &off, &len), 2);
		ck_assert_uint_ge(off, 16);
		ck_assert_uint_le(off + len, 24);
		ck_assert_item(IT_TEXT, "of 64 bytes differ, in 1 range.");
	}
	exec("diff $arg0 16");
	ck_assert_item(IT_TEXT, "The 16 bytes are the same in every variant.");
	exec("continue");
	ck_assert_item(IT_STOP, "exited with status 0");
	teardown();
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(continue_n_and_tbreak_once)
{
	char *dir = temp_dir();

	setup("cmd_calls", dir, NULL, true);
	exec("tbreak syscall getppid");
	exec("continue");
	ck_assert_item(IT_STOP, "Temporary breakpoint 2");
	exec("break syscall getppid,socket");
	/* gdb's continue 2: the stop at hand counts as the first hit, so
	 * the second getppid passes and socket stops. */
	exec("continue 2");
	ck_assert_item(IT_CALL, "socket(");
	exec("info breakpoints");
	ck_assert_item(IT_ROW, "3\tsyscall\tkeep\ty\t2\tgetppid,socket");
	ck_assert_ptr_null(find(IT_ROW, "2\tsyscall"));
	exec("delete");
	exec("info breakpoints");
	ck_assert_item(IT_TEXT, "No breakpoints.");
	teardown();
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(x_dumps_every_variant)
{
	const struct item *a, *b;
	unsigned long next, addr0;

	setup("hello", NULL, NULL, true);
	exec("x/16xb $sp");
	ck_assert_int_eq(count_kind(IT_HEX), 2);
	a = &F.r.items[0];
	b = &F.r.items[1];
	ck_assert_int_eq(a->variant, 0);
	ck_assert_int_eq(b->variant, 1);
	ck_assert_uint_eq(a->len, 16);
	ck_assert_int_eq(a->unit, 1);
	ck_assert_int_eq(a->fmt, 'x');
	ck_assert_uint_ne(a->addr, b->addr);	/* ASLR */
	for (size_t k = 0; k < 16; k++)
		ck_assert_int_eq(a->differs[k], a->bytes[k] != b->bytes[k]);
	addr0 = a->addr;
	exec("x/8xg");	/* goes on after the 16 bytes */
	ck_assert_uint_eq(F.r.items[0].addr, addr0 + 16);
	ck_assert_uint_eq(F.r.items[0].len, 64);
	ck_assert_int_eq(F.r.items[0].unit, 8);
	exec("x/4xg $sp");
	ck_assert_int_eq(F.r.items[0].unit, 8);
	ck_assert_uint_eq(F.r.items[0].len, 32);
	next = F.r.items[0].addr + 32;
	exec("x/2");	/* sticky: x and g */
	ck_assert_int_eq(F.r.items[0].fmt, 'x');
	ck_assert_int_eq(F.r.items[0].unit, 8);
	ck_assert_uint_eq(F.r.items[0].addr, next);
	ck_assert_uint_eq(F.r.items[0].len, 16);
	exec("");	/* Enter goes on too */
	ck_assert_uint_eq(F.r.items[0].addr, next + 16);
	exec("x/3dw $sp + 8 in 1");
	ck_assert_int_eq(count_kind(IT_HEX), 1);
	ck_assert_int_eq(F.r.items[0].variant, 1);
	ck_assert_int_eq(F.r.items[0].fmt, 'd');
	exec("x/s 0x10");
	ck_assert_item(IT_ERROR, "variant 0: cannot access memory at 0x10: ");
	ck_assert_item(IT_ERROR, "variant 1: cannot access memory at 0x10: ");
	exec("x/x $sp +");
	ck_assert_item(IT_ERROR, "bad expression \"$sp +\"");
	exec("x/x $nosuch");
	ck_assert_item(IT_ERROR, "$nosuch: no such register");
	exec("x/x $ret");
	ck_assert_item(IT_ERROR, "$ret: variant 0 has no finished call");
	exec("x/x $sp in 5");
	ck_assert_item(IT_ERROR, "no such variant");
	teardown();
}
END_TEST

START_TEST(the_scripted_openat)
{
	const struct item *a, *b;

	setup("hello", NULL, NULL, true);
	exec("break syscall openat");
	exec("continue");
	ck_assert_item(IT_CALL, "openat(AT_FDCWD, \"/etc/ld.so.cache\"");
	exec("info syscall");
	ck_assert_item(IT_TEXT, "variant 0 (pid");
	ck_assert_item(IT_TEXT, "variant 1 (pid");
	ck_assert_item(IT_ROW, "$arg1\tpath\t0x");
	ck_assert_item(IT_ROW, "\"/etc/ld.so.cache\"");
	ck_assert_item(IT_ROW, "$arg2\tflags\t0x80000\tO_RDONLY|O_CLOEXEC");
	exec("x/s $arg1");
	ck_assert_int_eq(count_kind(IT_HEX), 2);
	a = &F.r.items[0];
	b = &F.r.items[1];
	ck_assert_int_eq(a->fmt, 's');
	ck_assert_str_eq((const char *)a->bytes, "/etc/ld.so.cache");
	ck_assert_str_eq((const char *)b->bytes, "/etc/ld.so.cache");
	/* openat takes four arguments: $arg4 is not one of them */
	exec("x/s $arg4");
	ck_assert_item(IT_ERROR, "$arg4: openat takes 4 arguments ($arg0 to $arg3)");
	exec("info fds");
	ck_assert_item(IT_ROW, "Fd\tWhose\tSlot\tMonitor's fd\t");
	ck_assert_item(IT_ROW, "1\tplatform fd\tbelow 256\t");
	exec("info fds 1");
	ck_assert_item(IT_TEXT, "variant 1 (pid");
	ck_assert_ptr_null(find(IT_TEXT, "variant 0 (pid"));
	exec("info variants");
	ck_assert_int_eq(count_kind(IT_ROW), 3);
	ck_assert_item(IT_ROW, "at a call");
	exec("info registers rip");
	ck_assert_int_eq(count_kind(IT_ROW), 2);
	ck_assert_item(IT_ROW, "rip\t0x");
	exec("info registers 1 $rsp");
	ck_assert_item(IT_ROW, "Register\tvariant 1");
	exec("info maps 0");
	ck_assert_item(IT_TEXT, "[stack]");
	exec("info frob");
	ck_assert_item(IT_ERROR, "Undefined info command: \"frob\"");
	teardown();
}
END_TEST

START_TEST(divergence_keeps_the_variants)
{
	setup("stackaddr", NULL, NULL, true);
	exec("continue");
	ck_assert_item(IT_STOP, "The variants diverged at step");
	ck_assert_item(IT_TEXT, "variant 0 (pid");
	ck_assert_item(IT_TEXT, "last steps:");
	ck_assert_int_eq(dbg_exit_status(F.d), 86);
	exec("info syscall");
	ck_assert_int_eq(F.r.failed, false);
	ck_assert_item(IT_ROW, "$arg1\tin buffer");
	exec("x/s $arg1");
	ck_assert_int_eq(count_kind(IT_HEX), 2);
	ck_assert(F.r.items[0].differs[5] || F.r.items[0].differs[6] ||
		  F.r.items[0].differs[7]);
	exec("step");
	ck_assert_item(IT_ERROR, "diverged at step");
	ck_assert_item(IT_ERROR, "Use \"kill\" or \"run\"");
	exec("continue");
	ck_assert_item(IT_ERROR, "diverged");
	exec("kill");
	ck_assert_item(IT_STOP, "Killed");
	ck_assert_int_eq(dbg_exit_status(F.d), 86);
	teardown();
}
END_TEST

START_TEST(ignore_rules_let_a_difference_pass)
{
	setup("stackaddr", NULL, NULL, true);
	/* arguments named as $argN names them, as the report does */
	exec("ignore syscall write arg 1");
	ck_assert_item(IT_TEXT, "Ignoring differences in those arguments of 1 call.");
	exec("info ignores");
	ck_assert_item(IT_ROW, "1\twrite\t$arg1");
	exec("continue");
	ck_assert_item(IT_TEXT, "(ignored)");
	ck_assert_item(IT_STOP, "exited with status 0");
	/* Kept across run; deleted on request. */
	exec("run");
	exec("ignore delete 1");
	exec("continue");
	ck_assert_item(IT_STOP, "diverged");
	exec("ignore syscall frob");
	ck_assert_item(IT_ERROR, "frob");
	exec("ignore syscall write arg 6");
	ck_assert_item(IT_ERROR, "arguments $arg0 to $arg5");
	teardown();
}
END_TEST

/* An ignore rule made at a divergence that covers what differs there
 * lets that very call run; one that does not, or one deleted before the
 * next step, leaves it diverged. */
START_TEST(ignore_at_a_divergence_lets_the_call_run)
{
	setup("stackaddr", NULL, NULL, true);
	exec("continue");
	ck_assert_item(IT_STOP, "The variants diverged at step");
	exec("ignore syscall read");
	ck_assert_item(IT_TEXT, "still stands: argument $arg1 differs");
	exec("continue");
	ck_assert_item(IT_ERROR, "diverged");
	exec("ignore syscall write arg 1");
	ck_assert_item(IT_TEXT, "no longer diverges: argument $arg1 differs");
	ck_assert_item(IT_TEXT, "with variant 0's value");
	exec("ignore delete 2");
	ck_assert_item(IT_TEXT, "still stands");
	exec("step");
	ck_assert_item(IT_ERROR, "diverged");
	exec("ignore syscall write arg 1");
	exec("step");
	ck_assert_int_eq(F.r.failed, false);
	ck_assert_item(IT_TEXT, "(ignored): the call runs as an ignored difference.");
	ck_assert_item(IT_CALL, "= 15");
	exec("continue");
	ck_assert_item(IT_STOP, "exited with status 0");
	ck_assert_int_eq(dbg_exit_status(F.d), 0);
	teardown();
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
	tcase_add_test(live, the_scripted_openat);
	tcase_add_test(live, divergence_keeps_the_variants);
	tcase_add_test(live, ignore_rules_let_a_difference_pass);
	tcase_add_test(live, ignore_at_a_divergence_lets_the_call_run);
	tcase_add_test(live, run_replaces_arguments_and_input);
	suite_add_tcase(s, live);
	return s;
}
