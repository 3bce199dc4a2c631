/* The only file that calls ptrace(2) and waitpid(2). */
#include "ptrace.h"

#include <errno.h>
#include <libiberty.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <linux/ptrace.h>

/* glibc's <sys/ptrace.h> and <linux/ptrace.h> disagree on a few names;
 * these are the kernel's values. */
#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif

/* Offsets of registers in struct user, for PTRACE_POKEUSER. */
#define REG_OFFSET(r) offsetof(struct user_regs_struct, r)

static const size_t arg_offsets[6] = {
	REG_OFFSET(rdi), REG_OFFSET(rsi), REG_OFFSET(rdx),
	REG_OFFSET(r10), REG_OFFSET(r8), REG_OFFSET(r9),
};

/* The call each tracee stopped at, read once while the tracer handles
 * one wait status: a stop is asked whether the engine answers its call
 * alone, then read again for the meeting, and each
 * PTRACE_GET_SYSCALL_INFO costs a tracer a few microseconds.  An entry
 * holds until the tracer's next wait, or the tracee's resume or
 * register write (forget_call).  Not longer: a tracee killed while it
 * waits at a meeting is known by its call no longer being readable.
 * Slots by pid; a clash only costs a read. */
#define CALL_SLOTS 64

static struct {
	pid_t pid;		/* whose stop, 0: empty */
	unsigned long waits;	/* read after that many waits */
	struct pt_syscall sc;	/* what it read */
} calls_read[CALL_SLOTS];
static unsigned long waits;	/* the tracer's waits so far */

static void forget_call(pid_t pid)
{
	if (calls_read[pid % CALL_SLOTS].pid == pid)
		calls_read[pid % CALL_SLOTS].pid = 0;
}

int pt_seize(pid_t pid)
{
	long opts = PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD |
		    PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP |
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		    PTRACE_O_TRACECLONE;

	forget_call(pid);
	return ptrace(PTRACE_SEIZE, pid, 0, opts) == -1 ? -1 : 0;
}

int pt_listen(pid_t pid)
{
	forget_call(pid);
	return ptrace(PTRACE_LISTEN, pid, 0, 0) == -1 ? -1 : 0;
}

/* Tracees asked to stop (pt_interrupt) whose trap has not come.  The
 * kernel takes any stop of theirs (a call's, a signal's) as the answer,
 * so a resume asks again until the trap comes: the request stays, as
 * a stop signal stays pending until it is taken. */
static pid_t *asked;
static int nasked, capasked;

/* Forgets pid's request: its trap came, or it ended. */
static void answered(pid_t pid)
{
	for (int i = 0; i < nasked; i++)
		if (asked[i] == pid) {
			asked[i] = asked[--nasked];
			return;
		}
}

/* Asks again for pid, resumed after a stop that was not its trap. */
static void ask_again(pid_t pid)
{
	for (int i = 0; i < nasked; i++)
		if (asked[i] == pid) {
			ptrace(PTRACE_INTERRUPT, pid, 0, 0);
			return;
		}
}

int pt_interrupt(pid_t pid)
{
	bool known = false;

	for (int i = 0; i < nasked && !known; i++)
		known = asked[i] == pid;
	if (!known) {
		if (nasked == capasked) {
			capasked = capasked ? 2 * capasked : 16;
			asked = XRESIZEVEC(pid_t, asked, capasked);
		}
		asked[nasked++] = pid;
	}
	return ptrace(PTRACE_INTERRUPT, pid, 0, 0) == -1 ? -1 : 0;
}

int pt_interrupt_once(pid_t pid)
{
	return ptrace(PTRACE_INTERRUPT, pid, 0, 0) == -1 ? -1 : 0;
}

static struct waitstatus decode(pid_t pid, int status)
{
	struct waitstatus ws = { .kind = WK_ERROR };
	int event = (unsigned)status >> 16;

