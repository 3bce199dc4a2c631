/* The engine's own view of a session: what session.c and events.c
 * share and front ends do not see. */
#ifndef MVDB_SESSION_INT_H
#define MVDB_SESSION_INT_H

#include "platform.h"
#include "ptrace.h"
#include "session.h"
#include "worker.h"

#include <limits.h>
#include <sched.h>
#include <sys/resource.h>
#include <signal.h>
#include <time.h>

#define MAX_ORPHANS 64	/* new children seen before their parent's event */
#define TEMPNAMES_MAX 16 /* temporary names made one that are remembered */

/* Engine-private state kept beside the public session. */
struct session_private {
	struct session pub;		/* what front ends see */
	char *exe[MAX_VARIANTS];	/* resolved binaries; owned */
	char **execd;			/* the binaries the program exec'd,
					   each once; owned */
	int nexecd;			/* how many */
	unsigned long tsc_base;		/* index of tsc[0] */
	pid_t orphans[MAX_ORPHANS];	/* children stopped before their
					   parent's fork event came */
	int norphans;			/* how many */
	sigset_t mask;			/* the signal mask before the session
					   blocked SIGCHLD */
	struct sigaction sigpipe;	/* SIGPIPE's disposition before the
					   session ignored it */
	sigset_t ignored;		/* signals ignored when the session was
					   made: the program starts so too */
	bool signals_set;		/* mask, sigpipe and dumpable hold
					   what was */
	int dumpable;			/* PR_GET_DUMPABLE before the session */
	int capsets;			/* room in pub.sets */
	bool pausing;			/* events_pause is stopping variants */
	struct placer *placer;		/* where the variants run (place.c),
					   with cfg.cpu >= 0; owned */
	struct timespec last_stop;	/* when a tracee last stopped
					   (CLOCK_MONOTONIC) */
	struct tempname {
		int variant;		/* whose name it was */
		size_t len;		/* of both names */
		char from[1024];	/* the variant's own */
		char to[1024];		/* variant 0's */
	} tempnames[TEMPNAMES_MAX];	/* temporary names made one, newest
					   first (policy.c) */
	int ntempnames;			/* how many */
	pid_t monitor;			/* mvdb's own pid (getppid answers
					   it; glibc asks the kernel each
					   time) */
	pid_t program[MAX_VARIANTS];	/* the program's first process in
					   each variant (session_forward) */
	pid_t program_group[MAX_VARIANTS]; /* the process group it led,
					   where what is left of the program
					   is once it ended (session_forward) */
	pid_t fg[MAX_VARIANTS];		/* the foreground process group of
					   the terminal the program shares
					   with mvdb, as the program keeps it
					   (tty_foreground), in each variant's
					   ids; 0 before the start */
	bool spawned;			/* every variant's first process is
					   in program[] (session_forward) */
	unsigned long deferred;		/* signals session_forward was given
					   before: sent once they are, bit
					   as in session.forwarded */
	unsigned long from_outside;	/* signals passed on to every
					   variant at once (bit sig): one that
					   kills a variant kills the others
					   too, wherever they stand */
	struct ghost *ghosts;		/* ended children not yet waited for */
	int nghosts, capghosts;		/* how many, and room */
};

static inline struct session_private *priv(struct session *s)
{
	return (struct session_private *)s;
}

static inline const struct session_private *cpriv(const struct session *s)
{
	return (const struct session_private *)s;
}

/* events.c: tracking every tracee's stops. */

/* A new set, child ordinal of parent (-1 for the program). */
struct vset *set_new(struct session *s, int parent, int ordinal);
/* Where set id is in s->sets, or -1 when it was forgotten. */
int set_index(const struct session *s, int id);
/* Set id, or NULL when it ended and was forgotten. */
struct vset *set_get(const struct session *s, int id);
/* Frees a set and everything it owns. */
void set_free(struct vset *set);
/* Forgets the sets that ended (but set 0 and the current one): their
 * memory goes, their pids are kept until their parent waits for them. */
