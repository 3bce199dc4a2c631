/* A session: N variants of one program, run in lockstep.
 *
 * The front ends create a session, start it, and drive it one step at a
 * time; every step returns a stop record that says why it stopped.  They
 * read the variants' state through the structures below and never change
 * it.  The session owns everything reachable from it.
 */
#ifndef MVDB_SESSION_H
#define MVDB_SESSION_H

#include <stdbool.h>
#include <signal.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <time.h>

#include "error.h"
#include "fdtable.h"
#include "filter.h"
#include "syscall.h"

#define MAX_VARIANTS 8
#define DEFAULT_FD_OFFSET 256
#define HISTORY_SIZE 256	/* steps kept for `history` and reports */
#define CALL_TEXT_MAX 512	/* one rendered call */
#define NOTE_MAX 160		/* one note on a step */

struct pcall;
struct clockq;
struct answerq;
struct workers;

/* A process's own description of a platform file (platform.c). */
struct plock {
	dev_t dev;		/* the file itself (several opens of one */
	ino_t ino;		/* file are one for its locks) */
	int fd;			/* the monitor's description for it */
};

/* The content of one argument, read from a variant's memory. */
struct argval {
	unsigned char *data;	/* bytes (strings without their NUL); owned */
	size_t len;		/* bytes held */
	size_t cap;		/* bytes allocated */
	bool read;		/* content was read (kinds that have one) */
	bool cut;		/* longer than mvdb reads; only a prefix held */
	int err;		/* errno when the read failed, else 0 */
};

/* Where the call at hand runs. */
enum route {
	ROUTE_VARIANT,	/* each variant runs it */
	ROUTE_PLATFORM,	/* the platform runs it once; result to all */
	ROUTE_LEADER,	/* variant 0 runs it; its result goes to the others */
	ROUTE_INJECT,	/* no one runs it: every variant gets route_ret (a
			   failure, or an answer the monitor knows) */
	ROUTE_NONE,	/* nothing to run (exit, signal, end) */
};

/* One variant's call at the current step. */
struct call {
	long nr;			/* system call number */
	const struct syscall *sc;	/* its table entry, or NULL */
	unsigned long args[SYSCALL_MAX_ARGS];	/* raw argument values */
	unsigned long ip, sp;		/* where it was made */
	struct argval val[SYSCALL_MAX_ARGS];	/* contents, by kind */
	bool done;			/* ret is known */
	long ret;			/* the result (-errno on failure) */
};

/* Where a variant is. */
enum vstate {
	VS_NEW,		/* not started */
	VS_RUNNING,	/* resumed, not yet at the next rendezvous */
	VS_SYSCALL,	/* stopped at a system call entry */
	VS_SIGNAL,	/* stopped with a fault signal about to be delivered */
	VS_EXITED,	/* exited; code holds the status */
	VS_KILLED,	/* killed by signal sig */
};

