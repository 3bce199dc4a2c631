/* The platform, differentially: each case runs natively and under
 * mvdb --batch -n 2 and -n 3, each run in a fresh directory of its own,
 * and must print the same stdout and stderr, end with the same status
 * and leave the same files (contents and modes).  A case with an answer
 * of its own is not differential: there mvdb must print that answer
 * (io_uring is refused), whatever a native run says.
 *
 * Every run is made up front, by an unchecked fixture, several at a time
 * and each killed after RUN_TIMEOUT seconds: a hang costs one timeout
 * instead of stalling the suite.  The tests then only compare. */
#include "run.h"
#include "suites.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
	RUN_TIMEOUT = 20,	/* seconds before a run counts as hung */
	MAX_JOBS = 16,		/* runs going at once */
	NMODES = 3,		/* native, -n 2, -n 3 */
};

/* One case.  cmd and pre are shell text: $T is the tracee directory,
 * and the run's working directory is an empty one of its own. */
static const struct pcase {
	const char *name;	/* what it shows, for failure messages */
	const char *cmd;	/* run natively, or after mvdb ... -- */
	const char *pre;	/* shell commands before it, outside mvdb */
	const char *files;	/* files it leaves, compared (spaced) */
	const char *want;	/* not differential: mvdb's stdout */
} cases[] = {
	/* Differential cases. */
	{ "an empty O_NONBLOCK pipe answers EAGAIN", "$T/plat_nonblock" },
	{ "yes | head: the writer dies of SIGPIPE, not mvdb",
	  "bash -c 'yes | head -1; echo after'" },
	{ "a writer to a pipe with no reader dies of SIGPIPE",
	  "sh -c '\"$T\"/plat_epipe; echo status $?'" },
	/* Would pass with mvdb itself dying of the SIGPIPE: the case above
	 * tells the two apart. */
	{ "a program killed by SIGPIPE ends with status 141", "$T/plat_epipe" },
	{ "with SIGPIPE ignored, the write answers EPIPE",
	  "$T/plat_epipe ignore" },
	{ "two children read one pipe", "$T/plat_pipe_share" },
	{ "a pipeline in a command substitution, 20 times",
	  "bash -c 'for i in $(seq 20); do x=$(echo $i | cat); echo $x; done'" },
	{ "a process substitution", "bash -c 'cat <(seq 3)'" },
	{ "two process substitutions",
	  "bash -c 'diff <(seq 5) <(seq 5) && echo same'" },
	{ "files are created with the program's umask", "$T/plat_umask",
	  NULL, "made.txt made.d" },
	{ "writing /proc/self/comm renames the program", "$T/plat_comm" },
	{ "after dropping root, files open with the program's rights",
	  "$T/plat_setuid" },
	{ "/proc/self/cwd is the program's cwd", "$T/plat_proc_cwd", NULL,
	  "f.txt sub sub/f.txt" },
	{ "/dev/fd/N and /proc/self/fd/N are the program's fd N",
	  "$T/plat_dev_fd", NULL, "written.txt" },
	{ "started with stdout closed, fd 1 stays closed",
	  "$T/plat_closed_stdout", "exec >&-", "out.txt" },
	{ "stdout closed by the program's shell stays closed",
	  "sh -c 'exec >&-; \"$T\"/plat_closed_stdout'", NULL, "out.txt" },
	{ "dup returns the lowest free number", "$T/plat_dup_low" },
	{ "F_DUPFD 10 returns a number from 10 up, below 256",
	  "$T/plat_dupfd" },
	{ "a read into a read-only page fails with EFAULT", "$T/plat_efault",
	  NULL, "data.txt" },
	{ "sendmsg and recvmsg carry a two-piece iovec", "$T/plat_sendmsg" },
	{ "a relative AF_UNIX address is in the program's directory",
	  "$T/plat_unix_rel" },
	{ "600 children forked, waited for out of order; fork and wait4 "
	  "interrupted by SIGCHLD go on as natively",
	  "$T/plat_forkloop 200" },
	{ "poll, ppoll, select, pselect6 on a pipe and a file",
	  "$T/plat_poll" },
	{ "a pipeline's children reaped in any order, 100 times",
	  "sh -c 'for i in $(seq 100); do ls / | wc -l; done'" },
	{ "a child's end interrupts a platform read (no SA_RESTART)",
	  "$T/plat_read_eintr" },
	{ "make -j2: jobserver, pselect, SIGCHLD",
	  "sh \"$T\"/../../tests/make_j2.sh" },
	{ "a SIGCHLD handler and sleeps cut short in one variant only",
	  "$T/sig_chld_sleep" },
	{ "a forked child keeps its parent's SA_RESTART handler",
	  "$T/sig_restart_fork" },
	{ "a background job killed with kill -9, 10 times",
	  "bash -c 'for i in 1 2 3 4 5 6 7 8 9 10; do sleep 10 & kill -9 $!; "
	  "wait; done 2>/dev/null; echo done'" },
	{ "nproc counts the CPUs mvdb was given, not its placement",
	  "nproc" },
	{ "a program's own CPU placement stays while mvdb spreads",
	  "$T/plat_affinity" },
	{ "a shell pipeline into a file, 20 times",
	  "sh -c 'for i in $(seq 20); do echo y | cat > f; done; cat f'" },
	{ "descriptors passed with SCM_RIGHTS, local and platform",
	  "$T/plat_scm", NULL, "scm.txt" },
	{ "struct flock's padding and l_pid are not compared",
	  "$T/plat_flock_pad", NULL, "pad.txt" },
	{ "POSIX record locks are each process's", "$T/plat_posix_lock",
	  NULL, "locks.txt" },
	{ "flock is the program's, not the variants'", "$T/plat_flock", NULL,
	  "lock.txt" },
	/* mvdb must answer so. */
	{ "io_uring_setup is refused with ENOSYS", "$T/plat_io_uring", NULL,
	  NULL, "io_uring_setup: ENOSYS\n" },
	{ "the monitor's /proc entry is out of reach by symlink or relative path",
	  "$T/plat_monitor_proc .", NULL, NULL,
	  "through a symlink: Permission denied\n"
	  "through /proc/self/..: Permission denied\n"
	  "relative to /proc: Permission denied\n"
	  "its mem is owned by uid 0\n" },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* One run of one case. */
struct prun {
	const struct pcase *c;	/* its case */
	int n;			/* number of variants; 0: the native run */
	char *dir;		/* its working directory; DIR.out, DIR.err */
	char *line;		/* the whole shell line */
	pid_t pid;		/* while it runs, else 0 */
	int pidfd;		/* readable once the run has ended */
	double deadline;	/* when it is killed */
	bool done;		/* r is filled */
	struct run r;		/* what it printed and how it ended */
};

/* Case i in mode m (0 native, 1 -n 2, 2 -n 3) is runs[i * NMODES + m]. */
static struct prun runs[NCASES * NMODES];
static char *base;	/* holds every run's directory */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The tracee directory, absolute: runs change directory. */
static char *tracee_dir(void)
{
	char *abs = realpath(tracee(""), NULL);

	return abs ? abs : xstrdup(tracee(""));
}

/* Starts p in its own directory and process group, stdin /dev/null,
 * stdout and stderr into files beside the directory. */
static void start(struct prun *p)
{
	char *out = xasprintf("%s.out", p->dir);
	char *err = xasprintf("%s.err", p->dir);
	pid_t pid;

	if (mkdir(p->dir, 0755) == -1)
		abort();
	pid = fork();
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 ||
		    dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(125);
		/* Nothing of the test runner's reaches the run. */
		close_range(3, ~0u, 0);
		setpgid(0, 0);
		if (chdir(p->dir) == -1)
			_exit(126);
		execl("/bin/sh", "sh", "-c", p->line, (char *)NULL);
		_exit(127);
	}
	if (pid == -1)
		abort();
	setpgid(pid, pid);
	p->pid = pid;
	p->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (p->pidfd == -1)
		abort();
	p->deadline = now() + RUN_TIMEOUT;
	free(out);
	free(err);
}

