/* The policy: routing each call to the variants or the platform.  Its
 * rules for descriptors are in fdpolicy.c, for path lookups and links
 * under /proc in lookup.c, paths as a variant means them in paths.c,
 * temporary names in tempnames.c. */
#include "policy_int.h"
#include "paths.h"
#include "session_int.h"
#include "args.h"
#include "mem.h"
#include "ptrace.h"
#include "shm.h"

#include <poll.h>
#include <sys/socket.h>
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

const struct call *policy_lead(const struct vset *set)
{
	return &set->v[0].call;
}

int policy_find_arg(const struct call *c, enum argkind k)
{
	for (int i = 0; i < c->sc->nargs; i++)
		if (c->sc->args[i].kind == k)
			return i;
	return -1;
}

bool policy_is_platform(const struct vset *set, long fd)
{
	return pmap_get(set->fds, fd) != NULL;
}

void policy_fail(struct decision *d, int err, const char *fmt, ...)
{
	va_list ap;

	d->route = ROUTE_INJECT;
	d->ret = -err;
	va_start(ap, fmt);
	vsnprintf(d->note, sizeof(d->note), fmt, ap);
	va_end(ap);
}

void policy_route_fds(const struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);

	d->route = ROUTE_VARIANT;
	for (int i = 0; i < c->sc->nargs; i++) {
		enum argkind k = c->sc->args[i].kind;
		int fd = (int)c->args[i];

		if (k != ARG_FD && !(k == ARG_DIRFD && fd != AT_FDCWD))
			continue;
		if (policy_is_platform(set, fd)) {
			d->route = ROUTE_PLATFORM;
		} else if (fd >= set->fds->offset) {
			policy_fail(d, EBADF, "%d is not an open platform fd", fd);
			return;
		}


	}
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
	const struct call *c = policy_lead(set);
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
	policy_fail(d, ENODEV, "platform fd %d (%s) cannot be mapped in the variants: ENODEV",
	     fd, pf->path);
}

/* A reading of the caller's own CPU time (getrusage, times,
 * clock_gettime of CLOCK_PROCESS_CPUTIME_ID or CLOCK_THREAD_CPUTIME_ID):
 * each variant's own differs (bash's `time` printed 0.001s in one and
 * 0.002s in the other), and the platform's would be the monitor's.
 * Variant 0 reads its own and every variant gets it, as with the
 * clocks. */
static bool own_cpu_time(const struct call *c)
{
	switch (c->nr) {
	case SYS_getrusage:
	case SYS_times:
		return true;
	case SYS_clock_gettime:
	case SYS_clock_getres:
		return (clockid_t)c->args[0] == CLOCK_PROCESS_CPUTIME_ID ||
		       (clockid_t)c->args[0] == CLOCK_THREAD_CPUTIME_ID;
	default:
		return false;
	}
}

/* A change of the file behind a local fd (its mode, owner, extended
 * attributes): each variant's fd names the same file, so every variant
 * making it would make it as often (fremovexattr: ENODATA for the
 * second).  The platform makes it once, through its copy of variant
 * 0's descriptor and the compared arguments (platform.c's
 * take_object). */
static void decide_samefile(struct session *s, struct vset *set,
			    struct decision *d)
{
	(void)s;

	policy_route_fds(set, d);
	if (d->route == ROUTE_VARIANT)
		d->route = ROUTE_PLATFORM;
}

/* flock on a local fd: each variant's open file is its own, so the
 * variants would lock each other out.  Variant 0 takes the lock for
 * the program (and contends with the program's other processes); the
 * others get its answer. */
