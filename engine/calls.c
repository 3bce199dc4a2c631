/* Running a set's call where the policy decided: in the variants (ids
 * translated, results read at the exit when needed), once in the
 * platform (or later, when it would block), by variant 0 alone, or not
 * at all (an injected result). */
#include "session_int.h"
#include "args.h"
#include "mem.h"
#include "platform.h"
#include "policy.h"
#include "shm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Variant i's own ids in its call's id arguments, where it names a
 * variant 0's (of any set). */
static void translate_ids(struct session *s, struct variant *v)
{
	const struct call *c = &v->call;

	if (!c->sc || v->index == 0)
		return;
	for (int i = 0; i < c->sc->nargs; i++) {
		pid_t x = (pid_t)c->args[i], own;

		if (c->sc->args[i].kind != ARG_PID || x == 0 || x == -1)
			continue;
		own = events_own_pid(s, v->index, x < 0 ? -x : x);
		if (own != (x < 0 ? -x : x))
			pt_set_arg(v->pid, i, (unsigned long)(x < 0 ? -own : own));
	}
}

/* The platform now owns number fd below the offset.  The variant must
 * hold a real descriptor there as well, or the kernel would hand the
 * number out again to the variant's own next open.  Turns the variant's
 * call into dup3(X, fd) of any descriptor X it has; returns false when
 * it already holds fd (or holds nothing to copy). */
static bool hold_number(struct variant *v, int fd, bool cloexec)
{
	char path[64];
	DIR *d;
	struct dirent *e;
	int from = -1;
	struct user_regs_struct regs;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)v->pid, fd);
	if (access(path, F_OK) == 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)v->pid);
	d = opendir(path);
	while (d && (e = readdir(d)) && from < 0)
		if (e->d_name[0] != '.')
			from = atoi(e->d_name);
	if (d)
		closedir(d);
	if (from < 0 || pt_getregs(v->pid, &regs) == -1)
		return false;
	regs.orig_rax = SYS_dup3;
	regs.rdi = (unsigned long)from;
	regs.rsi = (unsigned long)fd;
	regs.rdx = cloexec ? O_CLOEXEC : 0;
	return pt_setregs(v->pid, &regs) == 0;
}

/* A platform write to a pipe or socket with no reader: the program
 * gets EPIPE and, as the kernel would send it, SIGPIPE (let through at
 * once, not held: every variant takes it at this same point; so is
 * raised_signal's SIGXFSZ). */
static bool raises_sigpipe(const struct call *c, long ret)
{
	int fl = -1;

	if (ret != -EPIPE || !c->sc)
		return false;
	for (int i = 0; i < c->sc->nargs; i++)
		if (c->sc->args[i].kind == ARG_FLAGS &&
		    c->sc->args[i].aux == XS_MSG)
			fl = i;
	return fl < 0 || !(c->args[fl] & MSG_NOSIGNAL);
}

/* The signal the kernel would send the caller of set's platform call
 * with its result ret: SIGPIPE (above), or SIGXFSZ where the platform
 * applied the program's file-size limit; 0 for none. */
static int raised_signal(const struct vset *set, long ret)
{
	if (set->pc->raise && ret == -EFBIG)
		return set->pc->raise;
	return raises_sigpipe(&set->v[0].call, ret) ? SIGPIPE : 0;
}

/* Injects ret into every variant of the set and lets them go on; sig,
 * if not 0, as the kernel would send it with that result. */
static void inject_all(struct session *s, struct vset *set, long ret, int sig)
{
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!variant_alive(v))
			continue;
		if (sig) {
			v->releasing = sig;
			syscall(SYS_tkill, v->pid, sig);
		}

		if (!(ret >= 0 && set->dec.hold_low == ret &&
		      hold_number(v, (int)ret, set->dec.hold_cloexec)))
			pt_skip(v->pid, ret);
		v->call.ret = ret;
		v->call.done = true;
		v->to_exit = false;
		v->state = VS_RUNNING;
		pt_cont(v->pid, 0);
	}
	set->state = SET_RUNNING;
}

