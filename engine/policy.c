/* The file policy: routing each call to the variants or the platform. */
#include "policy.h"
#include "session_int.h"
#include "args.h"
#include "mem.h"
#include "ptrace.h"
#include "shm.h"

#include <ctype.h>
#include <linux/magic.h>
#include <sys/statfs.h>
#include <poll.h>
#include <sys/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A call with rules of its own: a decision and, after it ran in the
 * variants, what its results mean for the fd tables. */
struct special {
	void (*decide)(struct session *s, struct vset *set, struct decision *d);
	void (*finish)(struct session *s, struct vset *set, struct variant *v);
};

static const struct call *lead(const struct vset *set)
{
	return &set->v[0].call;
}

/* Index of the first argument of kind k, or -1. */
static int find_arg(const struct call *c, enum argkind k)
{
	for (int i = 0; i < c->sc->nargs; i++)
		if (c->sc->args[i].kind == k)
			return i;
	return -1;
}

static bool is_platform(const struct vset *set, long fd)
{
	return pmap_get(set->fds, fd) != NULL;
}

static void fail(struct decision *d, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct decision *d, int err, const char *fmt, ...)
{
	va_list ap;

	d->route = ROUTE_INJECT;
	d->ret = -err;
	va_start(ap, fmt);
	vsnprintf(d->note, sizeof(d->note), fmt, ap);
	va_end(ap);
}

/* Routes by the call's fd arguments: any platform number sends the call
 * to the platform; a number at or above the offset that the platform
 * does not hold is EBADF. */
static void route_fds(const struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);

	d->route = ROUTE_VARIANT;
	for (int i = 0; i < c->sc->nargs; i++) {
		enum argkind k = c->sc->args[i].kind;
		int fd = (int)c->args[i];

		if (k != ARG_FD && !(k == ARG_DIRFD && fd != AT_FDCWD))
			continue;
		if (is_platform(set, fd)) {
			d->route = ROUTE_PLATFORM;
		} else if (fd >= set->fds->offset) {
			fail(d, EBADF, "%d is not an open platform fd", fd);
			return;
		}
	}
}

/* The process id of the thread group variant v belongs to. */
static pid_t tgid_of(const struct session *s, const struct variant *v)
{
	return set_get(s, set_get(s, v->set)->group)->v[v->index].pid;
}

/* An absolute path as the variant means it, for the monitor to use:
 * /proc/self and /proc/thread-self name the variant, /dev/fd/N and
 * /proc/self/fd/N its descriptor N (the monitor's real one when N is a
 * platform number).  Returns false when the path needs no change. */
static bool variant_view(const struct session *s, const struct variant *v,
			 const char *path, char *buf, size_t size)
{
	pid_t tgid = tgid_of(s, v);
	char own[32];
	const char *rest = NULL;
	int fd, used = 0;

	snprintf(own, sizeof(own), "/proc/%d", (int)tgid);
	if (strncmp(path, "/dev/fd/", 8) == 0)
		rest = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		rest = path + 14;
	else if (strncmp(path, own, strlen(own)) == 0 &&
		 strncmp(path + strlen(own), "/fd/", 4) == 0)
		rest = path + strlen(own) + 4;
	if (rest && sscanf(rest, "%d%n", &fd, &used) == 1 &&
	    (rest[used] == '\0' || rest[used] == '/')) {
		const struct pfile *pf = pmap_get(set_get(s, v->set)->fds, fd);

		/* Only the link itself leads to the platform's object: a
		 * path through it (/dev/fd/N/..) would walk the monitor's
		 * own /proc. */
		if (pf && rest[used] == '\0')
			snprintf(buf, size, "/proc/self/fd/%d%s", pf->realfd,
				 rest + used);
		else
			snprintf(buf, size, "/proc/%d/fd/%d%s", (int)tgid, fd,
				 rest + used);
		return true;
	}
	if (strncmp(path, "/proc/self", 10) == 0 &&
	    (path[10] == '\0' || path[10] == '/')) {
		snprintf(buf, size, "/proc/%d%s", (int)tgid, path + 10);
		return true;
	}
	if (strncmp(path, "/proc/thread-self", 17) == 0 &&
	    (path[17] == '\0' || path[17] == '/')) {
		snprintf(buf, size, "/proc/%d/task/%d%s", (int)tgid,
			 (int)v->pid, path + 17);
		return true;
	}
	return false;
}

void policy_resolve(const struct session *s, const struct variant *v,
		    int dirfd, const char *path, char *buf, size_t size,
		    char *show, size_t showsize)
{
	const struct pfile *pf;
	char link[64], base[PATH_MAX];
	ssize_t n;

	if (path[0] == '/') {
		if (!variant_view(s, v, path, buf, size))
			snprintf(buf, size, "%s", path);
		if (show)
			snprintf(show, showsize, "%s", path);
		return;
	}
	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)v->pid);
	else if ((pf = pmap_get(session_set(s, v->set)->fds, dirfd)))
		snprintf(link, sizeof(link), "/proc/self/fd/%d", pf->realfd);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)v->pid,
			 dirfd);
	snprintf(buf, size, "%s/%s", link, path);
	if (!show)
		return;
	n = readlink(link, base, sizeof(base) - 1);
	if (n < 0) {
		snprintf(show, showsize, "%s", path);
		return;
	}
	base[n] = '\0';
	snprintf(show, showsize, "%s%s%s", base,
		 strcmp(base, "/") ? "/" : "", path);
}

bool policy_is_monitor(pid_t pid)
{
	char task[64];

	if (pid <= 0)
		return false;
	snprintf(task, sizeof(task), "/proc/self/task/%d", (int)pid);
	return pid == getpid() || access(task, F_OK) == 0;
}

/* An absolute path under /proc/<the monitor or one of its threads>. */
static bool names_monitor(const char *path)
{
	int pid;

	return strncmp(path, "/proc/", 6) == 0 &&
	       sscanf(path + 6, "%d", &pid) == 1 && policy_is_monitor(pid);
}

