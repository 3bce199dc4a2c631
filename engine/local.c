/* Calls answered at their stop, without a rendezvous (see local.h). */
#include "local.h"
#include "session_int.h"
#include "mem.h"
#include "ptrace.h"
#include "format.h"
#include "policy.h"

#include <errno.h>
#include <limits.h>
#include <libiberty.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

/* Clocks the monitor reads as the variants would: the system's, not a
 * process's CPU time (those, and dynamic clocks, meet as before). */
static bool shared_clock(unsigned long id)
{
	return id < CLOCKQ_CLOCKS && id != CLOCK_PROCESS_CPUTIME_ID &&
	       id != CLOCK_THREAD_CPUTIME_ID;
}

/* The next reading of clock id for variant i of set: the one the
 * variants ahead were given, or a new one when i is the first. */
static struct timespec reading(struct vset *set, int i, clockid_t id)
{
	struct clockq *q;

	if (!set->clocks)
		set->clocks = XCNEWVEC(struct clockq, CLOCKQ_CLOCKS);
	q = &set->clocks[id];
	/* too far behind: the oldest kept (readings still only grow) */
	if (q->made - q->taken[i] > CLOCKQ_LEN)
		q->taken[i] = q->made - CLOCKQ_LEN;
	if (q->taken[i] == q->made) {
		clock_gettime(id, &q->t[q->made % CLOCKQ_LEN]);
		q->made++;
	}
	return q->t[q->taken[i]++ % CLOCKQ_LEN];
}

/* clock_gettime(id, tp): the set's reading, stored as the kernel would
 * (EFAULT where the variant cannot write). */
static void answer_clock(struct vset *set, struct variant *v,
			 const struct pt_syscall *sc)
{
	struct timespec ts;
	long ret = 0;

	ts = reading(set, v->index, (clockid_t)sc->args[0]);
	if (mem_store(v->pid, sc->args[1], &ts, sizeof(ts)) == -1)
		ret = -EFAULT;
	pt_skip(v->pid, ret);
}

/* gettimeofday(tv, NULL): the set's next reading of the system clock,
 * as a timeval. */
static void answer_timeofday(struct vset *set, struct variant *v,
			     const struct pt_syscall *sc)
{
	struct timespec ts = reading(set, v->index, CLOCK_REALTIME);
	struct timeval tv = { ts.tv_sec, ts.tv_nsec / 1000 };
	long ret = 0;

	if (sc->args[0] && mem_store(v->pid, sc->args[0], &tv, sizeof(tv)) == -1)
		ret = -EFAULT;
	pt_skip(v->pid, ret);
}

/* time(tloc): the seconds of the set's next reading of the system
 * clock, stored at tloc too when it is not NULL. */
static void answer_time(struct vset *set, struct variant *v,
			const struct pt_syscall *sc)
{
	struct timespec ts = reading(set, v->index, CLOCK_REALTIME);
	long ret = ts.tv_sec;

	if (sc->args[0] &&
	    mem_store(v->pid, sc->args[0], &ts.tv_sec, sizeof(ts.tv_sec)) == -1)
		ret = -EFAULT;
	pt_skip(v->pid, ret);
}

/* The parent of set's variant v as the program sees it now: the parent
 * set's variant 0; the monitor for the program's first process (every
 * variant is its child); once the parent set ended, the process that
 * took the orphan in, the same in every variant (read once). */
static pid_t parent_now(const struct session *s, struct vset *set,
			const struct variant *v)
{
	pid_t p = policy_parent_pid(s, set);

	if (p)
		return p;
	if (set_get(s, set->group)->parent < 0)
		return cpriv(s)->monitor;
	if (!set->parents->reaper)
		set->parents->reaper = policy_parent_now(v->pid);
	return (pid_t)set->parents->reaper;
}

/* getppid for variant v of set: its next answer, the one the variants
 * ahead were given, or, for the first, the parent now. */