void sets_sweep(struct session *s);
/* Variant i waited for its child pid. */
void events_reaped(struct session *s, int i, pid_t pid);
/* Makes set id the current one (s->v, s->pm, route and note). */
void set_use(struct session *s, int id);
/* The variant traced as pid, or NULL. */
struct variant *set_find(struct session *s, pid_t pid);
/* Resumes v towards its next entry stop (or its exit, if to_exit). */
void set_resume(struct variant *v, int sig);
bool variant_alive(const struct variant *v);
/* A process of the session that still exists, its pid its own (a forked
 * child not yet paired is VS_NEW but there); once it ended, the kernel
 * may give the number to a new process. */
bool variant_exists(const struct variant *v);
/* Waits for one event of any tracee (or a descriptor a set waits for)
 * and handles it. */
void events_wait(struct session *s);
/* Variant v of set forked child pid: pairs it with the other variants'
 * children of the same order into a child set (made on first sight),
 * which starts once every child is there. */
void events_adopt(struct session *s, struct vset *set, struct variant *v,
		  pid_t pid);
/* The held signal a set's variants take now (0: none): one every
 * variant holds, the set at a rendezvous; *eintr says whether the call
 * at hand then fails with EINTR (it was interrupted, and the kernel would
 * not restart it) or runs again after the handler. */
int events_held_signal(const struct vset *set, int n, bool *eintr);
/* Looks at a set that arrived at its rendezvous.  Returns true with st
 * filled when it is a stop for the front end; false when the set went on
 * (it ended, with the others still running). */
bool session_analyse(struct session *s, struct vset *set, struct stop *st);
/* Variants at the restart of an interrupted call the others finished
 * finish it alone; true when some were sent on (the set runs). */
bool meeting_catch_up(struct session *s, struct vset *set);

/* Stops every variant that runs where it is (session_interrupt): asks
 * the kernel (pt_interrupt, no signal the program could see) and waits
 * until each has stopped (or ended). */
void events_pause(struct session *s);
/* While a worker waits in set's call (not cut short), variant 0 waits
 * in the kernel too (standin.c), where a signal from outside reaches
 * the tracer; nothing for any other set. */
void standin_enter(struct session *s, struct vset *set);
/* Variant v's registers at its call while it stands in (the kernel's
 * are its pause's, and it runs): true with regs, else false. */
bool standin_regs(const struct variant *v, struct user_regs_struct *regs);
/* Brings set's variant 0 back to its call's seccomp stop, if it waits
 * so: before its result is written, or a person looks at it. */
void standin_leave(struct session *s, struct vset *set);
/* A set whose comparison waited for a signal to be sent by every
 * variant: it may be compared now. */
void events_recheck(struct session *s, struct vset *set);
/* Forgets a session_interrupt (and drains its wake-up). */
void events_clear_interrupt(struct session *s);
/* Lets the variants events_pause stopped go on. */
void events_unpause(struct session *s);
/* At exec: the vDSO is hidden from the new image. */
void events_hide_vdso(pid_t pid);
/* Whether thread tid blocks sig or its process ignores it (signals.c). */
bool sig_refused(pid_t tid, int sig);
/* The pid variant i of the set whose variant 0 is pid0 has, or pid0. */
pid_t events_own_pid(const struct session *s, int i, pid_t pid0);
/* The variant 0 pid of the set variant's pid belongs to, or pid. */
pid_t events_v0_pid(const struct session *s, pid_t pid);
/* A siginfo as the program sees it: the sender's pid, where its code
 * names one, as variant 0 sees it. */
void sig_info_as_v0(const struct session *s, siginfo_t *si);

/* Cuts the reads of the program's standard input that wait in the
 * platform (see session_release_input) and waits until they came back:
 * their variants step back onto the call and go on towards it. */