/* The open flags of an open-family call, and whether it creates. */
static int open_flags(const struct call *c)
{
	int i = find_arg(c, ARG_FLAGS);

	if (c->sc->ret != RET_FD)
		return 0;
	if (c->nr == SYS_creat)
		return O_WRONLY | O_CREAT | O_TRUNC;
	if (c->nr == SYS_openat2) {
		int j = find_arg(c, ARG_INSTRUCT);
		unsigned long f = 0;

		if (j >= 0 && c->val[j].len >= sizeof(f))
			memcpy(&f, c->val[j].data, sizeof(f));
		return (int)f;
	}
	return i >= 0 ? (int)c->args[i] : 0;
}

static bool writes(int flags)
{
	return (flags & O_ACCMODE) != O_RDONLY ||
	       (flags & (O_CREAT | O_TRUNC | O_APPEND)) ||
	       (flags & __O_TMPFILE) == __O_TMPFILE;
}

static bool under_proc_self(const char *show, pid_t pid)
{
	char mine[32];

	snprintf(mine, sizeof(mine), "/proc/%d/", (int)pid);
	return strncmp(show, "/proc/self/", 11) == 0 ||
	       strncmp(show, "/proc/thread-self/", 18) == 0 ||
	       strncmp(show, mine, strlen(mine)) == 0;
}

/* A call whose paths all name shared memory (shm.h): each variant
 * makes it on its own copy, so the program's processes map and share
 * it within a variant and never across.  A FIFO or device file there
 * stays the platform's (its open may wait, and its data is output).
 * True when it decided so. */
static bool decide_shm(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	bool any = false;
	struct stat st;

	(void)s;
	for (int i = 0; i < c->sc->nargs; i++) {
		enum argkind k = c->sc->args[i].kind;
		const char *path = (const char *)c->val[i].data;

		if (k == ARG_FD && is_platform(set, (int)c->args[i]))
			return false;
		if (k != ARG_PATH)
			continue;
		if (!c->val[i].read || c->val[i].err || c->val[i].cut ||
		    !c->val[i].len || !shm_names(path))
			return false;
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
		    !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode))
			return false;
		any = true;
	}
	if (!any)
		return false;
	d->route = ROUTE_VARIANT;
	d->shm = true;
	d->need_exit = true;
	return true;
}

static void decide_open(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	int p = find_arg(c, ARG_PATH), dfd = find_arg(c, ARG_DIRFD);
	int flags = open_flags(c);
	int dirfd = dfd >= 0 ? (int)c->args[dfd] : AT_FDCWD;
	char real[PATH_MAX + 64], show[PATH_MAX + 64];
	struct stat st;

	if (decide_shm(s, set, d))
		return;
	route_fds(set, d);
	if (d->route == ROUTE_INJECT)
		return;
	if (p < 0 || !c->val[p].read || c->val[p].err) {
		/* A bad path pointer: the kernel's EFAULT, in each variant. */
		d->route = ROUTE_VARIANT;
		d->need_exit = true;
		return;
	}
	if (d->route == ROUTE_PLATFORM)
		return;
	policy_resolve(s, &set->v[0], dirfd, (const char *)c->val[p].data, real,
		       sizeof(real), show, sizeof(show));
	if (writes(flags) && under_proc_self(show, tgid_of(s, &set->v[0])) &&
	    strncmp(real, "/proc/self/fd/", 14) != 0) {
		/* The process's own settings (comm, oom_score_adj, attr):
		 * each variant changes its own. */
		d->route = ROUTE_VARIANT;
		d->need_exit = true;
		return;
	}
	if (writes(flags)) {
		d->route = ROUTE_PLATFORM;
		return;
	}
	if (strncmp(real, "/proc/self/fd/", 14) == 0) {
		/* A platform number reopened through /dev/fd or /proc:
		 * the platform's object, opened again by the platform. */
		d->route = ROUTE_PLATFORM;
		return;
	}
	if (!under_proc_self(show, set->v[0].pid) && stat(real, &st) == 0 &&
	    (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) ||
	     S_ISSOCK(st.st_mode) || S_ISBLK(st.st_mode))) {
		d->route = ROUTE_PLATFORM;
		snprintf(d->note, sizeof(d->note),
			 "%.100s is a special file: opened once, by the platform",
			 show);
		return;
	}
	d->route = ROUTE_VARIANT;
	d->need_exit = true;
}

static void finish_open(struct session *s, struct variant *v)
{
	const struct call *c = &v->call;
	int p = find_arg(c, ARG_PATH), dfd = find_arg(c, ARG_DIRFD);
	char real[PATH_MAX + 64], show[PATH_MAX + 64];

	if (c->ret < 0)
		return;
	show[0] = '\0';
	if (p >= 0 && c->val[p].read && !c->val[p].err)
		policy_resolve(s, v, dfd >= 0 ? (int)c->args[dfd] : AT_FDCWD,
			       (const char *)c->val[p].data, real, sizeof(real),
			       show, sizeof(show));
	ltable_did_open(v->lt, c->ret, show, open_flags(c));
}

/* A new local fd from a call mvdb does not know the file of. */
static void finish_newfd(struct session *s, struct variant *v)
{
	char link[64], what[128];
	ssize_t n;

	(void)s;
	if (v->call.ret < 0)
		return;
	/* what it is, as the kernel names it: "socket:[123]",
	 * "anon_inode:[signalfd]" */
	snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)v->pid, v->call.ret);
	n = readlink(link, what, sizeof(what) - 1);
	what[n > 0 ? n : 0] = '\0';
	ltable_did_open(v->lt, v->call.ret, what, O_RDWR | args_cloexec(&v->call));
}

/* A read of a signalfd of the variant's own: it must stop at the exit,
 * where the senders' pids become variant 0's. */