static pid_t parent_answer(const struct session *s, struct vset *set,
			   const struct variant *v)
{
	struct answerq *q;
	int i = v->index;

	if (!set->parents)
		set->parents = XCNEW(struct answerq);
	q = set->parents;
	if (q->made - q->taken[i] > ANSWERQ_LEN)
		q->taken[i] = q->made - ANSWERQ_LEN;
	if (q->taken[i] == q->made)
		q->v[q->made++ % ANSWERQ_LEN] = parent_now(s, set, v);
	return (pid_t)q->v[q->taken[i]++ % ANSWERQ_LEN];
}

/* The raw arguments of a call answered without a meeting, kept. */
static void record(struct localrec *r, const struct pt_syscall *sc)
{
	r->nr = sc->nr;
	memcpy(r->a, sc->args, sizeof(r->a));
}

/* Argument i of r as compared: by value where its kind compares values
 * and the user does not ignore it (the kernel's 32 bits of an int),
 * else 0. */
static unsigned long compared(const struct session *s,
			      const struct localrec *r, int i)
{
	const struct syscall *call = syscall_get(r->nr);
	const struct argkind_info *k;

	if (!call || i >= call->nargs || (s->ignore[r->nr] >> i & 1))
		return 0;
	k = argkind_get(call->args[i].kind);
	if (k->cmp != CMP_VALUE)
		return 0;
	return k->int32 ? (uint32_t)r->a[i] : r->a[i];
}

/* The first argument in which a and b differ, -1 for the call itself,
 * or SYSCALL_MAX_ARGS when they agree. */
static int differs(const struct session *s, const struct localrec *a,
		   const struct localrec *b)
{
	if (a->nr != b->nr)
		return -1;
	for (int i = 0; i < SYSCALL_MAX_ARGS; i++)
		if (compared(s, a, i) != compared(s, b, i))
			return i;
	return SYSCALL_MAX_ARGS;
}

/* FNV-1a, one word at a time. */
static unsigned long mix(unsigned long h, unsigned long w)
{
	for (int b = 0; b < 8; b++, w >>= 8)
		h = (h ^ (w & 0xff)) * 0x100000001b3ul;
	return h;
}

/* Whether a set's calls without a meeting are the program's order,
 * to be compared: no thread ever shared its process's memory. */
static bool comparable(const struct session *s, const struct vset *set)
{
	return !set_get(s, set->group)->threaded && !set->track->unsynced;
}

/* Counts variant v's call r for its set, and compares it with the
 * same call of the first variant that made it.  False when they
 * differ: noted for the meeting.  Memory calls are only counted: when
 * a program maps memory follows its address layout (cc1's malloc grows
 * the heap with brk or falls back to mmap by where the heap lies), and
 * compared in order they diverged falsely in 10 of 10 runs of make -j2
 * of C files under ASLR. */
static bool track(struct session *s, struct vset *set, int i,
		  const struct localrec *r)
{
	struct localtrack *t = set->track;
	unsigned long k;

	t->calls[i]++;
	if (!comparable(s, set) ||
	    (syscall_get(r->nr)->classes & CL_MEMORY))
		return true;
	k = t->kept[i]++;
	t->digest[i] = mix(t->digest[i] ? t->digest[i] : 0xcbf29ce484222325ul,
			   (unsigned long)r->nr);
	for (int a = 0; a < SYSCALL_MAX_ARGS; a++)
		t->digest[i] = mix(t->digest[i], compared(s, r, a));
	if (k == t->made) {
		t->first[k % LOCAL_KEEP] = *r;
		t->by[k % LOCAL_KEEP] = i;
		t->made++;
		return true;
	}
	if (k + LOCAL_KEEP < t->made ||
	    differs(s, r, &t->first[k % LOCAL_KEEP]) == SYSCALL_MAX_ARGS)
		return true;	/* too far behind: the digest will tell */
	t->differ = true;
	t->odd = i;
	t->at = k;
	t->mine = *r;
	t->theirs = t->first[k % LOCAL_KEEP];
	return false;
}

/* The most compared calls a live variant of set was answered without
 * a meeting. */
static unsigned long most(const struct session *s, const struct vset *set)
{
	unsigned long m = 0;

	for (int i = 0; i < s->n; i++)
		if (variant_alive(&set->v[i]) && set->track->kept[i] > m)
			m = set->track->kept[i];
	return m;
}

