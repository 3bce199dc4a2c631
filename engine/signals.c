/* Signals in lockstep: asynchronous ones held until every variant of a
 * set can take them at the same point (or stopped where they run after
 * HOLD_BOUND_NS), relayed from outside, restarted or failed with EINTR
 * as the kernel would for the disposition in force.  Stop signals and
 * SIGCONT are signals_job.c's; which sets a sent signal is pending for,
 * and the platform waits it cuts, signals_sent.c's; deaths, faults and
 * variants lost to a SIGKILL from outside signals_death.c's. */
#include "events_int.h"
#include "local.h"
#include "mem.h"

#include <errno.h>
#include <libiberty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's code for a call it makes again whatever the handlers
 * (not in the user headers). */
#define ERESTARTNOINTR 513

bool sig_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGTRAP;
}

bool sig_stop(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/* Held signals every variant of a set holds go to all of them when the
 * set is at a rendezvous: each variant steps back onto the call's
 * instruction, takes the signal (its handler runs, in lockstep like any
 * code) and then makes the call again.  A variant blocked in a call when
 * the signal came was not interrupted (the kernel restarts the call when
 * no handler runs), so it arrives at that rendezvous too. */
int events_held_signal(const struct vset *set, int n, bool *eintr)
{
	unsigned long common = ~0ul;
	bool fails = false;
	int sig;

	if (set->state != SET_ARRIVED)
		return 0;
	for (int i = 0; i < n; i++) {
		if (set->v[i].state != VS_SYSCALL)
			return 0;
		common &= set->v[i].held;
		if (set->v[i].restart && !set->v[i].restarts)
			fails = true;
	}
	if (!common)
		return 0;
	sig = __builtin_ctzl(common);
	/* The call at hand is one a signal interrupted (the kernel made it
	 * again when mvdb held the signal back): after the handler it fails
	 * with EINTR, as it would have, unless the kernel would make it
	 * again natively too (see restarts_natively). */
	*eintr = fails;
	return sig;
}

unsigned long long sig_status_mask(pid_t tid, const char *key)
{
	char path[64], line[128], fmt[32];
	unsigned long long mask = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	snprintf(fmt, sizeof(fmt), "%s: %%llx", key);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, fmt, &mask) == 1)
			break;
	if (f)
		fclose(f);
	return mask;
}

unsigned long long sig_pending(pid_t tid)
{
	char path[64], line[128];
	unsigned long long mask = 0, one;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "SigPnd: %llx", &one) == 1 ||
		    sscanf(line, "ShdPnd: %llx", &one) == 1)
			mask |= one;
	if (f)
		fclose(f);
	return mask;
}

unsigned long sig_held_by_all(const struct session *s,
				 const struct vset *set)
{
	unsigned long common = ~0ul;
	bool any = false;

	for (int i = 0; i < s->n; i++)
		if (variant_alive(&set->v[i])) {
			common &= set->v[i].held;
			any = true;
		}
	return any ? common : 0;
}

void sig_note_held(struct session *s, struct vset *set)
{
	if (sig_held_by_all(s, set) && !set->held_at.tv_sec &&
	    !set->held_at.tv_nsec)
		clock_gettime(CLOCK_MONOTONIC, &set->held_at);
}

/* Re-sends held signal sig to variant v of set, stopped: it takes it
 * (its handler gets the siginfo kept) at the stop that comes when it
 * goes on. */
static void resend_held(struct session *s, struct vset *set,
			struct variant *v, int sig)
{
	v->held &= ~(1ul << sig);
	v->releasing = sig;
	syscall(SYS_tgkill, events_group_of(s, set)->v[v->index].pid, v->pid, sig);
}

/* Lets variant v of set take held signal sig: re-sent to the thread
 * (its handler gets the siginfo kept, at the stop that comes), and v
 * resumed. */
static void send_held(struct session *s, struct vset *set,
		      struct variant *v, int sig)
{
	resend_held(s, set, v, sig);
	v->state = VS_RUNNING;
	v->to_exit = false;
	pt_cont(v->pid, 0);
}


/* Whether call nr waits with a signal mask of its own: a signal it
 * lets through is taken in the call, whatever the thread's mask is. */