static bool reads_signalfd(const struct call *c, const struct ltable *lt)
{
	const struct lfile *lf;

	if (c->nr != SYS_read)
		return false;
	lf = ltable_get(lt, (long)(int)c->args[0]);
	return lf && strcmp(lf->path, "anon_inode:[signalfd]") == 0;
}

/* The records a signalfd read gave variant v name senders by their
 * pids in v's world: they become variant 0's, as in every siginfo. */
static void finish_signalfd(struct session *s, struct variant *v)
{
	struct signalfd_siginfo si;
	long n = v->call.ret;

	for (long at = 0; at + (long)sizeof(si) <= n; at += sizeof(si)) {
		unsigned long addr = v->call.args[1] + (unsigned long)at;
		bool sender;

		if (mem_read(v->pid, addr, &si, sizeof(si)) != sizeof(si))
			return;
		sender = si.ssi_code == SI_USER || si.ssi_code == SI_TKILL ||
			 si.ssi_code == SI_QUEUE || si.ssi_code == SI_MESGQ ||
			 (si.ssi_signo == SIGCHLD && si.ssi_code > 0);
		if (!sender || !si.ssi_pid)
			continue;
		si.ssi_pid = (uint32_t)events_v0_pid(s, (pid_t)si.ssi_pid);
		mem_store(v->pid, addr, &si, sizeof(si));
	}
	if (s->cfg.results)
		args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
}

/* The program's process closes its numbers lo..hi below the offset (its
 * own, or low numbers the platform owns): where one names a file it
 * holds POSIX locks on, they go, as natively any close of the file lets
 * go of them. */
static void closes_locked(struct session *s, struct vset *set, long lo,
			  long hi)
{
	char path[64];
	struct stat st;

	if (!set_get(s, set->group)->nlocks)
		return;
	if (hi >= set->fds->offset)
		hi = set->fds->offset - 1;
	for (long fd = lo < 0 ? 0 : lo; fd <= hi; fd++) {
		const struct pfile *pf = pmap_get(set->fds, fd);

		snprintf(path, sizeof(path), "/proc/%d/fd/%ld",
			 (int)set->v[0].pid, fd);
		if (pf ? fstat(pf->realfd, &st) == 0 : stat(path, &st) == 0)
			platform_drop_locks_of(s, set, &st);
	}
}

static void decide_close(struct session *s, struct vset *set, struct decision *d)
{
	int fd = (int)lead(set)->args[0];

	if (fd >= set->fds->offset) {
		if (is_platform(set, fd))
			d->route = ROUTE_PLATFORM;
		else
			fail(d, EBADF, "%d is not an open platform fd", fd);
		return;
	}
	/* A low number the platform owns (a standard stream) is let go by
	 * the platform, and the variants close what they hold there, so the
	 * next open reuses the number as it would natively. */
	d->route = ROUTE_VARIANT;
	d->unbind_lo = d->unbind_hi = fd;
	closes_locked(s, set, fd, fd);
}

static void decide_close_range(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	unsigned long first = (unsigned)c->args[0], last = (unsigned)c->args[1];

	d->route = ROUTE_VARIANT;
	if (c->args[2] & 4 /* CLOSE_RANGE_CLOEXEC */)
		return;
	d->unbind_lo = (long)first;
	d->unbind_hi = (long)last;
	closes_locked(s, set, (long)first, (long)last);
}

/* The lowest number from min up that neither the platform nor any
 * variant holds, as the kernel gives dup and F_DUPFD; -1 when only
 * numbers at or above the offset are left. */
static long lowest_free(struct session *s, struct vset *set, long min)
{
	for (long n = min < 0 ? 0 : min; n < set->fds->offset; n++) {
		bool used = pmap_get(set->fds, n) != NULL;
		char path[64];

		for (int i = 0; i < s->n && !used; i++) {
			snprintf(path, sizeof(path), "/proc/%d/fd/%ld",
				 (int)set->v[i].pid, n);
			used = access(path, F_OK) == 0;
		}
		if (!used)
			return n;
	}
	return -1;
}

static void decide_dup(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	int old = (int)c->args[0];
	bool two = c->sc->nargs >= 2;
	int new = two ? (int)c->args[1] : -1;

	if (two && new >= set->fds->offset && !is_platform(set, new) &&
	    new != old) {
		fail(d, EBADF,
		     "%d is at or above the platform offset %d but not a platform fd",
		     new, set->fds->offset);
		return;
	}
	if (is_platform(set, old)) {
		d->route = ROUTE_PLATFORM;
		if (two && new >= 0 && new < set->fds->offset && new != old) {
			d->hold_low = new;
			d->hold_cloexec = c->sc->nargs == 3 &&
					  (c->args[2] & O_CLOEXEC);
		} else if (!two) {
			/* dup names the platform's file under the lowest
			 * free number, as the kernel would */
			d->hold_low = (int)lowest_free(s, set, 0);
		}
		return;
	}
	if (old >= set->fds->offset) {
		fail(d, EBADF, "%d is not an open platform fd", old);
		return;
	}
	if (two && is_platform(set, new)) {
		if (new >= set->fds->offset) {
			/* Local onto platform: the variants cannot hold it. */
			fail(d, EBADF,
			     "a local fd cannot be duplicated onto platform fd %d",
			     new);
			return;
		}
		d->unbind_lo = d->unbind_hi = new;
	}
	d->route = ROUTE_VARIANT;
	d->need_exit = true;
}

static void finish_dup(struct session *s, struct vset *set, struct variant *v)
{
	(void)set;

	(void)s;
	if (v->call.ret >= 0)
		ltable_did_dup(v->lt, (int)v->call.args[0], v->call.ret);
}