/* Steps every variant of set back onto its call (made again when it
 * goes on) and lets them go on. */
static void rewind_all(struct session *s, struct vset *set)
{
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!variant_alive(v))
			continue;
		pt_rewind(v->pid);
		v->to_exit = false;
		v->state = VS_RUNNING;
		pt_cont(v->pid, 0);
	}
	set->state = SET_RUNNING;
}

/* The platform call of set has run (pc->job.ret): its
 * outputs go to every variant, its result is injected. */
static void platform_done(struct session *s, struct vset *set)
{
	long ret = platform_finish(s, set);

	if (set->pc->note[0])
		snprintf(set->dec.note, sizeof(set->dec.note), "%s",
			 set->pc->note);
	if (set->cut_restarts && ret == -EINTR) {
		/* cut for a signal whose handler restarts the call: nothing
		 * happened; each variant takes the signal and makes the
		 * call again, a new rendezvous */
		set->cut_restarts = false;
		rewind_all(s, set);
		return;
	}
	set->cut_restarts = false;
	if (ret == -EINTR)
		sig_note_at_return(s, set);
	inject_all(s, set, ret, raised_signal(set, ret));
	session_record(s, set, REC_CALL);
}

void session_run_io(struct session *s, struct vset *set)
{
	platform_done(s, set);
}

/* Runs set's platform call: at once in the tracer when it
 * cannot wait, else on a worker while the set stays stopped (SET_IO). */
static void run_platform(struct session *s, struct vset *set)
{
	long ret;

	if (!set->pc)
		set->pc = XCNEW(struct pcall);
	if (!platform_prepare(s, set, &ret)) {
		set->pc->job.ret = ret;
		set->pc->finish = NULL;
		platform_done(s, set);
		return;
	}
	set->pc->job.owner = set;
	if (set->pc->may_wait && events_cut_before(s, set)) {
		/* as if cut at once on its worker (events.c's
		 * signal_pending): the variants take the signal first */
		set->pc->job.ret = -EINTR;
		set->cut_restarts = true;
		platform_done(s, set);
		return;
	}
	if (set->pc->may_wait && !platform_ready_at_once(set->pc)) {
		set->state = SET_IO;
		workers_submit(s->workers, &set->pc->job);
		standin_enter(s, set);
		return;
	}
	if (!set->pc->may_wait)
		job_call(&set->pc->job);
	/* else its answer was there already */
	platform_done(s, set);
}

/* A call that sends a signal: the sets it may reach are marked, so
 * that their deaths by SIGKILL are known as the program's own; while
 * not every variant has made it (delta +1 when it starts, -1 when all
 * have), such a set is not compared. */
static void note_signal(struct session *s, const struct call *c, int delta)
{
	long target = 0;
	bool sends = false, found = false;

	for (int i = 0; c->sc && i < c->sc->nargs; i++) {
		if (c->sc->args[i].kind == ARG_SIGNAL)
			sends = c->args[i] != 0;
		else if (c->sc->args[i].kind == ARG_PID && !found) {
			target = (long)(int)c->args[i];
			found = true;
		}
	}
	if (!sends)
		return;
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];

		if (found && target > 0 && set->v[0].pid != target)
			continue;
		set->doomed = true;
		set->kills_out += delta;
		if (set->kills_out < 0)
			set->kills_out = 0;
		if (delta < 0 && !set->kills_out)
			events_recheck(s, set);
	}
}

/* wait4 of any child, variant 0's part done: each other variant waits
 * for its own counterpart of the child variant 0 got (blocking: it ends
 * in lockstep, if it has not yet), or gets variant 0's answer when it
 * got none (0 with WNOHANG, ECHILD, EINTR).  Returns whether some run. */
