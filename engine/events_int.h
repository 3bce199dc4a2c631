/* What events.c and signals.c share: the signal handling events.c's
 * stops hand over to, and the set bookkeeping signals.c asks of
 * events.c.  Internal to the engine. */
#ifndef MVDB_EVENTS_INT_H
#define MVDB_EVENTS_INT_H

#include "session_int.h"

#include <stdbool.h>
#include <sys/types.h>

/* Who sent a signal, as keep_siginfo sees it. */
enum sender {
	FROM_PROGRAM,	/* a process of the program, or the kernel */
	FROM_ITSELF,	/* the thread itself, at the call that sent it (raise) */
	FROM_OUTSIDE,	/* a process outside the program (a user's kill) */
};

/* signals.c */
/* The signals pending for tid, for it or its process (bit sig-1): one
 * read of its status. */
unsigned long long sig_pending(pid_t tid);
/* A variant of set took a signal to hold: once every variant holds it,
 * the wait for a common point begins (and is bounded: see
 * events_deliver_late). */
void sig_note_held(struct session *s, struct vset *set);
/* A set at its meeting: the signals every variant holds are taken by
 * all of them there (events_held_signal). */
void sig_release_held(struct session *s, struct vset *set);
/* A variant's call run to its exit is in.  Once all are, the set's
 * call is finished, unless a signal interrupted some variants' calls
 * and not the others': those then finish theirs as the kernel would
 * without the signal (it makes the call again; mvdb holds the signal
 * until the set's next rendezvous), so that every variant sees the call
 * end the same way.  Interrupted in every variant, the call fails with
 * EINTR in all. */
void sig_exit_in(struct session *s, struct vset *set);
/* Whether sig, taken, does something a variant's counterparts must do
 * at the same point: run a handler.  A stop signal with no handler runs
 * no code of the program: natively it stops the process at once, in a
 * call too, so each variant takes its own where it stands. */
bool sig_acts(pid_t pid, int sig);
/* A variant of set is in its group stop (a stop signal with no
 * handler, taken at once wherever it stood).  A counterpart that
 * arrived at its next call and waits there for it has the signal
 * pending too (relayed, or sent by its own copy of the program), but a
 * tracee stopped for mvdb takes no signal: the stopped one would never
 * come, and the counterpart never stop.  It steps back off its call
 * and takes the signal; continued, it makes the call again.  One that
 * finished the call the stopped ones are in brings them back to finish
 * it too (sig_unstop_for).  Called at the stop, at each arrival and end
 * of a call, and when the program sends a stop signal (its copies reach
 * each variant at its own pace). */
void sig_follow_stop(struct session *s, struct vset *set);
/* Whether stop signal sig, with no handler, that variant v of set took
 * inside a call waits, held like a handler's, for the set's next
 * rendezvous: a counterpart has finished that call already and waits,
 * stopped for mvdb, for v's end of it (it could take no stop there). */
bool sig_stop_waits(const struct session *s, const struct vset *set,
		    const struct variant *v, int sig);
/* Variant v of set finished its call, a stop signal pending, while
 * counterparts stopped at once inside that call: they go on, the stop
 * held, to finish it as v did, and all stop after it
 * (sig_follow_stop). */
void sig_unstop_for(struct session *s, struct vset *set,
		    const struct variant *v);
/* A SIGCONT reached a variant of set's thread group: stop signals held
 * for the group are dropped, as the kernel drops pending ones (a
 * handler's SIGTSTP, held, would stop the program after it went on). */
void sig_cont_taken(struct session *s, const struct vset *set);
/* Variant v of set was killed by sig, which its counterparts got too (a
 * signal batch mode passes on, a kill of the program's group): one
 * that had already stopped at its next call has sig pending there and,
 * natively, would never make that call.  It goes on without making it
 * and dies of sig as v did: the program ended, not a divergence. */
void sig_die_alike(struct session *s, struct vset *set,
		      const struct variant *v, int sig);
