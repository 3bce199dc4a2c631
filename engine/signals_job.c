/* Job control in lockstep: stop signals taken at once wherever each
 * variant stands (in a call too) and the counterparts brought to the
 * same call, SIGCONT from the program or from outside, and what comes
 * from outside that nothing tells the tracer (looked for in /proc while
 * a call waits in the platform). */
#include "events_int.h"

#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The stop signals (bit sig). */
#define STOP_SIGNALS (1ul << SIGSTOP | 1ul << SIGTSTP | 1ul << SIGTTIN | \
		      1ul << SIGTTOU)

void sig_continued(struct session *s, int group)
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
		if (!sig_held_by_all(s, set))
			set->held_at = (struct timespec){ 0 };
	}
}

void sig_cont_taken(struct session *s, const struct vset *set)
{
	for (int k = 0; k < s->nsets; k++) {
		struct vset *t = s->sets[k];

		if (t->group != set->group)
			continue;
		for (int i = 0; i < s->n; i++)
			t->v[i].held &= ~STOP_SIGNALS;
		if (!sig_held_by_all(s, t))
			t->held_at = (struct timespec){ 0 };
	}
}

/* How often a variant whose call waits in the platform is looked at
 * for a signal from outside the program: stopped for mvdb, it does not
 * take it, and nothing tells the tracer (the signal only waits,
 * pending, in /proc).  Short enough that a user's kill seems
 * immediate; looked at only while a call so waits. */
#define OUTSIDE_LOOK_NS 20000000L

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

void sig_follow_stop(struct session *s, struct vset *set)
{
	if (set->state != SET_RUNNING || !set_jobstopped(s, set))
		return;
	for (int i = 0; i < s->n; i++)
		if (set->v[i].parked && set->v[i].call.done &&
		    variant_alive(&set->v[i]))
			sig_unstop_for(s, set, &set->v[i]);
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];
		unsigned long held = w->held & STOP_SIGNALS;

		if (w->jobstop || w->state != VS_SYSCALL || w->to_exit ||
		    w->parked ||
		    !(held || sig_pending(w->pid) & STOP_SIGNALS >> 1))
			continue;
		pt_rewind(w->pid);
		if (held) {
			/* held while it finished a call (sig_stop_waits) */
			int sig = __builtin_ctzl(held);

			w->held &= ~(1ul << sig);
			syscall(SYS_tgkill, events_group_of(s, set)->v[i].pid,
				w->pid, sig);
		}
		w->state = VS_RUNNING;
		pt_cont(w->pid, 0);
	}
	if (!sig_held_by_all(s, set))
		set->held_at = (struct timespec){ 0 };
}

bool sig_stop_waits(const struct session *s, const struct vset *set,
		    const struct variant *v, int sig)
{
	if (!sig_stop(sig) || !v->to_exit)
		return false;
	for (int i = 0; i < s->n; i++)
		if (&set->v[i] != v && set->v[i].parked &&
		    set->v[i].call.done && variant_alive(&set->v[i]))
			return true;
	return false;
}

void sig_unstop_for(struct session *s, struct vset *set,
		    const struct variant *v)
{
	unsigned long long stops;
	int sig;

	if (!set_jobstopped(s, set))
		return;
	stops = sig_pending(v->pid) << 1 & STOP_SIGNALS;
	if (!stops)
		return;
	sig = __builtin_ctzll(stops);
	for (int i = 0; i < s->n; i++) {
		struct variant *u = &set->v[i];

		if (!u->jobstop || !u->to_exit || !variant_alive(u))
			continue;
		u->jobstop = false;
		u->held |= 1ul << sig;
		set_resume(u, 0);
	}
}

/* Whether set's call waits in the platform (a worker has it). */
static bool waits_in_platform(const struct vset *set)
{
	return set->state == SET_IO && set->pc && set->pc->job.out;
}

long sig_outside_look_left(const struct session *s,
			   const struct timespec *now)
{
	long left;

	for (int k = 0; k < s->nsets; k++)
		if (waits_in_platform(s->sets[k])) {
			left = OUTSIDE_LOOK_NS -
			       since(&cpriv(s)->outside_looked, now);
			return left < 0 ? 0 : left;
		}
	return -1;
}

/* A signal from outside the program (a user's kill -STOP or -TERM to
 * the pid variant 0 has) came for a process whose call waits in the
 * platform: variant 0, stopped for mvdb, does not take it, and nothing
 * tells the tracer, so it is looked for in /proc.  Natively the signal
 * cuts the wait: so does mvdb (cut_wait), and the variants take it
 * where they stand (relayed to the others as it is taken). */
static void cut_waits_from_outside(struct session *s)
{
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];
		const struct variant *v = &set->v[0];
		unsigned long long p;

		if (!waits_in_platform(set) || !(p = sig_pending(v->pid)))
			continue;
		p &= ~sig_status_mask(v->pid, "SigBlk");
		for (int sig = 1; p && sig <= 64; sig++)
			if ((p >> (sig - 1) & 1) &&
			    sig_interrupts(v->pid, sig) &&
			    !sig_blocked_in_call(v, sig)) {
				sig_cut_wait(s, set, sig);
				break;
			}
	}
}

void sig_look_from_outside(struct session *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (sig_outside_look_left(s, &now) != 0)
		return;
	priv(s)->outside_looked = now;
	cut_waits_from_outside(s);
}
