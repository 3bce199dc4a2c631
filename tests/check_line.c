/* Line mode end to end: the real ./mvdb driven by -e, -x and pipes, and
 * interactively in tmux (completion, history, Ctrl-C). */
#include "run.h"
#include "suites.h"

#include <libiberty.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Runs mvdb with words (NULL-terminated) and input on stdin. */
static void run_input(struct run *r, const char *input, ...)
{
	const char *argv[64];
	int n = 0;
	va_list ap;

	argv[n++] = mvdb_path();
	va_start(ap, input);
	for (const char *a = va_arg(ap, const char *); a && n < 63;
	     a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	run_argv(r, NULL, input, 120, (char *const *)argv);
}

/* The line of text starting with prefix, in a static buffer ("" when
 * there is none); from the n-th such line (0 = the first). */
static const char *line_of(const char *text, const char *prefix, int n)
{
	static char buf[1024];
	const char *p = text;

	buf[0] = '\0';
	while (p && *p) {
		if (strncmp(p, prefix, strlen(prefix)) == 0 && n-- == 0) {
			size_t len = strcspn(p, "\n");

			snprintf(buf, sizeof(buf), "%.*s", (int)len, p);
			break;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return buf;
}

START_TEST(scripted_openat_session)
{
	struct run r;
	unsigned long a0, a1;

	run_mvdb(&r, "--batch", "-e", "break syscall openat", "-e", "continue",
		 "-e", "info syscall", "-e", "x/s $arg1", "-e", "info fds", "--",
		 "/bin/true", NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_str_eq(r.err, "");
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) break syscall openat\nBreakpoint 2: syscall openat.\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "] openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC)\n"));
	/* info syscall: both variants, decoded and raw. */
	ck_assert_int_eq(count_of(r.out, ": openat (257), at ip 0x"), 2);
	ck_assert_int_eq(count_of(r.out, "\"/etc/ld.so.cache\"\n"), 2 + 2);
	ck_assert_int_eq(count_of(r.out, "AT_FDCWD\n"), 2);
	/* x/s: the string from each variant's memory, at its own address. */
	ck_assert_int_eq(sscanf(line_of(r.out, "v0 0x", 0), "v0 %lx:", &a0), 1);
	ck_assert_int_eq(sscanf(line_of(r.out, "v1 0x", 0), "v1 %lx:", &a1), 1);
	ck_assert_uint_ne(a0, a1);
	ck_assert_ptr_nonnull(strstr(line_of(r.out, "v0 0x", 0), ": \"/etc/ld.so.cache\""));
	ck_assert_ptr_nonnull(strstr(line_of(r.out, "v1 0x", 0), ": \"/etc/ld.so.cache\""));
	/* info fds: both tables. */
	ck_assert_int_eq(count_of(r.out, "descriptors\nFd  Whose"), 2);
	ck_assert_int_eq(count_of(r.out, "\n1   platform fd  "), 2);
	run_free(&r);
}
END_TEST

/* info fds names the platform's sockets by kind and addresses, as
 * strace -yy does (the monitor's own getsockname and getpeername), in
 * every variant's table: net_kinds prints what each row should read,
 * relative and abstract Unix names as the program gave them. */
/* A fault in every variant, in line mode: the stop names it decoded
 * in each variant (code, address, the instruction's place), step
 * delivers it, and the history keeps it so. */
/* Found by trying the commands as a gdb user would: a breakpoint made
 * after a delete was listed in the deleted one's row; info registers
 * showed only the last register named; info fds with two numbers
 * blamed the first; info variants named the binary before an exec. */
START_TEST(commands_keep_order_names_and_binaries)
{
	struct run r;

	run_mvdb(&r, "--batch", "-e", "break syscall write", "-e",
		 "break syscall read", "-e", "delete 2", "-e",
		 "break syscall close", "-e", "info breakpoints", "-e",
		 "info registers rax rbx", "-e", "info fds 0 1", "-e",
		 "delete 3", "-e", "delete 4", "-e", "break syscall write",
		 "-e", "continue", "-e", "info variants", "--",
		 "/bin/sh", "-c",
		 "exec /bin/echo hi", NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, "\n3    syscall     keep  y    0     read\n"
				    "4    syscall     keep  y    0     close\n"),
		      "%s", r.out);
	ck_assert_ptr_nonnull(strstr(r.out, "\nrax "));
	ck_assert_ptr_nonnull(strstr(r.out, "\nrbx "));
	ck_assert_ptr_nonnull(strstr(r.err, "Takes at most one variant number, not \"0 1\"."));
	ck_assert_int_eq(count_of(r.out, "  /usr/bin/echo\n") +
			 count_of(r.out, "  /bin/echo\n"), 2);
	run_free(&r);
}
END_TEST

/* A set whose call the platform waits in has variant 0 standing in,
 * running in the kernel: its registers are those of its call, not an
 * error ("cannot read its registers: No such process").  The child is
 * usually in its read when the parent writes (plat_wait_look); a run
 * where it was not yet shows no wait, and is made again, 5 times at
 * most. */