static bool follow_leader(struct session *s, struct vset *set)
{
	const struct variant *v0 = &set->v[0];
	long ret = v0->call.done ? v0->call.ret : -ESRCH;

	set->leader_went = true;
	set->pending_exits = 0;
	for (int i = 1; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!variant_alive(v))
			continue;
		v->state = VS_RUNNING;
		if (ret <= 0) {
			pt_skip(v->pid, ret);
			v->call.ret = ret;
			v->call.done = true;
			continue;
		}
		pt_set_arg(v->pid, 0,
			   (unsigned long)events_own_pid(s, i, (pid_t)ret));
		pt_set_arg(v->pid, 2, v->call.args[2] & ~(unsigned long)WNOHANG);
		v->to_exit = true;
		set->pending_exits++;
		set_resume(v, 0);
	}
	return set->pending_exits > 0;
}

/* A call variant 0 made for every variant (ROUTE_LEADER): what it wrote
 * through its output arguments (a struct, or as many bytes of a buffer
 * as its result says) is written into variant v's own, as its own call
 * would have.  False where v cannot be written (EFAULT for it). */
static bool leader_outputs(const struct variant *v0, const struct variant *v)
{
	const struct call *c = &v0->call;
	bool ok = true;

	for (int k = 0; c->sc && k < c->sc->nargs && ok; k++) {
		const struct argspec *a = &c->sc->args[k];
		size_t n;
		void *buf;

		if (!c->args[k] || !v->call.args[k])
			continue;
		switch ((enum argout)argkind_get(a->kind)->out) {
		case OUT_STRUCT:
			n = struct_size(a->aux) *
			    (a->len == ARG_NOLEN ? 1 : args_len(c, k));
			break;
		case OUT_RESULT:
			n = (size_t)c->ret;
			break;
		default:
			continue;
		}
		if (!n || n > ARG_READ_MAX)
			continue;
		buf = xmalloc(n);
		ok = mem_read(v0->pid, c->args[k], buf, n) == (ssize_t)n &&
		     mem_store(v->pid, v->call.args[k], buf, n) == 0;
		free(buf);
	}
	return ok;
}

void session_finish_call(struct session *s, struct vset *set)
{
	struct variant *v0 = &set->v[0];
	pid_t reaped[MAX_VARIANTS] = { 0 };

	if (set->dec.route == ROUTE_VARIANT && set->dec.leader_first &&
	    !set->leader_went && follow_leader(s, set))
		return;
	if (set->dec.shm)
		for (int i = 0; i < s->n; i++)
			if (set->v[i].call.done)
				shm_restore(&set->v[i]);
	if (set->dec.route == ROUTE_LEADER) {
		/* Variant 0 ran it; the others, still at their entry, get
		 * its result without running it, and what it wrote. */
		long ret = v0->call.done ? v0->call.ret : -ESRCH;

		for (int i = 1; i < s->n; i++) {
			struct variant *v = &set->v[i];
			long own = ret;

			if (!variant_alive(v))
				continue;
			if (ret >= 0 && !leader_outputs(v0, v))
				own = -EFAULT;
			pt_skip(v->pid, own);
			v->call.ret = own;
			v->call.done = true;
			v->state = VS_RUNNING;
		}
	}
	if (s->cfg.results)
		for (int i = 0; i < s->n; i++)
			if (set->v[i].call.done)
				args_fetch_outputs(set->v[i].pid, &set->v[i].call,
						   s->cfg.strsize + 1);
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];
		long want = v->call.ret;

		if (!v->call.done)
			continue;
		if (v->call.nr == SYS_wait4 && want > 0)
			reaped[i] = (pid_t)want;
		if (set->dec.leader_result && v0->call.done)
			want = v0->call.ret;
		else if (set->dec.align && (unsigned long)want < -4096ul)
			/* the mapping grew by the alignment: start inside it
			 * at the aligned address; the unused head and tail
			 * are never touched */
			want = (long)(((unsigned long)want + set->dec.align - 1) &
				      ~(set->dec.align - 1));
		else if (v->call.sc && v->call.sc->ret == RET_PID && want > 0)
			want = events_v0_pid(s, (pid_t)want);
		if (want != v->call.ret) {
			pt_set_return(v->pid, want);
			v->call.ret = want;
		}
	}
	if (v0->call.sc && v0->call.sc->classes & CL_SIGNAL &&
	    set->dec.route == ROUTE_VARIANT && set->dec.need_exit) {
		note_signal(s, &v0->call, -1);
		events_signal_sent(s, set, &v0->call);
	}
	/* after every translation: the last may forget the child */
	for (int i = 0; i < s->n; i++)
		if (reaped[i])
			events_reaped(s, i, reaped[i]);
	policy_finish(s, set);
	session_record(s, set, REC_CALL);
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (variant_alive(v) && v->state == VS_RUNNING) {
			v->to_exit = false;
			v->parked = false;
			pt_cont(v->pid, 0);
		}
	}
	set->state = SET_RUNNING;
}

