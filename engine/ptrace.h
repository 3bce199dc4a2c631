/* The only door to ptrace(2) and waitpid(2).
 *
 * Every other file asks this one to stop, resume, inspect or wait for a
 * variant; wait statuses come back as a typed record.
 */
#ifndef MVDB_PTRACE_H
#define MVDB_PTRACE_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>
#include <sys/user.h>

/* Why a wait returned. */
enum waitkind {
	WK_SECCOMP,	/* system call entry, through the seccomp filter */
	WK_SYSCALL_EXIT, /* system call exit, after a PTRACE_SYSCALL resume */
	WK_EXEC,	/* the exec event: a new program image */
	WK_CLONE,	/* a fork, vfork or clone event; msg is the new pid */
	WK_SIGNAL,	/* a signal is about to be delivered; sig says which */
	WK_GROUP_STOP,	/* a stop signal stopped the process (sig) */
	WK_TRAP,	/* a stop with no signal: a new tracee's first, one
			   pt_interrupt asked for, or a listening tracee's
			   group stop ended (SIGCONT) */
	WK_OTHER,	/* an event mvdb did not ask for */
	WK_EXITED,	/* ended with exit status code */
	WK_KILLED,	/* ended by signal sig (core says whether it dumped) */
	WK_ERROR,	/* waitpid failed; err holds errno */
};

/* A decoded wait status. */
struct waitstatus {
	enum waitkind kind;	/* what happened */
	int code;		/* exit status for WK_EXITED */
	int sig;		/* signal for WK_SIGNAL, WK_KILLED */
	bool core;		/* WK_KILLED: a core was dumped */
	unsigned long msg;	/* event message (new pid for WK_CLONE) */
	int err;		/* errno for WK_ERROR */
};

/* In the tracer: trace pid (PTRACE_SEIZE) with mvdb's options.  Its
 * children are traced so too, from their first instruction. */
int pt_seize(pid_t pid);
/* Leaves pid, in its group stop, stopped as natively: no longer at
 * mvdb's disposal, but a SIGCONT makes it report (WK_TRAP). */
int pt_listen(pid_t pid);
/* Makes pid stop for the tracer (WK_TRAP, or WK_GROUP_STOP while its
 * group is stopped), whatever it does: a listening tracee too.  A call
 * it is in is cut short and made again by the kernel when it goes on.
 * Asked until it comes: a stop of another kind on the way (a call's
 * entry or exit) is not the answer, and resuming it asks again.  Not
 * for a signal handler (it keeps a list). */
int pt_interrupt(pid_t pid);
/* The same, answered by pid's next stop of any kind: for a signal
 * handler that wakes the tracer's wait for pid. */
int pt_interrupt_once(pid_t pid);
/* Waits for pid (blocking) and decodes the status. */
struct waitstatus pt_wait(pid_t pid);
/* Waits for any tracee; returns its pid, 0 when block is false and none
 * has anything to report, or -1 (ws->kind WK_ERROR). */
pid_t pt_wait_any(struct waitstatus *ws, bool block);

/* Resume to the next seccomp stop (or signal), delivering sig (0: none). */
int pt_cont(pid_t pid, int sig);
/* Resume to the syscall-exit stop of the call at hand. */
int pt_syscall(pid_t pid, int sig);

int pt_getregs(pid_t pid, struct user_regs_struct *regs);
int pt_setregs(pid_t pid, const struct user_regs_struct *regs);

/* System call at a stop: number, arguments, ip, sp (entry), or the return
 * value (exit).  Returns 0, or -1 with errno. */
struct pt_syscall {
	bool entry;		/* an entry stop (seccomp) or an exit stop */
	long nr;		/* number (entry) */
	unsigned long args[6];	/* arguments (entry) */
	unsigned long ip, sp;	/* instruction and stack pointer */
	long ret;		/* return value (exit) */
	unsigned arch;		/* AUDIT_ARCH_* of the call */
};
int pt_get_syscall(pid_t pid, struct pt_syscall *sc);

/* At an entry stop: cancel the call; it returns ret in the variant. */
int pt_skip(pid_t pid, long ret);
/* At a seccomp stop: the variant makes call nr(args) in place of its
 * own, which it then makes again (a new seccomp stop, to be resumed
 * with pt_cont).  0 with the call's result in *ret; -1 when the
 * variant did not come back from it (another stop in *other, its end:
 * the caller handles it as it would have come). */
int pt_inject(pid_t pid, long nr, const unsigned long args[3], long *ret,
	      struct waitstatus *other);
/* At an entry stop: cancel the call and step back onto its syscall
 * instruction, so that it runs again when the variant resumes (after a
 * signal handler, when one is pending). */
int pt_rewind(pid_t pid);
/* At an exit stop: replace the call's return value. */
int pt_set_return(pid_t pid, long ret);
/* At an entry stop: replace argument i (0-based) before the call runs. */
int pt_set_arg(pid_t pid, int i, unsigned long value);
/* The siginfo of the signal pid stopped with (signal-delivery-stop),
 * and its replacement. */
/* pid's signal mask (bit sig-1), read or set while it is stopped. */
int pt_getsigmask(pid_t pid, unsigned long *mask);
int pt_setsigmask(pid_t pid, unsigned long mask);
int pt_getsiginfo(pid_t pid, siginfo_t *si);
int pt_setsiginfo(pid_t pid, const siginfo_t *si);
/* The siginfo of signal sig pending for stopped tracee pid (in its
 * process's queue, else its thread's): 0, or -1 when none is. */
int pt_pending_siginfo(pid_t pid, int sig, siginfo_t *si);

/* One word of memory: the last resort of the memory layer. */
int pt_peek(pid_t pid, unsigned long addr, unsigned long *word);
int pt_poke(pid_t pid, unsigned long addr, unsigned long word);


#endif