START_TEST(a_set_waiting_in_the_platform_shows_its_registers)
{
	struct run r;
	int tries = 0;

	do {
		if (tries)
			run_free(&r);
		run_mvdb(&r, "--batch", "-e", "break syscall write if $arg0 == 1",
			 "-e", "continue", "-e", "set focus 1", "-e",
			 "info syscall", "-e", "info registers rip", "-e", "bt",
			 "--", tracee("plat_wait_look"), NULL);
		ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	} while (!strstr(r.out, "carried out by the platform (it may wait)") &&
		 ++tries < 5);
	ck_assert_msg(tries < 5, "the child never waited: %s", r.out);
	ck_assert_msg(!strstr(r.err, "cannot read its registers") &&
		      !strstr(r.out, "cannot read its registers"), "%s", r.err);
	ck_assert_msg(strstr(r.out, "Register  variant 0") &&
		      strstr(r.out, "variant 1"), "%s", r.out);
	ck_assert_int_ge(count_of(r.out, "read"), 2);
	run_free(&r);
}
END_TEST

START_TEST(faults_are_decoded_in_line_mode_and_history)
{
	struct run r;

	run_input(&r, "continue\nstep\nhistory 3\ninfo variants\n", "-n", "2",
		  "--", tracee("sig_fault"), NULL);
	ck_assert_msg(strstr(r.out, "Every variant faulted with SIGSEGV at step "),
		      "%s", r.out);
	ck_assert_int_eq(count_of(r.out, ": --- SIGSEGV {si_code=SEGV_MAPERR, "
				  "si_addr=0x10} at 0x"), 2);
	ck_assert_int_eq(count_of(r.out, " (main in sig_fault) ---\n"), 2 + 2);
	ck_assert_msg(strstr(r.out, "(mvdb) history 3\n[step "), "%s", r.out);
	ck_assert_int_eq(count_of(r.out, "+++ killed by SIGSEGV +++\n"), 2);
	run_free(&r);
}
END_TEST