/* Keeps the siginfo of the signal v stopped with, its sender's pid as
 * variant 0 sees it (the handler of every variant sees the same ids),
 * and says who sent it.  A signal mvdb relayed to v keeps the siginfo
 * of the variant that got it. */
enum sender sig_keep_siginfo(struct session *s, struct vset *set,
				struct variant *v, int sig);
/* A signal from outside the program reached variant v only (a user's
 * kill of the pid mvdb shows, a key typed on the program's terminal):
 * the program would have got it, so every other variant's counterpart
 * of v gets it too, with the same siginfo. */
void sig_relay(struct session *s, struct vset *set,
		  const struct variant *v, int sig);
/* Variant v0 holds SIGCHLD from a child's end (its siginfo kept).  The
 * kernel merges a SIGCHLD that comes while one is pending: when the
 * children of a set end at once, another variant's parent may get one
 * for both where variant 0's gets two, and the set would wait for the
 * second for ever (a master in sigsuspend, a worker left a zombie).
 * Whether a child ended is variant 0's to say, as wait4's answer is:
 * each other variant that holds none is sent variant 0's.  One that
 * comes to it anyway stays held until variant 0 gets another. */
void sig_child_follow(struct session *s, struct vset *set,
		      const struct variant *v0, int sig);
/* Whether the kernel makes a call interrupted with code again when sig
 * comes (and is not held back): the rules of its restart codes. */
bool sig_restarts_natively(int code, bool caught, bool sa_restart);
/* Whether pid's process has a handler for sig. */
bool sig_caught(pid_t pid, int sig);
/* Signals every live variant of set holds. */
unsigned long sig_held_by_all(const struct session *s,
			      const struct vset *set);
/* A signal mask of tid from its /proc status ("SigCgt", "SigBlk"):
 * bit sig-1 for sig; 0 when it cannot be read. */
unsigned long long sig_status_mask(pid_t tid, const char *key);
/* Whether sig, pending for pid's process, cuts a wait short natively:
 * a handler runs, or its default action stops or ends the process (one
 * whose default is to ignore it, or that the program ignores, does
 * not). */
bool sig_interrupts(pid_t pid, int sig);
/* Whether sig is blocked for variant v during its call at hand: the
 * mask the call itself takes (its sigset argument, as args.c read it,
 * or pselect6's through its pack), else the thread's. */
bool sig_blocked_in_call(const struct variant *v, int sig);
/* The signal mask v's call waits with, when it has one of its own
 * (ppoll, pselect6, epoll_pwait): into *mask, true. */
bool sig_call_mask(const struct variant *v, unsigned long *mask);
/* A stop of a tracee the tracer waited for (events_wait's, or one a
 * synchronous wait came upon): handled as any. */
/* At a seccomp stop of variant v, whose process lets plain calls
 * through (ltable.fast): when its call might put what is no plain file
 * of its own at a number the filter lets through (a /proc file, a
 * platform number below the offset, a second thread), the process
 * first makes every plain call stop again, for good, and then makes its
 * call again.  Returns whether the stop was taken so (fastread.c). */
bool fastread_check(struct session *s, struct vset *set, struct variant *v,
		    const struct pt_syscall *sc);
void events_on_stop(struct session *s, pid_t pid, const struct waitstatus *ws);
/* A stop of v while it waits so: handled here (true), or its end
 * (false: handled as any). */
bool standin_stopped(struct session *s, struct vset *set, struct variant *v,
		     const struct waitstatus *ws);
/* Cuts set's platform wait for signal sig: the call fails with EINTR
 * in every variant, or they step back onto it when natively the kernel
 * would make it again (set->cut_restarts). */
void sig_cut_wait(struct session *s, struct vset *set, int sig);
/* The program sent SIGCONT to thread group group: its variants in a
 * group stop go on, all of them at once (they stopped at the same
 * point), and stop signals still held for it are dropped, as the kernel
 * drops pending ones.  The SIGCONT itself, pending in each, is then
 * taken like any signal. */
void sig_continued(struct session *s, int group);
/* The restart code of the call v was in when a signal stopped it (the
 * kernel makes the call again, or fails it, when v goes on), or 0. */
