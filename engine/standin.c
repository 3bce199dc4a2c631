/* While the platform waits for a set's call on a worker, variant 0
 * waits in the kernel too, in pause(2) standing in for its call, with
 * the signal mask the call would wait with.  A signal sent to it from
 * outside the program (a user's kill of the pid it has) then reaches
 * the tracer at once, as a signal stop, where a tracee kept stopped for
 * mvdb would hold it pending and tell no one: no look in /proc, no
 * polling interval.
 *
 * Design notes.  The stand-in costs variant 0 two more stops and
 * about ten ptrace requests per call that goes to a worker, and only
 * those, which wait anyway.  Measured on the 2-core VM of the README's
 * figures, the bash loop of 20 `x=$(echo $i | cat)` makes 185 stand-ins
 * next to 51,000 other ptrace requests, and its wall time, paired
 * against the build without them (10 runs), is 0.98x: within the
 * noise.  Keeping variant 0 stopped meant looking in /proc every 20 ms
 * instead, which a waiting server paid 50 times a second.
 *
 * pause is made at the call's own syscall instruction, so the kernel's
 * restart of it (after a signal it ignores) comes back through the
 * filter as a pause; and it is undone by stepping back onto that
 * instruction, so that variant 0 is at a real seccomp stop of its call
 * again (its registers, the call's, as when it arrived) before anything
 * else looks at it. */
#include "events_int.h"
#include "mem.h"

#include <libiberty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Variant 0 waiting so. */
struct standin {
	struct user_regs_struct regs;	/* at its call's seccomp stop */
	unsigned long mask;		/* its signal mask then */
	unsigned long wait_mask;	/* the mask it waits with: the
					   call's own (ppoll, pselect6,
					   epoll_pwait), else that one */
};

bool standin_regs(const struct variant *v, struct user_regs_struct *regs)
{
	if (!v->standin)
		return false;
	*regs = v->standin->regs;
	return true;
}

/* Whether a worker still waits in set's call, not cut short yet. */
static bool worker_waits(const struct vset *set)
{
	return set->state == SET_IO && set->pc && set->pc->job.out &&
	       !set->pc->job.cancelled;
}

/* v waits so no longer. */
static void drop(struct variant *v)
{
	free(v->standin);
	v->standin = NULL;
}

void standin_enter(struct session *s, struct vset *set)
{
	struct variant *v = &set->v[0];
	struct standin *st;
	struct user_regs_struct regs;

	(void)s;
	if (!worker_waits(set) || v->standin || !variant_alive(v) ||
	    v->state != VS_SYSCALL || v->jobstop)
		return;
	st = XCNEW(struct standin);
	if (pt_getregs(v->pid, &st->regs) == -1 ||
	    pt_getsigmask(v->pid, &st->mask) == -1) {
		free(st);
		return;
	}
	if (!sig_call_mask(v, &st->wait_mask))
		st->wait_mask = st->mask;
	/* SIGKILL and SIGSTOP cannot be blocked */
	st->wait_mask &= ~(1ul << (SIGKILL - 1) | 1ul << (SIGSTOP - 1));
	if (st->wait_mask != st->mask &&
	    pt_setsigmask(v->pid, st->wait_mask) == -1) {
		free(st);
		return;
	}
	regs = st->regs;
	regs.orig_rax = SYS_pause;
	if (pt_setregs(v->pid, &regs) == -1 || pt_cont(v->pid, 0) == -1) {
		pt_setregs(v->pid, &st->regs);
		pt_setsigmask(v->pid, st->mask);
		free(st);
		return;
	}
	v->standin = st;
}

/* Whether sig, come for v in its stand-in, cuts the call's wait, as
 * natively it would cut the call (events.c: cut_wait).  The mask is the
 * one the stand-in waits with, read once at its start: the call's own
 * (pselect6's) lies in the program's memory, where another thread may
 * change it.  A signal that does not cut it is one the program ignores;
 * natively the kernel drops it when it is sent, and so does mvdb:
 * delivered, a handler installed meanwhile would run program code in
 * variant 0 while it stands in for a call. */
static bool cuts(const struct variant *v, int sig)
{
	return sig == SIGSTOP ||
	       (sig_interrupts(v->pid, sig) &&
		!(v->standin->wait_mask >> (sig - 1) & 1));
}

/* v, in its stand-in, stopped at a call: the pause it was given is the
 * only one it can make there.  Anything else is program code running
 * unseen (its own code changed under it): v is killed. */
static void kill_unless_paused(const struct variant *v)
{
	struct pt_syscall sc;

	if (pt_get_syscall(v->pid, &sc) != 0 || sc.nr != SYS_pause ||
	    sc.ip != v->standin->regs.rip)
		kill(v->pid, SIGKILL);
}