static void decide_fcntl(struct session *s, struct vset *set, struct decision *d)
{
	int cmd = (int)lead(set)->args[1];

	route_fds(set, d);
	if (d->route == ROUTE_PLATFORM &&
	    (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) {
		d->hold_low = (int)lowest_free(s, set, (long)(int)lead(set)->args[2]);
		d->hold_cloexec = cmd == F_DUPFD_CLOEXEC;
	}
	if (d->route == ROUTE_VARIANT &&
	    (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
		d->need_exit = true;
}

static void finish_fcntl(struct session *s, struct vset *set, struct variant *v)
{
	int cmd = (int)v->call.args[1];

	(void)set;
	if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
		finish_dup(s, set, v);
}

/* A reservation made to be cut to an aligned half: an inaccessible,
 * unbacked mapping whose length is a power of two (glibc's thread
 * arenas take 128 MiB and keep the 64 MiB-aligned half, unmapping what
 * lies before and after it: sizes that depend on where the kernel put
 * it).  Aligned to its half in every variant, it is cut the same way
 * in all.  Up to 1 GiB: the mapping grows by the half first, and a
 * larger one might then not fit where natively it would. */
static bool reservation(const unsigned long args[])
{
	unsigned long len = args[1];

	return args[2] == PROT_NONE && (args[3] & MAP_NORESERVE) &&
	       len >= 4ul << 20 && len <= 1ul << 30 && (len & (len - 1)) == 0;
}

/* Where the kernel puts a large mapping is random, and some programs
 * act on its alignment (CPython loses a 16 KiB pool of an arena that is
 * not 16 KiB aligned, and so asks for its next arena at another
 * moment).  Every variant gets such a mapping at an address aligned to
 * MMAP_ALIGN: the same alignment, the addresses still random. */
unsigned long policy_mmap_align(const unsigned long args[])
{
	if (!(args[3] & MAP_ANONYMOUS) || args[0] || args[1] < MMAP_ALIGN ||
	    (args[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_HUGETLB |
			MAP_GROWSDOWN)))
		return 0;
	return reservation(args) ? args[1] / 2 : MMAP_ALIGN;
}

static void decide_mmap(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	int fd = (int)c->args[4];
	const struct pfile *pf;

	(void)s;
	d->route = ROUTE_VARIANT;
	if (c->args[3] & MAP_ANONYMOUS) {
		d->align = policy_mmap_align(c->args);
		d->need_exit = d->align != 0;
		return;
	}
	pf = pmap_get(set->fds, fd);
	if (!pf)
		return;
	/* The descriptor is the monitor's: the variants have nothing to map
	 * (below the offset they hold a stand-in of another file).  ENODEV,
	 * as for a file that cannot be mapped: programs that can fall back
	 * to read and write do (sqlite, for one); EBADF would say the
	 * program's descriptor was wrong, which it is not. */
	fail(d, ENODEV, "platform fd %d (%s) cannot be mapped in the variants: ENODEV",
	     fd, pf->path);
}

/* Path calls that look at a file (stat, access, readlink): each variant
 * looks for itself, unless the base directory is a platform fd. */
static void decide_lookup(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	int p = find_arg(c, ARG_PATH);
	char real[PATH_MAX + 64];

	if (decide_shm(s, set, d))
		return;
	route_fds(set, d);
	if (d->route != ROUTE_VARIANT || p < 0 || !c->val[p].read ||
	    c->val[p].err || !c->val[p].len || c->val[p].data[0] != '/')
		return;
	/* /dev/fd/N or /proc/self/fd/N of a platform number: the
	 * platform's object, which only the platform can look at. */
	policy_resolve(s, &set->v[0], AT_FDCWD, (const char *)c->val[p].data,
		       real, sizeof(real), NULL, 0);
	if (strncmp(real, "/proc/self/fd/", 14) == 0)
		d->route = ROUTE_PLATFORM;
}

/* flock on a local fd: each variant's open file is its own, so the
 * variants would lock each other out.  Variant 0 takes the lock for
 * the program (and contends with the program's other processes); the
 * others get its answer. */
static void decide_flock(struct session *s, struct vset *set, struct decision *d)
{
	(void)s;

	route_fds(set, d);
	if (d->route == ROUTE_VARIANT)
		d->route = ROUTE_LEADER;
}

/* Whether a pid argument names the calling process (0, or itself as it
 * sees itself: variant 0's pid). */
static bool own_process(const struct vset *set, unsigned long pid)
{
	return (pid_t)pid == 0 || (pid_t)pid == set->v[0].pid;
}

static void decide_rlimit(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	bool prlimit = c->sc->nargs == 4;
	int res = (int)c->args[prlimit ? 1 : 0];
	int at = prlimit ? 2 : 1;
	struct rlimit rl;

	d->route = ROUTE_VARIANT;
	if (prlimit && !own_process(set, c->args[0]))
		return;
	if (res != RLIMIT_NOFILE)
		return;
	/* The variants' own limit is the offset (their local fds stay
	 * below it); the program sees and sets the limit it would have,
	 * which covers its platform numbers (posix_spawn checks the fds of
	 * its file actions against it). */
	d->need_exit = true;
	priv(s)->nofile_set = false;
	if (!c->args[at] || c->val[at].len < sizeof(rl))
		return;
	memcpy(&rl, c->val[at].data, sizeof(rl));
	if (rl.rlim_cur <= (rlim_t)set->fds->offset &&
	    rl.rlim_max <= (rlim_t)set->fds->offset)
		return;
	if (rl.rlim_cur > rl.rlim_max) {
		fail(d, EINVAL, "RLIMIT_NOFILE: soft above hard: EINVAL");
		return;
	}
	if (rl.rlim_max > priv(s)->nofile.rlim_max) {
		fail(d, EPERM, "RLIMIT_NOFILE cannot rise above %lu under mvdb: EPERM",
		     (unsigned long)priv(s)->nofile.rlim_max);
		return;
	}
	priv(s)->nofile_next = rl;
	priv(s)->nofile_set = true;
	snprintf(d->note, sizeof(d->note),
		 "RLIMIT_NOFILE as the program sees it; its local fds stay below %d",
		 set->fds->offset);
	if (!prlimit) {
		d->route = ROUTE_INJECT;
		d->ret = 0;
		priv(s)->nofile = rl;
		return;
	}
	d->null_arg = at;
}

/* prlimit64 and getrlimit of RLIMIT_NOFILE read the variant's own
 * limit, the offset: the program gets the limit it sees instead. */
static void finish_rlimit(struct session *s, struct vset *set, struct variant *v)
{
	const struct call *c = &v->call;
	struct session_private *p = priv(s);
	bool prlimit = c->sc->nargs == 4;
	unsigned long old = prlimit ? c->args[3] : c->sc->nargs == 2 &&
			    c->nr == SYS_getrlimit ? c->args[1] : 0;
	struct rlimit rl;

	if (c->ret != 0 || (int)c->args[prlimit ? 1 : 0] != RLIMIT_NOFILE)
		return;
	if (old && mem_read(v->pid, old, &rl, sizeof(rl)) == sizeof(rl) &&
	    rl.rlim_cur <= (rlim_t)set->fds->offset &&
	    p->nofile.rlim_cur > (rlim_t)set->fds->offset) {
		mem_store(v->pid, old, &p->nofile, sizeof(p->nofile));
		if (s->cfg.results)	/* renderings show what it got */
			args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
	}
	if (p->nofile_set && v->index == s->n - 1) {
		p->nofile = p->nofile_next;
		p->nofile_set = false;
	}
}

/* Run in each variant, to the exit.  fork, vfork, clone, clone3: new
 * processes and threads are followed as new sets; the result (the
 * child's id) becomes variant 0's at the exit.  kill and its kin: the
 * engine must know when every variant's signal is sent (a set it kills
 * dies variant by variant, and is not compared before all are dead). */
static void decide_to_exit(struct session *s, struct vset *set, struct decision *d)
{
	(void)set;

	(void)s;
	d->route = ROUTE_VARIANT;
	d->need_exit = true;
}

/* getpid and gettid: variant 0's ids, which the monitor knows (a thread
 * set's process id is its thread group's); other id calls (process
 * groups, sessions) are answered by variant 0 itself: its process
 * groups are those of the program's world (each variant's follow its
 * own as setpgid moves them, with ids translated), whichever group a
 * process was moved to. */
static void decide_id(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);

	d->route = ROUTE_LEADER;
	if (c->nr == SYS_gettid) {
		d->route = ROUTE_INJECT;
		d->ret = set->v[0].pid;
	} else if (c->nr == SYS_getpid) {
		d->route = ROUTE_INJECT;
		d->ret = set_get(s, set->group)->v[0].pid;
	}
}

/* The parent of a forked set is the parent set's variant 0, as every
 * variant sees it; the program's own parent is the monitor for all. A
 * parent that ended is forgotten; the orphans' new parent is the same
 * process for every variant, which they ask themselves. */
pid_t policy_parent_pid(const struct session *s, const struct vset *set)
{
	int parent = set_get(s, set->group)->parent;
	const struct vset *p = parent >= 0 ? set_get(s, parent) : NULL;

	return p && p->state != SET_ENDED ? p->v[0].pid : 0;
}

static void decide_getppid(struct session *s, struct vset *set, struct decision *d)
{
	pid_t parent = policy_parent_pid(s, set);

	d->route = parent ? ROUTE_INJECT : ROUTE_VARIANT;
	d->ret = parent;
}

/* Whether variant 0's poll (or select) names a platform fd. */
static bool waits_on_platform(const struct vset *set)
{
	const struct call *c = lead(set);
	bool poll = c->nr == SYS_poll || c->nr == SYS_ppoll;
	size_t n = poll ? c->args[1] : c->args[0];

	if (n > POLL_FDS_MAX)
		return false;	/* the variants' own call answers EINVAL */
	if (poll) {
		struct pollfd p[64];

		for (size_t at = 0; at < n; at += 64) {
			size_t k = n - at < 64 ? n - at : 64;

			if (!args_content(set->v[0].pid, c, 0, at * sizeof(*p), p,
				       k * sizeof(*p)))
				return false;
			for (size_t i = 0; i < k; i++)
				if (p[i].fd >= 0 && pmap_get(set->fds, p[i].fd))
					return true;
		}
		return false;
	}
	for (int k = 1; k <= 3; k++) {
		unsigned char bits[POLL_FDS_MAX / 8];
		size_t bytes = (n + 63) / 64 * 8;

		if (!c->args[k] || !args_content(set->v[0].pid, c, k, 0, bits, bytes))
			continue;
		for (size_t fd = 0; fd < n; fd++)
			if ((bits[fd / 8] >> (fd % 8) & 1) &&
			    pmap_get(set->fds, (long)fd))
				return true;
	}
	return false;
}

/* poll, ppoll, select, pselect6: each variant waits on its own fds;
 * with a platform fd among them, the platform waits (platform.c). */
static void decide_poll(struct session *s, struct vset *set, struct decision *d)
{
	(void)s;

	d->route = waits_on_platform(set) ? ROUTE_PLATFORM : ROUTE_VARIANT;
}

/* CPU affinity: where mvdb puts the variants (one CPU, or all it may
 * use: see place()) is its business; the program sees and sets its own.
 * sched_getaffinity shows the CPUs mvdb was given while mvdb's placement
 * stands; once the program places itself, mvdb stops placing it. */
static void decide_affinity(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);

	d->route = ROUTE_VARIANT;
	if (s->cfg.cpu < 0 || !own_process(set, c->args[0]))
		return;
	if (c->nr == SYS_sched_setaffinity)
		priv(s)->placed = true;
	else
		d->need_exit = true;
}

static void finish_affinity(struct session *s, struct vset *set, struct variant *v)
{
	struct session_private *p = priv(s);
	const struct call *c = &v->call;
	cpu_set_t now, one, mine = p->allowed;
	size_t n = c->ret > 0 ? (size_t)c->ret : 0;

	(void)set;
	if (s->cfg.cpu < 0 || p->placed || c->nr != SYS_sched_getaffinity ||
	    n == 0 || n > sizeof(now))
		return;
	CPU_ZERO(&one);
	CPU_SET(s->cfg.cpu, &one);
	memset(&now, 0, sizeof(now));
	if (mem_read(v->pid, c->args[2], &now, n) != (ssize_t)n ||
	    !CPU_EQUAL(&now, p->spread ? &p->allowed : &one))
		return;
	mem_store(v->pid, c->args[2], &mine, n);
	if (s->cfg.results)
		args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
}

/* wait4 and waitid run in each variant; the pid a variant gets back is
 * its own child's, which becomes variant 0's at the exit. */
static void decide_wait(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);

	(void)s;
	d->route = ROUTE_VARIANT;
	d->need_exit = true;
	/* Of any child (or a group's): which one ends first differs from
	 * variant to variant, so variant 0 chooses (calls.c).  So too
	 * whether a given child has ended yet (WNOHANG): the others then
	 * wait for their own counterpart of it, or get variant 0's 0. */
	d->leader_first = c->nr == SYS_wait4 &&
			  ((pid_t)c->args[0] <= 0 || (c->args[2] & WNOHANG));
}