START_TEST(info_fds_describes_sockets)
{
	char *dir = temp_dir();
	char *const argv[] = { (char *)mvdb_path(), "--batch", "-e",
			       "break syscall umask", "-e", "continue", "-e",
			       "info fds", "--", (char *)tracee("net_kinds"),
			       NULL };
	struct run r;
	int expects = 0;

	run_argv(&r, dir, NULL, 30, argv);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	for (const char *at = r.out; (at = strstr(at, "expect ")); at++) {
		char want[160];

		ck_assert_int_eq(sscanf(at, "expect %159s", want), 1);
		/* its own line, and a row of each variant's table */
		ck_assert_msg(count_of(r.out, want) == 1 + 2, "%s in:\n%s", want,
			      r.out);
		expects++;
	}
	ck_assert_int_eq(expects, 9);
	run_free(&r);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(stack_dumps_side_by_side)
{
	struct run r;
	unsigned long a0, a1, g0;
	const char *l;

	run_mvdb(&r, "--batch", "-e", "x/16xb $sp", "-e", "x/8xg", "--",
		 tracee("hello"), NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_int_eq(sscanf(line_of(r.out, "v0 0x", 0), "v0 %lx:", &a0), 1);
	ck_assert_int_eq(sscanf(line_of(r.out, "v1 0x", 0), "v1 %lx:", &a1), 1);
	ck_assert_uint_ne(a0, a1);	/* ASLR: two stack addresses */
	ck_assert_int_eq(count_of(line_of(r.out, "v0 0x", 0), " 0x"), 1 + 8);
	ck_assert_ptr_nonnull(strstr(r.out, "(* marks units that differ between the variants)"));
	/* x/8xg: sticky x, giant words, going on after the 16 bytes. */
	l = line_of(r.out, "v0 0x", 2);
	ck_assert_int_eq(sscanf(l, "v0 %lx:", &g0), 1);
	ck_assert_uint_eq(g0, a0 + 16);
	ck_assert_int_eq(count_of(l, " 0x"), 1 + 2);
	ck_assert_uint_eq(strlen(strstr(l, ": 0x") + 2), 2 * 19 + 1);
	run_free(&r);
}
END_TEST

START_TEST(diff_lists_the_range)
{
	struct run r;
	char *dir = temp_dir();
	unsigned off, len;

	run_mvdb(&r, "--batch", "-e", "break syscall getcwd", "-e", "continue",
		 "-e", "diff $arg0 64", "--", tracee("cmd_calls"), dir, NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "Offset  Length  variant 0"));
	/* The differing bytes are a pointer's (at +16): one range, or two
	 * when a random byte of the two addresses happens to agree. */
	for (int k = 0; *line_of(r.out, "+0x", k); k++) {
		ck_assert_int_eq(sscanf(line_of(r.out, "+0x", k), "+%x %u",
					&off, &len), 2);
		ck_assert_uint_ge(off, 16);
		ck_assert_uint_le(off + len, 24);
	}
	ck_assert(*line_of(r.out, "+0x", 0));
	ck_assert_ptr_nonnull(strstr(r.out, " of 64 bytes differ, in "));
	run_free(&r);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(breakpoints_through_a_pipe)
{
	struct run r;
	char *dir = temp_dir();

	run_input(&r, "break syscall getppid\ncontinue\n\ntbreak path */cmd_calls\n"
		  "c\ninfo breakpoints\nbreak fd 256\nc\nbreak syscall %network\n"
		  "disable 4\nc\n",
		  "--", tracee("cmd_calls"), dir, NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_int_eq(count_of(r.out, "Breakpoint 2, syscall getppid, at step"), 2);
	ck_assert_int_eq(count_of(r.out, "] getppid()\n"), 2);
	ck_assert_ptr_nonnull(strstr(r.out, "Temporary breakpoint 3, path */cmd_calls"));
	ck_assert_ptr_nonnull(strstr(r.out, "2    syscall     keep  y    2     getppid\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "Breakpoint 4, fd 256, at step"));
	ck_assert_ptr_nonnull(strstr(r.out, "] write(256<platform:"));
	ck_assert_ptr_nonnull(strstr(r.out, "Breakpoint 5, syscall %network"));
	ck_assert_ptr_nonnull(strstr(r.out, "] socket(AF_UNIX, SOCK_DGRAM, 0)\n"));
	run_free(&r);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(divergence_report_then_inspection)
{
	struct run r;

	run_mvdb(&r, "--batch", "-e", "continue", "-e", "info variants", "-e",
		 "x/s $arg1", "-e", "step", "-e", "info registers rip", "--",
		 tracee("stackaddr"), NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.out, "The variants diverged at step"));
	ck_assert_ptr_nonnull(strstr(r.out, "argument $arg1 differs at byte"));
	ck_assert_ptr_nonnull(strstr(r.out, "last steps:"));
	ck_assert_int_eq(count_of(r.out, "at a call  -       "), 2);
	ck_assert_ptr_nonnull(strstr(line_of(r.out, "v0 0x", 0), ": \"0x7"));
	ck_assert_ptr_nonnull(strstr(line_of(r.out, "v1 0x", 0), ": \"0x7"));
	ck_assert_int_eq(count_of(r.out, "*differs"), 2);
	ck_assert_ptr_nonnull(strstr(r.out, "rip       0x"));
	ck_assert_ptr_nonnull(strstr(r.err, "The variants diverged at step"));
	ck_assert_ptr_nonnull(strstr(r.err, "Use \"kill\" or \"run\", or \"ignore\" what differs"));
	run_free(&r);
}
END_TEST

/* The hint's own advice works at the divergence it is given at: the
 * write then runs once, with variant 0's bytes, and the run ends well. */
START_TEST(ignore_at_the_divergence_then_continue)
{
	struct run r;
	char printed[64];
	const char *p;

	run_mvdb(&r, "--batch", "-e", "continue", "-e",
		 "ignore syscall write arg 1", "-e", "continue", "--",
		 tracee("stackaddr"), NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "no longer diverges"));
	ck_assert_ptr_nonnull(strstr(r.out, "The program exited with status 0"));
	/* printed once, and it is variant 0's line */
	ck_assert_int_eq(count_of(r.out, "\n0x7"), 1);
	p = strstr(r.out, "\n0x7") + 1;
	snprintf(printed, sizeof(printed), "\"%.*s\\n\"", (int)strcspn(p, "\n"),
		 p);
	ck_assert_ptr_nonnull(strstr(line_of(r.out, "  variant 0 (pid ", 0),
				     printed));
	ck_assert_ptr_null(strstr(line_of(r.out, "  variant 1 (pid ", 0),
				  printed));
	run_free(&r);
}
END_TEST

/* kill counts the variants it kills: one killed from outside before is
 * said to have ended already, not killed again. */
START_TEST(kill_counts_only_live_variants)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s && mkfifo cmds && { %s --line -n 2 -- %s 30 <cmds >out 2>err & m=$!; "
			"exec 3>cmds; echo continue >&3; "
			"for i in $(seq 200); do grep -q sleeping out && break; "
			"sleep 0.05; done; "
			"v=$(cat /proc/$m/task/*/children | tr ' ' '\\n' | sed -n 2p); "
			"kill -9 $v; "
			"for i in $(seq 200); do grep -q diverged out && break; "
			"sleep 0.05; done; "
			"echo kill >&3; exec 3>&-; wait $m; cat out; }",
			dir, mvdb_path(), tracee("plat_sleep"));
	run_sh(&r, cmd);
	ck_assert_msg(strstr(r.out, "killed by SIGKILL from outside") &&
		      strstr(r.out, "(mvdb) kill\nKilled 1 variant (1 had ended already).\n"),
		      "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

START_TEST(errors_are_clear_and_the_session_goes_on)
{
	struct run r;

	run_input(&r, "frob\ndi\nx/8q $sp\nx/s 0x10\nx/x (1\ninfo frob\nstep\n",
		  "--", tracee("hello"), NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "Undefined command: \"frob\".  Try \"help\".\n"));
	ck_assert_ptr_nonnull(strstr(r.err, "Ambiguous command \"di\": disable, diff, display.\n"));
	ck_assert_ptr_nonnull(strstr(r.err, "Bad format letter 'q' in \"/8q\""));
	ck_assert_ptr_nonnull(strstr(r.err, "variant 1: cannot access memory at 0x10: "));
	ck_assert_ptr_nonnull(strstr(r.err, "bad expression \"(1\": ')' expected"));
	ck_assert_ptr_nonnull(strstr(r.err, "Undefined info command: \"frob\""));
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) step\n[step 1] "));
	ck_assert_ptr_nonnull(strstr(r.out, "[step 2] "));
	run_free(&r);
	/* A step after the end. */
	run_input(&r, "continue\nstep\n", "--", tracee("hello"), "4", NULL);
	ck_assert_int_eq(r.status, 4);
	ck_assert_ptr_nonnull(strstr(r.out, "The program exited with status 4"));
	ck_assert_ptr_nonnull(strstr(r.err, "The program is not being run: it exited with status 4.  Use \"run\" to start it again.\n"));
	run_free(&r);
}
END_TEST

START_TEST(command_files_enter_and_batch_status)
{
	struct run r;
	char *dir = temp_dir();
	char *file = xasprintf("%s/cmds", dir);
	FILE *f = fopen(file, "w");

	fputs("# steps\nstep\n\n   \nstep 2\n", f);
	fclose(f);
	/* Blank lines in a file do not repeat; -e runs after -x. */
	run_mvdb(&r, "--batch", "-x", file, "-e", "history", "--",
		 tracee("hello"), "5", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) step 2\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) history\n[step 1] "));
	ck_assert_ptr_nonnull(strstr(r.out, "[step 4] "));
	ck_assert_ptr_null(strstr(r.out, "\n[step 5] "));
	run_free(&r);
	/* Enter in a pipe repeats. */
	run_input(&r, "step\n\n\n", "--", tracee("hello"), NULL);
	ck_assert_ptr_nonnull(strstr(r.out, "[step 4] "));
	run_free(&r);
	/* --batch ends with the program's status; output once. */
	run_mvdb(&r, "--batch", "-e", "continue", "--", tracee("hello"), "3", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_int_eq(count_of(r.out, "hello from a variant\n"), 1);
	run_free(&r);
	run_mvdb(&r, "--batch", "-e", "step", "--", "/nonexistent/prog", NULL);
	ck_assert_int_eq(r.status, 127);
	ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/prog"));
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(file);
}
END_TEST

/* A private tmux server for one test. */
struct tmux {
	char sock[64];	/* -L name */
	char *dir;	/* XDG_STATE_HOME */
};

static int tmux_cmd(const struct tmux *t, const char *fmt, ...)
{
	va_list ap;
	char *args, *cmd;
	struct run r;
	int st;

	va_start(ap, fmt);
	if (vasprintf(&args, fmt, ap) < 0)
		abort();
	va_end(ap);
	cmd = xasprintf("tmux -L %s %s", t->sock, args);
	run_sh(&r, cmd);
	st = r.status;
	run_free(&r);
	free(cmd);
	free(args);
	return st;
}

static char *capture(const struct tmux *t)
{
	char *cmd = xasprintf("tmux -L %s capture-pane -p -t mvdb", t->sock);
	struct run r;
	char *out;

	run_sh(&r, cmd);
	out = xstrdup(r.out);
	run_free(&r);
	free(cmd);
	return out;
}

static void trim(char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
}

/* The last line of the screen that starts with the prompt, without the
 * trailing blanks (capture-pane drops them). */
static char *prompt_line(const char *screen)
{
	const char *last = NULL;
	char *line;

	for (const char *p = screen; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, "(mvdb)", 6) == 0)
			last = p;
	line = last ? xstrndup(last, strcspn(last, "\n")) : xstrdup("");
	trim(line);
	return line;
}

/* Polls the screen until check(screen, arg) holds, for at most 20 s. */
static bool wait_screen(const struct tmux *t,
			bool (*check)(const char *screen, const char *arg),
			const char *arg)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		char *screen = capture(t);
		bool ok = check(screen, arg);

		if (!ok) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec - start.tv_sec > 20) {
				fprintf(stderr, "screen after waiting for \"%s\":\n%s\n",
					arg, screen);
				free(screen);
				return false;
			}
		}
		free(screen);
		if (ok)
			return true;
		usleep(50000);
	}
}