/* Whether the instruction before ip is still syscall (0f 05). */
static bool at_syscall(pid_t pid, unsigned long ip)
{
	unsigned char insn[2];

	return mem_read(pid, ip - 2, insn, sizeof(insn)) == sizeof(insn) &&
	       insn[0] == 0x0f && insn[1] == 0x05;
}

/* Brings v (variant 0 of set, in its stand-in) back to its call's
 * seccomp stop, the signals that came for it meanwhile pending again
 * (a blocked signal it is resumed with is queued again by the kernel,
 * with its siginfo).  ws, when not NULL, is the stop it stands at now.
 * Returns the first signal that cuts the call's wait, 0 for none, or
 * -1 when v ended on the way (its end handled). */
static int bring_back(struct session *s, struct vset *set, struct variant *v,
		      const struct waitstatus *at)
{
	struct standin *st = v->standin;
	unsigned long again = 0;	/* signals to queue again */
	bool rewound = false, restop = false;
	int first = 0;

	pt_interrupt(v->pid);
	for (;;) {
		struct waitstatus ws = at ? *at : pt_wait(v->pid);
		struct user_regs_struct regs;

		at = NULL;
		switch (ws.kind) {
		case WK_SIGNAL:
			if (!cuts(v, ws.sig)) {
				pt_cont(v->pid, 0);	/* ignored */
				continue;
			}
			if (!first)
				first = ws.sig;
			if (ws.sig == SIGSTOP) {
				/* cannot be blocked: sent again below, taken
				 * then as it came */
				restop = true;
				if (sig_keep_siginfo(s, set, v, SIGSTOP) ==
				    FROM_OUTSIDE)
					v->resent |= 1ul << SIGSTOP;
				pt_cont(v->pid, 0);
				continue;
			}
			again |= 1ul << (ws.sig - 1);
			pt_setsigmask(v->pid, st->wait_mask | again);
			pt_cont(v->pid, ws.sig);
			continue;
		case WK_TRAP:
		case WK_GROUP_STOP:
			if (!rewound && !at_syscall(v->pid, st->regs.rip)) {
				/* its own code rewrote the instruction it
				 * waits at: stepping back would run something
				 * else, unseen */
				kill(v->pid, SIGKILL);
				pt_cont(v->pid, 0);
				continue;
			}
			if (!rewound) {
				regs = st->regs;
				regs.rax = st->regs.orig_rax;
				regs.orig_rax = (unsigned long)-1L;
				regs.rip -= 2;	/* syscall: 0f 05 */
				pt_setregs(v->pid, &regs);
				rewound = true;
			}
			pt_cont(v->pid, 0);
			continue;
		case WK_SECCOMP:
			if (!rewound) {
				kill_unless_paused(v);	/* made again */
				pt_cont(v->pid, 0);
				continue;
			}
			break;
		case WK_EXITED:
		case WK_KILLED:
		case WK_ERROR:
			drop(v);
			events_on_stop(s, v->pid, &ws);
			return -1;
		default:
			pt_cont(v->pid, 0);
			continue;
		}
		break;
	}
	/* at its call again, as it arrived */
	pt_setregs(v->pid, &st->regs);
	pt_setsigmask(v->pid, st->mask);
	if (restop)
		syscall(SYS_tgkill, events_group_of(s, set)->v[0].pid, v->pid,
			SIGSTOP);
	drop(v);
	return first;
}

void standin_leave(struct session *s, struct vset *set)
{
	if (set->v[0].standin)
		bring_back(s, set, &set->v[0], NULL);
}

bool standin_stopped(struct session *s, struct vset *set, struct variant *v,
		     const struct waitstatus *ws)
{
	int sig;

	if (!v->standin)
		return false;
	switch (ws->kind) {
	case WK_SIGNAL:
		if (!cuts(v, ws->sig)) {
			pt_cont(v->pid, 0);	/* ignored */
			return true;
		}
		/* natively it cuts the call short: so it cuts the
		 * platform's wait, once variant 0 stands at the call
		 * again with the signal pending */
		sig = bring_back(s, set, v, ws);
		if (sig > 0 && worker_waits(set))
			sig_cut_wait(s, set, sig);
		return true;
	case WK_SECCOMP:	/* pause made again after a signal */
		kill_unless_paused(v);
		pt_cont(v->pid, 0);
		return true;
	case WK_TRAP:
	case WK_GROUP_STOP:
		pt_cont(v->pid, 0);
		return true;
	default:
		drop(v);
		return false;	/* its end: handled as any */
	}
}