/* Collects a run that has ended, or kills it when it is out of time.
 * The rest of its process group goes either way. */
static void finish(struct prun *p, bool timedout)
{
	char *out = xasprintf("%s.out", p->dir);
	char *err = xasprintf("%s.err", p->dir);
	int status = 0;

	kill(-p->pid, SIGKILL);
	if (timedout)
		kill(p->pid, SIGKILL);
	while (waitpid(p->pid, &status, 0) == -1 && errno == EINTR)
		;
	close(p->pidfd);
	p->r.timedout = timedout;
	p->r.status = WIFEXITED(status) ? WEXITSTATUS(status)
					: 128 + WTERMSIG(status);
	p->r.out = slurp(out, &p->r.outlen);
	p->r.err = slurp(err, &p->r.errlen);
	if (!p->r.out)
		p->r.out = xstrdup("");
	if (!p->r.err)
		p->r.err = xstrdup("");
	p->pid = 0;
	p->done = true;
	free(out);
	free(err);
}

/* Whether run k is made: a case with an answer of its own has no
 * native run. */
static bool is_made(size_t k)
{
	return !(k % NMODES == 0 && cases[k / NMODES].want);
}

/* Makes every run, at most MAX_JOBS at once, waiting in one poll for
 * the first to end or to run out of time. */