int sig_restart_code(const struct variant *v);
/* sig_restart_code, keeping the call it names in v->cut when there is
 * one. */
int sig_take_restart(struct variant *v);
/* Keeps the call v is in or stands at in v->cut. */
void sig_note_cut(struct variant *v);
/* Whether sc, v's call at a stop, is the call v->cut made again by the
 * kernel: at the same instruction with the same registers, or as
 * restart_syscall after ERESTART_RESTARTBLOCK.  Any other call is a new
 * one, to be met and compared as every call: the cut one ended unseen
 * (a futex, which mvdb never stops at, is made again by the kernel
 * without a stop). */
bool sig_remakes(const struct variant *v, const struct pt_syscall *sc);
/* Variant v stopped with sig, which mvdb holds (deliver 0) or lets
 * through now (deliver sig, with no handler to run).  If it interrupted
 * a call, the call ends as it would natively: made again by the kernel
 * (a call run to its exit goes on to its real end unseen), or failed
 * with EINTR (the signal's handler then runs at the set's next
 * rendezvous). */
void sig_interrupted(struct session *s, struct vset *set,
			struct variant *v, int sig, int deliver);
/* A child of the program ended: its parent gets SIGCHLD. */
void sig_child_ended(struct session *s, const struct vset *child);
/* Signals session_forward sent the program (batch mode passes on what
 * mvdb is sent, a timeout's SIGTERM): a process whose call waits in the
 * platform has them pending but stopped, so its wait is cut as for a
 * signal the program sends.  Returns whether there were any. */
bool sig_forwarded(struct session *s);
/* A variant that runs and can be stopped where it is. */
bool sig_pausable(const struct variant *v);
/* Whether variant v of process set's parent process has ended: a
 * SIGKILL then may be its death signal (PR_SET_PDEATHSIG), sent in each
 * variant as its own parent ends, not a kill from outside. */
bool sig_parent_ended(const struct session *s, const struct vset *set,
		      const struct variant *v);
/* A variant died of SIGKILL the program did not send (a user's kill,
 * the OOM killer) while the others run: that is a divergence now, not
 * when they next arrive, which may be long.  They are stopped where they
 * are, and the set then stops as diverged. */
void sig_killed_outside(struct session *s, struct vset *set,
			   const struct variant *v);
/* One of a lost set's variants stopped: once all have, the set stops. */
void sig_lost_stopped(struct session *s, struct vset *set);
/* What a fault's report says: its siginfo, the instruction and the
 * mapping it is in. */
void sig_note_fault(struct variant *v);
/* A signal every variant of a set holds has waited HOLD_BOUND_NS for a
 * common system call that does not come (a program computing): its
 * variants are stopped where they run, and take it there
 * (forced_stopped).  If they then disagree, the divergence report says
 * the signal came between calls. */
void sig_deliver_late(struct session *s);
/* One of a forcing set's variants stopped (or arrived at a call): once
 * none runs, each takes the held signal where it is.  A variant at a
 * call steps back onto it and makes it again after the handler; one
 * that a call of its own was cut short in ends that call as the kernel
 * decides for a handler (made again, or EINTR). */
void sig_forced_stopped(struct session *s, struct vset *set);
/* Whether sig is a fault the kernel sends for an instruction. */
bool sig_fault(int sig);
/* Whether sig stops a process by default. */
bool sig_stop(int sig);

/* events.c */
/* A set whose variants all stopped at their rendezvous has arrived. */
void events_check_arrived(struct vset *set, int n);
/* The process set of a set's thread group: it holds what the threads
 * share (platform fds, signal dispositions). */
struct vset *events_group_of(struct session *s, const struct vset *set);
/* The flags of the clone, clone3, fork or vfork call c. */
unsigned long events_clone_flags(const struct call *c);

/* vdso.c */
/* A SIGSEGV of variant v that is an rdtsc the kernel trapped: emulated
 * (the same counter in every variant) and true. */
bool vdso_emulate_tsc(struct session *s, struct variant *v);

#endif