static void decide_flock(struct session *s, struct vset *set, struct decision *d)
{
	(void)s;

	policy_route_fds(set, d);
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
	const struct call *c = policy_lead(set);
	bool prlimit = c->sc->nargs == 4;
	int res = (int)c->args[prlimit ? 1 : 0];
	int at = prlimit ? 2 : 1;
	struct vset *group = set_get(s, set->group);
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
	set->nofile_set = false;
	if (!c->args[at] || c->val[at].len < sizeof(rl))
		return;
	memcpy(&rl, c->val[at].data, sizeof(rl));
	if (rl.rlim_cur <= (rlim_t)set->fds->offset &&
	    rl.rlim_max <= (rlim_t)set->fds->offset) {
		/* the variants' own limit, and the one the program sees
		 * from now on when they take it (finish_rlimit) */
		set->nofile_next = rl;
		set->nofile_set = true;
		return;
	}
	if (rl.rlim_cur > rl.rlim_max) {
		policy_fail(d, EINVAL, "RLIMIT_NOFILE: soft above hard: EINVAL");
		return;
	}
	if (rl.rlim_max > group->nofile.rlim_max) {
		policy_fail(d, EPERM, "RLIMIT_NOFILE cannot rise above %lu under mvdb: EPERM",
		     (unsigned long)group->nofile.rlim_max);
		return;
	}
	set->nofile_next = rl;
	set->nofile_set = true;
	snprintf(d->note, sizeof(d->note),
		 "RLIMIT_NOFILE as the program sees it; its local fds stay below %d",
		 set->fds->offset);
	if (!prlimit) {
		d->route = ROUTE_INJECT;
		d->ret = 0;
		group->nofile = rl;
		return;
	}
	d->null_arg = at;
}

/* prlimit64 and getrlimit of RLIMIT_NOFILE read the variant's own
 * limit, the offset: the program gets the limit it sees instead. */
static void finish_rlimit(struct session *s, struct vset *set, struct variant *v)
{
	const struct call *c = &v->call;
	struct vset *group = set_get(s, set->group);
	bool prlimit = c->sc->nargs == 4;
	unsigned long old = prlimit ? c->args[3] : c->sc->nargs == 2 &&
			    c->nr == SYS_getrlimit ? c->args[1] : 0;
	struct rlimit rl;

	if (c->ret != 0 || (int)c->args[prlimit ? 1 : 0] != RLIMIT_NOFILE)
		return;
	if (old && mem_read(v->pid, old, &rl, sizeof(rl)) == sizeof(rl) &&
	    rl.rlim_cur <= (rlim_t)set->fds->offset &&
	    group->nofile.rlim_cur > (rlim_t)set->fds->offset) {
		mem_store(v->pid, old, &group->nofile, sizeof(group->nofile));
		if (s->cfg.results)	/* renderings show what it got */
			args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
	}
	if (set->nofile_set && v->index == s->n - 1) {
		group->nofile = set->nofile_next;
		set->nofile_set = false;
	}
}

/* Run in each variant, to the exit.  fork, vfork, clone, clone3: new
 * processes and threads are followed as new sets; the result (the
 * child's id) becomes variant 0's at the exit.  kill and its kin: the
 * engine must know when every variant's signal is sent (a set it kills
 * dies variant by variant, and is not compared before all are dead). */
/* Whether pid, as the program sees pids, names no process of the
 * program: variant 0's pids translate to each variant's own, any other
 * to itself. */
static bool outside_program(const struct session *s, pid_t pid)
{
	return events_own_pid(s, 1, pid) == pid;
}

static void decide_to_exit(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	long target;

	d->route = ROUTE_VARIANT;
	d->need_exit = true;
	switch (c->nr) {
	case SYS_kill: case SYS_tkill: case SYS_tgkill:
	case SYS_rt_sigqueueinfo: case SYS_rt_tgsigqueueinfo:
		target = (long)(int)c->args[0];
		break;
	default:
		return;
	}
	/* A process (or group) outside the program is sent its signal
	 * once, by variant 0, as it would be natively: sent by every
	 * variant, a counted or queued signal came n times. */
	if ((target > 0 || target < -1) &&
	    outside_program(s, (pid_t)(target < 0 ? -target : target)))
		d->route = ROUTE_LEADER;
}

/* getpid and gettid: variant 0's ids, which the monitor knows (a thread
 * set's process id is its thread group's); other id calls (process
 * groups, sessions) are answered by variant 0 itself: its process
 * groups are those of the program's world (each variant's follow its
 * own as setpgid moves them, with ids translated), whichever group a
 * process was moved to. */
static void decide_id(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);

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

pid_t policy_parent_now(pid_t pid)
{
	char path[64], buf[512], *p;
	int ppid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')) &&
	    sscanf(p + 1, " %*c %d", &ppid) != 1)
		ppid = 0;
	fclose(f);
	return ppid;
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
	const struct call *c = policy_lead(set);
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
	const struct call *c = policy_lead(set);

	d->route = ROUTE_VARIANT;
	if (s->cfg.cpu < 0 || !own_process(set, c->args[0]))
		return;
	if (c->nr == SYS_sched_setaffinity)
		place_own_cpus(s);
	else
		d->need_exit = true;
}