/* Each variant's paths under /dev/shm name its own copy (shm.h).  When
 * one variant's stack cannot take the names, the call runs nowhere:
 * every variant gets the error.  Returns whether the call goes on. */
static bool redirect_shm(struct session *s, struct vset *set)
{
	for (int i = 1; i < s->n; i++) {
		int err;

		if (!variant_alive(&set->v[i]) || shm_redirect(&set->v[i]) == 0)
			continue;
		err = errno;
		for (int k = 1; k <= i; k++)
			shm_restore(&set->v[k]);
		snprintf(set->dec.note, sizeof(set->dec.note),
			 "variant %d's own name of the shared memory could not be passed: %s",
			 i, strerror(err));
		set->dec.route = ROUTE_INJECT;
		set->dec.ret = -err;
		set->dec.shm = false;
		inject_all(s, set, set->dec.ret, 0);
		session_record(s, set, REC_CALL);
		return false;
	}
	return true;
}

/* Runs set's call where the policy decided. */
void calls_run(struct session *s, struct vset *set)
{
	const struct decision *d = &set->dec;
	bool need_exit;

	if (set->v[0].call.sc && set->v[0].call.sc->classes & CL_SIGNAL &&
	    d->route == ROUTE_VARIANT && d->need_exit)
		note_signal(s, &set->v[0].call, +1);

	policy_apply(s, set, d);
	for (int i = 0; i < s->n; i++)
		set->v[i].restart = 0;
	switch (d->route) {
	case ROUTE_VARIANT:
		/* Results are read at the exit where the engine needs them,
		 * and wherever the front end asks for them now. */
		need_exit = d->need_exit || s->cfg.results;
		set->state = SET_RUNNING;
		set->pending_exits = need_exit ? s->n : 0;
		set->leader_went = false;
		if (d->shm && !redirect_shm(s, set))
			break;
		if (d->leader_first) {
			set->pending_exits = 1;
			set->v[0].to_exit = true;
			set->v[0].state = VS_RUNNING;
			set_resume(&set->v[0], 0);
			break;
		}
		for (int i = 0; i < s->n; i++) {
			struct variant *v = &set->v[i];

			translate_ids(s, v);
			if (d->align)
				pt_set_arg(v->pid, 1, v->call.args[1] + d->align);
			v->to_exit = need_exit;
			v->state = VS_RUNNING;
			set_resume(v, 0);
		}
		if (!need_exit)
			session_record(s, set, REC_CALL);
		break;
	case ROUTE_LEADER:
		/* Variant 0 runs it, in its own context (cwd, root, umask,
		 * credentials, /proc/self); the others wait at their entry
		 * and get its result when it has run.  The tracer does not
		 * wait for it: the exit stop comes through the loop. */
		set->state = SET_RUNNING;
		set->pending_exits = 1;
		set->v[0].to_exit = true;
		set->v[0].state = VS_RUNNING;
		set_resume(&set->v[0], 0);
		break;
	case ROUTE_PLATFORM:
		run_platform(s, set);
		break;
	case ROUTE_INJECT:
		inject_all(s, set, d->ret, 0);
		session_record(s, set, REC_CALL);
		break;
	case ROUTE_NONE:
		break;
	}
}