static bool takes_mask(long nr)
{
	switch (nr) {
	case SYS_rt_sigsuspend: case SYS_ppoll: case SYS_pselect6:
	case SYS_epoll_pwait: case SYS_epoll_pwait2: case SYS_rt_sigtimedwait:
		return true;
	default:
		return false;
	}
}

/* The call variant v stands at the entry of, or -1.  Read from the
 * variant: v->call is read at the meeting, after held signals are
 * taken, and still holds the call before. */
static long entry_nr(const struct variant *v)
{
	struct pt_syscall sc;

	if (pt_get_syscall(v->pid, &sc) == -1 || !sc.entry)
		return -1;
	return sc.nr;
}

/* Whether variant v, at the entry of a call that waits with a mask of
 * its own, takes sig in the call: the thread's mask blocks it, so it is
 * taken under the call's (sigsuspend, sigtimedwait), not before. */
static bool taken_in_call(const struct variant *v, int sig)
{
	return takes_mask(entry_nr(v)) &&
	       (sig_status_mask(v->pid, "SigBlk") >> (sig - 1) & 1);
}

/* Whether call nr only ends when its time is up or a signal comes:
 * a held signal is taken in it, as if it had come while the call
 * slept.  Taken before it, the handler would run where a program
 * checks its flag one last time before sleeping (`while (!stop)
 * pause();`), and the sleep would then wait for a signal already
 * taken: natively that window is a few instructions wide, here it
 * would be all the code the variants ran since the signal came. */
static bool sleeps(long nr)
{
	return nr == SYS_pause || nr == SYS_nanosleep ||
	       nr == SYS_clock_nanosleep;
}

/* Variant v, at the entry of its call, is to take held signal sig
 * there: it steps back onto the call, which it makes again after the
 * handler, or, when the call was cut short by the signal and natively
 * fails (eintr), the call fails with EINTR and the handler runs as it
 * returns.  A call that takes the signal under a mask of its own is made
 * again either way, and fails or not as natively (sigsuspend: the
 * handler, then EINTR; sigtimedwait: the signal).  Returns whether the
 * call is made again. */
static bool step_back(struct variant *v, bool eintr, int sig)
{
	if (eintr && !taken_in_call(v, sig)) {
		pt_skip(v->pid, -EINTR);
		return false;
	}
	pt_rewind(v->pid);
	return true;
}

void sig_release_held(struct session *s, struct vset *set)
{
	bool eintr = false;
	int sig = events_held_signal(set, s->n, &eintr);

	/* Variants making again a call the signal cut short (restart_syscall
	 * for a sleep) while the others stand at their next call finish it
	 * first: stepped back there, they would make a call the others
	 * do not. */
	if (!sig || meeting_catch_up(s, set))
		return;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		v->restart = 0;
		/* every variant at the same sleep: made with the signal
		 * pending, the kernel cuts it short and tells the time
		 * left as natively */
		if (eintr || !sleeps(entry_nr(v)))
			step_back(v, eintr, sig);
		send_held(s, set, v, sig);
	}
	set->held_at = (struct timespec){ 0 };
	sig_note_held(s, set);
	set->state = SET_RUNNING;
}

/* Every variant of set had its call cut short by a signal mvdb holds,
 * and every call fails with EINTR: natively the handler runs as the
 * call returns, before any code of the program after it (`while
 * (!got) pause();` must see got set), so a signal they all hold is
 * re-sent now and taken as they go on, not at the next rendezvous
 * (where it would step back onto the next call and make it again). */
static void handlers_at_eintr(struct session *s, struct vset *set)
{
	unsigned long common = sig_held_by_all(s, set);
	int sig;

	if (!common)
		return;
	sig = __builtin_ctzl(common);
	for (int i = 0; i < s->n; i++)
		if (variant_alive(&set->v[i]))
			resend_held(s, set, &set->v[i], sig);
	set->held_at = (struct timespec){ 0 };
	sig_note_held(s, set);
}

