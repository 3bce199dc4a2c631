/* Job control in lockstep: stop signals taken at once wherever each
 * variant stands (in a call too) and the counterparts brought to the
 * same call, SIGCONT from the program or from outside. */
#include "events_int.h"

#include <signal.h>
#include <sys/syscall.h>
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