void events_cut_input(struct session *s);

/* input.c: the files the config names for the standard streams,
 * opened (the session owns them) and put in place of the front end's in
 * s->cfg.stdio: the terminal for all three, the input file for stdin.  A
 * terminal is opened without becoming the monitor's controlling
 * terminal; variant 0 takes it (session_start).  -1 with err when one
 * cannot be opened. */
int input_open_streams(struct session *s, struct error *err);
/* Whether process pid has the terminal fd names as its controlling
 * terminal (the tty_nr of /proc/PID/stat). */
bool input_has_ctty(pid_t pid, int fd);
/* Whether set's platform call out on a worker reads the program's
 * standard input (the descriptor it began as). */
bool input_read_out(const struct session *s, const struct vset *set);

/* Nanoseconds until a signal every variant of some set holds must be
 * delivered where the variants stand (0: now), or -1 when none waits. */
long events_hold_deadline(const struct session *s);

/* A call of the program that sends a signal (kill and its kin) was
 * made by every variant of set: a thread it reaches whose call waits in
 * the platform is interrupted as natively, and a SIGCONT continues the
 * processes in a group stop it reaches. */
void events_signal_sent(struct session *s, const struct vset *set,
			const struct call *c);

/* Whether set's call, which may wait in the platform, would natively
 * be cut short before it began: a signal that interrupts it (a
 * handler, a stop, an end), which its thread does not block, is pending
 * for variant 0, sent (by the program, or a child's end) while the set
 * stood at its rendezvous, or held for one variant and pending for the
 * others.  The variants then take it first and make the call again. */
bool events_cut_before(struct session *s, struct vset *set);
/* set's platform call failed with EINTR, cut short for a signal: the
 * signals every variant has are noted, to be taken as the call
 * returns (sig_at_return). */
void sig_note_at_return(const struct session *s, struct vset *set);
/* Whether variant v, at the stop for sig, takes it at once: it stands
 * at the return of a call cut short for it in every variant.  Asked
 * once per stop: the note is spent (and all are at its next call). */
bool sig_at_return(struct variant *v, int sig);


/* What a history entry records. */
enum recordkind {
	REC_CALL,	/* the call at hand, run (result if known) */
	REC_DIVERGED,	/* the call at hand, which did not run */
	REC_STATE,	/* a fault or an end */
};

/* session.c: a finished step of set into the history (and to the
 * observer), with the note of its decision. */
void session_record(struct session *s, const struct vset *set,
		    enum recordkind kind);

/* calls.c: runs set's call at hand and resumes its variants
 * (or leaves the set waiting for a descriptor). */
void calls_run(struct session *s, struct vset *set);

/* calls.c: what events.c calls back. */

/* All variants of set reached the exit of its call: finish the call. */
void session_finish_call(struct session *s, struct vset *set);
/* Runs the platform call a set waited on (its descriptor is ready). */
void session_run_io(struct session *s, struct vset *set);

/* A wake-up of the monitor (a meeting, a call answered alone): where
 * the variants run follows how often they come (session.c). */
void session_place(struct session *s);
/* Starts placing the variants (cfg.cpu >= 0): the run starts on that
 * CPU. */
void place_start(struct session *s);
/* Stops it. */
void place_stop(struct session *s);
/* The program set its own CPUs: mvdb places only itself from now. */
void place_own_cpus(struct session *s);
/* Whether CPUs cpus (a variant's, as the kernel gave them) are mvdb's
 * placement rather than the program's; the CPUs to show it in *shown,
 * then. */
bool place_shown(const struct session *s, const cpu_set_t *cpus,
		 cpu_set_t *shown);
/* Every variant's first process is there: signals mvdb was sent while
 * they were being started, which would have reached the first variants
 * alone, go to them all now (the handler runs on this thread: one that
 * comes after the flag sends its own). */
void session_spawned(struct session *s);

#endif