static void run_all(void)
{
	struct pollfd pfd[MAX_JOBS];
	struct prun *running[MAX_JOBS];
	size_t next = 0;
	int nrun = 0;

	for (;;) {
		double soonest = 0;
		int left;

		while (nrun < MAX_JOBS && next < NCASES * NMODES) {
			if (is_made(next)) {
				start(&runs[next]);
				running[nrun++] = &runs[next];
			}
			next++;
		}
		if (nrun == 0)
			return;
		for (int i = 0; i < nrun; i++) {
			pfd[i] = (struct pollfd){ .fd = running[i]->pidfd,
						  .events = POLLIN };
			if (i == 0 || running[i]->deadline < soonest)
				soonest = running[i]->deadline;
		}
		left = (int)((soonest - now()) * 1000) + 1;
		poll(pfd, (nfds_t)nrun, left > 0 ? left : 0);
		for (int i = nrun - 1; i >= 0; i--) {
			bool late = now() >= running[i]->deadline;

			if (!(pfd[i].revents & POLLIN) && !late)
				continue;
			finish(running[i], !(pfd[i].revents & POLLIN));
			running[i] = running[--nrun];
		}
	}
}

static void setup(void)
{
	char *tdir = tracee_dir();

	base = temp_dir();
	for (size_t k = 0; k < NCASES * NMODES; k++) {
		struct prun *p = &runs[k];
		char *mvdb = NULL;

		p->c = &cases[k / NMODES];
		p->n = k % NMODES ? (int)(k % NMODES) + 1 : 0;
		p->dir = xasprintf("%s/%zu-%d", base, k / NMODES, p->n);
		if (p->n)
			mvdb = xasprintf("'%s' --batch -n %d -- ", mvdb_path(),
					 p->n);
		p->line = xasprintf("T='%s'; export T; %s%sexec %s%s", tdir,
				    p->c->pre ? p->c->pre : "",
				    p->c->pre ? "; " : "", mvdb ? mvdb : "",
				    p->c->cmd);
		free(mvdb);
	}
	free(tdir);
	run_all();
}

