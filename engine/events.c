/* Tracking every tracee: stops of all variants of all sets, children
 * paired into new sets, and the one place the tracer waits.  The sets'
 * bookkeeping is in sets.c, signals in signals.c, the vDSO and rdtsc in
 * vdso.c. */
#include "events_int.h"
#include "fastread.h"
#include "local.h"
#include "policy.h"

#include <errno.h>
#include <libiberty.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's code for a call it makes again whatever the handlers
 * (not in the user headers). */
#define ERESTARTNOINTR 513

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

void events_check_arrived(struct vset *set, int n)
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

struct vset *events_group_of(struct session *s, const struct vset *set)
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
		child->sa_restart = events_group_of(s, parent)->sa_restart;
		child->nofile = events_group_of(s, parent)->nofile;
		child->threaded = events_group_of(s, parent)->threaded;
	}
	ltable_did_fork(&v->local, from->lt);
}

/* The binary pid runs now that it exec'd, as its /proc entry names it:
 * kept once for the session (variants borrow it, as the first one),
 * or was when that cannot be read. */
static const char *execd_binary(struct session *s, pid_t pid,
				const char *was)
{
	struct session_private *p = priv(s);
	char link[64], path[PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return was;
	path[n] = '\0';
	for (int i = 0; i < p->nexecd; i++)
		if (strcmp(p->execd[i], path) == 0)
			return p->execd[i];
	p->execd = XRESIZEVEC(char *, p->execd, p->nexecd + 1);
	p->execd[p->nexecd] = xstrdup(path);
	return p->execd[p->nexecd++];
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

unsigned long events_clone_flags(const struct call *c)
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
		child->thread = events_clone_flags(&v->call) & CLONE_THREAD;
		if (child->thread)
			events_group_of(s, set)->threaded = true;
		inherit_fds(s, child, set_get(s, pid_set), &child->v[v->index], true);
	} else {
		inherit_fds(s, child, set_get(s, pid_set), &child->v[v->index], false);
	}
	child->v[v->index].pid = pid;
	child->v[v->index].attached = take_orphan(s, pid);
	check_started(s, child);
}

/* v stopped as mvdb asked (pt_interrupt): for session_interrupt, to
 * take a held signal where it stands (forcing), because a counterpart
 * was killed (lost), or late, after the pause it was for ended (it had
 * arrived at a call).  A call it was in is made again when it goes on,
 * as the kernel makes it after any stop. */
static void interrupted(struct session *s, struct vset *set,
			struct variant *v)
{
	struct session_private *p = priv(s);
	bool now = s->interrupt || p->pausing || set->lost;
	bool mine = v->pausing;

	v->pausing = false;
	if (!v->redo && (v->restart = sig_take_restart(v)))
		v->restarts = true;
	if (set->forcing && !now && mine) {
		v->paused = true;
		sig_forced_stopped(s, set);
	} else if (now) {
		/* stays so until the next step */
		v->paused = true;
		if (set->lost)
			sig_lost_stopped(s, set);
	} else {
		set_resume(v, 0);
	}
}

/* A stop of v's with no signal to deliver: a forked child's first, or
 * one of its group stop (WK_GROUP_STOP), or the end of that (WK_TRAP).
 * A stop signal taken (at a rendezvous, or by the process itself at a
 * call) leaves the variant stopped as natively, its parent seeing it
 * so, until the program continues it (events_signal_sent) or a SIGCONT
 * comes from outside: the kernel then wakes it (pt_listen), so mvdb
 * learns of it at once. */
static void group_stopped(struct session *s, struct vset *set,
			  struct variant *v, const struct waitstatus *ws)
{
	if (!v->attached && set->state == SET_STARTING) {
		v->attached = true;
		check_started(s, set);
		return;
	}
	if (v->listening) {
		v->listening = false;
		if (!v->jobstop) {
			/* continued by the program (set_resume woke it) */
			set_resume(v, 0);
		} else if (ws->kind == WK_TRAP) {
			/* a SIGCONT from outside the program */
			sig_continued(s, set->group);
		} else if (pt_listen(v->pid) == 0) {
			v->listening = true;	/* another stop signal */
		}
		return;
	}
	if (ws->kind == WK_TRAP) {
		interrupted(s, set, v);
		return;
	}
	/* an interrupt asked for is answered by this stop */
	v->pausing = false;
	if (v->jobstop) {
		if (pt_listen(v->pid) == 0)
			v->listening = true;
		return;
	}
	/* A SIGCONT that came before mvdb saw the stop is pending: it goes
	 * on at once. */
	if (sig_pending(v->pid) >> (SIGCONT - 1) & 1) {
		set_resume(v, 0);
		return;
	}
	v->jobstop = true;
	/* where each variant stopped is its own */
	local_unsync(set);
	sig_follow_stop(s, set);
	if (v->jobstop && pt_listen(v->pid) == 0)
		v->listening = true;
}

