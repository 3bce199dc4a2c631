/* The policy's rules for descriptors: which opens are each variant's
 * and which the platform's, files under /dev/shm, the numbers new
 * descriptors get, close, dup and fcntl (policy_int.h). */
#include "policy_int.h"
#include "args.h"
#include "mem.h"
#include "paths.h"
#include "session_int.h"
#include "shm.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The open flags of an open-family call, and whether it creates. */
int fdpolicy_open_flags(const struct call *c)
{
	int i = policy_find_arg(c, ARG_FLAGS);

	if (c->sc->ret != RET_FD)
		return 0;
	if (c->nr == SYS_creat)
		return O_WRONLY | O_CREAT | O_TRUNC;
	if (c->nr == SYS_openat2) {
		int j = policy_find_arg(c, ARG_INSTRUCT);
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

/* Whether rest, a path under a process's /proc entry, goes on through
 * one of its links to the rest of the file system (cwd, root, fd,
 * map_files, exe), a task's too: a file there is no setting of the
 * process. */
static bool through_link(const char *rest)
{
	static const char *const links[] = { "cwd", "root", "fd", "map_files",
					     "exe", "ns" };

	if (strncmp(rest, "task/", 5) == 0 && (rest = strchr(rest + 5, '/')))
		rest++;
	for (size_t i = 0; rest && i < sizeof(links) / sizeof(links[0]); i++) {
		size_t n = strlen(links[i]);

		if (strncmp(rest, links[i], n) == 0 &&
		    (rest[n] == '/' || rest[n] == '\0'))
			return true;
	}
	return false;
}

/* Whether show names a setting of the process pid under /proc (its
 * comm, oom_score_adj, attr/...), through /proc/self, /proc/thread-self
 * or its pid. */
static bool under_proc_self(const char *show, pid_t pid)
{
	char mine[32];
	const char *rest = NULL;

	snprintf(mine, sizeof(mine), "/proc/%d/", (int)pid);
	if (strncmp(show, "/proc/self/", 11) == 0)
		rest = show + 11;
	else if (strncmp(show, "/proc/thread-self/", 18) == 0)
		rest = show + 18;
	else if (strncmp(show, mine, strlen(mine)) == 0)
		rest = show + strlen(mine);
	return rest && !through_link(rest);
}

/* Variant i's counterpart of the program's task t (by variant 0's id),
 * both alive, or 0. */
static pid_t counterpart(const struct session *s, int i, pid_t t)
{
	for (int k = 0; k < s->nsets; k++) {
		const struct vset *set = s->sets[k];

		if (set->v[0].pid == t && variant_exists(&set->v[0]))
			return variant_exists(&set->v[i]) &&
			       !paths_is_monitor(set->v[i].pid) ?
				       set->v[i].pid : 0;
	}
	return 0;
}

/* The task of the program a path's "/proc/N/NAME" names by the id the
 * program knows it by (variant 0's, as getpid and fork give them), in
 * every variant alive, or 0 for none: in variant i it names variant
 * i's own counterpart.  Only a plain name of the task's entry (status,
 * maps, comm): not one through its links (fdpolicy checks where it
 * led), and no ".", ".." or "//" (the path is rewritten as text). */
static pid_t program_task(const struct session *s, const char *path)
{
	size_t len;
	pid_t n = paths_proc_id(path, &len);
	const char *rest = path + len;

	if (s->n < 2 || !n || !rest[0] || through_link(rest) ||
	    strstr(rest, "/.") || strstr(rest, "//") || rest[0] == '.')
		return 0;
	for (int i = 1; i < s->n; i++)
		if (!counterpart(s, i, n))
			return 0;
	return n;
}

/* A call whose paths all name shared memory (shm.h): each variant
 * makes it on its own copy, so the program's processes map and share
 * it within a variant and never across.  A FIFO or device file there
 * stays the platform's (its open may wait, and its data is output).
 * True when it decided so. */
bool fdpolicy_shm(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	bool any = false;
	struct stat st;

	(void)s;
	for (int i = 0; i < c->sc->nargs; i++) {
		enum argkind k = c->sc->args[i].kind;
		const char *path = (const char *)c->val[i].data;

		if (k == ARG_FD && policy_is_platform(set, (int)c->args[i]))
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

void fdpolicy_open(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	int p = policy_find_arg(c, ARG_PATH), dfd = policy_find_arg(c, ARG_DIRFD);
	int flags = fdpolicy_open_flags(c);
	int dirfd = dfd >= 0 ? (int)c->args[dfd] : AT_FDCWD;
	char real[PATH_MAX + 64], show[PATH_MAX + 64];
	struct stat st;

	if (c->nr == SYS_openat2) {
		int j = policy_find_arg(c, ARG_INSTRUCT);
		unsigned long how[3] = { 0 };	/* flags, mode, resolve */

		if (j >= 0 && c->val[j].len >= sizeof(how))
			memcpy(how, c->val[j].data, sizeof(how));
		if (how[2]) {
			/* RESOLVE_IN_ROOT and the like change where a path
			 * leads, and mvdb resolves paths as plain opens do */
			policy_fail(d, ENOSYS, "openat2 with RESOLVE_ flags: ENOSYS under mvdb (programs fall back to openat)");
			return;
		}
	}
	if (fdpolicy_shm(s, set, d))
		return;
	policy_route_fds(set, d);
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
	paths_resolve(s, &set->v[0], dirfd, (const char *)c->val[p].data, real,
		       sizeof(real), show, sizeof(show));
	if (writes(flags) && under_proc_self(show, paths_tgid(s, &set->v[0])) &&
	    strncmp(real, "/proc/self/fd/", 14) != 0) {
		/* The process's own settings (comm, oom_score_adj, attr):
		 * each variant changes its own (fdpolicy_own_proc_enter). */
		if (c->nr != SYS_open && c->nr != SYS_openat) {
			policy_fail(d, EACCES, "%s of the process's own /proc entry for writing: use open or openat under mvdb",
				    c->sc->name);
			return;
		}
		d->route = ROUTE_VARIANT;
		d->need_exit = true;
		d->own_proc = policy_find_arg(c, ARG_FLAGS);
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
	if ((c->nr == SYS_open || c->nr == SYS_openat) &&
	    program_task(s, (const char *)c->val[p].data) &&
	    !strstr((const char *)c->val[p].data + 6, "/task/")) {
		/* /proc/$$/status, /proc/$PPID/maps: a setting of a task of
		 * the program named by variant 0's id; each variant opens
		 * its own counterpart's (fdpolicy_own_proc_enter), not
		 * variant 0's.  Not through its links to other files, nor
		 * its threads' entries (their ids are variant 0's too): as
		 * written. */
		d->route = ROUTE_VARIANT;
		d->need_exit = true;
		d->own_proc = policy_find_arg(c, ARG_FLAGS);
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

/* Each variant opens its own /proc entry itself, and so the kernel
 * reads the path from its memory again after the meeting compared it:
 * another of its threads may have changed it meanwhile.  Such an open
 * must not create or truncate what it reaches: the flags (a register,
 * which no other thread can change) go without O_CREAT, O_TRUNC and
 * O_EXCL, which a /proc entry never needs; and what it opened is looked
 * at before the variant goes on (fdpolicy_own_proc_done).  A path that
 * names a task of the program by variant 0's id (the one the program
 * knows: $$, $PPID, a child's pid from fork) names each variant's own
 * counterpart: written below its stack's red zone. */
void fdpolicy_own_proc_enter(struct session *s, struct vset *set)
{
	const struct call *c0 = &set->v[0].call;
	int a = set->dec.own_proc, p = policy_find_arg(c0, ARG_PATH);

	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];
		const char *path = (const char *)v->call.val[p].data;
		pid_t task = program_task(s, path);
		char own[PATH_MAX + 32];
		unsigned long at;
		size_t len, skip = 0;

		if (!variant_alive(v))
			continue;
		pt_set_arg(v->pid, a, v->call.args[a] &
			   ~(unsigned long)(O_CREAT | O_TRUNC | O_EXCL));
		if (i == 0 || !task)
			continue;
		paths_proc_id(path, &skip);
		len = (size_t)snprintf(own, sizeof(own), "/proc/%d/%s",
				       (int)counterpart(s, i, task),
				       path + skip) + 1;
		if (len <= sizeof(own) &&
		    (at = mem_stack_store(v->pid, v->call.sp - MEM_RED_ZONE,
					  own, len)))
			pt_set_arg(v->pid, p, at);
	}
}

/* What variant v opened so must be its own process's /proc entry, or
 * the path it was compared with was changed under it: it is killed
 * (its end is then reported), the descriptor never used. */
void fdpolicy_own_proc_done(struct session *s, struct vset *set,
			    struct variant *v)
{
	int p = policy_find_arg(&v->call, ARG_PATH);
	pid_t task = program_task(s, (const char *)v->call.val[p].data);
	char link[64], got[PATH_MAX], mine[32];
	ssize_t n;

	pt_set_arg(v->pid, set->dec.own_proc,
		   v->call.args[set->dec.own_proc]);
	pt_set_arg(v->pid, p, v->call.args[p]);
	if (v->call.ret < 0)
		return;
	snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)v->pid,
		 v->call.ret);
	/* its own entry, or its counterpart's of the task it named */
	snprintf(mine, sizeof(mine), "/proc/%d/",
		 task ? (int)counterpart(s, v->index, task) :
			(int)paths_tgid(s, v));
	n = readlink(link, got, sizeof(got) - 1);
	if (n > 0 && (got[n] = '\0', strncmp(got, mine, strlen(mine)) == 0)) {
		fdpolicy_finish_open(s, v);
		return;
	}
	snprintf(set->dec.note, sizeof(set->dec.note),
		 "variant %d opened %.100s, not the /proc entry compared: killed",
		 v->index, n > 0 ? got : "something else");
	kill(paths_tgid(s, v), SIGKILL);
}

void fdpolicy_finish_open(struct session *s, struct variant *v)
{
	const struct call *c = &v->call;
	int p = policy_find_arg(c, ARG_PATH), dfd = policy_find_arg(c, ARG_DIRFD);
	char real[PATH_MAX + 64], show[PATH_MAX + 64];

	if (c->ret < 0)
		return;
	show[0] = '\0';
	if (p >= 0 && c->val[p].read && !c->val[p].err)
		paths_resolve(s, v, dfd >= 0 ? (int)c->args[dfd] : AT_FDCWD,
			       (const char *)c->val[p].data, real, sizeof(real),
			       show, sizeof(show));
	ltable_did_open(v->lt, c->ret, show, fdpolicy_open_flags(c));
	ltable_did_learn(v->lt, c->ret, ltable_plain(v->pid, c->ret));
}

/* A new local fd from a call mvdb does not know the file of. */
void fdpolicy_finish_newfd(struct session *s, struct variant *v)
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
bool fdpolicy_reads_signalfd(const struct call *c, const struct ltable *lt)
{
	const struct lfile *lf;

	if (c->nr != SYS_read)
		return false;
	lf = ltable_get(lt, (long)(int)c->args[0]);
	return lf && strcmp(lf->path, "anon_inode:[signalfd]") == 0;
}

/* The records a signalfd read gave variant v name senders by their
 * pids in v's world: they become variant 0's, as in every siginfo. */
void fdpolicy_finish_signalfd(struct session *s, struct variant *v)
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

void fdpolicy_close(struct session *s, struct vset *set, struct decision *d)
{
	int fd = (int)policy_lead(set)->args[0];

	if (fd >= set->fds->offset) {
		if (policy_is_platform(set, fd))
			d->route = ROUTE_PLATFORM;
		else
			policy_fail(d, EBADF, "%d is not an open platform fd", fd);
		return;
	}
	/* A low number the platform owns (a standard stream) is let go by
	 * the platform, and the variants close what they hold there, so the
	 * next open reuses the number as it would natively. */
	d->route = ROUTE_VARIANT;
	d->unbind_lo = d->unbind_hi = fd;
	closes_locked(s, set, fd, fd);
}

void fdpolicy_close_range(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	unsigned long first = (unsigned)c->args[0], last = (unsigned)c->args[1];

	d->route = ROUTE_VARIANT;
	if (c->args[2] & 4 /* CLOSE_RANGE_CLOEXEC */) {
		/* the variants mark their own descriptors, and the platform's
		 * numbers in the range are marked here (their flag is the
		 * number's): else they outlive an exec, and a pipe's reader
		 * waits for the exec'd program to end */
		if (first <= last && !(c->args[2] & ~6ul /* UNSHARE, CLOEXEC */))
			pmap_cloexec_range(set->fds, (long)first, (long)last);
		return;
	}
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

void fdpolicy_dup(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	int old = (int)c->args[0];
	bool two = c->sc->nargs >= 2;
	int new = two ? (int)c->args[1] : -1;

	if (two && new >= set->fds->offset && !policy_is_platform(set, new) &&
	    new != old) {
		policy_fail(d, EBADF,
		     "%d is at or above the platform offset %d but not a platform fd",
		     new, set->fds->offset);
		return;
	}
	if (policy_is_platform(set, old)) {
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
		policy_fail(d, EBADF, "%d is not an open platform fd", old);
		return;
	}
	if (two && policy_is_platform(set, new)) {
		if (new >= set->fds->offset) {
			/* Local onto platform: the variants cannot hold it. */
			policy_fail(d, EBADF,
			     "a local fd cannot be duplicated onto platform fd %d",
			     new);
			return;
		}
		d->unbind_lo = d->unbind_hi = new;
	}
	d->route = ROUTE_VARIANT;
	d->need_exit = true;
}

void fdpolicy_finish_dup(struct session *s, struct vset *set, struct variant *v)
{
	(void)set;

	(void)s;
	if (v->call.ret >= 0)
		ltable_did_dup(v->lt, (int)v->call.args[0], v->call.ret);
}

void fdpolicy_fcntl(struct session *s, struct vset *set, struct decision *d)
{
	int cmd = (int)policy_lead(set)->args[1];

	policy_route_fds(set, d);
	if (d->route == ROUTE_PLATFORM &&
	    (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) {
		d->hold_low = (int)lowest_free(s, set, (long)(int)policy_lead(set)->args[2]);
		d->hold_cloexec = cmd == F_DUPFD_CLOEXEC;
	}
	if (d->route == ROUTE_VARIANT &&
	    (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
		d->need_exit = true;
}

void fdpolicy_finish_fcntl(struct session *s, struct vset *set, struct variant *v)
{
	int cmd = (int)v->call.args[1];

	(void)set;
	if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)
		fdpolicy_finish_dup(s, set, v);
}