/* waitid tells the child it reaped in its siginfo: a pid of the
 * variant's world, which becomes variant 0's (as wait4's result does),
 * and a reaped child is one its parent has waited for. */
static void finish_wait(struct session *s, struct vset *set,
			struct variant *v)
{
	const struct call *c = &v->call;
	siginfo_t si;
	pid_t own;

	(void)set;
	if (c->nr != SYS_waitid || c->ret != 0 || !c->args[2] ||
	    mem_read(v->pid, c->args[2], &si, sizeof(si)) != sizeof(si) ||
	    !si.si_pid)
		return;
	own = si.si_pid;
	si.si_pid = events_v0_pid(s, own);
	mem_store(v->pid, c->args[2], &si, sizeof(si));
	/* after the translation: the last may forget the child */
	if ((c->args[3] & WEXITED) && !(c->args[3] & WNOWAIT))
		events_reaped(s, v->index, own);
	if (s->cfg.results)
		args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
}

/* Handlers installed with SA_RESTART restart the calls their signal
 * interrupts; mvdb needs to know when it delivers held signals. */
static void decide_sigaction(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	struct vset *group = set_get(s, set->group);
	int sig = (int)c->args[0];
	unsigned long flags;

	d->route = ROUTE_VARIANT;
	if (sig <= 0 || sig >= 64 || !c->args[1] || c->val[1].len < 16)
		return;
	memcpy(&flags, c->val[1].data + 8, sizeof(flags));
	if (flags & SA_RESTART)
		group->sa_restart |= 1ul << sig;
	else
		group->sa_restart &= ~(1ul << sig);
}

