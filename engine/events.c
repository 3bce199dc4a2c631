/* Tracking every tracee: stops of all variants of all sets, children
 * paired into new sets, asynchronous signals held until the variants
 * of a set can take them at the same point. */
#include "session_int.h"
#include "local.h"
#include "inspect.h"
#include "symbols.h"
#include "args.h"
#include "mem.h"
#include "policy.h"

#include <elf.h>
#include <errno.h>
#include <libiberty.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

/* The kernel's code for a call it makes again whatever the handlers
 * (not in the user headers). */
#define ERESTARTNOINTR 513

bool variant_exists(const struct variant *v)
{
	return v->pid > 0 && v->state != VS_EXITED && v->state != VS_KILLED;
}

struct vset *set_new(struct session *s, int parent, int ordinal)
{
	struct vset *set = XCNEW(struct vset);

	set->id = s->made++;
	set->parent = parent;
	set->parent_group = parent;
	set->ordinal = ordinal;
	set->state = parent < 0 ? SET_RUNNING : SET_STARTING;
	for (int i = 0; i < MAX_VARIANTS; i++) {
		set->v[i].index = i;
		set->v[i].set = set->id;
		set->v[i].state = VS_NEW;
		set->v[i].lt = &set->v[i].local;
	}
	set->fds = &set->pm;
	set->group = set->id;
	if (s->nsets == priv(s)->capsets) {
		priv(s)->capsets = priv(s)->capsets ? 2 * priv(s)->capsets : 16;
		s->sets = XRESIZEVEC(struct vset *, s->sets, priv(s)->capsets);
	}
	s->sets[s->nsets++] = set;	/* ids grow: the array stays sorted */
	return set;
}

/* Where set id is in s->sets, or -1. */
int set_index(const struct session *s, int id)
{
	int lo = 0, hi = s->nsets - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (s->sets[mid]->id == id)
			return mid;
		if (s->sets[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

struct vset *set_get(const struct session *s, int id)
{
	int k = set_index(s, id);

	return k < 0 ? NULL : s->sets[k];
}

void set_free(struct vset *set)
{
	for (int i = 0; i < MAX_VARIANTS; i++) {
		args_free(&set->v[i].call);
		ltable_free(&set->v[i].local);
		free(set->v[i].infos);
	}
	if (set->pm.low)
		pmap_free(&set->pm);
	platform_drop_locks(set);
	if (set->pc) {
		pcall_free(set->pc);
		free(set->pc);
	}
	free(set->clocks);
	free(set->track);
	free(set);
}

/* An ended process set's pids, kept until its parent waits for it (or
 * ends): wait4 returns them, and a variant's must become variant 0's. */
struct ghost {
	pid_t pid[MAX_VARIANTS];
	int parent;		/* the set that forked it */
	unsigned reaped;	/* bit i: variant i's parent waited for it */
};

static void ghost_add(struct session *s, const struct vset *set)
{
	struct session_private *p = priv(s);
	struct ghost *g;

	if (p->nghosts == p->capghosts) {
		p->capghosts = p->capghosts ? 2 * p->capghosts : 16;
		p->ghosts = XRESIZEVEC(struct ghost, p->ghosts, p->capghosts);
	}
	g = &p->ghosts[p->nghosts++];
	for (int i = 0; i < MAX_VARIANTS; i++)
		g->pid[i] = set->v[i].pid;
	g->parent = set->parent_group;
	g->reaped = set->reaped;
}

static void ghost_drop(struct session *s, int k)
{
	struct session_private *p = priv(s);

	p->ghosts[k] = p->ghosts[--p->nghosts];
}

/* Every variant's bit. */
static unsigned all_variants(const struct session *s)
{
	return (1u << s->n) - 1;
}

void events_reaped(struct session *s, int i, pid_t pid)
{
	struct session_private *p = priv(s);

	/* Variants may reap their children in different orders (wait4 of
	 * any child): a child is forgotten once each variant's is. */
	for (int k = 0; k < s->nsets; k++)
		if (s->sets[k]->v[i].pid == pid &&
		    !variant_exists(&s->sets[k]->v[i])) {
			s->sets[k]->reaped |= 1u << i;
			return;
		}
	for (int k = 0; k < p->nghosts; k++)
		if (p->ghosts[k].pid[i] == pid) {
			p->ghosts[k].reaped |= 1u << i;
			if (p->ghosts[k].reaped == all_variants(s))
				ghost_drop(s, k);
			return;
		}
}

/* Whether set can go: ended, not the one the front end looks at, not
 * set 0 (the program, kept for its status), no thread set of its group
 * still using its tables, and no platform call of it still out. */
static bool set_forgettable(const struct session *s, const struct vset *set)
{
	if (set->state != SET_ENDED || set->id == 0 || set->id == s->cur ||
	    (set->pc && set->pc->job.out))
		return false;
	for (int k = 0; k < s->nsets; k++)
		if (s->sets[k] != set && s->sets[k]->group == set->id)
			return false;
	return true;
}

/* An ended process that must be kept (set 0 for its status, the one the
 * front end looks at) lets go of its platform files and locks as the
 * kernel closes a dead process's descriptors: a pipe's reader in another
 * process sees the end of its input. */
static void release_ended(const struct session *s, struct vset *set)
{
	int offset = set->pm.offset;

	if (set->state != SET_ENDED || set->thread || !set->pm.low ||
	    (set->pc && set->pc->job.out))
		return;
	for (int k = 0; k < s->nsets; k++)
		if (s->sets[k] != set && s->sets[k]->group == set->id)
			return;
	pmap_free(&set->pm);
	set->pm.offset = offset;
	platform_drop_locks(set);
}

void sets_sweep(struct session *s)
{
	struct session_private *p = priv(s);
	bool gone[s->nsets > 0 ? s->nsets : 1];
	int kept = 0;

	/* Decided first, freed after: the test looks at every set. */
	for (int k = 0; k < s->nsets; k++)
		gone[k] = set_forgettable(s, s->sets[k]);
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];

		if (!gone[k]) {
			s->sets[kept++] = set;
			release_ended(s, set);
			continue;
		}
		/* Its children are orphans now: no one in the program can
		 * wait for them (a process's: its threads' children are its
		 * own). */
		for (int g = 0; g < p->nghosts && !set->thread; g++)
			if (p->ghosts[g].parent == set->id)
				ghost_drop(s, g--);
		if (!set->thread && set->reaped != all_variants(s))
			ghost_add(s, set);
		set_free(set);
	}
	s->nsets = kept;
}

void set_use(struct session *s, int id)
{
	struct vset *set = set_get(s, id);

	s->cur = id;
	s->v = set->v;
	s->pm = set->fds;
	s->route = set->dec.route;
	s->route_ret = set->dec.ret;
	snprintf(s->note, sizeof(s->note), "%s", set->dec.note);
}

struct variant *set_find(struct session *s, pid_t pid)
{
	for (int k = 0; k < s->nsets; k++)
		for (int i = 0; i < s->n; i++)
			if (s->sets[k]->v[i].pid == pid &&
			    variant_exists(&s->sets[k]->v[i]))
				return &s->sets[k]->v[i];
	return NULL;
}

bool variant_alive(const struct variant *v)
{
	return v->state != VS_EXITED && v->state != VS_KILLED &&
	       v->state != VS_NEW;
}

void set_resume(struct variant *v, int sig)
{
	(v->to_exit ? pt_syscall : pt_cont)(v->pid, sig);
}

pid_t events_own_pid(const struct session *s, int i, pid_t pid0)
{
	const struct session_private *p = cpriv(s);

	/* a process that exists first: an ended one's pid may be reused */
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < s->nsets; k++)
			if (s->sets[k]->v[0].pid == pid0 &&
			    variant_exists(&s->sets[k]->v[0]) == !pass)
				return s->sets[k]->v[i].pid;
	for (int k = 0; k < p->nghosts; k++)
		if (p->ghosts[k].pid[0] == pid0)
			return p->ghosts[k].pid[i];
	return pid0;
}

pid_t events_v0_pid(const struct session *s, pid_t pid)
{
	const struct session_private *p = cpriv(s);

	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < s->nsets; k++)
			for (int i = 0; i < s->n; i++)
				if (s->sets[k]->v[i].pid == pid &&
				    variant_exists(&s->sets[k]->v[i]) == !pass)
					return s->sets[k]->v[0].pid;
	for (int k = 0; k < p->nghosts; k++)
		for (int i = 0; i < s->n; i++)
			if (p->ghosts[k].pid[i] == pid)
				return p->ghosts[k].pid[0];
	return pid;
}

