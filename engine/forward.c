/* What reaches a running session from outside: signals mvdb is sent,
 * passed on to the program as natively (to its first process or its
 * foreground job), and an interrupt of the run (Ctrl-C in the
 * debugger).  Called from signal handlers: async-signal-safe. */
#include "session_int.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

bool session_forward_stop(struct session *s, int sig)
{
	if (!s || cpriv(s)->fg[0] <= 0 ||
	    cpriv(s)->fg[0] == cpriv(s)->program[0])
		return false;
	session_forward(s, sig, true);
	return true;
}

/* Sends signal sig to the program's first process in every variant,
 * or to the process group in its terminal's foreground (group). */
static void forward_kill(struct session *s, int sig, bool group)
{
	__atomic_fetch_or(&priv(s)->from_outside, 1ul << sig,
			  __ATOMIC_SEQ_CST);
	for (int i = 0; i < s->n; i++) {
		pid_t pid = priv(s)->program[i];
		pid_t first = priv(s)->program_group[i];

		/* each variant leads its own process group, as a program
		 * started from a shell leads its job's */
		if (pid > 0 && !group)
			kill(pid, sig);
		else if (group && priv(s)->fg[i] > 0)
			kill(-priv(s)->fg[i], sig);
		else if (pid <= 0 && first > 0)
			/* the first process ended and mvdb waits for the
			 * rest (a background job, orphaned workers): they are
			 * in its group, as timeout would find them */
			kill(-first, sig);
	}
}

void session_spawned(struct session *s)
{
	unsigned long mask;

	priv(s)->spawned = true;
	mask = __atomic_exchange_n(&priv(s)->deferred, 0, __ATOMIC_SEQ_CST);
	for (int bit = 1; bit < 64; bit++)
		if (mask >> bit & 1)
			forward_kill(s, bit % 32, bit >= 32);
}

void session_interrupt(struct session *s)
{
	int saved = errno;
	uint64_t one = 1;
	pid_t poke;

	if (!s || s->wake < 0)
		return;
	s->interrupt = 1;
	if (write(s->wake, &one, sizeof(one)) < 0) {
		/* full: a wake is pending already */
	}
	__atomic_store_n(&s->woken, 1, __ATOMIC_SEQ_CST);
	poke = s->poke;
	if (poke > 0)
		pt_interrupt_once(poke);
	errno = saved;
}

/* Whether the run has had no tracee stop for STALL_MS (in a signal
 * handler: clock_gettime is async-signal-safe). */
static bool stalled(const struct session *s)
{
	const struct timespec *then = &cpriv(s)->last_stop;
	struct timespec now;

	if (!s->watch.stalled || clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return false;
	return (now.tv_sec - then->tv_sec) * 1000 +
		       (now.tv_nsec - then->tv_nsec) / 1000000 >= STALL_MS;
}

void session_forward(struct session *s, int sig, bool group)
{
	int saved = errno;
	uint64_t one = 1;

	if (!s)
		return;
	if (priv(s)->spawned && stalled(s))
		s->stall_sig = sig;
	if (!priv(s)->spawned)
		__atomic_fetch_or(&priv(s)->deferred,
				  1ul << (sig + (group ? 32 : 0)),
				  __ATOMIC_SEQ_CST);
	else
		forward_kill(s, sig, group);
	/* A variant stopped for a call the platform waits in (a read of a
	 * pipe) would not see it before the call ends: the loop cuts the
	 * wait (events_forwarded). */
	__atomic_fetch_or(&s->forwarded, 1ul << (sig + (group ? 32 : 0)),
			  __ATOMIC_SEQ_CST);
	if (s->wake >= 0 && write(s->wake, &one, sizeof(one)) < 0) {
		/* full: a wake is pending already */
	}
	__atomic_store_n(&s->woken, 1, __ATOMIC_SEQ_CST);
	errno = saved;
}