void sig_exit_in(struct session *s, struct vset *set)
{
	int eintr = 0, done = 0;

	if (--set->pending_exits > 0)
		return;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (v->eintr)
			eintr++;
		else if (v->call.done && variant_alive(v))
			done++;
	}
	for (int i = 0; eintr && i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!v->eintr)
			continue;
		v->eintr = false;
		if (done) {
			v->parked = false;
			set->pending_exits++;
			set_resume(v, 0);	/* still redo */
			continue;
		}
		v->redo = false;
		v->restart = 0;
		pt_set_return(v->pid, -EINTR);
		v->call.ret = -EINTR;
		v->call.done = true;
	}
	if (eintr && !done)
		handlers_at_eintr(s, set);
	if (set->pending_exits == 0)
		session_finish_call(s, set);
}


bool sig_caught(pid_t pid, int sig)
{
	return sig_status_mask(pid, "SigCgt") >> (sig - 1) & 1;
}

bool sig_acts(pid_t pid, int sig)
{
	return sig_caught(pid, sig);
}

bool sig_refused(pid_t tid, int sig)
{
	return (sig_status_mask(tid, "SigBlk") | sig_status_mask(tid, "SigIgn")) >>
	       (sig - 1) & 1;
}

bool sig_interrupts(pid_t pid, int sig)
{
	if (sig_caught(pid, sig))
		return true;
	if (sig_status_mask(pid, "SigIgn") >> (sig - 1) & 1)
		return false;
	return sig != SIGCHLD && sig != SIGURG && sig != SIGWINCH &&
	       sig != SIGCONT;
}

/* Whether siginfo names its sender's pid (si_pid), by its code. */
static bool names_sender(const siginfo_t *si)
{
	switch (si->si_code) {
	case SI_USER: case SI_TKILL: case SI_QUEUE: case SI_MESGQ:
		return true;
	default:
		return si->si_signo == SIGCHLD && si->si_code > 0;
	}
}

void sig_info_as_v0(const struct session *s, siginfo_t *si)
{
	if (names_sender(si))
		si->si_pid = events_v0_pid(s, si->si_pid);
}

/* Whether a terminal sends sig to its foreground process group. */
static bool terminal_signal(int sig)
{
	return sig == SIGINT || sig == SIGQUIT || sig == SIGTSTP ||
	       sig == SIGWINCH || sig == SIGHUP;
}

/* Whether variant v's thread, at the stop for signal sig, has just sent
 * it to itself: it stands at the return of a call that sent sig to it
 * (raise, kill of its own process).  Asked in a process of several
 * threads only: si_pid names only the process, and a signal one thread
 * sends another comes wherever that other thread is, a different point
 * in each variant, so it is held like any other. */
static bool sent_itself(const struct variant *v, pid_t me, int sig)
{
	struct user_regs_struct r;

	if (pt_getregs(v->pid, &r) == -1 || r.rax != 0)
		return false;
	switch ((long)r.orig_rax) {
	case SYS_kill: case SYS_rt_sigqueueinfo:
		/* its pid, its group (0) or a group by id; kill(-1)
		 * spares the caller */
		return (int)r.rsi == sig &&
		       ((pid_t)r.rdi == me || (pid_t)r.rdi == 0 ||
			(pid_t)r.rdi < -1);
	case SYS_tkill:
		return (int)r.rsi == sig && (pid_t)r.rdi == v->pid;
	case SYS_tgkill: case SYS_rt_tgsigqueueinfo:
		return (int)r.rdx == sig && (pid_t)r.rsi == v->pid;
	default:
		return false;
	}
}

enum sender sig_keep_siginfo(struct session *s, struct vset *set,
				struct variant *v, int sig)
{
	pid_t me = events_group_of(s, set)->v[v->index].pid;
	enum sender from = FROM_PROGRAM;
	siginfo_t si;