/* One traced copy of the program. */
struct variant {
	int index;		/* 0..n-1 */
	pid_t pid;		/* its process */
	const char *exe;	/* the binary it runs (borrowed from config) */
	enum vstate state;	/* where it is */
	int code;		/* VS_EXITED: exit status */
	int sig;		/* VS_SIGNAL/VS_KILLED: the signal */
	siginfo_t fault;	/* VS_SIGNAL: why the kernel sent it */
	unsigned long fault_ip;	/* VS_SIGNAL: the instruction */
	char fault_where[320];	/* VS_SIGNAL: where it is, as "main+12 in
				   prog", "libc.so.6+0x1234" or "[stack]",
				   or "" */
	bool core;		/* VS_KILLED: dumped core */
	struct call call;	/* VS_SYSCALL: the call at hand */
	struct ltable local;	/* its own fds (a process's; unused by a
				   thread, which uses its leader's) */
	struct ltable *lt;	/* the fd table it uses: &local, or its
				   thread group leader's */
	unsigned long tsc_reads; /* rdtsc instructions emulated so far */
	int set;		/* the set it belongs to */
	bool to_exit;		/* resumed into its call's exit stop */
	bool parked;		/* stopped at that exit, waiting for the
				   set's other variants */
	bool attached;		/* a forked child: its first stop was seen */
	unsigned long held;	/* asynchronous signals held back (bit sig) */
	unsigned long relayed;	/* signals from outside the program another
				   variant got, that mvdb passed on to it */
	unsigned long resent;	/* signals from outside the program mvdb
				   took from it and sent it again (a SIGSTOP
				   in its stand-in, standin.c) */
	siginfo_t *infos;	/* by signal number: the siginfo of each one
				   held, ids as variant 0 sees them; owned,
				   NULL until the first */
	int releasing;		/* a held signal mvdb re-sent, to let through */
	unsigned long at_return; /* signals every variant of its set had
				   when their call, cut short for one, failed
				   with EINTR: taken at once as it returns, as
				   natively (bit sig) */
	int restart;		/* a held signal interrupted its call: the
				   kernel's restart code (512..516), or 0 */
	bool restarts;		/* and natively the kernel makes it again */
	struct cut_call {
		long nr;	/* its number (orig_rax) */
		unsigned long args[SYSCALL_MAX_ARGS]; /* its arguments */
		unsigned long ip;	/* after its syscall instruction */
	} cut;			/* the call restart and redo name: only its
				   remaking is taken for it (sig_remakes) */
	bool paused;		/* stopped by session_interrupt where it
				   ran; the next step resumes it */
	bool pausing;		/* asked to stop so, not yet stopped */
	bool eintr;		/* interrupted so, its call fails with EINTR
				   unless the set's others end theirs */
	bool redo;		/* resumed into its call's exit, it was
				   interrupted and makes the call again */
	unsigned long local_align; /* in an anonymous mmap answered without
				   a meeting, grown by this: its result is
				   aligned at the exit (local.h), or 0 */
	bool jobstop;		/* stopped by a stop signal with no handler
				   (a group stop): it stays so until the
				   program continues it (SIGCONT) */
	bool listening;		/* so stopped, left to the kernel
				   (pt_listen) until it reports again */
	struct standin *standin; /* variant 0 waiting in the kernel while
				   the platform waits for its call
				   (standin.c); owned, or NULL */
};

/* What the policy decided for a set's call at hand (policy.c). */
struct decision {
	enum route route;	/* where it runs */
	long ret;		/* ROUTE_INJECT: what every variant gets */
	bool need_exit;		/* variants must stop at its exit (results) */
	bool leader_result;	/* ROUTE_VARIANT: variant 0's result to all */
	bool leader_first;	/* ROUTE_VARIANT, wait4 of any child:
				   variant 0 runs it first, the others
				   then wait for their counterpart of the
				   child it got */
	unsigned long align;	/* an anonymous mmap every variant gets
				   aligned to this (its length grown by it
				   first), or 0 */
	int hold_low;		/* a platform file gets this number below the
				   offset: each variant must hold a real fd
				   there too, or -1 */
	bool hold_cloexec;	/* and the variants' hold on it is
				   close-on-exec */
	int own_proc;		/* ROUTE_VARIANT: an open for writing of
				   the process's own /proc entry, its flags
				   in this argument (fdpolicy.c), or -1 */
	int null_arg;		/* ROUTE_VARIANT: argument every variant's
				   call gets as NULL (the policy answers
				   for it), or -1 */
	bool shm;		/* ROUTE_VARIANT: its paths under /dev/shm
				   name each variant's own copy (shm.h) */
	bool own_stat;		/* ROUTE_VARIANT: a read of the process's
				   own stat (ownproc.c) */
	long unbind_lo;		/* numbers the call lets go of when it */
	long unbind_hi;		/* runs: [lo, hi], or lo > hi for none */
	char note[NOTE_MAX];	/* why, when a person would ask */
};

/* What a set of variants is doing. */
enum setstate {
	SET_STARTING,	/* forked children, not all of them seen yet */
	SET_RUNNING,	/* some variant has not reached the rendezvous */
	SET_ARRIVED,	/* all at the rendezvous, not yet reported */
	SET_STOPPED,	/* reported: its call waits for a step */
	SET_IO,		/* its platform call runs on a worker (it may
			   wait); the variants stay stopped */
	SET_ENDED,	/* every variant ended */
	SET_DIVERGED,	/* the variants disagreed; they stay stopped */
};

/* A variant set: variant i of each process (or thread) the program
 * creates, paired with the others by creation order, run in lockstep.
 * Set 0 is the program itself. */