void events_hide_vdso(pid_t pid)
{
	struct user_regs_struct regs;
	unsigned long words[512];
	unsigned long at;
	int phase = 0;		/* 0 argc, 1 argv, 2 envp, 3 auxv */
	bool value = false;	/* auxv: the next word is a value */
	long argc = 0;

	if (pt_getregs(pid, &regs) == -1)
		return;
	at = regs.rsp;
	for (int chunk = 0; chunk < 64; chunk++) {
		ssize_t got = mem_read(pid, at, words, sizeof(words));
		size_t n = got > 0 ? (size_t)got / sizeof(words[0]) : 0;

		if (n == 0)
			return;
		for (size_t i = 0; i < n; i++, at += sizeof(words[0])) {
			if (phase == 0) {
				argc = (long)words[i];
				phase = 1;
			} else if (phase == 1) {
				if (argc-- == 0)
					phase = 2;
			} else if (phase == 2) {
				if (!words[i])
					phase = 3;
			} else if (value) {
				value = false;
			} else if (words[i] == AT_NULL) {
				return;
			} else {
				if (words[i] == AT_SYSINFO_EHDR) {
					unsigned long ign = AT_IGNORE;

					mem_write(pid, at, &ign, sizeof(ign));
				}
				value = true;
			}
		}
	}
}

/* The k-th rdtsc of every variant reads the same value. */
static unsigned long tsc_value(struct session *s, struct variant *v)
{
	struct session_private *p = priv(s);
	unsigned long k = v->tsc_reads++, least = v->tsc_reads;

	if (k - p->tsc_base < s->ntsc)
		return s->tsc[k - p->tsc_base];
	if (s->ntsc == s->captsc) {
		/* Drop what every variant has read already. */
		for (int i = 0; i < s->n; i++)
			if (set_get(s, v->set)->v[i].tsc_reads < least)
				least = set_get(s, v->set)->v[i].tsc_reads;
		if (least - p->tsc_base > s->ntsc / 2) {
			size_t drop = least - p->tsc_base;

			memmove(s->tsc, s->tsc + drop,
				(s->ntsc - drop) * sizeof(*s->tsc));
			s->ntsc -= drop;
			p->tsc_base += drop;
		} else {
			s->captsc = s->captsc ? s->captsc * 2 : 64;
			s->tsc = XRESIZEVEC(unsigned long, s->tsc, s->captsc);
		}
	}
	s->tsc[s->ntsc++] = __rdtsc();
	return s->tsc[k - p->tsc_base];
}

/* A SIGSEGV from rdtsc/rdtscp (trapped with PR_SET_TSC): emulate it so
 * every variant reads the same counter.  Returns false when the fault is
 * the program's own. */
static bool emulate_tsc(struct session *s, struct variant *v)
{
	struct user_regs_struct regs;
	unsigned char insn[3];
	unsigned long t;
	int len;

	if (pt_getregs(v->pid, &regs) == -1 ||
	    mem_read(v->pid, regs.rip, insn, sizeof(insn)) != sizeof(insn))
		return false;
	if (insn[0] == 0x0f && insn[1] == 0x31)
		len = 2;
	else if (insn[0] == 0x0f && insn[1] == 0x01 && insn[2] == 0xf9)
		len = 3;
	else
		return false;
	t = tsc_value(s, v);
	regs.rax = t & 0xffffffffu;
	regs.rdx = t >> 32;
	if (len == 3)
		regs.rcx = 0;
	regs.rip += len;
	return pt_setregs(v->pid, &regs) == 0;
}

static bool fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGTRAP;
}

static bool stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

static void ended(struct variant *v, const struct waitstatus *ws)
{
	if (ws->kind == WK_EXITED) {
		v->state = VS_EXITED;
		v->code = ws->code;
	} else {
		v->state = VS_KILLED;
		v->sig = ws->kind == WK_KILLED ? ws->sig : SIGKILL;
		v->core = ws->core;
	}
}

/* Whether any variant of the set is still alive. */
static bool set_alive(const struct session *s, const struct vset *set)
{
	for (int i = 0; i < s->n; i++)
		if (variant_alive(&set->v[i]))
			return true;
	return false;
}

/* A set whose variants all stopped at their rendezvous has arrived. */
static void check_arrived(struct vset *set, int n)
{
	if (set->state != SET_RUNNING || set->pending_exits)
		return;
	for (int i = 0; i < n; i++)
		if (set->v[i].state == VS_RUNNING || set->v[i].state == VS_NEW)
			return;
	set->state = SET_ARRIVED;
}

/* Forked children: once every variant's child is stopped at its first
 * stop, the set starts with copies of its parent's fd tables. */
static void check_started(struct session *s, struct vset *set)
{
	if (set->state != SET_STARTING)
		return;
	for (int i = 0; i < s->n; i++)
		if (!set->v[i].pid || !set->v[i].attached)
			return;
	for (int i = 0; i < s->n; i++) {
		set->v[i].state = VS_RUNNING;
		pt_cont(set->v[i].pid, 0);
	}
	set->state = SET_RUNNING;
}

/* The process set of a set's thread group: it holds what the threads
 * share (platform fds, signal dispositions). */
static struct vset *group_of(struct session *s, const struct vset *set)
{
	return set_get(s, set->group);
}

/* The child's descriptors and signal dispositions are its parent's at
 * the fork: copied while the
 * parent variant is stopped at its fork event (the parent may close them
 * before the children are all there). */
static void inherit_fds(struct session *s, struct vset *child,
			const struct vset *parent, struct variant *v, bool first)
{
	const struct variant *from = &parent->v[v->index];

	v->exe = from->exe;
	if (child->thread) {
		child->group = parent->group;
		child->fds = parent->fds;
		v->lt = from->lt;
		return;
	}
	if (first) {
		pmap_did_fork(&child->pm, parent->fds);
		child->sa_restart = group_of(s, parent)->sa_restart;
		child->threaded = group_of(s, parent)->threaded;
	}
	ltable_did_fork(&v->local, from->lt);
}

static bool take_orphan(struct session *s, pid_t pid)
{
	struct session_private *p = priv(s);

	for (int i = 0; i < p->norphans; i++)
		if (p->orphans[i] == pid) {
			p->orphans[i] = p->orphans[--p->norphans];
			return true;
		}
	return false;
}

/* The flags of the clone, clone3, fork or vfork call c. */
static unsigned long clone_flags(const struct call *c)
{
	unsigned long flags = 0;

	if (!c->sc)
		return 0;
	if (c->nr == SYS_clone)
		flags = c->args[0];
	else if (c->nr == SYS_clone3 && c->val[0].len >= 8)
		memcpy(&flags, c->val[0].data, sizeof(flags));
	return flags;
}

void events_adopt(struct session *s, struct vset *set, struct variant *v,
		  pid_t pid)
{
	int k = set->nchildren[v->index]++;
	struct vset *child = NULL;
	int pid_set = set->id;	/* sets are stable; the array may move */

	for (int j = 0; j < s->nsets; j++)
		if (s->sets[j]->parent == pid_set && s->sets[j]->ordinal == k)
			child = s->sets[j];
	if (!child) {
		child = set_new(s, pid_set, k);
		child->parent_group = set->group;
		child->thread = clone_flags(&v->call) & CLONE_THREAD;
		if (child->thread)
			group_of(s, set)->threaded = true;
		inherit_fds(s, child, set_get(s, pid_set), &child->v[v->index], true);
	} else {
		inherit_fds(s, child, set_get(s, pid_set), &child->v[v->index], false);
	}
	child->v[v->index].pid = pid;
	child->v[v->index].attached = take_orphan(s, pid);
	check_started(s, child);
}

/* Held signals every variant of a set holds go to all of them when the
 * set is at a rendezvous: each variant steps back onto the call's
 * instruction, takes the signal (its handler runs, in lockstep like any
 * code) and then makes the call again.  A variant blocked in a call when
 * the signal came was not interrupted (the kernel restarts the call when
 * no handler runs), so it arrives at that rendezvous too. */
int events_held_signal(const struct vset *set, int n, bool *eintr)
{
	unsigned long common = ~0ul;
	bool fails = false;
	int sig;

	if (set->state != SET_ARRIVED)
		return 0;
	for (int i = 0; i < n; i++) {
		if (set->v[i].state != VS_SYSCALL)
			return 0;
		common &= set->v[i].held;
		if (set->v[i].restart && !set->v[i].restarts)
			fails = true;
	}
	if (!common)
		return 0;
	sig = __builtin_ctzl(common);
	/* The call at hand is one a signal interrupted (the kernel made it
	 * again when mvdb held the signal back): after the handler it fails
	 * with EINTR, as it would have, unless the kernel would make it
	 * again natively too (see restarts_natively). */
	*eintr = fails;
	return sig;
}