	if (!v->infos)
		v->infos = XCNEWVEC(siginfo_t, SIGRTMAX + 1);
	if (v->relayed >> sig & 1) {
		v->relayed &= ~(1ul << sig);
		return FROM_PROGRAM;
	}
	if (v->resent >> sig & 1) {
		/* its siginfo kept when it first came (standin.c) */
		v->resent &= ~(1ul << sig);
		return FROM_OUTSIDE;
	}
	if (pt_getsiginfo(v->pid, &si) == -1) {
		memset(&v->infos[sig], 0, sizeof(v->infos[sig]));
		return FROM_PROGRAM;
	}
	if (names_sender(&si) && si.si_code <= 0) {
		/* Sent by the process itself (sigqueue fills in the pid
		 * the program sees, variant 0's).  With one thread the
		 * kernel delivers it at the first return it can: of the
		 * call that sent it, or of the one that let it through
		 * (sigprocmask, a handler's sigreturn), the same point in
		 * every variant. */
		if (si.si_pid == me ||
		    si.si_pid == events_group_of(s, set)->v[0].pid)
			from = !events_group_of(s, set)->threaded ||
					       sent_itself(v, me, sig) ?
				       FROM_ITSELF : FROM_PROGRAM;
		else if (si.si_pid != getpid() && !set_find(s, si.si_pid) &&
			 events_v0_pid(s, si.si_pid) == si.si_pid)
			from = FROM_OUTSIDE;
	} else if (si.si_code == SI_KERNEL && s->ctty && v->index == 0 &&
		   terminal_signal(sig)) {
		/* typed on the program's terminal (Ctrl-C, Ctrl-\, Ctrl-Z),
		 * its resize or hangup: the kernel sends it to variant 0's
		 * process group, the only one the terminal knows */
		from = FROM_OUTSIDE;
	}
	sig_info_as_v0(s, &si);
	v->infos[sig] = si;
	return from;
}

/* Sends w the signal sig that v of its set took, with v's siginfo. */
static void relay_to(struct session *s, struct vset *set, struct variant *w,
		     const struct variant *v, int sig)
{
	if (!w->infos)
		w->infos = XCNEWVEC(siginfo_t, SIGRTMAX + 1);
	w->infos[sig] = v->infos[sig];
	w->relayed |= 1ul << sig;
	syscall(SYS_tgkill, events_group_of(s, set)->v[w->index].pid, w->pid,
		sig);
}

void sig_relay(struct session *s, struct vset *set,
		  const struct variant *v, int sig)
{
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (w != v && variant_alive(w))
			relay_to(s, set, w, v, sig);
	}
}

void sig_child_follow(struct session *s, struct vset *set,
		      const struct variant *v0, int sig)
{
	if (sig != SIGCHLD || v0->index != 0 || !v0->infos ||
	    v0->infos[sig].si_code <= 0)
		return;
	for (int i = 1; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (variant_alive(w) && !(w->held >> sig & 1) &&
		    !(w->relayed >> sig & 1))
			relay_to(s, set, w, v0, sig);
	}
}

/* A held signal sig cut a call of set short.  A variant of the set that
 * got sig before its own call began (between calls, where mvdb held it)
 * waits in that call for a signal the kernel no longer has for it (a
 * sigsuspend waiting for SIGCHLD): it gets it again, with the siginfo
 * kept, so that its call ends as the others' did. */
static void wake_holders(struct session *s, struct vset *set, int sig)
{
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (!variant_alive(w) || !w->to_exit || w->parked || w->redo ||
		    !(w->held >> sig & 1) || w->relayed >> sig & 1)
			continue;
		w->relayed |= 1ul << sig;
		syscall(SYS_tgkill, events_group_of(s, set)->v[i].pid, w->pid, sig);
	}
}

bool sig_restarts_natively(int code, bool caught, bool sa_restart)
{
	switch (code) {
	case ERESTARTNOINTR:
		return true;
	case 512:	/* ERESTARTSYS */
		return !caught || sa_restart;
	default:	/* ERESTARTNOHAND, ERESTART_RESTARTBLOCK */
		return !caught;
	}
}

/* The restart code in v's registers, read into regs, or 0. */
static int code_in(const struct variant *v, struct user_regs_struct *regs)
{
	if (pt_getregs(v->pid, regs) == 0 && (long)regs->orig_rax >= 0 &&
	    (long)regs->rax >= -516 && (long)regs->rax <= -512)
		return (int)-(long)regs->rax;
	return 0;
}