static void teardown(void)
{
	for (size_t k = 0; k < NCASES * NMODES; k++) {
		run_free(&runs[k].r);
		free(runs[k].dir);
		free(runs[k].line);
	}
	memset(runs, 0, sizeof(runs));
	rm_rf(base);
	free(base);
}

/* A file as the comparison sees it: kind, mode and contents. */
static char *describe(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name), *text, *body;
	struct stat st;

	if (lstat(path, &st) == -1)
		text = xasprintf("%s: missing", name);
	else if (S_ISDIR(st.st_mode))
		text = xasprintf("%s: directory, mode %04o", name,
				 st.st_mode & 07777);
	else if (!S_ISREG(st.st_mode))
		text = xasprintf("%s: type %o", name, st.st_mode & S_IFMT);
	else {
		body = slurp(path, NULL);
		text = xasprintf("%s: mode %04o, \"%s\"", name,
				 st.st_mode & 07777,
				 body ? body : "(unreadable)");
		free(body);
	}
	free(path);
	return text;
}

/* Files the native run and run m left alike. */
static void compare_files(const struct prun *native, const struct prun *m)
{
	char *names = xstrdup(m->c->files), *save = NULL;

	for (char *f = strtok_r(names, " ", &save); f;
	     f = strtok_r(NULL, " ", &save)) {
		char *a = describe(native->dir, f), *b = describe(m->dir, f);

		ck_assert_msg(strcmp(a, b) == 0, "%s, -n %d: %s; natively %s",
			      m->c->name, m->n, b, a);
		free(a);
		free(b);
	}
	free(names);
}

/* A run, for a failure message. */
static char *show(const struct prun *p)
{
	char *who = p->n ? xasprintf("under mvdb -n %d", p->n)
			 : xstrdup("natively");
	char *text = xasprintf("%s: %s\n  status %d%s\n  stdout: \"%s\"\n"
			       "  stderr: \"%s\"\n", who, p->line, p->r.status,
			       p->r.timedout ? " (hung: killed)" : "",
			       p->r.out, p->r.err);

	free(who);
	return text;
}

static void mismatch(const struct prun *m, const struct prun *native,
		 const char *what)
{
	char *a = show(m), *b = native ? show(native) : xstrdup("");

	ck_abort_msg("%s: %s\n%s%s", m->c->name, what, a, b);
}

/* Case _i / 2 under -n 2 (even _i) or -n 3 (odd _i). */
START_TEST(same_as_native)
{
	const struct prun *native = &runs[(_i / 2) * NMODES];
	const struct prun *m = &runs[(_i / 2) * NMODES + 1 + _i % 2];
	char *what;

	ck_assert_msg(m->done, "%s: not run", m->c->name);
	if (m->r.timedout) {
		what = xasprintf("hung, killed after %d s", RUN_TIMEOUT);
		mismatch(m, m->c->want ? NULL : native, what);
	}
	if (m->c->want) {
		if (m->r.status != 0 || strcmp(m->r.out, m->c->want) != 0) {
			what = xasprintf("mvdb must print \"%s\"", m->c->want);
			mismatch(m, NULL, what);
		}
		return;
	}
	if (!native->done || native->r.timedout)
		mismatch(native, NULL, "the native run hung");
	if (m->r.status != native->r.status)
		mismatch(m, native, "the status differs");
	if (strcmp(m->r.out, native->r.out) != 0)
		mismatch(m, native, "stdout differs");
	if (strcmp(m->r.err, native->r.err) != 0)
		mismatch(m, native, "stderr differs");
	if (m->c->files)
		compare_files(native, m);
}
END_TEST

Suite *platform_suite(void)
{
	Suite *s = suite_create("platform");
	TCase *diff = tcase_create("differential");

	tcase_add_unchecked_fixture(diff, setup, teardown);
	tcase_set_timeout(diff, 30);
	tcase_add_loop_test(diff, same_as_native, 0, (int)NCASES * 2);
	suite_add_tcase(s, diff);
	return s;
}