/* A variant that a held signal interrupted in a call it runs itself
 * makes that call again (mvdb held the signal, so no handler ran).
 * When the set's other variants finished the same call undisturbed and
 * stand at their next one, the remade call is no new call: the variant
 * finishes it alone, as the others did (even where natively it would
 * have failed with EINTR: the variants must agree, and the signal is
 * taken at the next rendezvous by all).  Returns whether some variant
 * was sent on. */
/* A signal mask of tid from its /proc status ("SigCgt", "SigBlk"):
 * bit sig-1 for sig; 0 when it cannot be read. */
static unsigned long long status_mask(pid_t tid, const char *key)
{
	char path[64], line[128], fmt[32];
	unsigned long long mask = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	snprintf(fmt, sizeof(fmt), "%s: %%llx", key);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, fmt, &mask) == 1)
			break;
	if (f)
		fclose(f);
	return mask;
}

/* The signals pending for tid, for it or its process (bit sig-1): one
 * read of its status. */
static unsigned long long pending(pid_t tid)
{
	char path[64], line[128];
	unsigned long long mask = 0, one;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "SigPnd: %llx", &one) == 1 ||
		    sscanf(line, "ShdPnd: %llx", &one) == 1)
			mask |= one;
	if (f)
		fclose(f);
	return mask;
}

bool events_follow_death(struct session *s, struct vset *set)
{
	int sig = 0, sent = 0;

	for (int i = 0; i < s->n; i++)
		if (set->v[i].state == VS_KILLED && set->v[i].sig != SIGKILL)
			sig = set->v[i].sig;
	if (!sig)
		return false;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (v->state != VS_SYSCALL || !(pending(v->pid) >> (sig - 1) & 1))
			continue;
		v->restart = 0;
		pt_rewind(v->pid);
		v->state = VS_RUNNING;
		v->to_exit = false;
		pt_cont(v->pid, 0);
		sent++;
	}
	if (sent)
		set->state = SET_RUNNING;
	return sent > 0;
}

bool events_catch_up(struct session *s, struct vset *set)
{
	int restarted = 0, others = 0;

	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (v->state != VS_SYSCALL)
			continue;
		if (v->restart)
			restarted++;
		else
			others++;
	}
	if (!restarted || !others)
		return false;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (v->state != VS_SYSCALL || !v->restart)
			continue;
		v->restart = 0;
		v->state = VS_RUNNING;
		v->to_exit = false;
		pt_cont(v->pid, 0);
	}
	set->state = SET_RUNNING;
	return true;
}

/* Signals every live variant of set holds. */
static unsigned long held_by_all(const struct session *s,
				 const struct vset *set)
{
	unsigned long common = ~0ul;
	bool any = false;

	for (int i = 0; i < s->n; i++)
		if (variant_alive(&set->v[i])) {
			common &= set->v[i].held;
			any = true;
		}
	return any ? common : 0;
}

/* A variant of set took a signal to hold: once every variant holds it,
 * the wait for a common point begins (and is bounded: see
 * events_deliver_late). */
static void note_held(struct session *s, struct vset *set)
{
	if (held_by_all(s, set) && !set->held_at.tv_sec &&
	    !set->held_at.tv_nsec)
		clock_gettime(CLOCK_MONOTONIC, &set->held_at);
}

/* Re-sends held signal sig to variant v of set, stopped: it takes it
 * (its handler gets the siginfo kept) at the stop that comes when it
 * goes on. */
static void resend_held(struct session *s, struct vset *set,
			struct variant *v, int sig)
{
	v->held &= ~(1ul << sig);
	v->releasing = sig;
	syscall(SYS_tgkill, group_of(s, set)->v[v->index].pid, v->pid, sig);
}

/* Lets variant v of set take held signal sig: re-sent to the thread
 * (its handler gets the siginfo kept, at the stop that comes), and v
 * resumed. */
static void send_held(struct session *s, struct vset *set,
		      struct variant *v, int sig)
{
	resend_held(s, set, v, sig);
	v->state = VS_RUNNING;
	v->to_exit = false;
	pt_cont(v->pid, 0);
}


/* Whether call nr waits with a signal mask of its own: a signal it
 * lets through is taken in the call, whatever the thread's mask is. */
static bool takes_mask(long nr)
{
	switch (nr) {
	case SYS_rt_sigsuspend: case SYS_ppoll: case SYS_pselect6:
	case SYS_epoll_pwait: case SYS_epoll_pwait2: case SYS_rt_sigtimedwait:
		return true;
	default:
		return false;
	}
}

/* Whether variant v, at the entry of a call that waits with a mask of
 * its own, takes sig in the call: the thread's mask blocks it, so it is
 * taken under the call's (sigsuspend, sigtimedwait), not before. */
static bool taken_in_call(const struct variant *v, int sig)
{
	return takes_mask(v->call.nr) &&
	       (status_mask(v->pid, "SigBlk") >> (sig - 1) & 1);
}

/* Variant v, at the entry of its call, is to take held signal sig
 * there: it steps back onto the call, which it makes again after the
 * handler, or, when the call was cut short by the signal and natively
 * fails (eintr), the call fails with EINTR and the handler runs as it
 * returns.  A call that takes the signal under a mask of its own is made
 * again either way, and fails or not as natively (sigsuspend: the
 * handler, then EINTR; sigtimedwait: the signal).  Returns whether the
 * call is made again. */
static bool step_back(struct variant *v, bool eintr, int sig)
{
	if (eintr && !taken_in_call(v, sig)) {
		pt_skip(v->pid, -EINTR);
		return false;
	}
	pt_rewind(v->pid);
	return true;
}

static void release_held(struct session *s, struct vset *set)
{
	bool eintr = false;
	int sig = events_held_signal(set, s->n, &eintr);

	/* Variants making again a call the signal cut short (restart_syscall
	 * for a sleep) while the others stand at their next call finish it
	 * first: stepped back there, they would make a call the others
	 * do not. */
	if (!sig || events_catch_up(s, set))
		return;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		v->restart = 0;
		step_back(v, eintr, sig);
		send_held(s, set, v, sig);
	}
	set->held_at = (struct timespec){ 0 };
	note_held(s, set);
	set->state = SET_RUNNING;
}

/* Every variant of set had its call cut short by a signal mvdb holds,
 * and every call fails with EINTR: natively the handler runs as the
 * call returns, before any code of the program after it (`while
 * (!got) pause();` must see got set), so a signal they all hold is
 * re-sent now and taken as they go on, not at the next rendezvous
 * (where it would step back onto the next call and make it again). */
static void handlers_at_eintr(struct session *s, struct vset *set)
{
	unsigned long common = held_by_all(s, set);
	int sig;

	if (!common)
		return;
	sig = __builtin_ctzl(common);
	for (int i = 0; i < s->n; i++)
		if (variant_alive(&set->v[i]))
			resend_held(s, set, &set->v[i], sig);
	set->held_at = (struct timespec){ 0 };
	note_held(s, set);
}

/* A variant's call run to its exit is in.  Once all are, the set's
 * call is finished, unless a signal interrupted some variants' calls
 * and not the others': those then finish theirs as the kernel would
 * without the signal (it makes the call again; mvdb holds the signal
 * until the set's next rendezvous), so that every variant sees the call
 * end the same way.  Interrupted in every variant, the call fails with
 * EINTR in all. */
static void exit_in(struct session *s, struct vset *set)
{
	int eintr = 0, done = 0;

	if (--set->pending_exits > 0)
		return;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (v->eintr)
			eintr++;
		else if (v->call.done && variant_alive(v))
			done++;
	}
	for (int i = 0; eintr && i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!v->eintr)
			continue;
		v->eintr = false;
		if (done) {
			v->parked = false;
			set->pending_exits++;
			set_resume(v, 0);	/* still redo */
			continue;
		}
		v->redo = false;
		v->restart = 0;
		pt_set_return(v->pid, -EINTR);
		v->call.ret = -EINTR;
		v->call.done = true;
	}
	if (eintr && !done)
		handlers_at_eintr(s, set);
	if (set->pending_exits == 0)
		session_finish_call(s, set);
}


/* Whether pid's process has a handler for sig. */
static bool signal_caught(pid_t pid, int sig)
{
	return status_mask(pid, "SigCgt") >> (sig - 1) & 1;
}

/* Whether sig, taken, does something a variant's counterparts must do
 * at the same point: run a handler, or stop the process (a stop signal
 * with no handler, not ignored: its parent sees the stop). */
static bool signal_acts(pid_t pid, int sig)
{
	if (stop_signal(sig))
		return !(status_mask(pid, "SigIgn") >> (sig - 1) & 1);
	return signal_caught(pid, sig);
}

/* Whether sig, pending for pid's process, cuts a wait short natively:
 * a handler runs, or its default action stops or ends the process (one
 * whose default is to ignore it, or that the program ignores, does
 * not). */