/* Variant v is behind the set's others in calls without a meeting (it
 * was stopped where it ran while they went on to a call): it answers
 * them until it is level, whatever the step. */
static bool behind(const struct session *s, const struct vset *set,
		   const struct variant *v)
{
	return set->track && !set->track->differ && comparable(s, set) &&
	       set->track->kept[v->index] < most(s, set);
}

/* Whether fd is a plain file of variant v's own (lfile.plain), not a
 * number the platform holds. */
static bool plain_fd(const struct vset *set, const struct variant *v,
		     unsigned long fd)
{
	const struct lfile *lf = ltable_get(v->lt, (long)(int)fd);

	return lf && lf->plain && !pmap_get(set->fds, (long)(int)fd);
}

/* The clock a call answered without a meeting reads, or -1. */
static long clock_read(const struct pt_syscall *sc)
{
	switch (sc->nr) {
	case SYS_clock_gettime:
		return (long)sc->args[0];
	case SYS_gettimeofday: case SYS_time:
		return CLOCK_REALTIME;
	default:
		return -1;
	}
}

/* Whether variant v of set can be given its next reading of the clock
 * sc reads without a meeting: one kept for it, or room in the ring for
 * a new one.  The ring holds what the variant furthest behind has yet
 * to take: when a variant ahead finds it full, it meets at its read,
 * and so do the others once they have taken theirs (full), where the
 * reading is made once for all; readings dropped instead would be
 * given as others' and differ. */
static bool clock_room(const struct session *s, struct vset *set,
		       const struct variant *v, const struct pt_syscall *sc)
{
	long id = clock_read(sc);
	unsigned long fewest = ULONG_MAX;
	struct clockq *q;

	/* a threaded process's variants may read a clock as often as they
	 * like (comparable): a variant ahead could meet no one */
	if (id < 0 || !set->clocks || !comparable(s, set))
		return true;
	q = &set->clocks[id];
	if (q->taken[v->index] < q->made)
		return true;
	if (q->full)
		return false;
	for (int k = 0; k < s->n; k++)
		if (variant_alive(&set->v[k]) && q->taken[k] < fewest)
			fewest = q->taken[k];
	q->full = q->made - fewest >= CLOCKQ_LEN;
	return !q->full;
}

/* Whether variant v's call at hand is one to answer at its stop. */
static bool answerable(struct session *s, struct vset *set,
		       const struct variant *v, const struct pt_syscall *sc)
{
	const struct syscall *call = syscall_get(sc->nr);

	if (local_query(s, set, v, sc))
		return !filter_match(&s->meet, sc->nr);
	if (!call || !(call->classes & (CL_LOCAL | CL_PLAIN)))
		return false;
	if (!(call->classes & CL_LOCAL) && !plain_fd(set, v, sc->args[0]))
		return false;
	if ((sc->nr == SYS_clock_gettime || sc->nr == SYS_clock_getres) &&
	    !shared_clock(sc->args[0]))
		return false;
	if (sc->nr == SYS_gettimeofday && sc->args[1])
		return false;	/* the kernel's time zone: it meets */
	if (sc->nr == SYS_mmap && !(sc->args[3] & MAP_ANONYMOUS))
		return false;
	if (!clock_room(s, set, v, sc))
		return false;
	if (behind(s, set, v))
		return true;
	return !filter_match(&s->meet, sc->nr);
}

/* An anonymous mmap the policy aligns (policy_mmap_align): grown by
 * the alignment, v stops at its exit for local_aligned. */
static void grow_mmap(struct variant *v, const struct pt_syscall *sc)
{
	unsigned long align = policy_mmap_align(sc->args);

	if (!align || pt_set_arg(v->pid, 1, sc->args[1] + align) == -1)
		return;
	v->local_align = align;
}

void local_aligned(struct variant *v, long ret)
{
	unsigned long align = v->local_align;

	v->local_align = 0;
	if ((unsigned long)ret >= -4096ul)
		return;
	pt_set_return(v->pid, (long)(((unsigned long)ret + align - 1) &
				     ~(align - 1)));
}