struct vset {
	int id;				/* index in session.sets */
	int parent;			/* the set that forked it, or -1 */
	int parent_group;		/* that set's process set, or -1 */
	int ordinal;			/* which child of the parent's */
	enum setstate state;		/* what it is doing */
	struct variant v[MAX_VARIANTS];	/* its variants */
	struct pmap pm;			/* a process set's platform fds */
	struct pmap *fds;		/* the platform fds it uses: &pm, or
					   its thread group's */
	bool thread;			/* a set of threads (CLONE_THREAD) */
	int group;			/* the process set of its thread group
					   (itself for a process set) */
	int nchildren[MAX_VARIANTS];	/* children each variant forked */
	int pending_exits;		/* variants yet to reach the exit */
	bool leader_went;		/* leader_first: variant 0's part is
					   done, the others' runs */
	struct decision dec;		/* for its call at hand */
	struct pcall *pc;		/* its platform call (buffers kept
					   for the next); owned */
	struct clockq *clocks;		/* the clock readings its variants
					   were given, by clock id (local.h),
					   or NULL; owned */
	struct answerq *parents;	/* its getppid answers (local.h), or
					   NULL; owned */
	struct localtrack *track;	/* its calls answered without a
					   meeting since the last (local.h),
					   or NULL; owned */
	struct queryq *queries;		/* its socket queries' answers
					   (local.h), or NULL; owned */
	bool threaded;			/* a process set's: a second thread
					   shared its memory (inherited at
					   fork, reset at exec) */
	struct rlimit nofile;		/* a process set's: RLIMIT_NOFILE as
					   its program sees it (the kernel's
					   is the offset while it is above);
					   inherited at fork */
	struct rlimit nofile_next;	/* one the set's call at hand sets */
	bool nofile_set;		/* it does */
	unsigned long sa_restart;	/* a process set's: signals whose
					   handlers restart interrupted calls
					   (SA_RESTART), for its thread group;
					   inherited at fork, reset at exec */
	unsigned reaped;		/* bit i: variant i's parent waited
					   for it */
	struct plock *locks;		/* a process set's own open file
					   descriptions of platform files,
					   which hold its POSIX locks; owned */
	int nlocks;			/* how many */
	bool doomed;			/* the program sent it a signal: a
					   SIGKILL death is the program's */
	int kills_out;			/* calls sending it a signal that
					   not every variant has made yet */
	bool cut_restarts;		/* its platform wait was cut for a
					   signal whose handler restarts the
					   call: the variants step back onto
					   it instead of failing with EINTR */
	bool signalled;			/* the program sent it a signal while
					   no platform wait of it was out:
					   the next one looks whether one is
					   pending (events_cut_before) */
	bool forcing;			/* its variants are being stopped
					   where they run, to take a held
					   signal there (events.c) */
	struct timespec held_at;	/* when a signal held in all its
					   variants began to wait for a
					   common point, or 0 */
	int lost;			/* 1 + a variant SIGKILL ended from
					   outside while the others ran, or 0 */
};

/* Why a step stopped. */
enum stopreason {
	STOP_START,	/* the first rendezvous after exec */
	STOP_SYSCALL,	/* every variant at the entry of the same call */
	STOP_SIGNAL,	/* every variant stopped by the same fault signal */
	STOP_DIVERGED,	/* the variants disagree; nothing ran */
	STOP_EXITED,	/* every variant ended, the same way */
	STOP_ERROR,	/* mvdb could not go on; the error says why */
	STOP_INTERRUPTED, /* session_interrupt: the variants that ran were
			     stopped where they were; the next step
			     resumes them (their calls go on as after a
			     stop signal) */
};

/* What disagreed. */
enum divkind {
	DIV_NONE,	/* no divergence */
	DIV_SYSCALL,	/* different system calls */
	DIV_ARG,	/* the same call, an argument differs */
	DIV_STATE,	/* one made a call, another exited or faulted */
	DIV_SIGNAL,	/* different fault signals */
	DIV_EXIT,	/* exited with different statuses */
	DIV_LOCAL,	/* the calls answered without a meeting differ */
};

/* The detail of a divergence. */
struct divergence {
	enum divkind kind;	/* what disagreed */
	int a, b;		/* two variants that disagree (a < b) */
	int arg;		/* DIV_ARG: the argument, 0-based */
	size_t offset;		/* DIV_ARG with content: first differing byte */
	char what[NOTE_MAX];	/* one line: what differs */
};