static bool signal_interrupts(pid_t pid, int sig)
{
	if (signal_caught(pid, sig))
		return true;
	if (status_mask(pid, "SigIgn") >> (sig - 1) & 1)
		return false;
	return sig != SIGCHLD && sig != SIGURG && sig != SIGWINCH &&
	       sig != SIGCONT;
}

/* Whether sig, pending for variant w, ends its process when taken: no
 * handler, neither ignored nor blocked, a default action that
 * terminates. */
static bool fatal_pending(const struct variant *w, int sig)
{
	return pending(w->pid) >> (sig - 1) & 1 && !stop_signal(sig) &&
	       !signal_caught(w->pid, sig) && signal_interrupts(w->pid, sig) &&
	       !(status_mask(w->pid, "SigBlk") >> (sig - 1) & 1);
}

/* Variant v of set was killed by sig, which its counterparts got too (a
 * signal batch mode passes on, a kill of the program's group): one
 * that had already stopped at its next call has sig pending there and,
 * natively, would never make that call.  It goes on without making it
 * and dies of sig as v did: the program ended, not a divergence. */
static void die_alike(struct session *s, struct vset *set,
		      const struct variant *v, int sig)
{
	/* one that died in a call all had begun: exit_in decides */
	if (set->state != SET_RUNNING || v->to_exit || sig <= 0 || sig > 64)
		return;
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (w == v || w->state != VS_SYSCALL || w->to_exit ||
		    w->parked || !fatal_pending(w, sig))
			continue;
		pt_skip(w->pid, -EINTR);
		w->state = VS_RUNNING;
		set_resume(w, 0);
	}
}

/* Whether pid, stopped with a stop signal, is in its group stop (the
 * signal taken, the process stopped), not at the signal's delivery:
 * the kernel keeps no siginfo for a group stop. */
static bool in_group_stop(pid_t pid)
{
	siginfo_t si;

	return pt_getsiginfo(pid, &si) == -1 && errno == EINVAL;
}

/* Whether siginfo names its sender's pid (si_pid), by its code. */
static bool names_sender(const siginfo_t *si)
{
	switch (si->si_code) {
	case SI_USER: case SI_TKILL: case SI_QUEUE: case SI_MESGQ:
		return true;
	default:
		return si->si_signo == SIGCHLD && si->si_code > 0;
	}
}

/* Whether a terminal sends sig to its foreground process group. */
static bool terminal_signal(int sig)
{
	return sig == SIGINT || sig == SIGQUIT || sig == SIGTSTP ||
	       sig == SIGWINCH || sig == SIGHUP;
}

/* Who sent a signal, as keep_siginfo sees it. */
enum sender {
	FROM_PROGRAM,	/* a process of the program, or the kernel */
	FROM_ITSELF,	/* the process itself (raise, kill of its pid) */
	FROM_OUTSIDE,	/* a process outside the program (a user's kill) */
};

/* Keeps the siginfo of the signal v stopped with, its sender's pid as
 * variant 0 sees it (the handler of every variant sees the same ids),
 * and says who sent it.  A signal mvdb relayed to v keeps the siginfo
 * of the variant that got it. */
static enum sender keep_siginfo(struct session *s, struct vset *set,
				struct variant *v, int sig)
{
	pid_t me = group_of(s, set)->v[v->index].pid;
	enum sender from = FROM_PROGRAM;
	siginfo_t si;

	if (!v->infos)
		v->infos = XCNEWVEC(siginfo_t, SIGRTMAX + 1);
	if (v->relayed >> sig & 1) {
		v->relayed &= ~(1ul << sig);
		return FROM_PROGRAM;
	}
	if (pt_getsiginfo(v->pid, &si) == -1) {
		memset(&v->infos[sig], 0, sizeof(v->infos[sig]));
		return FROM_PROGRAM;
	}
	if (names_sender(&si) && si.si_code <= 0) {
		if (si.si_pid == me)
			from = FROM_ITSELF;
		else if (si.si_pid != getpid() && !set_find(s, si.si_pid) &&
			 events_v0_pid(s, si.si_pid) == si.si_pid)
			from = FROM_OUTSIDE;
	} else if (si.si_code == SI_KERNEL && s->ctty && v->index == 0 &&
		   terminal_signal(sig)) {
		/* typed on the program's terminal (Ctrl-C, Ctrl-\, Ctrl-Z),
		 * its resize or hangup: the kernel sends it to variant 0's
		 * process group, the only one the terminal knows */
		from = FROM_OUTSIDE;
	}
	if (names_sender(&si))
		si.si_pid = events_v0_pid(s, si.si_pid);
	v->infos[sig] = si;
	return from;
}

/* A signal from outside the program reached variant v only (a user's
 * kill of the pid mvdb shows, a key typed on the program's terminal):
 * the program would have got it, so every other variant's counterpart
 * of v gets it too, with the same siginfo. */
static void relay(struct session *s, struct vset *set,
		  const struct variant *v, int sig)
{
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (w == v || !variant_alive(w))
			continue;
		if (!w->infos)
			w->infos = XCNEWVEC(siginfo_t, SIGRTMAX + 1);
		w->infos[sig] = v->infos[sig];
		w->relayed |= 1ul << sig;
		syscall(SYS_tgkill, group_of(s, set)->v[i].pid, w->pid, sig);
	}
}

/* A held signal sig cut a call of set short.  A variant of the set that
 * got sig before its own call began (between calls, where mvdb held it)
 * waits in that call for a signal the kernel no longer has for it (a
 * sigsuspend waiting for SIGCHLD): it gets it again, with the siginfo
 * kept, so that its call ends as the others' did. */
static void wake_holders(struct session *s, struct vset *set, int sig)
{
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (!variant_alive(w) || !w->to_exit || w->parked || w->redo ||
		    !(w->held >> sig & 1) || w->relayed >> sig & 1)
			continue;
		w->relayed |= 1ul << sig;
		syscall(SYS_tgkill, group_of(s, set)->v[i].pid, w->pid, sig);
	}
}

/* Whether the kernel makes a call interrupted with code again when sig
 * comes (and is not held back): the rules of its restart codes. */
static bool restarts_natively(int code, bool caught, bool sa_restart)
{
	switch (code) {
	case ERESTARTNOINTR:
		return true;
	case 512:	/* ERESTARTSYS */
		return !caught || sa_restart;
	default:	/* ERESTARTNOHAND, ERESTART_RESTARTBLOCK */
		return !caught;
	}
}

/* The restart code of the call v was in when a signal stopped it (the
 * kernel makes the call again, or fails it, when v goes on), or 0. */
static int restart_code(const struct variant *v)
{
	struct user_regs_struct regs;

	if (v->redo)
		return v->restart;
	if (pt_getregs(v->pid, &regs) == 0 && (long)regs.orig_rax >= 0 &&
	    (long)regs.rax >= -516 && (long)regs.rax <= -512)
		return (int)-(long)regs.rax;
	return 0;
}

/* Variant v stopped with sig, which mvdb holds (deliver 0) or lets
 * through now (deliver sig, with no handler to run).  If it interrupted
 * a call, the call ends as it would natively: made again by the kernel
 * (a call run to its exit goes on to its real end unseen), or failed
 * with EINTR (the signal's handler then runs at the set's next
 * rendezvous). */
static void interrupted(struct session *s, struct vset *set,
			struct variant *v, int sig, int deliver)
{
	int code = restart_code(v);
	bool again;

	if (!code) {
		set_resume(v, deliver);
		return;
	}
	again = restarts_natively(code, !deliver && signal_caught(v->pid, sig),
				  group_of(s, set)->sa_restart >> sig & 1);
	if (!v->redo) {
		/* Resumed with no exit stop: the call, made again, is the
		 * set's next rendezvous for this variant. */
		v->restart = code;
		v->restarts = again;
		set_resume(v, deliver);
		return;
	}
	if (again) {
		set_resume(v, deliver);
		return;
	}
	/* It fails with EINTR if the set's other variants' calls fail so
	 * too; decided when every variant's call is in (exit_in). */
	v->eintr = true;
	v->parked = true;
	wake_holders(s, set, sig);
	exit_in(s, set);
}

/* Whether sig is blocked for variant v during its call at hand: the
 * mask the call itself takes (its sigset argument, as args.c read it,
 * or pselect6's through its pack), else the thread's. */