static void finish_affinity(struct session *s, struct vset *set, struct variant *v)
{
	const struct call *c = &v->call;
	cpu_set_t now, shown;
	size_t n = c->ret > 0 ? (size_t)c->ret : 0;

	(void)set;
	if (s->cfg.cpu < 0 || c->nr != SYS_sched_getaffinity || n == 0 ||
	    n > sizeof(now))
		return;
	memset(&now, 0, sizeof(now));
	if (mem_read(v->pid, c->args[2], &now, n) != (ssize_t)n ||
	    !place_shown(s, &now, &shown))
		return;
	mem_store(v->pid, c->args[2], &shown, n);
	if (s->cfg.results)
		args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
}

/* wait4 and waitid run in each variant; the pid a variant gets back is
 * its own child's, which becomes variant 0's at the exit. */
static void decide_wait(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);

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

/* sigwaitinfo and sigtimedwait run in each variant, and the siginfo
 * each is given names the sender as that variant's kernel knows it:
 * as variant 0 sees it, after (as waitid's, and signalfd's). */
static void decide_sigwait(struct session *s, struct vset *set,
			   struct decision *d)
{
	(void)s;
	(void)set;
	d->route = ROUTE_VARIANT;
	d->need_exit = true;
}

static void finish_sigwait(struct session *s, struct vset *set,
			   struct variant *v)
{
	const struct call *c = &v->call;
	siginfo_t si;

	(void)set;
	if (c->ret <= 0 || !c->args[1] ||
	    mem_read(v->pid, c->args[1], &si, sizeof(si)) != sizeof(si))
		return;
	sig_info_as_v0(s, &si);
	mem_store(v->pid, c->args[1], &si, sizeof(si));
	if (s->cfg.results)
		args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
}

/* Handlers installed with SA_RESTART restart the calls their signal
 * interrupts; mvdb needs to know when it delivers held signals. */