/* Calls that share memory with the kernel behind the monitor's back
 * (io_uring's rings carry requests no stop ever sees): refused, so
 * programs fall back to plain calls. */
static void decide_refuse(struct session *s, struct vset *set, struct decision *d)
{
	(void)s;
	fail(d, ENOSYS, "%s is refused under mvdb: its requests would bypass lockstep",
	     lead(set)->sc->name);
}

/* The policy's rules of the calls with a hook (syscalls.def), by hook. */
static const struct special specials[HOOK_COUNT] = {
	[HOOK_refuse] = { decide_refuse, NULL },
	[HOOK_flock] = { decide_flock, NULL },
	[HOOK_sigaction] = { decide_sigaction, NULL },
	[HOOK_wait] = { decide_wait, finish_wait },
	[HOOK_affinity] = { decide_affinity, finish_affinity },
	[HOOK_signal] = { decide_to_exit, NULL },
	[HOOK_poll] = { decide_poll, NULL },
	[HOOK_select] = { decide_poll, NULL },
	[HOOK_getppid] = { decide_getppid, NULL },
	[HOOK_close] = { decide_close, NULL },
	[HOOK_close_range] = { decide_close_range, NULL },
	[HOOK_dup] = { decide_dup, finish_dup },
	[HOOK_fcntl] = { decide_fcntl, finish_fcntl },
	[HOOK_mmap] = { decide_mmap, NULL },
	[HOOK_lookup] = { decide_lookup, NULL },
	[HOOK_rlimit] = { decide_rlimit, finish_rlimit },
};

static const struct special *special_for(const struct syscall *sc)
{
	const struct special *sp = &specials[sc->hook];

	return sp->decide ? sp : NULL;
}

bool policy_has_rule(long nr)
{
	const struct syscall *sc = syscall_get(nr);

	return sc && special_for(sc);
}

/* Whether a call makes descriptors (open, socket, pipe's int[2]): they
 * must be the platform's. */
static bool makes_fds(const struct call *c)
{
	if (c->sc->ret == RET_FD)
		return true;
	for (int i = 0; i < c->sc->nargs; i++)
		if (c->sc->args[i].kind == ARG_OUTSTRUCT &&
		    c->sc->args[i].aux == ST_INT2)
			return true;
	return false;
}

/* Changes outside the variants (the file system, IPC, the host): made
 * once.  On a platform fd the platform makes it; otherwise variant 0
 * makes it itself, in its own context (cwd, root, umask, credentials,
 * /proc/self, its own local fds), and every variant gets its result. */
static void decide_platform(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);

	if (decide_shm(s, set, d))
		return;
	route_fds(set, d);
	if (d->route != ROUTE_VARIANT)
		return;
	d->route = makes_fds(c) ? ROUTE_PLATFORM : ROUTE_LEADER;
}

/* A call that names the monitor (a pid, a path under its /proc entry)
 * is refused: a variant never reaches the monitor.  True when refused. */
/* Whether an open of path from dirfd, as variant v resolves it
 * (symlinks and relative paths included), reaches the monitor's own
 * /proc entry: the monitor opens it O_PATH through the variant's root,
 * cwd or descriptor and asks the kernel where it landed.  A leading
 * /proc/self or /proc/thread-self is the variant's; one met later (a
 * symlink to it, "self" from a cwd of /proc) resolves to the monitor
 * here, so such an open of the variant's own entry is refused too:
 * wrongly refusing that rare open is the safe side. */
