/* Calls answered at their stop, without a rendezvous (see local.h). */
#include "local.h"
#include "session_int.h"
#include "mem.h"
#include "ptrace.h"

#include <errno.h>
#include <libiberty.h>
#include <sys/mman.h>
#include <sys/syscall.h>

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
static bool answer_clock(struct vset *set, struct variant *v,
			 const struct pt_syscall *sc)
{
	struct timespec ts;
	long ret = 0;

	if (!shared_clock(sc->args[0]))
		return false;
	ts = reading(set, v->index, (clockid_t)sc->args[0]);
	if (mem_store(v->pid, sc->args[1], &ts, sizeof(ts)) == -1)
		ret = -EFAULT;
	pt_skip(v->pid, ret);
	return true;
}

bool local_answer(struct session *s, struct vset *set, struct variant *v)
{
	const struct syscall *call;
	struct pt_syscall sc;
	bool answered = false;

	if (s->cfg.strict || s->interrupt || priv(s)->pausing ||
	    set->state != SET_RUNNING || set->forcing || set->lost ||
	    v->paused || pt_get_syscall(v->pid, &sc) == -1 || !sc.entry)
		return false;
	call = syscall_get(sc.nr);
	if (!call || !(call->classes & CL_LOCAL) ||
	    filter_match(&s->meet, sc.nr))
		return false;
	switch (sc.nr) {
	case SYS_mmap:
		answered = (sc.args[3] & MAP_ANONYMOUS) != 0;
		break;
	case SYS_clock_gettime:
		answered = answer_clock(set, v, &sc);
		break;
	case SYS_gettid:
		answered = pt_skip(v->pid, set->v[0].pid) == 0;
		break;
	case SYS_getpid:
		answered = pt_skip(v->pid,
				   set_get(s, set->group)->v[0].pid) == 0;
		break;
	default:
		answered = true;	/* it runs in the variant */
		break;
	}
	if (answered)
		pt_cont(v->pid, 0);
	return answered;
}