static void decide_sigaction(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
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

/* Calls whose requests mvdb cannot compare, with effects outside the
 * variants: rings shared with the kernel behind the monitor's back
 * (io_uring, Linux AIO: requests no stop ever sees), the user's
 * keyrings and eBPF (structs of addresses read elsewhere).  Refused with
 * ENOSYS, so programs fall back to plain calls as on a kernel without
 * them.  And shmat, with EACCES: a System V segment is one for all the
 * variants, whose writes to it no stop would see (Xlib's MIT-SHM falls
 * back). */
static void decide_refuse(struct session *s, struct vset *set, struct decision *d)
{
	(void)s;
	if (policy_lead(set)->nr == SYS_shmat) {
		/* one segment for every variant (shmget is the platform's):
		 * memory the variants, and processes outside, would share */
		policy_fail(d, EACCES, "shmat is refused under mvdb: a System V segment would be memory the variants share");
		return;
	}
	policy_fail(d, ENOSYS, "%s is refused under mvdb: what it asks cannot be compared",
	     policy_lead(set)->sc->name);
}

/* msgrcv and semctl: made once, by the platform (platform_ipc.c),
 * which copies a received message into every variant. */
static void decide_sysv_ipc(struct session *s, struct vset *set,
			    struct decision *d)
{
	(void)s;
	(void)set;
	d->route = ROUTE_PLATFORM;
}

/* setsockopt, routed by its socket, but never SO_ZEROCOPY on one the
 * platform holds: a MSG_ZEROCOPY send would leave the kernel with the
 * monitor's copy of the data, sent after the call while the monitor
 * reuses it.  Refused as by a kernel without it (programs send by
 * copy then). */
static void decide_sockopt(struct session *s, struct vset *set,
			   struct decision *d)
{
	const struct call *c = policy_lead(set);

	(void)s;
	policy_route_fds(set, d);
	if (d->route == ROUTE_PLATFORM && (int)c->args[1] == SOL_SOCKET &&
	    (int)c->args[2] == SO_ZEROCOPY)
		policy_fail(d, ENOPROTOOPT, "SO_ZEROCOPY is refused on a platform socket: the kernel would send the monitor's copy of the data after the call");
}

/* Calls that reach into another process: within the program each
 * variant reaches its own counterpart (the pid translated), but a
 * process outside it would be changed once per variant, with addresses
 * never compared: refused with EPERM, as for a process one may not
 * trace.  ptrace always: mvdb traces the program, and a variant traces
 * nothing. */
static void decide_outside(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	pid_t pid = (pid_t)c->args[c->nr == SYS_ptrace ? 1 : 0];

	if (c->nr == SYS_ptrace) {
		policy_fail(d, EPERM, "ptrace is refused: mvdb traces the program, and its variants trace nothing");
		return;
	}
	if (pid <= 0 || !outside_program(s, pid))
		return;		/* itself, or a process of the program */
	policy_fail(d, EPERM, "%s of pid %d, outside the program, is refused: each variant would change it",
		    c->sc->name, (int)pid);
}

/* The policy's rules of the calls with a hook (syscalls.def), by hook. */
static const struct special specials[HOOK_COUNT] = {
	[HOOK_refuse] = { decide_refuse, NULL },
	[HOOK_outside] = { decide_outside, NULL },
	[HOOK_sockopt] = { decide_sockopt, NULL },
	[HOOK_msgrcv] = { decide_sysv_ipc, NULL },
	[HOOK_semctl] = { decide_sysv_ipc, NULL },
	[HOOK_flock] = { decide_flock, NULL },
	[HOOK_samefile] = { decide_samefile, NULL },
	[HOOK_sigaction] = { decide_sigaction, NULL },
	[HOOK_wait] = { decide_wait, finish_wait },
	[HOOK_sigwait] = { decide_sigwait, finish_sigwait },
	[HOOK_affinity] = { decide_affinity, finish_affinity },
	[HOOK_signal] = { decide_to_exit, NULL },
	[HOOK_poll] = { decide_poll, NULL },
	[HOOK_select] = { decide_poll, NULL },
	[HOOK_getppid] = { decide_getppid, NULL },
	[HOOK_close] = { fdpolicy_close, NULL },
	[HOOK_close_range] = { fdpolicy_close_range, NULL },
	[HOOK_dup] = { fdpolicy_dup, fdpolicy_finish_dup },
	[HOOK_fcntl] = { fdpolicy_fcntl, fdpolicy_finish_fcntl },
	[HOOK_mmap] = { decide_mmap, NULL },
	[HOOK_lookup] = { lookup_decide, lookup_finish },
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

/* Whether the platform can pass each argument of c as the copy it
 * compared (argkinds.def: no PASS_NEVER address that is set). */
static bool platform_passes(const struct call *c)
{
	for (int i = 0; i < c->sc->nargs; i++)
		if (argkind_get(c->sc->args[i].kind)->pass == PASS_NEVER &&
		    c->args[i])
			return false;
	return true;
}

/* Changes outside the variants (the file system, IPC, the host): made
 * once, by the platform, acting as variant 0 would (paths in its view,
 * its umask and rights), with the arguments the meeting compared.
 * Made by variant 0 itself, the kernel read them again from its memory,
 * where another of its threads could change them after the comparison
 * (an unlink of another file than the one compared).  Only calls with
 * an address the platform cannot translate (mount's data, a module's
 * image) are still made by variant 0, in its own context; every variant
 * gets the result. */
static void decide_platform(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);

	if (fdpolicy_shm(s, set, d))
		return;
	policy_route_fds(set, d);
	if (d->route != ROUTE_VARIANT)
		return;
	d->route = makes_fds(c) || platform_passes(c) ? ROUTE_PLATFORM
						     : ROUTE_LEADER;
}

/* A call that names the monitor (a pid, a path under its /proc entry)
 * is refused: a variant never reaches the monitor.  True when refused. */
static bool refuse_monitor(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);

	for (int i = 0; i < c->sc->nargs; i++) {
		enum argkind k = c->sc->args[i].kind;
		long x = (long)(int)c->args[i];
		char real[PATH_MAX + 64];

		if (k == ARG_PID && paths_is_monitor((pid_t)(x < 0 ? -x : x))) {
			policy_fail(d, EPERM, "argument $arg%d names the monitor (pid %ld): EPERM",
			     i, x < 0 ? -x : x);
			return true;
		}
		if (k != ARG_PATH || !c->val[i].read || c->val[i].err ||
		    !c->val[i].len)
			continue;
		if (c->sc->policy == POL_OPEN &&
		    paths_reach_monitor(s, set, &set->v[0],
				    i > 0 && c->sc->args[i - 1].kind == ARG_DIRFD ?
				    (long)c->args[i - 1] : AT_FDCWD,
				    (const char *)c->val[i].data)) {
			policy_fail(d, EACCES, "%.100s leads to the monitor's own /proc entry: EACCES",
			     (const char *)c->val[i].data);
			return true;
		}
		if (c->val[i].data[0] != '/')
			continue;
		if (shm_private((const char *)c->val[i].data)) {
			policy_fail(d, EACCES, "%.100s is where mvdb keeps a variant's shared memory: EACCES",
			     (const char *)c->val[i].data);
			return true;
		}
		paths_resolve(s, &set->v[0], AT_FDCWD,
			       (const char *)c->val[i].data, real, sizeof(real),
			       NULL, 0);
		if (paths_names_monitor(real)) {
			policy_fail(d, EACCES, "%.100s is the monitor's own /proc entry: EACCES",
			     (const char *)c->val[i].data);
			return true;
		}
	}
	return false;
}