/* The record every step returns. */
struct stop {
	enum stopreason reason;	/* why it stopped */
	unsigned long step;	/* the step number (1 = the first call) */
	int set;		/* the set it stopped in (0: the program) */
	enum route route;	/* where the call at hand will run */
	struct divergence div;	/* STOP_DIVERGED: the detail */
	struct error err;	/* STOP_ERROR: what went wrong */
	int status;		/* STOP_EXITED: shell-style status (128+sig) */
};

/* One variant's part of a finished step: its call as data, rendered
 * when shown (format_record). */
struct reccall {
	struct call call;	/* number, raw arguments, result (call.done,
				   call.ret: after mvdb made ids agree) and
				   contents: what the variant passed and what
				   the call produced, cut to RECORD_ARG_MAX
				   bytes (strings and input buffers to the
				   strsize at the time, plus one); val[].data
				   point into the entry's pool */
	const char *fdpath[SYSCALL_MAX_ARGS];	/* an fd argument naming a
						   platform file: its path
						   (in the pool), else NULL */
};

#define RECORD_ARG_MAX 4096	/* bytes of one argument a record keeps */
#define RECORD_STEP_MAX 32768	/* and of one step, all variants */

/* One finished step, for `history`, traces and reports: data, rendered
 * by format_record. */
struct histent {
	unsigned long step;		/* its number */
	int set;			/* the set it happened in */
	long nr;			/* variant 0's call, or -1 for a state
					   (a fault, an end) */
	bool diverged;			/* it was the diverging step (nothing
					   ran) */
	enum route route;		/* where it ran: ROUTE_PLATFORM,
					   ROUTE_LEADER and ROUTE_INJECT give
					   every variant one result */
	bool no_return;			/* ran, and never returns (exit) */
	int n;				/* variants recorded */
	struct reccall v[MAX_VARIANTS];	/* each variant's call (nr >= 0) */
	char state[CALL_TEXT_MAX];	/* nr < 0: variant 0's state, as
					   format_state renders it */
	char note[NOTE_MAX];		/* the decision's note, or "" */
	unsigned char *pool;		/* contents and paths; owned, kept
					   from step to step */
	size_t poolcap;			/* its size */
};

/* What a session is asked to run. */
struct config {
	int nvariants;		/* 2..MAX_VARIANTS */
	char **argv;		/* program and arguments (borrowed) */
	const char *exe[MAX_VARIANTS]; /* a binary per variant, or NULL */
	bool no_aslr;		/* personality(ADDR_NO_RANDOMIZE) */
	bool strict;		/* every call meets, during continue too
				   (--lockstep=strict; local.h) */
	int fd_offset;		/* first platform number (256) */
	int stdio[3];		/* the platform's real standard streams */
	const char *stdin_path;	/* a file the program reads as its standard
				   input instead of stdio[0] (run < FILE,
				   --stdin), or NULL; borrowed */
	const char *tty;	/* a terminal that is the program's standard
				   input, output and error instead of stdio
				   (tty, --tty), and its controlling terminal
				   when no session has it; or NULL; borrowed */
	bool shared_stdin;	/* stdio[0] is the terminal the front end
				   reads its commands from: a read of it that
				   waits when a run is interrupted is cut, and
				   made again when the program goes on */
	bool results;		/* collect every call's results (trace,
				   stepping), read when a call runs */
	size_t strsize;		/* bytes of strings shown in renderings */
	int cpu;		/* bind monitor and variants to this CPU, or
				   -1 to let the scheduler spread them */
	bool fast_reads;	/* plain calls on plain files never stop
				   (batch runs no one steps through:
				   fastread.c) */
};

/* The front end's own descriptors, watched in the engine's one wait
 * while a run waits for a platform call: the screen takes keys typed
 * for a program that reads its input from the screen, and redraws. */
#define WATCH_MAX 2
#define WATCH_WAITING_MS 100	/* a wait this long is worth a word */
#define STALL_MS 1000	/* see watch.stalled */