static bool blocked_in_call(const struct variant *v, int sig)
{
	const struct call *c = &v->call;

	for (int i = 0; c->sc && i < c->sc->nargs; i++) {
		const struct argspec *a = &c->sc->args[i];
		unsigned long pack[2], mask;

		if (a->kind != ARG_INSTRUCT || !c->args[i])
			continue;
		if (a->aux == ST_SIGSET && c->val[i].read &&
		    c->val[i].len >= sizeof(mask)) {
			memcpy(&mask, c->val[i].data, sizeof(mask));
			return mask >> (sig - 1) & 1;
		}
		if (a->aux == ST_SIGSET_ARGPACK && c->val[i].read &&
		    c->val[i].len >= sizeof(pack)) {
			memcpy(pack, c->val[i].data, sizeof(pack));
			if (pack[0] && mem_read(v->pid, pack[0], &mask,
						sizeof(mask)) == sizeof(mask))
				return mask >> (sig - 1) & 1;
		}
	}
	return status_mask(v->pid, "SigBlk") >> (sig - 1) & 1;
}

/* The code the kernel interrupts call nr with: the readiness waits are
 * never made again after a handler (ERESTARTNOHAND), the others are
 * with SA_RESTART (ERESTARTSYS). */
static int interrupt_code(long nr)
{
	switch (nr) {
	case SYS_poll: case SYS_ppoll: case SYS_select: case SYS_pselect6:
	case SYS_epoll_wait: case SYS_epoll_pwait: case SYS_epoll_pwait2:
		return 514;	/* ERESTARTNOHAND */
	default:
		return 512;	/* ERESTARTSYS */
	}
}

/* Signal sig is now pending for the program's thread group group (for
 * one of its threads, tid0 as variant 0 sees it, or for any with 0): a
 * child's end, or a call of the program that sends it.  A thread whose
 * call waits in the platform (a make in pselect for a job token, a
 * reader of a pipe) would natively be interrupted and run its handler
 * (or stop, and make the call again when continued, or end);
 * the platform's wait knows nothing of the signal, so it is cut here:
 * the call fails with EINTR in every variant, or, when natively the
 * kernel would make it again after the handler (SA_RESTART), the
 * variants step back onto it (set->cut_restarts).  The signal, pending
 * in each, is then taken where they stand. */
static void signal_pending(struct session *s, int group, pid_t tid0, int sig)
{
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];

		if (set->group != group || (tid0 && set->v[0].pid != tid0))
			continue;
		if (set->state != SET_IO || !set->pc || !set->pc->job.out) {
			set->signalled = true;
			continue;
		}
		if (!signal_interrupts(set->v[0].pid, sig) ||
		    blocked_in_call(&set->v[0], sig))
			continue;
		set->cut_restarts =
			restarts_natively(interrupt_code(set->v[0].call.nr),
					  signal_caught(set->v[0].pid, sig),
					  group_of(s, set)->sa_restart >> sig & 1);
		workers_cancel(s->workers, &set->pc->job);
	}
}

bool events_cut_before(struct session *s, struct vset *set)
{
	const struct variant *v = &set->v[0];
	unsigned long long p;

	(void)s;
	/* a read of /proc costs what a platform call does: only after a
	 * signal of the program's came */
	if (!set->signalled)
		return false;
	set->signalled = false;
	p = pending(v->pid);
	/* Only one the thread's own mask lets through: one that the call's
	 * mask alone lets through (pselect) cannot be taken before the
	 * call, and stepping back onto it would come back for ever. */
	if (p)
		p &= ~status_mask(v->pid, "SigBlk");
	for (int sig = 1; p && sig <= 64; sig++)
		if ((p >> (sig - 1) & 1) && signal_interrupts(v->pid, sig) &&
		    !blocked_in_call(v, sig))
			return true;
	return false;
}

/* A child of the program ended: its parent gets SIGCHLD. */
static void child_ended(struct session *s, const struct vset *child)
{
	const struct vset *parent = set_get(s, child->parent);

	if (parent)
		signal_pending(s, parent->group, 0, SIGCHLD);
}


/* The stop signals (bit sig). */
#define STOP_SIGNALS (1ul << SIGSTOP | 1ul << SIGTSTP | 1ul << SIGTTIN | \
		      1ul << SIGTTOU)

/* The program sent SIGCONT to thread group group: its variants in a
 * group stop go on, all of them at once (they stopped at the same
 * point), and stop signals still held for it are dropped, as the kernel
 * drops pending ones.  The SIGCONT itself, pending in each, is then
 * taken like any signal. */
static void continued(struct session *s, int group)
{
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];

		if (set->group != group)
			continue;
		for (int i = 0; i < s->n; i++) {
			struct variant *v = &set->v[i];

			v->held &= ~STOP_SIGNALS;
			if (v->jobstop && variant_alive(v)) {
				v->jobstop = false;
				set_resume(v, 0);
			}
		}
		if (!held_by_all(s, set))
			set->held_at = (struct timespec){ 0 };
	}
}

/* Whether kill's pid argument pid, sent by process set from, reaches
 * the process set to: a process, the sender's process group (0), a
 * process group (-pgid) or all but the sender (-1), as variant 0 sees
 * them (its process groups are the real ones). */
static bool kill_reaches(const struct vset *from, const struct vset *to,
			 pid_t pid)
{
	if (pid > 0)
		return to->v[0].pid == pid;
	if (pid == -1)
		return to != from;
	if (pid == 0)
		return getpgid(to->v[0].pid) == getpgid(from->v[0].pid);
	return getpgid(to->v[0].pid) == -pid;
}

/* SIGCONT sent by set's call c to to (a thread for tkill and tgkill):
 * every process it reaches goes on. */
static void sent_sigcont(struct session *s, const struct vset *set,
			 const struct call *c, pid_t to)
{
	const struct vset *from = group_of(s, set);
	bool process = c->nr == SYS_kill || c->nr == SYS_rt_sigqueueinfo;

	for (int k = 0; k < s->nsets; k++) {
		const struct vset *g = s->sets[k];

		if (g->state == SET_ENDED)
			continue;
		if (process ? g->group == g->id && kill_reaches(from, g, to) :
			      g->v[0].pid == to)
			continued(s, g->group);
	}
}

void events_signal_sent(struct session *s, const struct vset *set,
			const struct call *c)
{
	pid_t to[2] = { 0, 0 };
	int npid = 0, sig = 0;

	for (int i = 0; c->sc && i < c->sc->nargs; i++) {
		if (c->sc->args[i].kind == ARG_SIGNAL)
			sig = (int)c->args[i];
		else if (c->sc->args[i].kind == ARG_PID && npid < 2)
			to[npid++] = (pid_t)c->args[i];
	}
	if (sig == SIGCONT && c->ret == 0)
		sent_sigcont(s, set, c, npid == 2 ? to[1] : to[0]);
	if (sig <= 0 || sig > SIGRTMAX)
		return;
	for (int k = 0; k < s->nsets; k++) {
		const struct vset *t = s->sets[k];

		if (t->state == SET_ENDED)
			continue;
		/* kill, rt_sigqueueinfo: processes; tkill: a thread;
		 * tgkill, rt_tgsigqueueinfo: a thread of a process */
		if (c->nr == SYS_kill || c->nr == SYS_rt_sigqueueinfo) {
			if (t->group == t->id &&
			    kill_reaches(group_of(s, set), t, to[0]))
				signal_pending(s, t->id, 0, sig);
		} else if (t->v[0].pid == (npid == 2 ? to[1] : to[0])) {
			signal_pending(s, t->group, t->v[0].pid, sig);
		}
	}
}


/* Whether session_forward's signal, sent to the program's first
 * process (first, as variant 0 sees it) or to its process group
 * (group), reaches the thread group led by set. */
static bool forward_reaches(const struct vset *set, pid_t first, bool group)
{
	return group ? getpgid(set->v[0].pid) == first : set->v[0].pid == first;
}

/* The process group session_forward's group signals went to, as
 * variant 0 sees it. */
static pid_t forward_group(const struct session *s)
{
	return cpriv(s)->fg[0] > 0 ? cpriv(s)->fg[0] : cpriv(s)->program[0];
}

/* Signals session_forward sent the program (batch mode passes on what
 * mvdb is sent, a timeout's SIGTERM): a process whose call waits in the
 * platform has them pending but stopped, so its wait is cut as for a
 * signal the program sends.  Returns whether there were any. */
static bool events_forwarded(struct session *s)
{
	pid_t first = priv(s)->program[0];
	unsigned long mask;
	uint64_t n;

	/* a plain load first: called at every wait */
	if (!__atomic_load_n(&s->forwarded, __ATOMIC_RELAXED))
		return false;
	mask = __atomic_exchange_n(&s->forwarded, 0, __ATOMIC_SEQ_CST);
	if (read(s->wake, &n, sizeof(n)) < 0) {
		/* drained already */
	}
	for (int bit = 1; first > 0 && bit < 64; bit++) {
		if (!(mask >> bit & 1))
			continue;
		for (int k = 0; k < s->nsets; k++) {
			const struct vset *t = s->sets[k];

			if (t->state != SET_ENDED && t->group == t->id &&
			    forward_reaches(t, bit >= 32 ? forward_group(s) :
						  first, bit >= 32))
				signal_pending(s, t->id, 0, bit % 32);
		}
	}
	return true;
}