static bool shows(const char *screen, const char *text)
{
	return strstr(screen, text) != NULL;
}

static bool prompt_is(const char *screen, const char *text)
{
	char *line = prompt_line(screen), *want = xstrdup(text);
	bool ok;

	trim(want);
	ok = strcmp(line, want) == 0;
	free(line);
	free(want);
	return ok;
}

/* Whether the screen's last line that is not blank is the shell prompt
 * arg ("$"), with nothing typed after it. */
static bool prompt_is_shell(const char *screen, const char *arg)
{
	const char *end = screen + strlen(screen), *start;

	while (end > screen && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	start = end;
	while (start > screen && start[-1] != '\n')
		start--;
	return (size_t)(end - start) == strlen(arg) &&
	       strncmp(start, arg, strlen(arg)) == 0;
}

/* mvdb on program in a new 120x40 session whose pane stays after the
 * end (remain-on-exit), so its last screen can be read. */
static void tmux_session(struct tmux *t, const char *program)
{
	ck_assert_int_eq(tmux_cmd(t, "-f /dev/null new-session -d -s mvdb -x 120 -y 40 "
				  "\"env XDG_STATE_HOME=%s TERM=xterm INPUTRC=/dev/null %s --line -- %s\" "
				  "\\; set-option -t mvdb remain-on-exit on",
				  t->dir, mvdb_path(), program), 0);
}

static void tmux_start(struct tmux *t, const char *program)
{
	snprintf(t->sock, sizeof(t->sock), "mvdb-test-%d", (int)getpid());
	t->dir = temp_dir();
	tmux_session(t, program);
}

/* Polls until the pane's program has ended, for at most 20 s. */
static bool wait_dead(const struct tmux *t)
{
	for (int i = 0; i < 400; i++) {
		char *cmd = xasprintf("tmux -L %s display-message -p -t mvdb '#{pane_dead}'",
				      t->sock);
		struct run r;
		bool dead;

		run_sh(&r, cmd);
		dead = strcmp(r.out, "1\n") == 0;
		run_free(&r);
		free(cmd);
		if (dead)
			return true;
		usleep(50000);
	}
	return false;
}

static void tmux_stop(struct tmux *t)
{
	tmux_cmd(t, "kill-server");
	rm_rf(t->dir);
	free(t->dir);
}

START_TEST(tmux_completion_history_and_ctrl_c)
{
	struct tmux t;
	char *hist, *file;
	struct stat st;

	tmux_start(&t, tracee("hello"));
	ck_assert(wait_screen(&t, shows, "[step 1] "));
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb ste Tab");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) step "));
	tmux_cmd(&t, "send-keys -t mvdb Enter");
	ck_assert(wait_screen(&t, shows, "[step 2] "));
	tmux_cmd(&t, "send-keys -t mvdb 'break sys' Tab 'opena' Tab");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) break syscall openat "));
	/* Ctrl-C at the prompt clears the line. */
	tmux_cmd(&t, "send-keys -t mvdb C-c");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	/* File names where the argument is a path, and only there. */
	tmux_cmd(&t, "send-keys -t mvdb 'break path /etc/ld.so.cac' Tab");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) break path /etc/ld.so.cache"));
	tmux_cmd(&t, "send-keys -t mvdb C-c");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb 'x/s /etc/ld.so.cac' Tab ' done'");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) x/s /etc/ld.so.cac done"));
	tmux_cmd(&t, "send-keys -t mvdb C-c");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb Up");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) step"));
	/* quit with the program alive asks first, as gdb does. */
	tmux_cmd(&t, "send-keys -t mvdb C-u 'quit' Enter");
	ck_assert(wait_screen(&t, shows, "Kill it and quit? (y or n)"));
	tmux_cmd(&t, "send-keys -t mvdb 'y' Enter");
	ck_assert(wait_dead(&t));
	file = xasprintf("%s/mvdb/history", t.dir);
	hist = slurp(file, NULL);
	ck_assert_ptr_nonnull(hist);
	ck_assert_msg(strstr(hist, "step \nquit\n"), "history: %s", hist);
	*strrchr(file, '/') = '\0';
	ck_assert_int_eq(stat(file, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	free(hist);
	free(file);
	tmux_cmd(&t, "kill-session -t mvdb");
	/* History is kept across runs: Up brings back the last line. */
	tmux_session(&t, tracee("hello"));
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb Up");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) quit"));
	/* Ctrl-D quits. */
	tmux_cmd(&t, "send-keys -t mvdb C-u C-d");
	ck_assert(wait_dead(&t));
	ck_assert(wait_screen(&t, shows, "(mvdb)\nquit\n"));
	tmux_stop(&t);
}
END_TEST