int sig_restart_code(const struct variant *v)
{
	struct user_regs_struct regs;

	return v->redo ? v->restart : code_in(v, &regs);
}

static void keep_cut(struct variant *v, const struct user_regs_struct *r)
{
	v->cut = (struct cut_call){
		.nr = (long)r->orig_rax,
		.args = { r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9 },
		.ip = r->rip,
	};
}

int sig_take_restart(struct variant *v)
{
	struct user_regs_struct regs;
	int code;

	if (v->redo)
		return v->restart;
	if ((code = code_in(v, &regs)))
		keep_cut(v, &regs);
	return code;
}

void sig_note_cut(struct variant *v)
{
	struct user_regs_struct regs;

	if (pt_getregs(v->pid, &regs) == 0)
		keep_cut(v, &regs);
	else
		v->cut.nr = -1;
}

bool sig_remakes(const struct variant *v, const struct pt_syscall *sc)
{
	if (v->cut.nr < 0 || sc->ip != v->cut.ip)
		return false;
	if (sc->nr == SYS_restart_syscall &&
	    v->restart == 516)	/* ERESTART_RESTARTBLOCK */
		return true;
	return sc->nr == v->cut.nr &&
	       memcmp(sc->args, v->cut.args, sizeof(v->cut.args)) == 0;
}

void sig_interrupted(struct session *s, struct vset *set,
			struct variant *v, int sig, int deliver)
{
	int code = sig_take_restart(v);
	bool again;

	if (!code) {
		set_resume(v, deliver);
		return;
	}
	again = sig_restarts_natively(code, !deliver && sig_caught(v->pid, sig),
				  events_group_of(s, set)->sa_restart >> sig & 1);
	if (!v->redo) {
		/* Resumed with no exit stop: the call, made again, is the
		 * set's next rendezvous for this variant. */
		v->restart = code;
		v->restarts = again;
		set_resume(v, deliver);
		return;
	}
	if (again) {
		set_resume(v, deliver);
		return;
	}
	/* It fails with EINTR if the set's other variants' calls fail so
	 * too; decided when every variant's call is in (exit_in). */
	v->eintr = true;
	v->parked = true;
	wake_holders(s, set, sig);
	sig_exit_in(s, set);
}

bool sig_call_mask(const struct variant *v, unsigned long *mask)
{
	const struct call *c = &v->call;

	for (int i = 0; c->sc && i < c->sc->nargs; i++) {
		const struct argspec *a = &c->sc->args[i];
		unsigned long pack[2];

		if (a->kind != ARG_INSTRUCT || !c->args[i])
			continue;
		if (a->aux == ST_SIGSET && c->val[i].read &&
		    c->val[i].len >= sizeof(*mask)) {
			memcpy(mask, c->val[i].data, sizeof(*mask));
			return true;
		}
		if (a->aux == ST_SIGSET_ARGPACK && c->val[i].read &&
		    c->val[i].len >= sizeof(pack)) {
			memcpy(pack, c->val[i].data, sizeof(pack));
			if (pack[0] && mem_read(v->pid, pack[0], mask,
						sizeof(*mask)) == sizeof(*mask))
				return true;
		}
	}
	return false;
}

bool sig_blocked_in_call(const struct variant *v, int sig)
{
	unsigned long mask;

	if (sig_call_mask(v, &mask))
		return mask >> (sig - 1) & 1;
	return sig_status_mask(v->pid, "SigBlk") >> (sig - 1) & 1;
}

/* A parent in vfork waits, unstoppable, for its child to exec or exit:
 * a stop signal would never be taken. */
static bool in_vfork(const struct variant *v)
{
	return v->call.nr == SYS_vfork ||
	       ((v->call.nr == SYS_clone || v->call.nr == SYS_clone3) &&
		events_clone_flags(&v->call) & CLONE_VFORK);
}

bool sig_pausable(const struct variant *v)
{
	return v->state == VS_RUNNING && v->pid > 0 && !v->parked &&
	       !v->paused && !v->jobstop && !in_vfork(v);
}

void events_recheck(struct session *s, struct vset *set)
{
	events_check_arrived(set, s->n);
}

