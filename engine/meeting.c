/* A set's meeting: its variants arrived at their rendezvous (a call
 * each, or an end); their calls are read and compared, and the set
 * becomes a stop, a divergence, or goes on (a death that reaches the
 * others too, a variant catching up).  The engine's loop around it is
 * session.c's. */
#include "events_int.h"
#include "local.h"
#include "args.h"
#include "compare.h"
#include "policy.h"
#include "paths.h"
#include "tempnames.h"

#include <errno.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* Whether mvdb passed signal sig on to every variant (forward.c) and
 * the program has not caught it since. */
static bool passed_on(struct session *s, int sig)
{
	return __atomic_load_n(&priv(s)->from_outside, __ATOMIC_SEQ_CST) >>
	       sig & 1;
}

/* Some of the set's variants died of a signal mvdb passed on to every
 * variant at once (session_forward): it reaches the others too, in a
 * call, in user code, or after their thread's own end, for the kernel
 * cannot kill a traced process before one of its threads stops for it.
 * Where each variant's threads were when it came is chance, not a
 * difference. */
static bool killed_from_outside(struct session *s, const struct vset *set)
{
	for (int i = 0; i < s->n; i++)
		if (set->v[i].state == VS_KILLED && set->v[i].sig != SIGKILL &&
		    passed_on(s, set->v[i].sig))
			return true;
	return false;
}

/* Some variants of set died of a signal the others, stopped at the
 * set's call, have pending (a kill reaches a variant running at once,
 * one stopped by mvdb only when it goes on), or that mvdb passed on to
 * every variant: those take it now instead of being compared.  Returns
 * whether some were sent on. */
static bool follow_death(struct session *s, struct vset *set)
{
	int sig = 0, sent = 0;

	for (int i = 0; i < s->n; i++)
		if (set->v[i].state == VS_KILLED && set->v[i].sig != SIGKILL)
			sig = set->v[i].sig;
	if (!sig)
		return false;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];
		unsigned long long p;

		if (v->state != VS_SYSCALL)
			continue;
		/* the signal, or the SIGKILL of its process's end: another
		 * thread took the signal first, and this one, stopped at
		 * its next call, goes with it */
		p = sig_pending(v->pid);
		if (!(p >> (sig - 1) & 1) && !(p >> (SIGKILL - 1) & 1)) {
			if (!passed_on(s, sig))
				continue;
			/* mvdb passed it on to this variant too: it is on its
			 * way (another thread of it stands in the signal's
			 * stop, taken from the pending set), or a user's kill
			 * of one variant's pid came after mvdb's: sent again,
			 * this variant ends as its counterparts did */
			kill(events_group_of(s, set)->v[i].pid, sig);
		}
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

/* A variant that a held signal interrupted in a call it runs itself
 * makes that call again (mvdb held the signal, so no handler ran).
 * When the set's other variants finished the same call undisturbed and
 * stand at their next one, the remade call is no new call: the variant
 * finishes it alone, as the others did (even where natively it would
 * have failed with EINTR: the variants must agree, and the signal is
 * taken at the next rendezvous by all).  Returns whether some variant
 * was sent on. */
bool meeting_catch_up(struct session *s, struct vset *set)
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

/* Reads the call a variant stopped at. */
static int read_call(struct variant *v, struct error *err)
{
	struct pt_syscall sc;
	struct call *c = &v->call;

	if (pt_get_syscall(v->pid, &sc) == -1) {
		int e = errno;

		error_set(err, ERR_SYSTEM,
			  "variant %d: cannot read its system call: %s",
			  v->index, strerror(e));
		errno = e;	/* ESRCH: killed meanwhile */
		return -1;
	}
	if (sc.arch != AUDIT_ARCH_X86_64)
		return error_set(err, ERR_UNSUPPORTED,
				 "variant %d made a 32-bit system call (%ld): only x86-64 calls are supported",
				 v->index, sc.nr);
	c->nr = sc.nr;
	c->sc = syscall_get(sc.nr);
	memcpy(c->args, sc.args, sizeof(c->args));
	c->ip = sc.ip;
	c->sp = sc.sp;
	c->done = false;
	c->ret = 0;
	args_fetch(v->pid, c);
	return 0;
}