/* Ctrl-C while the variants sleep in a call of their own: they stop at
 * once, and on "continue" the call goes on to its end (no EINTR). */
START_TEST(tmux_ctrl_c_stops_variants_in_their_own_calls)
{
	struct tmux t;
	char cmd[4200], *screen;

	snprintf(cmd, sizeof(cmd), "%s 4", tracee("plat_sleep"));
	tmux_start(&t, cmd);
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb continue Enter");
	ck_assert(wait_screen(&t, shows, "\nsleeping"));
	tmux_cmd(&t, "send-keys -t mvdb C-c");
	ck_assert(wait_screen(&t, shows, "Interrupted after step"));
	screen = capture(&t);
	/* stopped in the sleep, not after it */
	ck_assert_ptr_null(strstr(screen, "nanosleep returned"));
	free(screen);
	tmux_cmd(&t, "send-keys -t mvdb 'info variants' Enter");
	ck_assert(wait_screen(&t, shows, "interrupted"));
	tmux_cmd(&t, "send-keys -t mvdb continue Enter");
	ck_assert(wait_screen(&t, shows, "nanosleep returned 0 (slept)"));
	ck_assert(wait_screen(&t, shows, "exited with status 0"));
	tmux_cmd(&t, "send-keys -t mvdb quit Enter");
	tmux_stop(&t);
}
END_TEST

/* Ctrl-C while a read waits in the platform (cat's, of a pipe whose
 * writer sleeps): variant 0, which waits in the kernel meanwhile
 * (standin.c), is stepped back onto its read, so its stack can be
 * read; on "continue" it waits again and the program ends as natively. */
START_TEST(tmux_ctrl_c_during_a_platform_wait)
{
	struct tmux t;

	tmux_start(&t, "sh -c 'sleep 5 | cat; echo done'");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb continue Enter");
	ck_assert(wait_screen(&t, shows, "running... (Ctrl-C stops)"));
	tmux_cmd(&t, "send-keys -t mvdb C-c");
	ck_assert(wait_screen(&t, shows, "\nInterrupted a"));
	tmux_cmd(&t, "send-keys -t mvdb 'set focus 2' Enter");
	ck_assert(wait_screen(&t, shows, "Focus on set 2"));
	tmux_cmd(&t, "send-keys -t mvdb bt Enter");
	ck_assert(wait_screen(&t, shows, "#0  __GI___libc_read (fd=0,"));
	tmux_cmd(&t, "send-keys -t mvdb continue Enter");
	ck_assert(wait_screen(&t, shows, "\ndone\n"));
	ck_assert(wait_screen(&t, shows, "exited with status 0"));
	tmux_cmd(&t, "send-keys -t mvdb quit Enter");
	tmux_stop(&t);
}
END_TEST

/* At the prompt: continue, wait until the run says it goes on, and
 * Ctrl-C it; returns once the interruption is said and the prompt is
 * back.  At a call ("Interrupted at step"), or where the variants ran
 * between calls ("Interrupted after step"). */
static void continue_then_interrupt(struct tmux *t)
{
	ck_assert(wait_screen(t, prompt_is, "(mvdb) "));
	tmux_cmd(t, "send-keys -t mvdb continue Enter");
	ck_assert(wait_screen(t, shows, "running... (Ctrl-C stops)"));
	tmux_cmd(t, "send-keys -t mvdb C-c");
	ck_assert(wait_screen(t, shows, "\nInterrupted a"));
	ck_assert(wait_screen(t, prompt_is, "(mvdb) "));
}