struct watch {
	int fd[WATCH_MAX];		/* descriptors readable when there is
					   something for the front end */
	int nfd;			/* how many (0: none) */
	void (*ready)(void *ctx);	/* one of them is readable; must not
					   call the engine */
	void (*idle)(void *ctx);	/* the engine is about to wait with
					   nothing to do yet (may be NULL) */
	void (*waiting)(void *ctx);	/* the engine has gone
					   WATCH_WAITING_MS without a step
					   (calls without a meeting), and
					   again every WATCH_WAITING_MS
					   after; or, with no descriptors to
					   watch (nfd 0), has waited that
					   long with nothing to do (a call
					   that blocks); the front
					   end may show where the run is and
					   read the session, not call the
					   engine (may be NULL) */
	void (*stalled)(void *ctx, int sig); /* a signal that ends programs
					   (SIGINT, SIGTERM, SIGHUP, SIGQUIT)
					   was passed on (session_forward)
					   after STALL_MS with no tracee
					   stop: before the variants take it,
					   the front end may say where they
					   stand (inspect_state_now), not call
					   the engine (may be NULL) */
	void (*output)(void *ctx);	/* the platform is about to make a
					   call on the front end's own stdout
					   or stderr (cfg.stdio[1], [2]): a
					   front end that drew there (a
					   progress line) clears it; must not
					   call the engine (may be NULL) */
	void *ctx;			/* passed back */
};

/* Observer of finished steps (trace output); may be NULL. */
typedef void (*step_observer)(void *ctx, const struct histent *h,
			      const struct variant *vs, int n);

/* The session.  Front ends read it; only the engine writes it. */
struct session {
	struct config cfg;		/* as given (argv borrowed) */
	int n;				/* variants per set */
	struct variant *v;		/* the current set's variants */
	struct pmap *pm;		/* the current set's platform fds */
	int cur;			/* the current set: the last stop's */
	struct vset **sets;		/* the sets alive, set 0 and the
					   current one, by id; owned (ended
					   sets are forgotten) */
	int nsets;			/* how many */
	int made;			/* sets ever made: ids are 0..made-1 */
	unsigned long step;		/* steps taken, all sets */
	struct filter meet;		/* calls that always meet, even during
					   continue (breakpoints name them):
					   never answered at their stop */
	enum route route;		/* of the current set's call at hand */
	long route_ret;			/* ROUTE_INJECT: the result */
	char note[NOTE_MAX];		/* a note on the current set's call */
	bool started, ended, diverged;	/* life cycle */
	struct histent hist[HISTORY_SIZE]; /* ring of finished steps */
	unsigned long nhist;		/* steps ever put in the ring */
	unsigned long *tsc;		/* rdtsc values handed out */
	size_t ntsc, captsc;		/* count and room */
	step_observer observe;		/* called per finished step */
	void *observe_ctx;		/* its context */
	struct workers *workers;	/* platform calls that may wait */
	bool rights_changed;		/* the program made a call that changes
					   its ids, groups or capabilities */
	unsigned rights_gen;		/* how many such calls so far */
	unsigned closed_stdio;		/* bit i: standard stream i was closed
					   when mvdb started */
	int stdin_fd;			/* the monitor's descriptor the
					   program's standard input reads, or
					   -1 when it starts closed */
	int opened[2];			/* descriptors the session opened for
					   stdin_path and tty, or -1; owned */
	bool ctty;			/* the program's first process (in
					   variant 0) has cfg.tty as its
					   controlling terminal */
	struct watch watch;		/* the front end's descriptors */
	int sigchld;			/* signalfd: tracee events, while
					   the loop waits for more than them */
	int wake;			/* eventfd session_interrupt writes */
	int woken;			/* wake was written since it was
					   read (set after the write) */
	volatile sig_atomic_t interrupt; /* session_interrupt was called */
	volatile sig_atomic_t stall_sig; /* a signal session_forward passed
					   on to a stalled run, for
					   watch.stalled at the next stop */
	volatile sig_atomic_t poke;	/* a running variant the loop waits
					   for in waitpid, or 0 */
	unsigned long forwarded;	/* what session_forward sent, not yet
					   seen by the loop: bit sig to the
					   first process, bit 32 + sig to
					   its process group (atomic) */
	unsigned char ignore[SYSCALL_NR_LIMIT];	/* per call: bit i set =
						   argument i may differ */
};

/* Creates a session; nothing runs yet.  Checks the config (program found
 * and executable) and returns NULL with err set when it is not usable. */