/* How long a signal every variant of a set holds may wait for the set's
 * next rendezvous before it is delivered where the variants stand. */
#define HOLD_BOUND_NS 50000000L

/* Whether set's held signal waits for variants that run (their own code
 * or calls of their own), none of them midway through a call mvdb
 * follows to its exit: it may be delivered where they stand. */
static bool holds_running(const struct session *s, const struct vset *set)
{
	bool any = false;

	if (set->state != SET_RUNNING || set->forcing || set->lost ||
	    !sig_held_by_all(s, set) || (!set->held_at.tv_sec && !set->held_at.tv_nsec))
		return false;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (!variant_alive(v))
			continue;
		/* a stopped process takes no signal until it is
		 * continued, natively too */
		if (v->to_exit || v->parked || v->redo || v->paused ||
		    v->jobstop || in_vfork(v))
			return false;
		any = true;
	}
	return any;
}

long events_hold_deadline(const struct session *s)
{
	struct timespec now;
	long best;

	clock_gettime(CLOCK_MONOTONIC, &now);
	best = -1;
	for (int k = 0; k < s->nsets; k++) {
		const struct vset *set = s->sets[k];
		long left;

		if (!holds_running(s, set))
			continue;
		left = HOLD_BOUND_NS -
		       ((now.tv_sec - set->held_at.tv_sec) * 1000000000L +
			(now.tv_nsec - set->held_at.tv_nsec));
		if (left < 0)
			left = 0;
		if (best < 0 || left < best)
			best = left;
	}
	return best;
}

void sig_deliver_late(struct session *s)
{
	long left;

	left = events_hold_deadline(s);
	if (left != 0)
		return;
	for (int k = 0; k < s->nsets; k++) {
		struct vset *set = s->sets[k];
		struct timespec now;
		long waited;

		if (!holds_running(s, set))
			continue;
		clock_gettime(CLOCK_MONOTONIC, &now);
		waited = (now.tv_sec - set->held_at.tv_sec) * 1000000000L +
			 (now.tv_nsec - set->held_at.tv_nsec);
		if (waited < HOLD_BOUND_NS)
			continue;
		set->forcing = true;
		for (int i = 0; i < s->n; i++) {
			struct variant *v = &set->v[i];

			if (!sig_pausable(v) || v->pausing)
				continue;
			pt_interrupt(v->pid);
			v->pausing = true;
		}
	}
}

void sig_forced_stopped(struct session *s, struct vset *set)
{
	unsigned long common = sig_held_by_all(s, set);
	int sig;

	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (variant_alive(v) && !v->paused && v->state != VS_SYSCALL)
			return;
	}
	set->forcing = false;
	if (!common) {
		for (int i = 0; i < s->n; i++)
			if (set->v[i].paused) {
				set->v[i].paused = false;
				set_resume(&set->v[i], 0);
			}
		return;
	}
	sig = __builtin_ctzl(common);
	local_unsync(set);
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];
		bool again;

		if (!variant_alive(v))
			continue;
		again = !v->restart ||
			sig_restarts_natively(v->restart,
					  sig_caught(v->pid, sig),
					  events_group_of(s, set)->sa_restart >> sig & 1);
		if (v->state == VS_SYSCALL) {
			/* at a call: made after the handler, unless it is one
			 * a held signal cut short that natively fails now.  One
			 * that waits with a mask of its own takes the signal
			 * in the call: made again, it is where variants
			 * stopped inside it already were (meeting_catch_up).
			 * So is one at the restart of a call it was cut short
			 * in (restart_syscall): it still finishes that call
			 * alone, after the signal. */
			bool remade;

			sig_note_cut(v);
			remade = step_back(v, !again, sig);

			if (remade && taken_in_call(v, sig))
				v->restart = 514;
			else if (!remade || !v->restarts)
				v->restart = 0;
			v->restarts = v->restart != 0;
		} else if (!again) {
			v->restart = 0;	/* the program sees EINTR */
		}
		v->paused = false;
		send_held(s, set, v, sig);
	}
	set->held_at = (struct timespec){ 0 };
	sig_note_held(s, set);
	set->state = SET_RUNNING;
}
