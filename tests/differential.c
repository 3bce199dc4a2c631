/* The differential runner (differential.h). */
#include "differential.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
	MAX_JOBS = 16,		/* runs going at once */
	NMODES = 3,		/* native, -n 2, -n 3 */
};

/* One run of one case. */
struct prun {
	const struct pcase *c;	/* its case */
	int n;			/* number of variants; 0: the native run */
	char *dir;		/* its working directory; DIR.out, DIR.err */
	char *line;		/* the whole shell line */
	pid_t pid;		/* while it runs, else 0 */
	int pidfd;		/* readable once the run has ended */
	int limit;		/* seconds it may take */
	double deadline;	/* when it is killed */
	bool done;		/* r is filled */
	struct run r;		/* what it printed and how it ended */
};

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

/* A network namespace of the run's own, its loopback up, ICMP
 * datagram sockets open to every group (as ping wants them). */
static bool own_network(void)
{
	struct ifreq lo = { .ifr_name = "lo" };
	int s, ping;
	bool ok;

	if (unshare(CLONE_NEWNET) == -1)
		return false;
	s = socket(AF_INET, SOCK_DGRAM, 0);
	ok = s >= 0 && ioctl(s, SIOCGIFFLAGS, &lo) == 0;
	lo.ifr_flags |= IFF_UP;
	ok = ok && ioctl(s, SIOCSIFFLAGS, &lo) == 0;
	if (s >= 0)
		close(s);
	ping = open("/proc/sys/net/ipv4/ping_group_range", O_WRONLY);
	ok = ok && ping >= 0 && write(ping, "0 2147483647", 12) == 12;
	if (ping >= 0)
		close(ping);
	return ok;
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
		if (chdir(p->dir) == -1 || (p->c->netns && !own_network()))
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
	p->deadline = now() + p->limit;
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
static bool is_made(const struct difftable *t, size_t k)
{
	return !(k % NMODES == 0 && t->cases[k / NMODES].want);
}

/* Makes every run, at most MAX_JOBS at once (or the table's jobs), waiting in one poll for
 * the first to end or to run out of time. */
static void run_all(struct difftable *t)
{
	struct pollfd pfd[MAX_JOBS];
	struct prun *running[MAX_JOBS];
	size_t next = 0;
	int nrun = 0;

	int jobs = t->jobs > 0 && t->jobs < MAX_JOBS ? t->jobs : MAX_JOBS;

	for (;;) {
		double soonest = 0;
		int left;

		while (nrun < jobs && next < t->n * NMODES) {
			if (is_made(t, next)) {
				start(&t->runs[next]);
				running[nrun++] = &t->runs[next];
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

void diff_setup(struct difftable *t)
{
	char *tdir = tracee_dir();

	t->base = temp_dir();
	t->runs = XCNEWVEC(struct prun, t->n * NMODES);
	for (size_t k = 0; k < t->n * NMODES; k++) {
		struct prun *p = &t->runs[k];
		char *mvdb = NULL;

		p->c = &t->cases[k / NMODES];
		p->n = k % NMODES ? (int)(k % NMODES) + 1 : 0;
		p->limit = t->timeout > DIFF_TIMEOUT ? t->timeout : DIFF_TIMEOUT;
		p->dir = xasprintf("%s/%zu-%d", t->base, k / NMODES, p->n);
		if (p->n)
			mvdb = xasprintf("'%s' --batch -n %d -- ", mvdb_path(),
					 p->n);
		p->line = xasprintf("T='%s'; export T; %s%s%s%s%sexec %s%s%s%s",
				    tdir, p->c->pre ? p->c->pre : "",
				    p->c->pre ? "; " : "",
				    p->c->beside ? "( { " : "",
				    p->c->beside ? p->c->beside : "",
				    p->c->beside ? "; } & ); " : "",
				    p->c->outer ? p->c->outer : "",
				    p->c->outer ? " " : "", mvdb ? mvdb : "",
				    p->c->cmd);
		free(mvdb);
	}
	free(tdir);
	run_all(t);
}

void diff_teardown(struct difftable *t)
{
	for (size_t k = 0; k < t->n * NMODES; k++) {
		run_free(&t->runs[k].r);
		free(t->runs[k].dir);
		free(t->runs[k].line);
	}
	free(t->runs);
	t->runs = NULL;
	rm_rf(t->base);
	free(t->base);
	t->base = NULL;
}

char *diff_file(const struct difftable *t, size_t c, int n, const char *name)
{
	const struct prun *p = &t->runs[c * NMODES + (n ? n - 1 : 0)];
	char *path = xasprintf("%s/%s", p->dir, name);
	char *text = slurp(path, NULL);

	free(path);
	return text;
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

/* Bytes of a run's output a failure message shows: Check's messages
 * have a bound (4 KiB in all), past which the test program dies with
 * no word of which case failed. */
#define SHOW_MAX 600

/* A run, for a failure message: its output's head, and its length when
 * cut. */
static char *show(const struct prun *p)
{
	char *who = p->n ? xasprintf("under mvdb -n %d", p->n)
			 : xstrdup("natively");
	size_t no = strlen(p->r.out), ne = strlen(p->r.err);
	char *text = xasprintf("%s: %s\n  status %d%s\n  stdout: \"%.*s\"%s\n"
			       "  stderr: \"%.*s\"%s\n", who, p->line,
			       p->r.status,
			       p->r.timedout ? " (hung: killed)" : "",
			       SHOW_MAX, p->r.out, no > SHOW_MAX ? "..." : "",
			       SHOW_MAX, p->r.err, ne > SHOW_MAX ? "..." : "");

	free(who);
	return text;
}

static void mismatch(const struct prun *m, const struct prun *native,
		 const char *what)
{
	char *a = show(m), *b = native ? show(native) : xstrdup("");

	ck_abort_msg("%s: %s\n%s%s", m->c->name, what, a, b);
}

void diff_check(const struct difftable *t, int i)
{
	const struct prun *native = &t->runs[(i / 2) * NMODES];
	const struct prun *m = &t->runs[(i / 2) * NMODES + 1 + i % 2];
	char *what;

	ck_assert_msg(m->done, "%s: not run", m->c->name);
	if (m->r.timedout) {
		what = xasprintf("hung, killed after %d s", m->limit);
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