struct session *session_new(const struct config *cfg, struct error *err);
/* Spawns the variants and runs them to the first rendezvous. */
int session_start(struct session *s, struct stop *st);
/* Runs the call at hand and goes on to the next rendezvous. */
int session_step(struct session *s, struct stop *st);
/* Asks the running session_start or session_step to return at once
 * with STOP_INTERRUPTED (Ctrl-C): variants that run, even blocked in
 * calls of their own, are stopped where they are.  Safe in a signal
 * handler; does nothing when no session runs. */
void session_interrupt(struct session *s);
/* Sends sig (below 32) to the program in every variant, as if it had
 * gone to the program itself (batch mode passes on what mvdb is sent):
 * with group, to the process group in the foreground of its terminal
 * (its first one's, unless a shell of the program moved it: as a
 * terminal sends SIGINT, or timeout its SIGTERM), else to its first
 * process; once the first process ended, to the group it led, where
 * the rest of the program is.  Safe in a signal handler. */
void session_forward(struct session *s, int sig, bool group);
/* A stop signal typed on the terminal (Ctrl-Z): sent, as
 * session_forward does, to the job the program (a shell's job control)
 * put in the terminal's foreground, and true; false when that is still
 * the program's first process group (mvdb then stops as the program
 * would).  Safe in a signal handler. */
bool session_forward_stop(struct session *s, int sig);
/* Kills every variant (they die at once: SIGKILL). */
void session_kill(struct session *s);
/* Kills what still runs and frees everything. */
void session_free(struct session *s);

/* Set id, or NULL when there is none. */
const struct vset *session_set(const struct session *s, int id);

/* History: the i-th most recent finished step (0 = last), or NULL. */
const struct histent *session_history(const struct session *s, unsigned long i);

/* Whether the program waits for its standard input: a set's platform
 * call reads the descriptor its standard input began as (stdin_fd),
 * and there is nothing to read there yet. */
bool session_waits_input(const struct session *s);
/* The front end takes back the terminal it reads commands from, which is
 * the program's input too (cfg.shared_stdin): reads of it that wait in
 * the platform are cut, and the program makes them again when it goes on
 * (as after a stop signal).  Nothing happens for other inputs. */
void session_release_input(struct session *s);
/* The descriptors the front end wants watched while a run waits (copied;
 * w->nfd 0 watches none). */
void session_watch(struct session *s, const struct watch *w);

/* After a divergence of calls (the current set's variants stand at call
 * entries that differ), compares them again with the ignore masks as
 * they are now (session_ignore).  When every difference is now in an
 * argument allowed to differ, the divergence is taken back: the set
 * stops at that call as if it had agreed (st a STOP_SYSCALL whose
 * div.what names the ignored difference; the history keeps the
 * diverging record) and the next session_step runs it, as an ignored
 * difference runs: a call the platform makes once (or variant 0 alone)
 * takes variant 0's value, a call each variant makes takes its own.
 * Returns false, changing nothing, when they still disagree or the
 * divergence is not one of calls (a variant ended, faulted, was lost). */
bool session_recheck(struct session *s, struct stop *st);
/* What session_recheck would find, changing nothing: true when the
 * divergence at hand now passes, with div naming what is ignored. */
bool session_diverged_agrees(const struct session *s, struct divergence *div);
/* How many more calls variant i of set was answered at its stop,
 * without a meeting (engine/local.h), than the live variant of set
 * furthest behind, since the set's last meeting. */
unsigned long session_calls_ahead(const struct session *s,
				  const struct vset *set, int i);

/* Settings the front ends may change at any stop: bytes of strings in
 * renderings; whether every call's results are collected (stepping,
 * tracing) or only those the engine needs (a fast `continue`); the
 * arguments of call nr that may differ (bit i: argument i). */
void session_set_strsize(struct session *s, size_t n);
void session_set_results(struct session *s, bool on);
void session_ignore(struct session *s, long nr, unsigned args);
/* The calls in f meet at a rendezvous even where they need not (local.h):
 * the front end stops at them.  Every call meets until this is said
 * (stepping, traces); `continue` and batch runs name only the calls
 * their breakpoints stop at. */
void session_meet(struct session *s, const struct filter *f);

/* Renders the exec that started variant v as strace's first line. */
size_t session_format_exec(const struct session *s, int v, char *buf,
			   size_t size);
/* Renders variant v's call at hand in strace's style into buf. */
size_t session_format_call(const struct session *s, int v, char *buf,
			   size_t size);

#endif