/* A read of the process's own entry under /proc (ownproc.c): of counts,
 * variant 0 reads it for all; of stat, each its own, rebuilt after. */
static void reads_own_process(struct session *s, struct vset *set,
			      struct decision *d)
{
	const struct call *c = policy_lead(set);

	switch (ownproc_kind(s, &set->v[0], (long)(int)c->args[0])) {
	case OWNPROC_ONCE:
		d->route = ROUTE_LEADER;
		break;
	case OWNPROC_STAT:
		d->own_stat = true;
		d->need_exit = true;
		break;
	case OWNPROC_NONE:
		break;
	}
}

void policy_decide(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	const struct special *sp;

	memset(d, 0, sizeof(*d));
	d->hold_low = -1;
	d->null_arg = -1;
	d->own_proc = -1;
	d->unbind_lo = 0;
	d->unbind_hi = -1;
	d->route = ROUTE_VARIANT;
	if (!c->sc) {
		/* newer than the table: what its arguments mean (and so
		 * whether the variants agree) is unknown, so it runs
		 * nowhere, and programs fall back as on an older kernel */
		policy_fail(d, ENOSYS,
			    "system call %ld is newer than mvdb knows: ENOSYS",
			    c->nr);
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
		if (own_cpu_time(c))
			d->route = ROUTE_LEADER;
		break;
	case POL_EXIT:
	case POL_EXEC:
		break;
	case POL_FD:
		policy_route_fds(set, d);
		if (d->route == ROUTE_VARIANT && fdpolicy_reads_signalfd(c, set->v[0].lt))
			d->need_exit = true;
		else if (d->route == ROUTE_VARIANT &&
			 (c->nr == SYS_read || c->nr == SYS_pread64))
			reads_own_process(s, set, d);
		break;
	case POL_OPEN:
		fdpolicy_open(s, set, d);
		break;
	case POL_PLATFORM:
		decide_platform(s, set, d);
		break;
	case POL_ONCE:
		d->route = own_cpu_time(c) ? ROUTE_LEADER : ROUTE_PLATFORM;
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

void policy_apply(struct session *s, struct vset *set, const struct decision *d)
{
	struct ltable *lts[MAX_VARIANTS];

	if (d->route == ROUTE_VARIANT && d->null_arg >= 0)
		for (int i = 0; i < s->n; i++)
			pt_set_arg(set->v[i].pid, d->null_arg, 0);
	if (d->route == ROUTE_VARIANT && d->own_proc >= 0)
		fdpolicy_own_proc_enter(s, set);
	for (int i = 0; i < s->n; i++)
		lts[i] = set->v[i].lt;
	fdtable_did_close(set->fds, lts, s->n, d->unbind_lo, d->unbind_hi);
}

void policy_finish(struct session *s, struct vset *set)
{
	const struct call *c = policy_lead(set);
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
		else if (c->sc->policy == POL_OPEN && set->dec.own_proc >= 0)
			fdpolicy_own_proc_done(s, set, v);
		else if (c->sc->policy == POL_OPEN)
			fdpolicy_finish_open(s, v);
		else if (c->sc->ret == RET_FD)
			fdpolicy_finish_newfd(s, v);
		else if (v->call.ret > 0 && set->dec.route == ROUTE_VARIANT &&
			 fdpolicy_reads_signalfd(&v->call, v->lt))
			fdpolicy_finish_signalfd(s, v);
		else if (set->dec.own_stat)
			ownproc_finish_stat(s, set, v);
	}
}

void policy_exec(struct vset *set, struct variant *v)
{
	fdtable_did_exec(set->fds, v->lt, v->index == 0);
}