/* Some of the set's variants died of a signal, some live. */
static bool killed_in_part(const struct session *s, const struct vset *set)
{
	bool killed = false, alive = false;

	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (v->state == VS_KILLED)
			killed = true;
		else if (variant_alive(v))
			alive = true;
	}
	return killed && alive;
}

/* Whether a content read of variant v's call failed because v is no
 * longer stopped for mvdb: killed meanwhile, on its way out. */
static bool dying(const struct variant *v)
{
	struct user_regs_struct regs;
	bool failed = false;

	for (int i = 0; v->call.sc && i < v->call.sc->nargs; i++)
		failed |= v->call.val[i].err != 0;
	return failed && pt_getregs(v->pid, &regs) == -1 && errno == ESRCH;
}

/* The ids variant v's call names, as variant 0 sees them: a thread id
 * the kernel wrote into the variant's memory (pthread_kill's) is its
 * own, which is variant 0's counterpart's for comparison, rendering and
 * translate_ids (calls.c), which maps them back when the call runs. */
static void ids_as_variant_0(const struct session *s, struct variant *v)
{
	struct call *c = &v->call;

	if (v->state != VS_SYSCALL || !c->sc)
		return;
	for (int i = 0; i < c->sc->nargs; i++) {
		pid_t x = (pid_t)c->args[i];

		if (c->sc->args[i].kind != ARG_PID || x == 0 || x == -1)
			continue;
		if (x > 0)
			c->args[i] = (unsigned long)(long)events_v0_pid(s, x);
		else
			c->args[i] = (unsigned long)(long)-events_v0_pid(s, -x);
	}
}

/* The set's variants agree on the call at hand (ignored differences
 * aside, named in st->div.what): decides where it runs and makes it the
 * stop. */
static void stop_at_call(struct session *s, struct vset *set,
			 struct stop *st, const char *tmpnote)
{
	policy_decide(s, set, &set->dec);
	st->route = set->dec.route;
	if (!set->dec.note[0])
		snprintf(set->dec.note, sizeof(set->dec.note), "%s",
			 tmpnote[0] ? tmpnote : st->div.what);
	set->state = SET_STOPPED;
	st->reason = STOP_SYSCALL;
	set_use(s, set->id);
}

/* set's variants disagree (st->div says how): they stay where they are. */
static bool diverged(struct session *s, struct vset *set, struct stop *st)
{
	st->reason = STOP_DIVERGED;
	set->state = SET_DIVERGED;
	s->diverged = true;
	session_record(s, set, REC_DIVERGED);
	set_use(s, set->id);
	return true;
}