/* Forgets set's calls without a meeting: its meeting at step is the
 * last. */
static void forget(struct vset *set, unsigned long step)
{
	struct localtrack *t = set->track;

	/* the ring's old entries are past made: never read again */
	memset(t->calls, 0, sizeof(t->calls));
	memset(t->kept, 0, sizeof(t->kept));
	memset(t->digest, 0, sizeof(t->digest));
	t->made = 0;
	t->differ = t->unsynced = t->reported = false;
	t->since = step;
	for (int id = 0; set->clocks && id < CLOCKQ_CLOCKS; id++)
		set->clocks[id].full = false;
}

bool local_answer(struct session *s, struct vset *set, struct variant *v)
{
	struct pt_syscall sc;
	struct localrec r;
	bool answered = true;
	pid_t parent;

	if (set->track && set->track->reported)
		forget(set, s->step);	/* the program went on past it */
	if (s->cfg.strict || s->interrupt || priv(s)->pausing ||
	    set->state != SET_RUNNING || set->forcing || set->lost ||
	    v->paused || (set->track && set->track->differ) ||
	    pt_get_syscall(v->pid, &sc) == -1 || !sc.entry ||
	    !answerable(s, set, v, &sc))
		return false;
	if (!set->track) {
		set->track = XCNEW(struct localtrack);
		set->track->since = s->step;
	}
	record(&r, &sc);
	if (!track(s, set, v->index, &r))
		return false;	/* stays at the call: the meeting says why */
	switch (sc.nr) {
	case SYS_mmap:
		grow_mmap(v, &sc);
		break;
	case SYS_clock_gettime:
		answer_clock(set, v, &sc);
		break;
	case SYS_gettid:
		answered = pt_skip(v->pid, set->v[0].pid) == 0;
		break;
	case SYS_getpid:
		answered = pt_skip(v->pid,
				   set_get(s, set->group)->v[0].pid) == 0;
		break;
	case SYS_getppid:
		if ((parent = parent_answer(s, set, v)))
			answered = pt_skip(v->pid, parent) == 0;
		break;	/* else it asks for itself */
	case SYS_gettimeofday:
		answer_timeofday(set, v, &sc);
		break;
	case SYS_time:
		answer_time(set, v, &sc);
		break;
	case SYS_getsockname:
	case SYS_getpeername:
	case SYS_getsockopt:
		answered = pt_skip(v->pid, local_query_answer(set, v, &sc)) == 0;
		break;
	default:
		break;	/* it runs in the variant */
	}
	if (answered) {
		(v->local_align ? pt_syscall : pt_cont)(v->pid, 0);
		session_place(s);
	}
	return answered;
}