void events_on_stop(struct session *s, pid_t pid, const struct waitstatus *ws)
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
		if ((ws->kind == WK_TRAP || ws->kind == WK_GROUP_STOP) &&
		    p->norphans < MAX_ORPHANS)
			p->orphans[p->norphans++] = pid;
		return;
	}
	set = set_get(s, v->set);
	if (s->stall_sig) {
		/* the first stop since a signal was passed on to a stalled
		 * run: the variants still stand where it stalled */
		int sig = s->stall_sig;

		s->stall_sig = 0;
		if (s->watch.stalled)
			s->watch.stalled(s->watch.ctx, sig);
	}
	if (s->watch.stalled)	/* only a front end that asks pays */
		clock_gettime(CLOCK_MONOTONIC, &p->last_stop);
	if (v->standin && standin_stopped(s, set, v, ws))
		return;
	switch (ws->kind) {
	case WK_TRAP:
	case WK_GROUP_STOP:
		group_stopped(s, set, v, ws);
		return;
	case WK_SECCOMP:
		if (pt_get_syscall(pid, &sc) == -1)
			sc.nr = -1;	/* gone: its end comes next */
		if (fastread_check(s, set, v, &sc))
			return;
		v->at_return = 0;
		if ((v->redo || v->restart) &&
		    (sc.nr == -1 || !sig_remakes(v, &sc))) {
			/* a new call, not the cut one made again: that
			 * one ended unseen, and this one meets */
			v->redo = false;
			v->restart = 0;
			v->restarts = false;
		}
		if (v->redo) {
			/* the interrupted call, made again: same call */
			set_resume(v, 0);
			return;
		}
		if (!v->restart && sc.nr == SYS_restart_syscall) {
			/* The kernel goes on with a call the variant was in
			 * and that mvdb never saw cut short: a futex, woken
			 * for a signal another thread took.  No new call:
			 * only a call that ran in the variant (a futex, or
			 * one met already) leaves a restart behind. */
			set_resume(v, 0);
			return;
		}
		if (local_answer(s, set, v))
			return;
		v->state = VS_SYSCALL;
		v->to_exit = false;
		sig_follow_stop(s, set);
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
			sig_note_cut(v);
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
		sig_follow_stop(s, set);
		sig_exit_in(s, set);
		return;
	case WK_EXEC:
		v->exe = execd_binary(s, pid, v->exe);
		events_hide_vdso(pid);
		policy_exec(set, v);
		/* caught signals are reset to their defaults */
		events_group_of(s, set)->sa_restart = 0;
		/* and the other threads are gone */
		events_group_of(s, set)->threaded = false;
		set_resume(v, 0);
		return;
	case WK_CLONE:
		events_adopt(s, set, v, (pid_t)ws->msg);
		set_resume(v, 0);
		return;
	case WK_SIGNAL:
		if (v->releasing == ws->sig) {
			/* the handler sees the siginfo the signal came with */
			v->releasing = 0;
			if (v->infos && v->infos[ws->sig].si_signo == ws->sig)
				pt_setsiginfo(v->pid, &v->infos[ws->sig]);
			set_resume(v, ws->sig);
			return;
		}
		if (ws->sig == SIGSEGV && vdso_emulate_tsc(s, v)) {
			set_resume(v, 0);
			return;
		}
		if (sig_fault(ws->sig) && !v->to_exit) {
			v->state = VS_SIGNAL;
			v->sig = ws->sig;
			sig_note_fault(v);
			break;
		}
		/* wherever it is taken (a handler after a SIGCONT, one held
		 * too long), the variants' counts of calls without a
		 * meeting need not agree until their next meeting */
		local_unsync(set);
		from = sig_keep_siginfo(s, set, v, ws->sig);
		if (from == FROM_OUTSIDE)
			sig_relay(s, set, v, ws->sig);
		if (ws->sig == SIGCONT)
			sig_cont_taken(s, set);
		acts = sig_acts(v->pid, ws->sig) ||
		       sig_stop_waits(s, set, v, ws->sig);
		if (!acts) {
			/* No handler: its default action (the end of the
			 * process, a stop, or nothing) or ignored.  No code of
			 * the program runs for it, so it needs no common point:
			 * each variant takes its own at once (a loop that
			 * makes no call still ends on SIGALRM; a sleep stops
			 * at Ctrl-Z and goes on with the time it had left). */
			sig_interrupted(s, set, v, ws->sig, ws->sig);
			return;
		}
		/* the program catches it: a later death by it is not the
		 * one mvdb passed on (killed_from_outside) */
		__atomic_fetch_and(&p->from_outside, ~(1ul << ws->sig),
				   __ATOMIC_SEQ_CST);
		if ((from == FROM_ITSELF ||
		     (sig_at_return(v, ws->sig) && from == FROM_PROGRAM)) &&
		    !sig_restart_code(v)) {
			/* Sent by the thread to itself (raise), or the one
			 * its call, cut short in every variant, failed for:
			 * every variant at the same call, the handler runs
			 * (or the process stops) before the call returns, as
			 * natively. */
			pt_setsiginfo(v->pid, &v->infos[ws->sig]);
			set_resume(v, ws->sig);
			return;
		}
		/* Asynchronous: held until every variant of the set has it
		 * and they can all take it at the same point. */
		v->held |= 1ul << ws->sig;
		sig_child_follow(s, set, v, ws->sig);
		sig_interrupted(s, set, v, ws->sig, 0);
		sig_note_held(s, set);
		return;
	case WK_EXITED:
	case WK_KILLED:
	case WK_ERROR:
		ended(v, ws);
		v->jobstop = false;
		v->listening = false;
		if (set->id == 0) {
			/* its pid may be reused, as a group's id too */
			if (p->fg[v->index] == p->program[v->index])
				p->fg[v->index] = 0;
			p->program[v->index] = 0;
		}
		if (v->index == 0 && !set->thread)
			sig_child_ended(s, set);
		if (ws->kind == WK_KILLED && ws->sig == SIGKILL &&
		    !set->doomed && !set->thread &&
		    !sig_parent_ended(s, set, v))
			sig_killed_outside(s, set, v);
		else if (ws->kind == WK_KILLED)
			sig_die_alike(s, set, v, ws->sig);
		if (set->state == SET_IO && !set_alive(s, set))
			/* Killed while the platform waits for it: the wait
			 * is for no one now. */
			workers_cancel(s->workers, &set->pc->job);
		if (v->to_exit) {
			bool counted = v->parked;	/* its exit is in */

			v->to_exit = false;
			if (!counted)
				sig_exit_in(s, set);
		}
		break;
	default:
		set_resume(v, 0);
		return;
	}
	events_check_arrived(set, s->n);
	if (set->state == SET_ARRIVED) {
		/* stopped to take a held signal where each stood, they all
		 * stood at a call: each at its own, whatever the call, after
		 * its own count of calls without a meeting */
		if (set->forcing)
			local_unsync(set);
		set->forcing = false;
		sig_release_held(s, set);
	} else if (set->forcing) {
		sig_forced_stopped(s, set);
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
	/* A thread group's leader is reported ended only once its other
	 * threads are reaped, and a thread whose creator was killed in the
	 * clone's stop is one mvdb never heard of: a wait for the leader
	 * alone would then wait for ever.  Not for a process that has (or
	 * is making) threads. */
	if (!running || (!running->thread && running->threaded))
		return 0;
	/* one variant left to arrive: with two or more, a death among
	 * them must be seen at once (killed_outside) */
	for (int i = 0; i < s->n; i++) {
		/* a stopped one reports when a SIGCONT comes */
		if (running->v[i].listening)
			return 0;
		if (sig_pausable(&running->v[i])) {
			if (pid || events_clone_flags(&running->v[i].call) &
					   CLONE_THREAD)
				return 0;
			pid = running->v[i].pid;
		}
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
	/* variant 0 of a set whose call the platform waits for stands at
	 * its call while the person looks */
	for (int k = 0; k < s->nsets; k++)
		standin_leave(s, s->sets[k]);
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

				if (!sig_pausable(v))
					continue;
				if (!v->pausing) {
					pt_interrupt(v->pid);
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
	/* read only when written: this runs at every step.  A write whose
	 * flag is not set yet leaves the wake readable, and the flag comes
	 * right after it: the next clear reads it. */
	if (__atomic_exchange_n(&s->woken, 0, __ATOMIC_SEQ_CST) &&
	    read(s->wake, &n, sizeof(n)) < 0) {
		/* drained meanwhile: fine */
	}
}

void events_unpause(struct session *s)
{
	/* variant 0 of a set whose call a worker still waits in waits in
	 * the kernel again */
	for (int k = 0; k < s->nsets; k++)
		standin_enter(s, s->sets[k]);
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
			if (sig_pausable(&s->sets[k]->v[i]))
				return s->sets[k]->v[i].pid;
	return 0;
}

/* Platform calls that came back from the workers: their sets go on. */
static void reap_jobs(struct session *s)
{
	struct job *j;

	while ((j = workers_reap(s->workers))) {
		struct vset *set = j->owner;

		standin_leave(s, set);
		session_run_io(s, set);
		if (set->state == SET_IO)
			set->state = SET_RUNNING;
		events_check_arrived(set, s->n);
		if (set->state == SET_ARRIVED)
			sig_release_held(s, set);
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
	sig_forwarded(s);
	if (hold == 0) {
		sig_deliver_late(s);
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
			events_on_stop(s, pid, &ws);
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
			events_on_stop(s, pid, &ws);
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
			sig_deliver_late(s);
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
		if (fds[2].revents && sig_forwarded(s))
			return;
		while (read(s->sigchld, &si, sizeof(si)) == sizeof(si))
			;
	}
}