START_TEST(tmux_ctrl_c_interrupts_continue)
{
	struct tmux t;

	tmux_start(&t, tracee("cmd_loop"));
	continue_then_interrupt(&t);
	tmux_cmd(&t, "send-keys -t mvdb step Enter");
	ck_assert(wait_screen(&t, shows, "] getppid()"));
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	/* The variants are alive and stopped: step goes on. */
	tmux_cmd(&t, "send-keys -t mvdb 'info variants' Enter");
	ck_assert(wait_screen(&t, shows, "1        "));
	ck_assert(wait_screen(&t, shows, "at a call"));
	tmux_cmd(&t, "send-keys -t mvdb quit Enter");
	tmux_stop(&t);
}
END_TEST

/* Two workers that write to a pipe under a lock they share, taken in
 * a different order in each variant (tests/tracees/mp_shared_lock.c):
 * interrupted, `info variants` shows the cycle, each worker at its
 * write waiting for a counterpart that a lock holds. */
START_TEST(tmux_info_variants_shows_a_lock_cycle)
{
	struct tmux t;

	tmux_start(&t, tracee("mp_shared_lock"));
	continue_then_interrupt(&t);
	tmux_cmd(&t, "send-keys -t mvdb 'info variants' Enter");
	ck_assert(wait_screen(&t, shows, "interrupted in futex (a lock)"));
	ck_assert(wait_screen(&t, shows, "at write, waiting"));
	tmux_cmd(&t, "send-keys -t mvdb kill Enter");
	ck_assert(wait_screen(&t, shows, "Killed 6 variants."));
	tmux_cmd(&t, "send-keys -t mvdb quit Enter");
	ck_assert(wait_dead(&t));
	tmux_stop(&t);
}
END_TEST

/* A history location that cannot be written is said once, at start;
 * the session goes on. */
START_TEST(tmux_unwritable_history_is_said)
{
	struct tmux t;
	char *screen;

	snprintf(t.sock, sizeof(t.sock), "mvdb-test-%d", (int)getpid());
	t.dir = xstrdup("/dev/null/state");
	tmux_session(&t, tracee("hello"));
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb quit Enter");
	ck_assert(wait_screen(&t, shows, "Kill it and quit? (y or n)"));
	tmux_cmd(&t, "send-keys -t mvdb 'y' Enter");
	ck_assert(wait_dead(&t));
	screen = capture(&t);
	ck_assert_int_eq(count_of(screen, "mvdb: cannot keep command history in /dev/null/state/mvdb/history: Not a directory"), 1);
	free(screen);
	tmux_cmd(&t, "kill-server");
	free(t.dir);
}
END_TEST

/* The step number of the progress line on screen, or 0. */
static unsigned long progress_step(const struct tmux *t)
{
	char *screen = capture(t);
	const char *p = strstr(screen, "] running... (Ctrl-C stops)");
	unsigned long step = 0;

	while (p && p > screen && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p && p - screen >= 6 && strncmp(p - 6, "[step ", 6) == 0)
		step = strtoul(p, NULL, 10);
	free(screen);
	return step;
}

/* The progress line of a long continue says where the run is while it
 * waits, goes before the program's output (never glued to it) and is
 * gone at the end. */
START_TEST(tmux_progress_line_keeps_out_of_the_output)
{
	struct tmux t;
	unsigned long first, second;
	char *screen;

	tmux_start(&t, "/bin/sh -c 'sleep 2; echo hello; sleep 2; echo bye'");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb continue Enter");
	ck_assert(wait_screen(&t, shows, "running... (Ctrl-C stops)"));
	first = progress_step(&t);
	ck_assert(wait_screen(&t, shows, "\nhello\n"));
	ck_assert(wait_screen(&t, shows, "running... (Ctrl-C stops)"));
	second = progress_step(&t);
	ck_assert_msg(first > 0 && second > first, "steps %lu then %lu", first,
		      second);
	ck_assert(wait_screen(&t, shows, "exited with status 0"));
	screen = capture(&t);
	ck_assert_msg(strstr(screen, "(mvdb) continue\nhello\nbye\nThe program exited"),
		      "%s", screen);
	ck_assert_ptr_null(strstr(screen, "running..."));
	free(screen);
	tmux_cmd(&t, "send-keys -t mvdb quit Enter");
	tmux_stop(&t);
}
END_TEST

/* --trace works outside plain batch runs: to stderr in line mode
 * (commands from a pipe), to --trace-file in batch with -e; results
 * are there during continue too; an unwritable file is exit 2. */
