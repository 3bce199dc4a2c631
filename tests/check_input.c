/* The program's input and terminal, end to end: --stdin and run < FILE
 * against the native program, line mode keeping its commands from the
 * program, batch mode leaving its stdin to the program, and --tty on a
 * pseudo-terminal the test makes. */
#include "run.h"
#include "suites.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define WAIT_SECONDS 60	/* what a run may take on a loaded machine */

static const char fruit[] = "pear\napple\nfig\nbanana\napple\nCherry\n";

/* A file of text in dir; its path, owned. */
static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* What sort prints for the file, natively; owned. */
static char *native_sort(const char *path, const char *flag)
{
	char *const argv[] = { "sort", (char *)(flag ? flag : path),
			       flag ? (char *)path : NULL, NULL };
	struct run r;
	char *out;

	run_argv(&r, NULL, NULL, WAIT_SECONDS, argv);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_gt(r.outlen, 0);
	out = xstrdup(r.out);
	run_free(&r);
	return out;
}

/* mvdb with words (NULL-terminated) and input on its stdin. */
static void mvdb_input(struct run *r, const char *input, const char *first, ...)
{
	char *argv[32] = { (char *)mvdb_path() };
	int n = 1;
	va_list ap;

	argv[n++] = (char *)first;
	va_start(ap, first);
	while (n < 31 && (argv[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	run_argv(r, NULL, input, WAIT_SECONDS, argv);
}

START_TEST(stdin_option_in_batch_mode)
{
	char *dir = temp_dir(), *in = write_file(dir, "in.txt", fruit);
	char *want = native_sort(in, NULL), *opt = xasprintf("--stdin=%s", in);
	struct run r;

	mvdb_input(&r, NULL, "--batch", opt, "--", "sort", NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, want);
	run_free(&r);
	/* a batch run without it: the program's input is mvdb's, with or
	 * without commands (the differential tests pipe into it) */
	mvdb_input(&r, fruit, "--batch", "--", "sort", NULL);
	ck_assert_str_eq(r.out, want);
	run_free(&r);
	mvdb_input(&r, fruit, "--batch", "-e", "continue", "--", "sort", NULL);
	ck_assert_msg(strstr(r.out, want), "%s", r.out);
	run_free(&r);
	/* a file that cannot be read: a bad command line */
	mvdb_input(&r, NULL, "--batch", "--stdin=/nonexistent/in.txt", "--",
		   "sort", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "--stdin: cannot read '/nonexistent/in.txt': No such file or directory"));
	run_free(&r);
	mvdb_input(&r, NULL, "--batch", "--stdin=/", "--", "sort", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "Is a directory"));
	run_free(&r);
	free(opt);
	free(want);
	free(in);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(run_from_a_file_in_line_mode)
{
	char *dir = temp_dir(), *in = write_file(dir, "in.txt", fruit);
	char *want = native_sort(in, NULL), *rev = native_sort(in, "-r");
	char *cmds = xasprintf("run < %s\ncontinue\nrun -r <%s\ncontinue\n"
			       "run\ncontinue\nrun < %s/missing.txt\ninfo variants\n",
			       in, in, dir);
	char *expect = xasprintf("(mvdb) continue\n%sThe program exited with status 0", want);
	char *expect_r = xasprintf("(mvdb) continue\n%sThe program exited with status 0", rev);
	char *said = xasprintf("The program reads %s as its standard input.\n", in);
	char *missing = xasprintf("Cannot read %s/missing.txt: No such file or directory.\n", dir);
	struct run r;

	mvdb_input(&r, cmds, "--line", "--", "sort", NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, expect), "%s", r.out);
	/* -r for this run and the next (run alone runs as last time) */
	ck_assert_int_eq(count_of(r.out, expect_r), 2);
	ck_assert_int_eq(count_of(r.out, said), 3);
	/* a file that cannot be read: said, and the last run is left alone */
	ck_assert_ptr_nonnull(strstr(r.err, missing));
	ck_assert_int_eq(count_of(r.out, "exited  0"), 2);
	run_free(&r);
	/* --stdin in line mode */
	free(cmds);
	cmds = xasprintf("--stdin=%s", in);
	mvdb_input(&r, "continue\n", "--line", cmds, "--", "sort", NULL);
	ck_assert_msg(strstr(r.out, expect), "%s", r.out);
	run_free(&r);
	free(missing);
	free(said);
	free(expect_r);
	free(expect);
	free(cmds);
	free(rev);
	free(want);
	free(in);
	rm_rf(dir);
	free(dir);
}
END_TEST

/* Commands from a pipe (or a file, or a here-doc) are mvdb's: cat, the
 * program, reads an empty input and every command runs.  The commands
 * are more than a stdio buffer, so that a program given mvdb's stdin
 * would get some of them. */
START_TEST(commands_from_a_pipe_are_not_the_programs)
{
	enum { N = 1500 };
	char *cmds = xstrdup("continue\n"), *dir = temp_dir(), *file, *sh;
	struct run r;

	for (int i = 0; i < N; i++) {
		char *more = concat(cmds, "info breakpoints\n", NULL);

		free(cmds);
		cmds = more;
	}
	ck_assert_int_gt(strlen(cmds), 16384);
	mvdb_input(&r, cmds, "--line", "--", "cat", NULL);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) continue\nThe program exited with status 0"));
	ck_assert_int_eq(count_of(r.out, "(mvdb) info breakpoints\n"), N);
	ck_assert_int_eq(count_of(r.out, "\ninfo breakpoints\n"), 0);
	run_free(&r);
	/* the same from a file on stdin: sort reads nothing */
	file = write_file(dir, "cmds", "continue\nhistory 1\n");
	sh = xasprintf("%s --line -- sort < %s", mvdb_path(), file);
	run_sh(&r, sh);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) continue\nThe program exited with status 0"));
	ck_assert_ptr_nonnull(strstr(r.out, "(mvdb) history 1\n"));
	ck_assert_int_eq(count_of(r.out, "\ncontinue\n"), 0);
	run_free(&r);
	free(sh);
	free(file);
	rm_rf(dir);
	free(dir);
	free(cmds);
}
END_TEST