/* A parent in vfork waits, unstoppable, for its child to exec or exit:
 * a stop signal would never be taken. */
static bool in_vfork(const struct variant *v)
{
	return v->call.nr == SYS_vfork ||
	       ((v->call.nr == SYS_clone || v->call.nr == SYS_clone3) &&
		clone_flags(&v->call) & CLONE_VFORK);
}

/* A variant that runs and can be stopped where it is. */
static bool pausable(const struct variant *v)
{
	return v->state == VS_RUNNING && v->pid > 0 && !v->parked &&
	       !v->paused && !v->jobstop && !in_vfork(v);
}

void events_recheck(struct session *s, struct vset *set)
{
	check_arrived(set, s->n);
}

/* A variant died of SIGKILL the program did not send (a user's kill,
 * the OOM killer) while the others run: that is a divergence now, not
 * when they next arrive, which may be long.  They are stopped where they
 * are, and the set then stops as diverged. */
static void killed_outside(struct session *s, struct vset *set,
			   const struct variant *v)
{
	bool others = false;

	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (w == v || !pausable(w))
			continue;
		syscall(SYS_tkill, w->pid, SIGSTOP);
		w->pausing = true;
		others = true;
	}
	if (others)
		set->lost = v->index + 1;
}

/* One of a lost set's variants stopped: once all have, the set stops. */
static void lost_stopped(struct session *s, struct vset *set)
{
	for (int i = 0; i < s->n; i++)
		if (set->v[i].pausing && pausable(&set->v[i]))
			return;
	set->state = SET_ARRIVED;
}

/* Where ip is, as a person reads it: "main+12 in prog", else the
 * mapping ("libc.so.6+0x1234", "[stack]"). */
static void fault_place(pid_t pid, unsigned long ip, char *buf, size_t size)
{
	struct error err = { 0 };
	struct symbols *sy = symbols_open(pid, &err);
	struct symbol sym;

	if (sy && symbols_lookup(sy, ip, &sym) && sym.func[0]) {
		const char *base = strrchr(sym.object, '/');

		if (sym.off)
			snprintf(buf, size, "%.180s+%lu in %.100s", sym.func,
				 sym.off, base ? base + 1 : sym.object);
		else
			snprintf(buf, size, "%.180s in %.100s", sym.func,
				 base ? base + 1 : sym.object);
	} else {
		inspect_mapping(pid, ip, buf, size);
	}
	symbols_close(sy);
}

/* What a fault's report says: its siginfo, the instruction and the
 * mapping it is in. */
static void note_fault(struct variant *v)
{
	struct user_regs_struct regs;

	if (pt_getsiginfo(v->pid, &v->fault) == -1)
		memset(&v->fault, 0, sizeof(v->fault));
	v->fault_ip = pt_getregs(v->pid, &regs) == 0 ? regs.rip : 0;
	fault_place(v->pid, v->fault_ip, v->fault_where,
		    sizeof(v->fault_where));
}

/* How long a signal every variant of a set holds may wait for the set's
 * next rendezvous before it is delivered where the variants stand. */
#define HOLD_BOUND_NS 50000000L

/* Whether set's held signal waits for variants that run (their own code
 * or calls of their own), none of them midway through a call mvdb
 * follows to its exit: it may be delivered where they stand. */
static bool holds_running(const struct session *s, const struct vset *set)
{
	bool any = false;

	if (set->state != SET_RUNNING || set->forcing || set->lost ||
	    !held_by_all(s, set) || (!set->held_at.tv_sec && !set->held_at.tv_nsec))
		return false;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (!variant_alive(v))
			continue;
		/* a stopped process takes no signal until it is
		 * continued, natively too */
		if (v->to_exit || v->parked || v->redo || v->paused ||
		    v->jobstop || in_vfork(v))
			return false;
		any = true;
	}
	return any;
}

/* How often variants stopped by a stop signal are looked at for a
 * SIGCONT from outside the program.  A tracee (not seized) in its group
 * stop stays stopped when it comes, and nothing tells the tracer: the
 * signal only waits, pending, in /proc.  Short enough that a user's
 * kill -CONT seems immediate; looked at only while a variant is so
 * stopped. */
#define CONT_LOOK_NS 20000000L

/* Nanoseconds between t and now. */
static long since(const struct timespec *t, const struct timespec *now)
{
	return (now->tv_sec - t->tv_sec) * 1000000000L +
	       (now->tv_nsec - t->tv_nsec);
}

/* Whether a variant of set is stopped by a stop signal. */
static bool set_jobstopped(const struct session *s, const struct vset *set)
{
	for (int i = 0; i < s->n; i++)
		if (set->v[i].jobstop && variant_alive(&set->v[i]))
			return true;
	return false;
}

/* Nanoseconds until stopped variants are looked at for a SIGCONT, or
 * -1 when none is stopped. */
static long cont_look_left(const struct session *s,
			   const struct timespec *now)
{
	long left;

	for (int k = 0; k < s->nsets; k++)
		if (set_jobstopped(s, s->sets[k])) {
			left = CONT_LOOK_NS - since(&cpriv(s)->cont_looked,
						    now);
			return left < 0 ? 0 : left;
		}
	return -1;
}

/* Variant v of set, stopped, has a SIGCONT from outside pending and a
 * handler for it: natively the handler runs as the process goes on,
 * before any more of its code.  The variants stopped at one point, so
 * each takes it there at once (resend_held's way: on_stop gives it the
 * siginfo v's came with), rather than at the next rendezvous. */
static void cont_handler_now(struct session *s, struct vset *set,
			     const struct variant *v)
{
	siginfo_t si;

	if (!signal_caught(v->pid, SIGCONT) ||
	    pt_pending_siginfo(v->pid, SIGCONT, &si) == -1)
		return;
	if (names_sender(&si))
		si.si_pid = events_v0_pid(s, si.si_pid);
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (!variant_alive(w))
			continue;
		if (!w->infos)
			w->infos = XCNEWVEC(siginfo_t, SIGRTMAX + 1);
		w->infos[SIGCONT] = si;
		w->releasing = SIGCONT;
		if (w != v)
			syscall(SYS_tgkill, group_of(s, set)->v[i].pid, w->pid,
				SIGCONT);
	}
}

/* A SIGCONT from outside the program (a user's kill -CONT) came for a
 * variant stopped by a stop signal (one from outside too, or the
 * program's): natively the process goes on, so every variant of it
 * does, its handler run first (cont_handler_now). */
static void continue_from_outside(struct session *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (cont_look_left(s, &now) != 0)
		return;
	priv(s)->cont_looked = now;
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];

		for (int i = 0; i < s->n; i++) {
			const struct variant *v = &set->v[i];

			if (v->jobstop && variant_alive(v) &&
			    pending(v->pid) >> (SIGCONT - 1) & 1) {
				cont_handler_now(s, set, v);
				continued(s, set->group);
				break;
			}
		}
	}
}

long events_hold_deadline(const struct session *s)
{
	struct timespec now;
	long best;

	clock_gettime(CLOCK_MONOTONIC, &now);
	best = cont_look_left(s, &now);
	for (int k = 0; k < s->nsets; k++) {
		const struct vset *set = s->sets[k];
		long left;

		if (!holds_running(s, set))
			continue;
		left = HOLD_BOUND_NS -
		       ((now.tv_sec - set->held_at.tv_sec) * 1000000000L +
			(now.tv_nsec - set->held_at.tv_nsec));
		if (left < 0)
			left = 0;
		if (best < 0 || left < best)
			best = left;
	}
	return best;
}

/* A signal every variant of a set holds has waited HOLD_BOUND_NS for a
 * common system call that does not come (a program computing): its
 * variants are stopped where they run, and take it there
 * (forced_stopped).  If they then disagree, the divergence report says
 * the signal came between calls. */
static void deliver_late(struct session *s)
{
	long left;

	continue_from_outside(s);
	left = events_hold_deadline(s);
	if (left != 0)
		return;
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];
		struct timespec now;
		long waited;

		if (!holds_running(s, set))
			continue;
		clock_gettime(CLOCK_MONOTONIC, &now);
		waited = (now.tv_sec - set->held_at.tv_sec) * 1000000000L +
			 (now.tv_nsec - set->held_at.tv_nsec);
		if (waited < HOLD_BOUND_NS)
			continue;
		set->forcing = true;
		for (int i = 0; i < s->n; i++) {
			struct variant *v = &set->v[i];

			if (!pausable(v) || v->pausing)
				continue;
			syscall(SYS_tkill, v->pid, SIGSTOP);
			v->pausing = true;
		}
	}
}