START_TEST(trace_in_every_mode)
{
	char *dir = temp_dir(), *opt = xasprintf("--trace-file=%s/t.txt", dir);
	char *file = xasprintf("%s/t.txt", dir), *text;
	struct run r;

	run_input(&r, "continue\n", "--line", "--trace=write", "--", "sh",
		  "-c", "echo hi", NULL);
	ck_assert_msg(strstr(r.err, "] write(1, \"hi\\n\", 3) = 3\n") &&
		      !strstr(r.err, "] brk("), "%s", r.err);
	ck_assert_msg(strstr(r.out, "hi\n"), "%s", r.out);
	run_free(&r);
	run_input(&r, NULL, "--batch", opt, "-e", "continue", "--", "sh",
		  "-c", "echo hi", NULL);
	ck_assert_int_eq(r.status, 0);
	text = slurp(file, NULL);
	ck_assert_msg(text && strstr(text, "[step 0] execve(") &&
		      strstr(text, "] write(1, \"hi\\n\", 3) = 3\n") &&
		      !strstr(r.err, "execve("), "%s", text ? text : "");
	free(text);
	run_free(&r);
	run_input(&r, NULL, "--batch", "--trace-file=/nonexistent/dir/t",
		  "--", "true", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_msg(strstr(r.err, "cannot write --trace-file="), "%s", r.err);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(opt);
	free(file);
}
END_TEST

/* Whether tmux can be run here. */
static bool have_tmux(void)
{
	struct run r;
	bool ok;

	run_sh(&r, "command -v tmux");
	ok = r.status == 0;
	run_free(&r);
	return ok;
}

/* Sends keys to the pane, then waits until the screen shows text. */
static bool type_until(const struct tmux *t, const char *keys,
		       const char *text)
{
	tmux_cmd(t, "send-keys -t mvdb %s", keys);
	return wait_screen(t, shows, text);
}

/* Sends keys to the pane again and again (every 250 ms, for at most
 * 20 s) until the screen shows text: what a shell says only at its next
 * prompt, once a job's state changed. */
static bool retype_until(const struct tmux *t, const char *keys,
			 const char *text)
{
	for (int i = 0; i < 80; i++) {
		char *screen;
		bool ok;

		tmux_cmd(t, "send-keys -t mvdb %s", keys);
		usleep(250000);
		screen = capture(t);
		ok = strstr(screen, text) != NULL;
		if (!ok && i == 79)
			fprintf(stderr, "screen after waiting for \"%s\":\n%s\n",
				text, screen);
		free(screen);
		if (ok)
			return true;
	}
	return false;
}

/* An interactive bash's job control on mvdb's terminal, as natively
 * (_i = 0: bash alone; 1, 2: under mvdb --batch -n 2, -n 3): it finds
 * itself in the foreground (no "no job control"), runs a job in the
 * background, lists and kills it; Ctrl-Z stops a job in the foreground,
 * bg goes on with it, kill ends it; Ctrl-Z stops a job asleep in a call
 * at once (not when its sleep ends); a job in the background that reads
 * the terminal stops, and fg then Ctrl-D end it. */
START_TEST(tmux_bash_job_control)
{
	char *under = _i ? xasprintf("%s --batch -n %d --", mvdb_path(), _i + 1)
			 : xstrdup("");
	struct tmux t;
	char *screen;

	if (!have_tmux()) {
		free(under);
		return;
	}
	snprintf(t.sock, sizeof(t.sock), "mvdb-test-job-%d", (int)getpid());
	t.dir = temp_dir();
	ck_assert_int_eq(tmux_cmd(&t, "-f /dev/null new-session -d -s mvdb "
				  "-x 120 -y 40 \"env PS1='$ ' TERM=xterm "
				  "INPUTRC=/dev/null %s bash --norc --noprofile "
				  "-i\" \\; set-option -t mvdb remain-on-exit on",
				  under), 0);
	ck_assert(wait_screen(&t, prompt_is_shell, "$"));
	ck_assert(type_until(&t, "'sleep 30 &' Enter", "[1] "));
	ck_assert(type_until(&t, "'jobs' Enter", "Running                 sleep 30 &"));
	ck_assert(type_until(&t, "'kill %1; wait %1; echo first $?' Enter",
			     "first 143"));
	ck_assert(type_until(&t, "\"sh -c 'echo spinning; while :; do :; done'\" Enter",
			     "\nspinning"));
	ck_assert(type_until(&t, "C-z", "Stopped                 sh -c"));
	ck_assert(type_until(&t, "'bg' Enter", "done' &"));
	ck_assert(type_until(&t, "'jobs' Enter", "Running                 sh -c"));
	ck_assert(type_until(&t, "'kill %1; wait %1; echo second $?' Enter",
			     "second 143"));
	ck_assert(type_until(&t, "\"sh -c 'echo sleeping; exec sleep 30'\" Enter",
			     "\nsleeping"));
	ck_assert(type_until(&t, "C-z", "Stopped                 sh -c 'echo sleeping"));
	ck_assert(type_until(&t, "'kill -KILL %1; while jobs %1 >/dev/null "
			     "2>&1; do :; done; echo third' Enter", "\nthird"));
	ck_assert(type_until(&t, "'cat &' Enter", "$ cat &"));
	ck_assert(retype_until(&t, "jobs Enter", "+  Stopped                 cat"));
	ck_assert(type_until(&t, "'fg; echo fourth $?' Enter", "$ fg; echo fourth"));
	ck_assert(type_until(&t, "C-d", "\nfourth 0"));
	tmux_cmd(&t, "send-keys -t mvdb 'exit 4' Enter");
	ck_assert_msg(wait_dead(&t), "%s", screen = capture(&t));
	screen = capture(&t);
	ck_assert_msg(!strstr(screen, "no job control") &&
		      !strstr(screen, "mvdb:"), "%s", screen);
	free(screen);
	free(under);
	tmux_stop(&t);
}
END_TEST

/* A process that leaves the terminal's foreground group (setpgid) and
 * reads the terminal, writes it with TOSTOP, or sets it is stopped with
 * SIGTTIN or SIGTTOU, as natively (_i = 0: the tracee alone; 1, 2:
 * under mvdb --batch -n 2 and -n 3, which keeps the terminal's
 * foreground its own and decides for the program). */
START_TEST(tmux_background_group_touches_the_terminal)
{
	char *under = _i ? xasprintf("%s --batch -n %d --", mvdb_path(), _i + 1)
			 : xstrdup("");
	struct tmux t;
	char *file, *said;

	if (!have_tmux()) {
		free(under);
		return;
	}
	snprintf(t.sock, sizeof(t.sock), "mvdb-test-job-%d", (int)getpid());
	t.dir = temp_dir();
	file = xasprintf("%s/said", t.dir);
	ck_assert_int_eq(tmux_cmd(&t, "-f /dev/null new-session -d -s mvdb "
				  "-x 120 -y 40 \"%s %s %s\" \\; set-option "
				  "-t mvdb remain-on-exit on", under,
				  tracee("tty_background"), file), 0);
	ck_assert(wait_dead(&t));
	said = slurp(file, NULL);
	ck_assert_msg(said && strcmp(said,
			 "read: stopped by Stopped (tty input)\n"
			 "read, SIGTTIN ignored: exited 5\n"
			 "read, group orphaned: EIO\n"
			 "write: exited 0\n"
			 "write with TOSTOP: stopped by Stopped (tty output)\n"
			 "tcsetattr: stopped by Stopped (tty output)\n"
			 "done\n") == 0, "said:\n%s", said ? said : "");
	free(said);
	free(file);
	free(under);
	tmux_stop(&t);
}
END_TEST

/* Ctrl-Z in line mode, as a gdb user expects: while the program runs
 * (continue) it stops the job a shell of the program put in the
 * foreground; at the prompt it stops mvdb for the
 * shell above it, and fg gives back the prompt and the line typed so
 * far. */
START_TEST(tmux_ctrl_z_in_line_mode)
{
	struct tmux t;

	if (!have_tmux())
		return;
	snprintf(t.sock, sizeof(t.sock), "mvdb-test-job-%d", (int)getpid());
	t.dir = temp_dir();
	ck_assert_int_eq(tmux_cmd(&t, "-f /dev/null new-session -d -s mvdb "
				  "-x 120 -y 40 \"env PS1='$ ' TERM=xterm "
				  "INPUTRC=/dev/null bash --norc --noprofile "
				  "-i\" \\; set-option -t mvdb remain-on-exit on"),
			 0);
	ck_assert(wait_screen(&t, prompt_is_shell, "$"));
	tmux_cmd(&t, "send-keys -t mvdb 'env XDG_STATE_HOME=%s %s --line -- "
		 "bash --norc --noprofile -i' Enter", t.dir, mvdb_path());
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	ck_assert(type_until(&t, "continue Enter \"sh -c 'echo sleeping; exec sleep 30'\" Enter",
			     "\nsleeping"));
	ck_assert(type_until(&t, "C-z", "Stopped                 sh -c 'echo sleeping"));
	ck_assert(type_until(&t, "'kill -KILL %1; while jobs %1 >/dev/null "
			     "2>&1; do :; done; echo third' Enter", "\nthird"));
	ck_assert(type_until(&t, "'exit 4' Enter", "exited with status 4"));
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) "));
	tmux_cmd(&t, "send-keys -t mvdb 'info fds'");
	ck_assert(wait_screen(&t, prompt_is, "(mvdb) info fds"));
	ck_assert(type_until(&t, "C-z", "Stopped                 env XDG_STATE_HOME"));
	ck_assert(type_until(&t, "fg Enter", "\n(mvdb) info fds"));
	ck_assert(type_until(&t, "Enter 'quit' Enter", "\n$"));
	tmux_stop(&t);
}
END_TEST