/* A pseudo-terminal of the test's own, no one's controlling terminal. */
struct pty {
	int master;		/* the test's side */
	int slave;		/* held open, so that the master never reads EIO */
	char name[64];		/* the slave's path */
};

static void pty_open(struct pty *p)
{
	struct termios t;

	p->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	ck_assert_int_ge(p->master, 0);
	ck_assert_int_eq(grantpt(p->master), 0);
	ck_assert_int_eq(unlockpt(p->master), 0);
	snprintf(p->name, sizeof(p->name), "%s", ptsname(p->master));
	p->slave = open(p->name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	ck_assert_int_ge(p->slave, 0);
	/* What is written to the master is the program's alone (no echo),
	 * and what it writes comes out as it wrote it.  Ctrl-C stays a
	 * signal (ISIG). */
	ck_assert_int_eq(tcgetattr(p->slave, &t), 0);
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_oflag &= ~(tcflag_t)OPOST;
	ck_assert_int_eq(tcsetattr(p->slave, TCSANOW, &t), 0);
}

static void pty_close(struct pty *p)
{
	close(p->master);
	close(p->slave);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads the master until want has come (or the time is out): what came. */
static char *pty_until(struct pty *p, const char *want)
{
	char *got = xstrdup("");
	double end = now() + WAIT_SECONDS;

	while (!strstr(got, want) && now() < end) {
		struct pollfd pf = { p->master, POLLIN, 0 };
		char buf[512];
		ssize_t n;

		if (poll(&pf, 1, 200) <= 0)
			continue;
		n = read(p->master, buf, sizeof(buf) - 1);
		if (n <= 0)
			break;
		buf[n] = '\0';
		got = reconcat(got, got, buf, NULL);
	}
	ck_assert_msg(strstr(got, want), "no \"%s\" on the terminal: \"%s\"", want,
		      got);
	return got;
}

static void pty_write(struct pty *p, const char *text)
{
	ck_assert_int_eq(write(p->master, text, strlen(text)),
			 (ssize_t)strlen(text));
}

/* Starts mvdb in the background with its stdout and stderr into out
 * (stdin /dev/null); its pidfd. */
static int spawn_mvdb(char *const words[], int out, pid_t *pid)
{
	char *argv[16] = { (char *)mvdb_path() };
	int n = 1, pidfd;

	for (int i = 0; words[i] && n < 15; i++)
		argv[n++] = words[i];
	argv[n] = NULL;
	*pid = fork();
	ck_assert_int_ge(*pid, 0);
	if (*pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(out, 1);
		dup2(out, 2);
		setpgid(0, 0);
		execv(argv[0], argv);
		_exit(127);
	}
	pidfd = (int)syscall(SYS_pidfd_open, *pid, 0);
	ck_assert_int_ge(pidfd, 0);
	return pidfd;
}

/* Waits for mvdb to end; its status (128+N: killed by N).  Killed and
 * failed when it takes longer than WAIT_SECONDS. */
static int wait_mvdb(int pidfd, pid_t pid)
{
	struct pollfd pf = { pidfd, POLLIN, 0 };
	int status;

	if (poll(&pf, 1, WAIT_SECONDS * 1000) != 1) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	close(pidfd);
	ck_assert_msg(!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL,
		      "mvdb did not end");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The program's input and output are the terminal: what is typed there
 * reaches cat, what cat writes comes out there (and not on mvdb's
 * stdout), and the end of input ends it. */
START_TEST(tty_is_the_programs_terminal)
{
	struct pty p;
	char *opt, *got, *log = temp_dir(), *outpath;
	int out, pidfd, status;
	pid_t pid;

	pty_open(&p);
	opt = xasprintf("--tty=%s", p.name);
	outpath = xasprintf("%s/out", log);
	out = open(outpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	pidfd = spawn_mvdb((char *[]){ "--batch", opt, "--", "cat", NULL },
			   out, &pid);
	pty_write(&p, "typed on the terminal\n");
	got = pty_until(&p, "typed on the terminal\n");
	ck_assert_str_eq(got, "typed on the terminal\n");
	free(got);
	pty_write(&p, "\004");
	status = wait_mvdb(pidfd, pid);
	ck_assert_int_eq(status, 0);
	close(out);
	got = slurp(outpath, NULL);
	ck_assert_str_eq(got, "");
	free(got);
	free(outpath);
	free(opt);
	rm_rf(log);
	free(log);
	pty_close(&p);
}
END_TEST

/* It is the program's controlling terminal: Ctrl-C typed there ends
 * every variant as it ends the native program (SIGINT: 130). */
START_TEST(tty_is_the_controlling_terminal)
{
	struct pty p;
	struct run r;
	char *opt, *got;
	int out, pidfd;
	pid_t pid;

	pty_open(&p);
	opt = xasprintf("--tty=%s", p.name);
	out = open("/dev/null", O_WRONLY | O_CLOEXEC);
	pidfd = spawn_mvdb((char *[]){ "--batch", opt, "--", (char *)tracee("spin"),
				       NULL },
			   out, &pid);
	close(out);
	free(pty_until(&p, "spinning\n"));
	pty_write(&p, "\003");
	ck_assert_int_eq(wait_mvdb(pidfd, pid), 130);
	/* line mode says so when it starts */
	mvdb_input(&r, "quit\n", "--line", opt, "--", "cat", NULL);
	got = xasprintf("The program's input and output are on %s, its controlling terminal.\n",
			p.name);
	ck_assert_msg(strstr(r.out, got), "%s", r.out);
	free(got);
	run_free(&r);
	/* a terminal that cannot be opened is a bad command line */
	mvdb_input(&r, NULL, "--batch", "--tty=/nonexistent/pts", "--", "cat", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "--tty: cannot open '/nonexistent/pts'"));
	run_free(&r);
	free(opt);
	pty_close(&p);
}
END_TEST

/* Line mode on a terminal: a private tmux server, one pane running
 * mvdb --line with the given words, kept after mvdb ends. */
struct tmux {
	char sock[64];	/* -L name */
	char *dir;	/* XDG_STATE_HOME */
};

static char *tmux(const struct tmux *t, const char *args)
{
	char *cmd = xasprintf("tmux -L %s %s", t->sock, args), *out;
	struct run r;

	run_sh(&r, cmd);
	out = xstrdup(r.out);
	run_free(&r);
	free(cmd);
	return out;
}

static void tmux_start(struct tmux *t, const char *words)
{
	char *args;

	snprintf(t->sock, sizeof(t->sock), "mvdb-input-%d", (int)getpid());
	t->dir = temp_dir();
	free(tmux(t, "kill-server 2>/dev/null"));
	args = xasprintf("-f /dev/null new-session -d -s mvdb -x 120 -y 40 "
			 "\"env XDG_STATE_HOME=%s TERM=xterm INPUTRC=/dev/null %s --line %s\" "
			 "\\; set-option -t mvdb remain-on-exit on",
			 t->dir, mvdb_path(), words);
	free(tmux(t, args));
	free(args);
}

static void tmux_stop(struct tmux *t)
{
	free(tmux(t, "kill-server"));
	rm_rf(t->dir);
	free(t->dir);
}

static void keys(const struct tmux *t, const char *keys)
{
	char *args = xasprintf("send-keys -t mvdb %s", keys);

	free(tmux(t, args));
	free(args);
}

/* The last line that starts with "(mvdb)", trailing blanks dropped. */
static char *last_prompt(const char *screen)
{
	const char *last = NULL;
	char *line;
	size_t n;

	for (const char *p = screen; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, "(mvdb)", 6) == 0)
			last = p;
	line = last ? xstrndup(last, strcspn(last, "\n")) : xstrdup("");
	n = strlen(line);
	while (n && line[n - 1] == ' ')
		line[--n] = '\0';
	return line;
}

static bool shows(const char *screen, const char *text)
{
	return strstr(screen, text) != NULL;
}

static bool shows_twice(const char *screen, const char *text)
{
	return count_of(screen, text) == 2;
}

static bool prompt_is(const char *screen, const char *text)
{
	char *line = last_prompt(screen);
	bool ok = strcmp(line, text) == 0;

	free(line);
	return ok;
}

/* Polls the pane until ok(screen, arg): the last screen, owned, which
 * the caller's assertion shows when the time ran out. */
static char *wait_pane(const struct tmux *t,
		       bool (*ok)(const char *, const char *), const char *arg)
{
	double end = now() + WAIT_SECONDS;

	for (;;) {
		char *s = tmux(t, "capture-pane -p -t mvdb");

		if (ok(s, arg) || now() > end)
			return s;
		free(s);
		poll(NULL, 0, 50);
	}
}

#define ck_assert_pane(t, ok, arg)                                           \
	do {                                                                 \
		char *s_ = wait_pane(t, ok, arg);                            \
		bool ok_ = ok(s_, arg);                                      \
		if (!ok_)                                                    \
			fprintf(stderr, "pane without \"%s\":\n%s\n", arg, s_); \
		free(s_);                                                    \
		ck_assert_msg(ok_, "%s \"%s\"", #ok, arg);                  \
	} while (0)

/* mvdb's terminal is cat's input too: lines typed while it runs are
 * cat's; after Ctrl-C the terminal is mvdb's (the read cat waits in is
 * made again on continue), so the next command is not cat's. */
START_TEST(line_mode_takes_its_terminal_back)
{
	struct tmux t;
	char *s;

	tmux_start(&t, "-- cat");
	ck_assert_pane(&t, prompt_is, "(mvdb)");
	keys(&t, "continue Enter");
	keys(&t, "'first line' Enter");
	/* the terminal's echo and cat's copy */
	ck_assert_pane(&t, shows_twice, "first line");
	keys(&t, "C-c");
	ck_assert_pane(&t, shows, "Interrupted a");
	ck_assert_pane(&t, prompt_is, "(mvdb)");
	keys(&t, "'info variants' Enter");
	ck_assert_pane(&t, shows, "Variant  Pid");
	s = tmux(&t, "capture-pane -p -t mvdb");
	ck_assert_int_eq(count_of(s, "info variants"), 1);
	free(s);
	keys(&t, "continue Enter");
	keys(&t, "'second line' Enter");
	ck_assert_pane(&t, shows_twice, "second line");
	keys(&t, "C-d");
	ck_assert_pane(&t, shows, "The program exited with status 0");
	keys(&t, "quit Enter");
	tmux_stop(&t);
}
END_TEST

/* With a terminal of its own (--tty), a run interrupted while the
 * program waits to read it says so at the prompt; what is typed there
 * later reaches the program when it goes on. */
START_TEST(line_prompt_says_the_program_reads)
{
	struct pty p;
	struct tmux t;
	char *words, *want;
	bool reading = false;

	pty_open(&p);
	words = xasprintf("--tty=%s -- cat", p.name);
	tmux_start(&t, words);
	want = xasprintf("on %s, its controlling terminal", p.name);
	ck_assert_pane(&t, shows, want);
	ck_assert_pane(&t, prompt_is, "(mvdb)");
	/* cat copies a line, then waits to read the next: Ctrl-C.  It may
	 * come just before the read is made (then the program stands at
	 * its call, and reads nothing): go on and try again. */
	for (int i = 0; i < 20 && !reading; i++) {
		char *line = xasprintf("line %d\n", i), *s;

		keys(&t, "continue Enter");
		pty_write(&p, line);
		free(pty_until(&p, line));
		keys(&t, "C-c");
		s = wait_pane(&t, prompt_is, "(mvdb) [program is reading stdin]");
		reading = prompt_is(s, "(mvdb) [program is reading stdin]");
		if (!reading)
			ck_assert_msg(prompt_is(s, "(mvdb)"), "no prompt:\n%s", s);
		free(s);
		free(line);
	}
	ck_assert(reading);
	/* typed for the program while mvdb has the prompt: read by it then,
	 * written out when it goes on */
	pty_write(&p, "typed at the prompt\n");
	keys(&t, "continue Enter");
	free(pty_until(&p, "typed at the prompt\n"));
	pty_write(&p, "\004");
	ck_assert_pane(&t, shows, "The program exited with status 0");
	ck_assert_pane(&t, prompt_is, "(mvdb)");
	keys(&t, "quit Enter");
	tmux_stop(&t);
	free(want);
	free(words);
	pty_close(&p);
}
END_TEST

/* The servers of tests that failed before their kill-server. */
static void tmux_leftovers(void)
{
	tmux_reap("mvdb-input-");
}

Suite *input_suite(void)
{
	Suite *s = suite_create("input");
	TCase *tc = tcase_create("end to end");
	TCase *tty = tcase_create("in tmux");

	tcase_add_unchecked_fixture(tty, NULL, tmux_leftovers);

	tcase_set_timeout(tc, 2 * WAIT_SECONDS);
	tcase_add_test(tc, stdin_option_in_batch_mode);
	tcase_add_test(tc, run_from_a_file_in_line_mode);
	tcase_add_test(tc, commands_from_a_pipe_are_not_the_programs);
	tcase_add_test(tc, tty_is_the_programs_terminal);
	tcase_add_test(tc, tty_is_the_controlling_terminal);
	suite_add_tcase(s, tc);
	tcase_set_timeout(tty, 4 * WAIT_SECONDS);
	tcase_add_test(tty, line_mode_takes_its_terminal_back);
	tcase_add_test(tty, line_prompt_says_the_program_reads);
	suite_add_tcase(s, tty);
	return s;
}