bool session_analyse(struct session *s, struct vset *set, struct stop *st)
{
	int live = 0;
	char tmpnote[NOTE_MAX] = "";

	if (meeting_catch_up(s, set) || follow_death(s, set))
		return false;
	if ((set->kills_out || killed_from_outside(s, set)) &&
	    killed_in_part(s, set)) {
		/* the program kills it, or mvdb passed a signal on: the
		 * variants still alive get their signal when their killers'
		 * calls are made, or as soon as another of their threads
		 * stops for it, and take it then (follow_death) */
		set->state = SET_RUNNING;
		return false;
	}
	session_place(s);
	if (set->lost) {
		const struct variant *k = &set->v[set->lost - 1];

		s->step++;
		memset(st, 0, sizeof(*st));
		st->step = s->step;
		st->set = set->id;
		st->reason = STOP_DIVERGED;
		st->div.kind = DIV_STATE;
		st->div.a = k->index ? 0 : 1;
		st->div.b = k->index;
		snprintf(st->div.what, sizeof(st->div.what),
			 "variant %d (pid %d) was killed by SIGKILL from outside; the others are stopped where they ran",
			 k->index, (int)k->pid);
		set->state = SET_DIVERGED;
		s->diverged = true;
		set->dec.route = ROUTE_NONE;
		snprintf(set->dec.note, sizeof(set->dec.note), "%s", st->div.what);
		session_record(s, set, REC_STATE);
		set_use(s, set->id);
		return true;
	}
	s->step++;
	memset(st, 0, sizeof(*st));
	st->step = s->step;
	st->set = set->id;
	/* no decision yet for the call at hand */
	set->dec.route = ROUTE_NONE;
	set->dec.note[0] = '\0';
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (v->state == VS_SYSCALL && read_call(v, &st->err) == -1) {
			if (errno == ESRCH) {
				/* killed meanwhile (SIGKILL takes a stopped
				 * tracee too): its end is the next event */
				memset(&st->err, 0, sizeof(st->err));
				set->state = SET_RUNNING;
				return false;
			}
			st->reason = STOP_ERROR;
			return true;
		}
		if (v->state == VS_SYSCALL && dying(v)) {
			/* a content read failed because it is being killed
			 * (SIGKILL takes a stopped tracee): its end is the
			 * next event, not a difference */
			set->state = SET_RUNNING;
			return false;
		}
		live += variant_alive(v);
	}
	if (local_catch_up(s, set))
		return false;
	if (!local_agree(s, set, &st->div))
		return diverged(s, set, st);
	for (int i = 1; i < s->n; i++) {
		ids_as_variant_0(s, &set->v[i]);
		paths_tasks_as_variant_0(s, &set->v[i]);
	}
	tempname_same(s, set);
	/* A thread that ended by itself in one variant and was killed in
	 * another by what mvdb passed on: its process's end, compared in
	 * its own set, says whether they differ. */
	while ((live || !set->thread || !killed_from_outside(s, set)) &&
	       !compare_variants(set->v, s->n, s->ignore, &st->div)) {
		/* A difference mvdb can take away: compare again. */
		if (tempname_unify(s, set, &st->div, tmpnote,
					  sizeof(tmpnote)))
			continue;
		if (tempname_retry(s, set, &st->div)) {
			set->state = SET_RUNNING;
			return false;
		}
		return diverged(s, set, st);
	}
	if (!live) {
		set->state = SET_ENDED;
		session_record(s, set, REC_STATE);
		/* Its descriptors close as the processes' did: a pipe's
		 * reader sees the end once every writer is gone.  Set 0's
		 * map stays for inspection; it names only its own files.
		 * Threads share their process's. */
		if (set->id != 0 && !set->thread)
			pmap_free(&set->pm);
		/* and its POSIX locks go, as the process's did */
		if (!set->thread)
			platform_drop_locks(set);
		return false;
	}
	if (set->v[0].state == VS_SIGNAL) {
		set->state = SET_STOPPED;
		st->reason = STOP_SIGNAL;
		st->route = ROUTE_NONE;
		set_use(s, set->id);
		return true;
	}
	stop_at_call(s, set, st, tmpnote);
	return true;
}

bool session_diverged_agrees(const struct session *s, struct divergence *div)
{
	const struct vset *set = s->diverged ? set_get(s, s->cur) : NULL;

	/* Only a divergence of calls: every variant stands at a call
	 * entry, none was lost, nothing ran. */
	if (!set || s->ended || set->state != SET_DIVERGED || set->lost)
		return false;
	for (int i = 0; i < s->n; i++)
		if (set->v[i].state != VS_SYSCALL)
			return false;
	return compare_variants(set->v, s->n, s->ignore, div);
}

bool session_recheck(struct session *s, struct stop *st)
{
	struct divergence div;
	struct vset *set;

	if (!session_diverged_agrees(s, &div))
		return false;
	set = set_get(s, s->cur);
	memset(st, 0, sizeof(*st));
	st->step = s->step;
	st->set = set->id;
	st->div = div;
	set->dec.route = ROUTE_NONE;
	set->dec.note[0] = '\0';
	s->diverged = false;
	stop_at_call(s, set, st, "");
	return true;
}