/* "1st", "2nd", "3rd", "4th", ... */
static const char *ordinal(unsigned long n)
{
	if (n % 100 / 10 == 1)
		return "th";
	return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

/* div for the difference track noted as variant odd's call arrived:
 * the call, or the first argument, that differs. */
static void noted(const struct session *s, const struct localtrack *t,
		  struct divergence *div)
{
	int first = t->by[t->at % LOCAL_KEEP], arg;
	const struct localrec *ra = first < t->odd ? &t->theirs : &t->mine;
	const struct localrec *rb = first < t->odd ? &t->mine : &t->theirs;
	char va[32], vb[32];
	struct call c;

	div->a = first < t->odd ? first : t->odd;
	div->b = first < t->odd ? t->odd : first;
	arg = differs(s, ra, rb);
	if (arg < 0) {
		snprintf(div->what, sizeof(div->what),
			 "the %lu%s call without a meeting after step %lu: variant %d calls %s, variant %d calls %s",
			 t->at + 1, ordinal(t->at + 1), t->since, div->a,
			 syscall_name(ra->nr), div->b, syscall_name(rb->nr));
		return;
	}
	memset(&c, 0, sizeof(c));
	c.nr = ra->nr;
	c.sc = syscall_get(ra->nr);
	memcpy(c.args, ra->a, sizeof(c.args));
	format_arg(&c, arg, NULL, 0, va, sizeof(va));
	memcpy(c.args, rb->a, sizeof(c.args));
	format_arg(&c, arg, NULL, 0, vb, sizeof(vb));
	snprintf(div->what, sizeof(div->what),
		 "%s without a meeting (the %lu%s call after step %lu), argument $arg%d: %s vs %s",
		 syscall_name(ra->nr), t->at + 1, ordinal(t->at + 1), t->since,
		 arg, va, vb);
}

/* div for variants a and b of set whose counts or digests differ. */
static void counted(const struct vset *set, int a, int b,
		    struct divergence *div)
{
	const struct localtrack *t = set->track;
	unsigned long ca = t->kept[a], cb = t->kept[b];

	div->a = a;
	div->b = b;
	if (ca != cb)
		snprintf(div->what, sizeof(div->what),
			 "calls without a meeting after step %lu: variant %d made %lu, variant %d made %lu",
			 t->since, a, ca, b, cb);
	else
		snprintf(div->what, sizeof(div->what),
			 "the %lu calls without a meeting after step %lu differ between variant %d and variant %d",
			 ca, t->since, a, b);
}

/* Whether the live variants of set made the same calls without a
 * meeting; else div says which two differ. */
static bool same_calls(const struct session *s, const struct vset *set,
		       struct divergence *div)
{
	const struct localtrack *t = set->track;
	int a = -1;

	if (t->differ) {
		noted(s, t, div);
		return false;
	}
	for (int i = 0; i < s->n; i++) {
		if (!variant_alive(&set->v[i]))
			continue;
		if (a < 0) {
			a = i;
			continue;
		}
		if (t->kept[i] != t->kept[a] || t->digest[i] != t->digest[a]) {
			counted(set, a, i, div);
			return false;
		}
	}
	return true;
}

/* Whether variant v, stopped at a call, is one to let catch up: behind
 * the others in compared calls, at a call it would answer alone. */
static bool catching(struct session *s, struct vset *set, struct variant *v,
		     unsigned long most_kept)
{
	struct pt_syscall sc;

	return variant_alive(v) && v->state == VS_SYSCALL &&
	       set->track->kept[v->index] < most_kept &&
	       pt_get_syscall(v->pid, &sc) == 0 && sc.entry &&
	       answerable(s, set, v, &sc);
}

bool local_catch_up(struct session *s, struct vset *set)
{
	struct localtrack *t = set->track;
	unsigned long m;
	int behind_n = 0, late = 0;

	if (!t || t->differ || t->reported || !comparable(s, set))
		return false;
	m = most(s, set);
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!variant_alive(v) || t->kept[i] >= m)
			continue;
		behind_n++;
		late += catching(s, set, v, m);
	}
	if (!behind_n || late < behind_n)
		return false;	/* level, or the meeting says why not */
	if (s->interrupt || priv(s)->pausing)
		return true;	/* at the next step */
	set->state = SET_RUNNING;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!variant_alive(v) || t->kept[i] >= m)
			continue;
		v->state = VS_RUNNING;
		if (!local_answer(s, set, v))
			v->state = VS_SYSCALL;
	}
	return true;
}

bool local_agree(const struct session *s, struct vset *set,
		 struct divergence *div)
{
	struct localtrack *t = set->track;

	if (!t)
		return true;
	if (!t->reported && comparable(s, set) && !same_calls(s, set, div)) {
		/* kept for `info variants` until the program goes on */
		div->kind = DIV_LOCAL;
		div->arg = -1;
		t->reported = true;
		return false;
	}
	forget(set, s->step);
	return true;
}

void local_unsync(struct vset *set)
{
	if (set->track)
		set->track->unsynced = true;
}

unsigned long session_calls_ahead(const struct session *s,
				  const struct vset *set, int i)
{
	unsigned long least = ULONG_MAX;

	if (!set->track)
		return 0;
	for (int k = 0; k < s->n; k++)
		if (variant_alive(&set->v[k]) && set->track->calls[k] < least)
			least = set->track->calls[k];
	return least == ULONG_MAX ? 0 : set->track->calls[i] - least;
}