static bool reaches_monitor(struct session *s, struct vset *set, const struct variant *v,
			    long dirfd, const char *path)
{
	char where[PATH_MAX + 64], link[64], target[PATH_MAX];
	const struct pfile *pf;
	struct statfs sf;
	bool hit = false;
	ssize_t n;
	int fd;

	pf = path[0] != '/' && (int)dirfd != AT_FDCWD ?
	     pmap_get(set->fds, (int)dirfd) : NULL;
	if (strncmp(path, "/proc/self/", 11) == 0 || strcmp(path, "/proc/self") == 0)
		snprintf(where, sizeof(where), "/proc/%d/root/proc/%d%s",
			 (int)v->pid, (int)v->pid, path + 10);
	else if (strncmp(path, "/proc/thread-self", 17) == 0 &&
		 (path[17] == '/' || path[17] == '\0'))
		snprintf(where, sizeof(where), "/proc/%d/root/proc/%d/task/%d%s",
			 (int)v->pid, (int)tgid_of(s, v), (int)v->pid, path + 17);
	else if (path[0] == '/')
		snprintf(where, sizeof(where), "/proc/%d/root%s", (int)v->pid,
			 path);
	else if ((int)dirfd == AT_FDCWD)
		snprintf(where, sizeof(where), "/proc/%d/cwd/%s", (int)v->pid,
			 path);
	else if (pf)
		snprintf(where, sizeof(where), "/proc/self/fd/%d/%s", pf->realfd,
			 path);
	else
		snprintf(where, sizeof(where), "/proc/%d/fd/%d/%s", (int)v->pid,
			 (int)dirfd, path);
	fd = open(where, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		n = readlink(link, target, sizeof(target) - 1);
		if (n > 0) {
			target[n] = '\0';
			hit = names_monitor(target);
		}
	}
	close(fd);
	return hit;
}

static bool refuse_monitor(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);

	for (int i = 0; i < c->sc->nargs; i++) {
		enum argkind k = c->sc->args[i].kind;
		long x = (long)(int)c->args[i];
		char real[PATH_MAX + 64];

		if (k == ARG_PID && policy_is_monitor((pid_t)(x < 0 ? -x : x))) {
			fail(d, EPERM, "argument $arg%d names the monitor (pid %ld): EPERM",
			     i, x < 0 ? -x : x);
			return true;
		}
		if (k != ARG_PATH || !c->val[i].read || c->val[i].err ||
		    !c->val[i].len)
			continue;
		if (c->sc->policy == POL_OPEN &&
		    reaches_monitor(s, set, &set->v[0],
				    i > 0 && c->sc->args[i - 1].kind == ARG_DIRFD ?
				    (long)c->args[i - 1] : AT_FDCWD,
				    (const char *)c->val[i].data)) {
			fail(d, EACCES, "%.100s leads to the monitor's own /proc entry: EACCES",
			     (const char *)c->val[i].data);
			return true;
		}
		if (c->val[i].data[0] != '/')
			continue;
		if (shm_private((const char *)c->val[i].data)) {
			fail(d, EACCES, "%.100s is where mvdb keeps a variant's shared memory: EACCES",
			     (const char *)c->val[i].data);
			return true;
		}
		policy_resolve(s, &set->v[0], AT_FDCWD,
			       (const char *)c->val[i].data, real, sizeof(real),
			       NULL, 0);
		if (names_monitor(real)) {
			fail(d, EACCES, "%.100s is the monitor's own /proc entry: EACCES",
			     (const char *)c->val[i].data);
			return true;
		}
	}
	return false;
}

void policy_decide(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = lead(set);
	const struct special *sp;

	memset(d, 0, sizeof(*d));
	d->hold_low = -1;
	d->null_arg = -1;
	d->unbind_lo = 0;
	d->unbind_hi = -1;
	d->route = ROUTE_VARIANT;
	if (!c->sc) {
		snprintf(d->note, sizeof(d->note),
			 "unknown system call %ld: run in every variant", c->nr);
		return;
	}
	switch (c->nr) {
	case SYS_setuid: case SYS_setgid: case SYS_setreuid:
	case SYS_setregid: case SYS_setresuid: case SYS_setresgid:
	case SYS_setfsuid: case SYS_setfsgid: case SYS_setgroups:
	case SYS_capset:
		s->rights_changed = true;
		s->rights_gen++;
		break;
	default:
		break;
	}
	if (refuse_monitor(s, set, d))
		return;
	switch ((enum policy)c->sc->policy) {
	case POL_VARIANT:
	case POL_EXIT:
	case POL_EXEC:
		break;
	case POL_FD:
		route_fds(set, d);
		if (d->route == ROUTE_VARIANT && reads_signalfd(c, set->v[0].lt))
			d->need_exit = true;
		break;
	case POL_OPEN:
		decide_open(s, set, d);
		break;
	case POL_PLATFORM:
		decide_platform(s, set, d);
		break;
	case POL_ONCE:
		d->route = ROUTE_PLATFORM;
		break;
	case POL_ID:
		decide_id(s, set, d);
		break;
	case POL_SETID:
		d->leader_result = true;
		d->need_exit = true;
		break;
	case POL_PROCESS:
		decide_to_exit(s, set, d);
		break;
	case POL_SPECIAL:
		sp = special_for(c->sc);
		if (sp)
			sp->decide(s, set, d);
		break;
	case POL_COUNT:
		break;
	}
	if (d->route == ROUTE_VARIANT && c->sc->ret == RET_FD)
		d->need_exit = true;
	if (d->route == ROUTE_PLATFORM || d->route == ROUTE_INJECT ||
	    d->route == ROUTE_LEADER)
		d->need_exit = false;
}

