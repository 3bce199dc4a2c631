/* The sets: made at a fork, found by pid, swept when ended, and the
 * ids every variant sees (variant 0's). */
#include "events_int.h"
#include "args.h"
#include "platform.h"

#include <libiberty.h>
#include <stdlib.h>
#include <string.h>

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
		free(set->v[i].standin);
	}
	if (set->pm.low)
		pmap_free(&set->pm);
	platform_drop_locks(set);
	if (set->pc) {
		pcall_free(set->pc);
		free(set->pc);
	}
	free(set->clocks);
	free(set->parents);
	free(set->track);
	free(set->queries);
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
	if (v->listening) {
		/* stopped as natively: woken first, resumed at the stop
		 * that makes (events.c, group_stopped) */
		pt_interrupt(v->pid);
		return;
	}
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