/* The servers of tests that failed before their kill-server. */
static void tmux_leftovers(void)
{
	tmux_reap("mvdb-test-");
	tmux_reap("mvdb-test-job-");
}

Suite *line_suite(void)
{
	Suite *s = suite_create("line");
	TCase *tc = tcase_create("line mode");
	TCase *tty = tcase_create("in tmux");

	tcase_add_unchecked_fixture(tty, NULL, tmux_leftovers);

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, scripted_openat_session);
	tcase_add_test(tc, trace_in_every_mode);
	tcase_add_test(tc, faults_are_decoded_in_line_mode_and_history);
	tcase_add_test(tc, commands_keep_order_names_and_binaries);
	tcase_add_test(tc, a_set_waiting_in_the_platform_shows_its_registers);
	tcase_add_test(tc, info_fds_describes_sockets);
	tcase_add_test(tc, stack_dumps_side_by_side);
	tcase_add_test(tc, diff_lists_the_range);
	tcase_add_test(tc, breakpoints_through_a_pipe);
	tcase_add_test(tc, divergence_report_then_inspection);
	tcase_add_test(tc, ignore_at_the_divergence_then_continue);
	tcase_add_test(tc, kill_counts_only_live_variants);
	tcase_add_test(tc, errors_are_clear_and_the_session_goes_on);
	tcase_add_test(tc, command_files_enter_and_batch_status);
	suite_add_tcase(s, tc);
	tcase_set_timeout(tty, 120);
	tcase_add_test(tty, tmux_completion_history_and_ctrl_c);
	tcase_add_test(tty, tmux_ctrl_c_interrupts_continue);
	tcase_add_test(tty, tmux_info_variants_shows_a_lock_cycle);
	tcase_add_test(tty, tmux_ctrl_c_stops_variants_in_their_own_calls);
	tcase_add_test(tty, tmux_ctrl_c_during_a_platform_wait);
	tcase_add_test(tty, tmux_progress_line_keeps_out_of_the_output);
	tcase_add_test(tty, tmux_unwritable_history_is_said);
	tcase_add_loop_test(tty, tmux_bash_job_control, 0, 3);
	tcase_add_loop_test(tty, tmux_background_group_touches_the_terminal,
			    0, 3);
	tcase_add_test(tty, tmux_ctrl_z_in_line_mode);
	suite_add_tcase(s, tty);
	return s;
}