/* One of a forcing set's variants stopped (or arrived at a call): once
 * none runs, each takes the held signal where it is.  A variant at a
 * call steps back onto it and makes it again after the handler; one
 * that a call of its own was cut short in ends that call as the kernel
 * decides for a handler (made again, or EINTR). */
static void forced_stopped(struct session *s, struct vset *set)
{
	unsigned long common = held_by_all(s, set);
	int sig;

	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (variant_alive(v) && !v->paused && v->state != VS_SYSCALL)
			return;
	}
	set->forcing = false;
	if (!common) {
		for (int i = 0; i < s->n; i++)
			if (set->v[i].paused) {
				set->v[i].paused = false;
				set_resume(&set->v[i], 0);
			}
		return;
	}
	sig = __builtin_ctzl(common);
	local_unsync(set);
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];
		bool again;

		if (!variant_alive(v))
			continue;
		again = !v->restart ||
			restarts_natively(v->restart,
					  signal_caught(v->pid, sig),
					  group_of(s, set)->sa_restart >> sig & 1);
		if (v->state == VS_SYSCALL) {
			/* at a call: made after the handler, unless it is one
			 * a held signal cut short that natively fails now.  One
			 * that waits with a mask of its own takes the signal
			 * in the call: made again, it is where variants
			 * stopped inside it already were (events_catch_up).
			 * So is one at the restart of a call it was cut short
			 * in (restart_syscall): it still finishes that call
			 * alone, after the signal. */
			bool remade = step_back(v, !again, sig);

			if (remade && taken_in_call(v, sig))
				v->restart = 514;
			else if (!remade || !v->restarts)
				v->restart = 0;
			v->restarts = v->restart != 0;
		} else if (!again) {
			v->restart = 0;	/* the program sees EINTR */
		}
		v->paused = false;
		send_held(s, set, v, sig);
	}
	set->held_at = (struct timespec){ 0 };
	note_held(s, set);
	set->state = SET_RUNNING;
}

static void on_stop(struct session *s, pid_t pid, const struct waitstatus *ws)
{
	struct session_private *p = priv(s);
	struct variant *v = set_find(s, pid);
	struct vset *set;
	struct pt_syscall sc;
	enum sender from;
	bool acts;

	if (!v) {
		/* A child whose parent's fork event is still to come: it
		 * stays stopped until it is paired. */
		if (ws->kind == WK_SIGNAL && p->norphans < MAX_ORPHANS)
			p->orphans[p->norphans++] = pid;
		return;
	}
	set = set_get(s, v->set);
	switch (ws->kind) {
	case WK_SECCOMP:
		if (v->redo) {
			/* the interrupted call, made again: same call */
			set_resume(v, 0);
			return;
		}
		if (local_answer(s, set, v))
			return;
		v->state = VS_SYSCALL;
		v->to_exit = false;
		break;
	case WK_SYSCALL_EXIT:
		if (pt_get_syscall(pid, &sc) == -1 || sc.entry) {
			set_resume(v, 0);
			return;
		}
		if (v->local_align) {
			local_aligned(v, sc.ret);
			pt_cont(pid, 0);
			return;
		}
		if (!v->to_exit) {
			pt_cont(pid, 0);	/* not a stop mvdb asked for */
			return;
		}
		if (sc.ret >= -516 && sc.ret <= -512) {
			/* A signal came: not the call's end yet.  Whether
			 * the kernel makes the call again or it fails with
			 * EINTR is known at the signal's stop, next. */
			v->redo = true;
			v->restart = (int)-sc.ret;
			set_resume(v, 0);
			return;
		}
		v->redo = false;
		v->restart = 0;
		v->call.ret = sc.ret;
		v->call.done = true;
		v->parked = true;
		exit_in(s, set);
		return;
	case WK_EXEC:
		events_hide_vdso(pid);
		policy_exec(set, v);
		/* caught signals are reset to their defaults */
		group_of(s, set)->sa_restart = 0;
		/* and the other threads are gone */
		group_of(s, set)->threaded = false;
		set_resume(v, 0);
		return;
	case WK_CLONE:
		events_adopt(s, set, v, (pid_t)ws->msg);
		set_resume(v, 0);
		return;
	case WK_SIGNAL:
		if (!v->attached && set->state == SET_STARTING) {
			v->attached = true;
			check_started(s, set);
			return;
		}
		if (stop_signal(ws->sig) && in_group_stop(pid)) {
			/* A stop signal taken (at a rendezvous, or by the
			 * process itself at a call): the variant stays
			 * stopped, as natively, and its parent sees it so,
			 * until the program continues it
			 * (events_signal_sent).  A SIGCONT that came before
			 * mvdb saw the stop is pending: it goes on at once. */
			if (pending(pid) >> (SIGCONT - 1) & 1) {
				set_resume(v, 0);
				return;
			}
			v->jobstop = true;
			/* where each variant stopped is its own */
			local_unsync(set);
			return;
		}
		if (v->releasing == ws->sig) {
			/* the handler sees the siginfo the signal came with */
			v->releasing = 0;
			if (v->infos && v->infos[ws->sig].si_signo == ws->sig)
				pt_setsiginfo(v->pid, &v->infos[ws->sig]);
			set_resume(v, ws->sig);
			return;
		}
		if (ws->sig == SIGSEGV && emulate_tsc(s, v)) {
			set_resume(v, 0);
			return;
		}
		if (fault_signal(ws->sig) && !v->to_exit) {
			v->state = VS_SIGNAL;
			v->sig = ws->sig;
			note_fault(v);
			break;
		}
		if (ws->sig == SIGSTOP && (v->pausing || s->interrupt ||
					   p->pausing || set->lost)) {
			bool mine = v->pausing;

			v->pausing = false;
			if (set->forcing && !s->interrupt && !p->pausing &&
			    !set->lost) {
				v->paused = true;
				if (!v->redo && (v->restart = restart_code(v)))
					v->restarts = true;
				forced_stopped(s, set);
				return;
			}
			if (s->interrupt || p->pausing || set->lost) {
				/* Stopped for session_interrupt: stays so.
				 * A call it was in is made again when it
				 * goes on, as after any stop signal. */
				v->paused = true;
				if (!v->redo && (v->restart = restart_code(v)))
					v->restarts = true;
				if (set->lost)
					lost_stopped(s, set);
				return;
			}
			if (mine) {
				/* mvdb's own, come after the pause it was
				 * for ended (the variant had arrived at a
				 * call): taken back, never the program's
				 * stop; a call it cut short is made again */
				if (!v->redo && (v->restart = restart_code(v)))
					v->restarts = true;
				set_resume(v, 0);
				return;
			}
		}
		from = keep_siginfo(s, set, v, ws->sig);
		if (from == FROM_OUTSIDE)
			relay(s, set, v, ws->sig);
		acts = signal_acts(v->pid, ws->sig);
		if (!acts) {
			/* No handler, no stop: its default action (the end
			 * of the process, or nothing) or ignored.  No code of the
			 * program runs for it, so it needs no common point:
			 * each variant takes its own at once (a loop that
			 * makes no call still ends on SIGALRM). */
			interrupted(s, set, v, ws->sig, ws->sig);
			return;
		}
		if (from == FROM_ITSELF && !restart_code(v)) {
			/* Sent by the process to itself (raise, kill of its
			 * own pid), every variant at the same call: the
			 * handler runs (or the process stops) before the call
			 * returns, as natively. */
			pt_setsiginfo(v->pid, &v->infos[ws->sig]);
			set_resume(v, ws->sig);
			return;
		}
		/* Asynchronous: held until every variant of the set has it
		 * and they can all take it at the same point. */
		v->held |= 1ul << ws->sig;
		interrupted(s, set, v, ws->sig, 0);
		note_held(s, set);
		return;
	case WK_EXITED:
	case WK_KILLED:
	case WK_ERROR:
		ended(v, ws);
		v->jobstop = false;
		if (set->id == 0) {
			/* its pid may be reused, as a group's id too */
			if (p->fg[v->index] == p->program[v->index])
				p->fg[v->index] = 0;
			p->program[v->index] = 0;
		}
		if (v->index == 0 && !set->thread)
			child_ended(s, set);
		if (ws->kind == WK_KILLED && ws->sig == SIGKILL &&
		    !set->doomed && !set->thread)
			killed_outside(s, set, v);
		else if (ws->kind == WK_KILLED)
			die_alike(s, set, v, ws->sig);
		if (set->state == SET_IO && !set_alive(s, set))
			/* Killed while the platform waits for it: the wait
			 * is for no one now. */
			workers_cancel(s->workers, &set->pc->job);
		if (v->to_exit) {
			bool counted = v->parked;	/* its exit is in */

			v->to_exit = false;
			if (!counted)
				exit_in(s, set);
		}
		break;
	default:
		set_resume(v, 0);
		return;
	}
	check_arrived(set, s->n);
	if (set->state == SET_ARRIVED) {
		set->forcing = false;
		release_held(s, set);
	} else if (set->forcing) {
		forced_stopped(s, set);
	}
}