	forget_call(pid);
	if (nasked && (!WIFSTOPPED(status) || event == PTRACE_EVENT_STOP))
		answered(pid);
	if (WIFEXITED(status)) {
		ws.kind = WK_EXITED;
		ws.code = WEXITSTATUS(status);
		return ws;
	}
	if (WIFSIGNALED(status)) {
		ws.kind = WK_KILLED;
		ws.sig = WTERMSIG(status);
		ws.core = WCOREDUMP(status);
		return ws;
	}
	if (!WIFSTOPPED(status))
		return ws;
	ws.sig = WSTOPSIG(status);
	if (ws.sig == (SIGTRAP | 0x80)) {
		ws.kind = WK_SYSCALL_EXIT;
		ws.sig = 0;
		return ws;
	}
	switch (event) {
	case 0:
		ws.kind = WK_SIGNAL;
		break;
	case PTRACE_EVENT_SECCOMP:
		ws.kind = WK_SECCOMP;
		ws.sig = 0;
		break;
	case PTRACE_EVENT_EXEC:
		ws.kind = WK_EXEC;
		ws.sig = 0;
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		ws.kind = WK_CLONE;
		ws.sig = 0;
		ptrace(PTRACE_GETEVENTMSG, pid, 0, &ws.msg);
		break;
	case PTRACE_EVENT_STOP:
		/* a seized tracee's group stop says its stop signal; every
		 * other such stop says SIGTRAP */
		if (ws.sig == SIGTRAP) {
			ws.kind = WK_TRAP;
			ws.sig = 0;
		} else {
			ws.kind = WK_GROUP_STOP;
		}
		break;
	default:
		ws.kind = WK_OTHER;
		ws.sig = 0;
		break;
	}
	return ws;
}

struct waitstatus pt_wait(pid_t pid)
{
	int status;
	pid_t r;

	waits++;
	do
		r = waitpid(pid, &status, __WALL);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		return (struct waitstatus){ .kind = WK_ERROR, .err = errno };
	return decode(pid, status);
}

pid_t pt_wait_any(struct waitstatus *ws, bool block)
{
	int status;
	pid_t r;

	waits++;
	do
		r = waitpid(-1, &status, __WALL | (block ? 0 : WNOHANG));
	while (r == -1 && errno == EINTR);
	if (r == -1) {
		*ws = (struct waitstatus){ .kind = WK_ERROR, .err = errno };
		return -1;
	}
	if (r > 0)
		*ws = decode(r, status);
	return r;
}

int pt_cont(pid_t pid, int sig)
{
	forget_call(pid);
	if (ptrace(PTRACE_CONT, pid, 0, (long)sig) == -1)
		return -1;
	if (nasked)
		ask_again(pid);
	return 0;
}

int pt_syscall(pid_t pid, int sig)
{
	forget_call(pid);
	if (ptrace(PTRACE_SYSCALL, pid, 0, (long)sig) == -1)
		return -1;
	if (nasked)
		ask_again(pid);
	return 0;
}

int pt_getregs(pid_t pid, struct user_regs_struct *regs)
{
	return ptrace(PTRACE_GETREGS, pid, 0, regs) == -1 ? -1 : 0;
}

int pt_setregs(pid_t pid, const struct user_regs_struct *regs)
{
	forget_call(pid);
	return ptrace(PTRACE_SETREGS, pid, 0, regs) == -1 ? -1 : 0;
}

int pt_get_syscall(pid_t pid, struct pt_syscall *sc)
{
	struct ptrace_syscall_info info;

	if (pid > 0 && calls_read[pid % CALL_SLOTS].pid == pid &&
	    calls_read[pid % CALL_SLOTS].waits == waits) {
		*sc = calls_read[pid % CALL_SLOTS].sc;
		return 0;
	}
	memset(&info, 0, sizeof(info));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) == -1)
		return -1;
	sc->ip = info.instruction_pointer;
	sc->sp = info.stack_pointer;
	sc->arch = info.arch;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_SECCOMP:
	case PTRACE_SYSCALL_INFO_ENTRY:
		sc->entry = true;
		sc->nr = (long)info.entry.nr;
		memcpy(sc->args, info.entry.args, sizeof(sc->args));
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		sc->entry = false;
		sc->ret = info.exit.rval;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	calls_read[pid % CALL_SLOTS].pid = pid;
	calls_read[pid % CALL_SLOTS].waits = waits;
	calls_read[pid % CALL_SLOTS].sc = *sc;
	return 0;
}

static int poke_user(pid_t pid, size_t off, unsigned long value)
{
	forget_call(pid);
	return ptrace(PTRACE_POKEUSER, pid, off, value) == -1 ? -1 : 0;
}

int pt_skip(pid_t pid, long ret)
{
	if (poke_user(pid, REG_OFFSET(orig_rax), (unsigned long)-1L) == -1)
		return -1;
	return poke_user(pid, REG_OFFSET(rax), (unsigned long)ret);
}

