/* Signals pending for the program's processes: sent by its own calls
 * (kill, tgkill, sigqueue), by its children's ends (SIGCHLD), or passed
 * on by mvdb from what it was sent (session_forward).  A process whose
 * call waits in the platform would natively be interrupted: the
 * platform's wait is cut, as the kernel would cut it. */
#include "events_int.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

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

void sig_cut_wait(struct session *s, struct vset *set, int sig)
{
	set->cut_restarts =
		sig_restarts_natively(interrupt_code(set->v[0].call.nr),
				  sig_caught(set->v[0].pid, sig),
				  events_group_of(s, set)->sa_restart >> sig & 1);
	workers_cancel(s->workers, &set->pc->job);
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
		if (sig_stop(sig))
			sig_follow_stop(s, set);
		if (set->state != SET_IO || !set->pc || !set->pc->job.out) {
			set->signalled = true;
			continue;
		}
		if (!sig_interrupts(set->v[0].pid, sig) ||
		    sig_blocked_in_call(&set->v[0], sig))
			continue;
		sig_cut_wait(s, set, sig);
	}
}

/* The signals every living variant of set has pending in the kernel,
 * or held by mvdb too when held (bit sig-1). */
static unsigned long long had_by_all(const struct session *s,
				     const struct vset *set, bool held)
{
	unsigned long long every = ~0ull;

	for (int i = 0; i < s->n; i++) {
		const struct variant *u = &set->v[i];

		if (variant_alive(u))
			every &= sig_pending(u->pid) | (held ? u->held >> 1 : 0);
	}
	return every;
}

void sig_note_at_return(const struct session *s, struct vset *set)
{
	/* pending in the kernel in every variant: each takes it as the
	 * call returns (one mvdb holds for a variant would not come there,
	 * and the others' handlers would run alone) */
	unsigned long long every = had_by_all(s, set, false);

	for (int i = 0; i < s->n; i++)
		set->v[i].at_return = (unsigned long)every << 1;
}

bool sig_at_return(struct variant *v, int sig)
{
	bool at = v->at_return >> sig & 1;

	v->at_return &= ~(1ul << sig);
	return at;
}

bool events_cut_before(struct session *s, struct vset *set)
{
	const struct variant *v = &set->v[0];
	unsigned long long p;
	bool held = false;

	for (int i = 0; i < s->n; i++)
		held |= set->v[i].held != 0;
	/* a read of /proc costs what a platform call does: only after a
	 * signal of the program's came, or with one held */
	if (!set->signalled && !held)
		return false;
	set->signalled = false;
	p = sig_pending(v->pid);
	/* A variant that holds a signal took it running, before its call
	 * (held for a common point), while the others, stopped at the call,
	 * have it pending still: cut before the wait starts, they take
	 * theirs as they step back onto the call, and every variant then
	 * holds it.  Only when every variant has it: one the others never
	 * get would cut the call for ever. */
	if (held)
		p |= had_by_all(s, set, true);
	/* Only one the thread's own mask lets through: one that the call's
	 * mask alone lets through (pselect) cannot be taken before the
	 * call, and stepping back onto it would come back for ever. */
	if (p)
		p &= ~sig_status_mask(v->pid, "SigBlk");
	for (int sig = 1; p && sig <= 64; sig++)
		if ((p >> (sig - 1) & 1) && sig_interrupts(v->pid, sig) &&
		    !sig_blocked_in_call(v, sig))
			return true;
	return false;
}

void sig_child_ended(struct session *s, const struct vset *child)
{
	const struct vset *parent = set_get(s, child->parent);

	if (parent)
		signal_pending(s, parent->group, 0, SIGCHLD);
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
	const struct vset *from = events_group_of(s, set);
	bool process = c->nr == SYS_kill || c->nr == SYS_rt_sigqueueinfo;

	for (int k = 0; k < s->nsets; k++) {
		const struct vset *g = s->sets[k];

		if (g->state == SET_ENDED)
			continue;
		if (process ? g->group == g->id && kill_reaches(from, g, to) :
			      g->v[0].pid == to)
			sig_continued(s, g->group);
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
			    kill_reaches(events_group_of(s, set), t, to[0]))
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

bool sig_forwarded(struct session *s)
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