/* No tracee is left to wait for (ECHILD): whatever has not ended, ended
 * unseen. */
static void lost_all(struct session *s)
{
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];

		if (set->state == SET_ENDED)
			continue;
		for (int i = 0; i < s->n; i++)
			if (set->v[i].state != VS_EXITED &&
			    set->v[i].state != VS_KILLED) {
				set->v[i].state = VS_KILLED;
				set->v[i].sig = SIGKILL;
			}
		set->state = SET_ENDED;
	}
}

/* When the only tracees that can stop are one set's, a variant of it
 * still running, else 0.  Waiting for that pid alone wakes the monitor
 * only when it stops, not at every stop of the set's other variants:
 * fewer context switches per step than waiting for any tracee. */
static pid_t lone_runner(struct session *s)
{
	struct vset *running = NULL;
	pid_t pid = 0;

	if (priv(s)->norphans)
		return 0;
	for (int k = 0; k < s->nsets; k++) {
		switch (s->sets[k]->state) {
		case SET_RUNNING:
			if (running)
				return 0;
			running = s->sets[k];
			break;
		case SET_STARTING:
			return 0;
		default:
			break;
		}
	}
	if (!running)
		return 0;
	/* one variant left to arrive: with two or more, a death among
	 * them must be seen at once (killed_outside) */
	for (int i = 0; i < s->n; i++)
		if (pausable(&running->v[i])) {
			if (pid)
				return 0;
			pid = running->v[i].pid;
		}
	return pid;
}

static void reap_jobs(struct session *s);

void events_cut_input(struct session *s)
{
	bool out;

	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];

		if (!input_read_out(s, set))
			continue;
		set->cut_restarts = true;
		if (!workers_cancel_wait(s->workers, &set->pc->job))
			set->cut_restarts = false;	/* stuck: left to run */
	}
	do {
		struct pollfd p = { workers_fd(s->workers), POLLIN, 0 };

		out = false;
		for (int k = 0; k < s->nsets; k++)
			if (s->sets[k]->cut_restarts &&
			    input_read_out(s, s->sets[k]))
				out = true;
		if (out && poll(&p, 1, -1) > 0)
			reap_jobs(s);
	} while (out);
}

void events_pause(struct session *s)
{
	struct session_private *p = priv(s);
	bool waiting;

	events_clear_interrupt(s);
	p->pausing = true;
	/* The front end takes its terminal back: the program's reads of
	 * it stop too, as the program would. */
	if (s->cfg.shared_stdin)
		events_cut_input(s);
	do {
		waiting = false;
		/* every variant that runs, those set going meanwhile too (a
		 * call finished, a child started) */
		for (int k = 0; k < s->nsets; k++)
			for (int i = 0; i < s->n; i++) {
				struct variant *v = &s->sets[k]->v[i];

				if (!pausable(v))
					continue;
				if (!v->pausing) {
					syscall(SYS_tkill, v->pid, SIGSTOP);
					v->pausing = true;
				}
				waiting = true;
			}
		if (waiting)
			events_wait(s);
	} while (waiting);
	p->pausing = false;
	events_clear_interrupt(s);
}

void events_clear_interrupt(struct session *s)
{
	uint64_t n;

	s->interrupt = 0;
	if (read(s->wake, &n, sizeof(n)) < 0) {
		/* nothing was written: fine */
	}
}

void events_unpause(struct session *s)
{
	for (int k = 0; k < s->nsets; k++)
		for (int i = 0; i < s->n; i++) {
			struct variant *v = &s->sets[k]->v[i];

			if (v->paused) {
				v->paused = false;
				if (variant_alive(v))
					set_resume(v, 0);
			}
		}
}

/* A variant that runs (for session_interrupt to stop), or 0. */
static pid_t any_runner(const struct session *s)
{
	for (int k = 0; k < s->nsets; k++)
		for (int i = 0; i < s->n; i++)
			if (pausable(&s->sets[k]->v[i]))
				return s->sets[k]->v[i].pid;
	return 0;
}

/* Platform calls that came back from the workers: their sets go on. */
static void reap_jobs(struct session *s)
{
	struct job *j;

	while ((j = workers_reap(s->workers))) {
		struct vset *set = j->owner;

		session_run_io(s, set);
		if (set->state == SET_IO)
			set->state = SET_RUNNING;
		check_arrived(set, s->n);
		if (set->state == SET_ARRIVED)
			release_held(s, set);
	}
}

/* The one place the tracer waits: for a tracee event, or a platform
 * call that a worker finished.  While no platform call is out, tracee
 * events are all there is to wait for, and waitpid alone (for the one
 * variant that matters, when that is known) is the cheapest wait; with
 * calls out, poll watches the workers' eventfd and a signalfd that
 * SIGCHLD makes readable.  Handles what came and returns. */
void events_wait(struct session *s)
{
	struct waitstatus ws;
	long hold = events_hold_deadline(s);
	bool said = false;	/* watch.waiting was called */
	pid_t pid;

	/* forwarded while no wait polled the wake (session_step drains it) */
	events_forwarded(s);
	if (hold == 0) {
		deliver_late(s);
		return;
	}
	/* A front end that says when a wait lasts (watch.waiting) needs
	 * the poll, which can time out. */
	if (!workers_busy(s->workers) && hold < 0 && !s->watch.waiting) {
		pid = lone_runner(s);
		/* session_interrupt stops the variant the wait is for (or
		 * one that runs), so that waitpid returns. */
		s->poke = pid > 0 ? pid : any_runner(s);
		if (s->interrupt && !priv(s)->pausing) {
			s->poke = 0;
			return;
		}
		if (pid > 0)
			ws = pt_wait(pid);
		else
			pid = pt_wait_any(&ws, true);
		s->poke = 0;
		if (pid > 0)
			on_stop(s, pid, &ws);
		else
			lost_all(s);
		return;
	}
	for (;;) {
		struct pollfd fds[3 + WATCH_MAX] = {
			{ s->sigchld, POLLIN, 0 },
			{ workers_fd(s->workers), POLLIN, 0 },
			{ s->wake, POLLIN, 0 },
		};
		int nfds = priv(s)->pausing ? 2 : 3;
		int timeout = hold < 0 ? -1 : (int)(hold / 1000000 + 1);
		struct signalfd_siginfo si;
		bool front = false;
		int n;

		/* SIGCHLD is coalesced: ask waitpid first, and read the
		 * signalfd only to wait again. */
		pid = pt_wait_any(&ws, false);
		if (pid > 0) {
			on_stop(s, pid, &ws);
			return;
		}
		if (s->interrupt && !priv(s)->pausing)
			return;
		/* The front end's descriptors too (keys typed for the
		 * program), while it is not pausing. */
		for (int i = 0; nfds == 3 && i < s->watch.nfd; i++)
			fds[3 + i] = (struct pollfd){ s->watch.fd[i], POLLIN, 0 };
		if (nfds == 3)
			nfds += s->watch.nfd;
		n = 0;
		if (s->watch.idle && nfds > 3) {
			n = poll(fds, (nfds_t)nfds, 0);
			if (n == 0)
				s->watch.idle(s->watch.ctx);
		} else if (s->watch.waiting && nfds == 3 && !said &&
			   (timeout < 0 || timeout > WATCH_WAITING_MS)) {
			/* a wait that lasts is said once it has lasted:
			 * nothing more while calls come quickly */
			n = poll(fds, (nfds_t)nfds, WATCH_WAITING_MS);
			if (n == 0) {
				said = true;
				s->watch.waiting(s->watch.ctx);
				if (timeout > 0)
					timeout -= WATCH_WAITING_MS;
			}
		}
		if (n == 0)
			n = poll(fds, (nfds_t)nfds, timeout);
		if (n == -1 && errno != EINTR)
			return;
		if (n == 0) {
			deliver_late(s);
			return;
		}
		if (fds[1].revents) {
			reap_jobs(s);
			return;
		}
		for (int i = 3; i < nfds; i++)
			front |= fds[i].revents != 0;
		if (front) {
			s->watch.ready(s->watch.ctx);
			return;
		}
		if (s->interrupt && !priv(s)->pausing)
			return;
		if (fds[2].revents && events_forwarded(s))
			return;
		while (read(s->sigchld, &si, sizeof(si)) == sizeof(si))
			;
	}
}