int pt_inject(pid_t pid, long nr, const unsigned long args[3], long *ret,
	      struct waitstatus *other)
{
	struct user_regs_struct regs, call;
	struct waitstatus ws;
	unsigned long insn;

	/* made again from its syscall instruction: 0f 05 before rip */
	if (pt_getregs(pid, &regs) == -1 ||
	    pt_peek(pid, regs.rip - 2, &insn) == -1 ||
	    (insn & 0xffff) != 0x050f) {
		errno = ENOEXEC;
		*other = (struct waitstatus){ .kind = WK_ERROR, .err = errno };
		return -1;
	}
	call = regs;
	call.orig_rax = (unsigned long)nr;
	call.rdi = args[0];
	call.rsi = args[1];
	call.rdx = args[2];
	/* the kernel checks the filters again for the new call; a trace
	 * there is no second stop */
	if (pt_setregs(pid, &call) == -1 || pt_syscall(pid, 0) == -1) {
		*other = (struct waitstatus){ .kind = WK_ERROR, .err = errno };
		return -1;
	}
	ws = pt_wait(pid);
	if (ws.kind != WK_SYSCALL_EXIT) {
		*other = ws;	/* killed on the way */
		return -1;
	}
	if (pt_getregs(pid, &call) == -1) {
		*other = (struct waitstatus){ .kind = WK_ERROR, .err = errno };
		return -1;
	}
	*ret = (long)call.rax;
	regs.rax = regs.orig_rax;
	regs.orig_rax = (unsigned long)-1L;
	regs.rip -= 2;
	return pt_setregs(pid, &regs);
}

int pt_rewind(pid_t pid)
{
	struct user_regs_struct regs;

	if (pt_getregs(pid, &regs) == -1)
		return -1;
	regs.rax = regs.orig_rax;
	regs.orig_rax = (unsigned long)-1L;
	regs.rip -= 2;	/* the syscall instruction: 0f 05 */
	return pt_setregs(pid, &regs);
}

int pt_set_return(pid_t pid, long ret)
{
	return poke_user(pid, REG_OFFSET(rax), (unsigned long)ret);
}

int pt_set_arg(pid_t pid, int i, unsigned long value)
{
	if (i < 0 || i >= 6) {
		errno = EINVAL;
		return -1;
	}
	return poke_user(pid, arg_offsets[i], value);
}

int pt_peek(pid_t pid, unsigned long addr, unsigned long *word)
{
	long v;

	errno = 0;
	v = ptrace(PTRACE_PEEKDATA, pid, addr, 0);
	if (v == -1 && errno)
		return -1;
	*word = (unsigned long)v;
	return 0;
}

int pt_poke(pid_t pid, unsigned long addr, unsigned long word)
{
	return ptrace(PTRACE_POKEDATA, pid, addr, word) == -1 ? -1 : 0;
}

int pt_getsigmask(pid_t pid, unsigned long *mask)
{
	return ptrace(PTRACE_GETSIGMASK, pid, sizeof(*mask), mask) == -1 ?
		       -1 : 0;
}

int pt_setsigmask(pid_t pid, unsigned long mask)
{
	return ptrace(PTRACE_SETSIGMASK, pid, sizeof(mask), &mask) == -1 ?
		       -1 : 0;
}

int pt_getsiginfo(pid_t pid, siginfo_t *si)
{
	return ptrace(PTRACE_GETSIGINFO, pid, 0, si) == -1 ? -1 : 0;
}

int pt_setsiginfo(pid_t pid, const siginfo_t *si)
{
	return ptrace(PTRACE_SETSIGINFO, pid, 0, si) == -1 ? -1 : 0;
}

/* Looks for sig among the first entries of one of pid's queues. */
static int peek_queue(pid_t pid, unsigned flags, int sig, siginfo_t *si)
{
	struct ptrace_peeksiginfo_args args = { 0, flags, 32 };
	siginfo_t q[32];
	long n = ptrace(PTRACE_PEEKSIGINFO, pid, &args, q);

	for (long i = 0; i < n; i++)
		if (q[i].si_signo == sig) {
			*si = q[i];
			return 0;
		}
	return -1;
}

int pt_pending_siginfo(pid_t pid, int sig, siginfo_t *si)
{
	if (peek_queue(pid, PTRACE_PEEKSIGINFO_SHARED, sig, si) == 0)
		return 0;
	return peek_queue(pid, 0, sig, si);
}