/* The longest random part a temporary name has (mkstemp's XXXXXX, with
 * room for callers that ask for more). */
#define TEMPNAME_RANDOM_MAX 16

/* Variant i's temporary name from, which became variant 0's to: the
 * program goes on naming the file as it made it (Python renames
 * "x.pyc.<id>" into place), so later calls of variant i that name it
 * get variant 0's name too (policy_same_tempnames).  The newest
 * TEMPNAMES_MAX are kept. */
static void remember_tempname(struct session *s, int i,
			      const struct argval *from,
			      const struct argval *to)
{
	struct session_private *p = priv(s);
	struct tempname *tn;

	if (from->len >= sizeof(tn->from))
		return;
	if (p->ntempnames < TEMPNAMES_MAX)
		p->ntempnames++;
	memmove(&p->tempnames[1], &p->tempnames[0],
		(p->ntempnames - 1) * sizeof(p->tempnames[0]));
	tn = &p->tempnames[0];
	tn->variant = i;
	tn->len = from->len;
	memcpy(tn->from, from->data, from->len);
	memcpy(tn->to, to->data, to->len);
}

bool policy_unify_tempname(struct session *s, struct vset *set,
			   const struct divergence *d, char *note, size_t size)
{
	struct variant *a = &set->v[0], *b = &set->v[d->b];
	const struct call *ca = &a->call;
	struct argval *va, *vb;
	size_t first = SIZE_MAX, last = 0, base = 0;

	if (d->kind != DIV_ARG || d->a != 0 || !ca->sc ||
	    ca->sc->policy != POL_OPEN ||
	    ca->sc->args[d->arg].kind != ARG_PATH)
		return false;
	if ((open_flags(ca) & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL))
		return false;
	va = &a->call.val[d->arg];
	vb = &b->call.val[d->arg];
	if (va->err || vb->err || va->len != vb->len || !va->len)
		return false;
	for (size_t i = 0; i < va->len; i++) {
		if (va->data[i] == '/')
			base = i + 1;
		if (va->data[i] == vb->data[i])
			continue;
		if (!isalnum(va->data[i]) || !isalnum(vb->data[i]))
			return false;
		if (first == SIZE_MAX)
			first = i;
		last = i;
	}
	if (first == SIZE_MAX || first < base ||
	    last - first >= TEMPNAME_RANDOM_MAX)
		return false;
	if (mem_write(b->pid, b->call.args[d->arg], va->data, va->len) == -1)
		return false;
	snprintf(note, size,
		 "variant %d's temporary name %.*s became variant 0's %.*s",
		 d->b, (int)(last - first + 1), (const char *)vb->data + first,
		 (int)(last - first + 1), (const char *)va->data + first);
	remember_tempname(s, d->b, vb, va);
	memcpy(vb->data, va->data, va->len);
	return true;
}

void policy_same_tempnames(struct session *s, struct vset *set)
{
	struct session_private *p = priv(s);

	for (int i = 1; i < s->n && p->ntempnames; i++) {
		struct variant *v = &set->v[i];
		struct call *c = &v->call;

		if (v->state != VS_SYSCALL || !c->sc)
			continue;
		for (int k = 0; k < c->sc->nargs; k++) {
			struct argval *val = &c->val[k];

			if (c->sc->args[k].kind != ARG_PATH || !c->args[k] ||
			    val->err || !val->len)
				continue;
			for (int t = 0; t < p->ntempnames; t++) {
				const struct tempname *tn = &p->tempnames[t];

				if (tn->variant != i || tn->len != val->len ||
				    memcmp(tn->from, val->data, val->len) != 0)
					continue;
				if (mem_write(v->pid, c->args[k], tn->to,
					      tn->len) == 0)
					memcpy(val->data, tn->to, tn->len);
				break;
			}
		}
	}
}

static bool exclusive_create(const struct call *c)
{
	return c->sc && c->sc->policy == POL_OPEN &&
	       (open_flags(c) & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
}

static bool draws_random(const struct call *c)
{
	return c->nr == SYS_getrandom;
}

bool policy_tempname_retry(struct session *s, struct vset *set, const struct divergence *d)
{
	int drawing = 0, creating = 0;

	if (d->kind != DIV_SYSCALL)
		return false;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (v->state != VS_SYSCALL)
			return false;
		if (draws_random(&v->call))
			drawing++;
		else if (exclusive_create(&v->call))
			creating++;
		else
			return false;
	}
	if (!drawing || !creating)
		return false;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!draws_random(&v->call))
			continue;
		v->state = VS_RUNNING;
		v->to_exit = false;
		pt_cont(v->pid, 0);
	}
	return true;
}

void policy_apply(struct session *s, struct vset *set, const struct decision *d)
{
	struct ltable *lts[MAX_VARIANTS];

	if (d->route == ROUTE_VARIANT && d->null_arg >= 0)
		for (int i = 0; i < s->n; i++)
			pt_set_arg(set->v[i].pid, d->null_arg, 0);
	for (int i = 0; i < s->n; i++)
		lts[i] = set->v[i].lt;
	fdtable_did_close(set->fds, lts, s->n, d->unbind_lo, d->unbind_hi);
}

void policy_finish(struct session *s, struct vset *set)
{
	const struct call *c = lead(set);
	const struct special *sp;

	if (!c->sc)
		return;
	sp = c->sc->policy == POL_SPECIAL ? special_for(c->sc) : NULL;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!v->call.done)
			continue;
		if (sp && sp->finish)
			sp->finish(s, set, v);
		else if (c->sc->policy == POL_OPEN)
			finish_open(s, v);
		else if (c->sc->ret == RET_FD)
			finish_newfd(s, v);
		else if (v->call.ret > 0 && set->dec.route == ROUTE_VARIANT &&
			 reads_signalfd(&v->call, v->lt))
			finish_signalfd(s, v);
	}
}

void policy_exec(struct vset *set, struct variant *v)
{
	fdtable_did_exec(set->fds, v->lt, v->index == 0);
}
