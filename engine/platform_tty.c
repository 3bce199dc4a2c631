/* Job control on the terminal the program shares with mvdb.  The
 * terminal's own foreground stays mvdb's process group (mvdb reads it
 * for the program), so the kernel never finds a process of the program
 * in the background there: mvdb decides as the kernel would, from the
 * foreground the program keeps (tty_foreground in platform_fds.c).  A
 * read from a background group stops it with SIGTTIN, a write with
 * SIGTTOU when the terminal says TOSTOP, a change of the terminal's
 * settings with SIGTTOU; an orphaned group's call fails with EIO. */
#include "platform_int.h"
#include "policy.h"
#include "session_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

bool plat_shared_terminal(int fd)
{
	pid_t sid;

	return ioctl(fd, TIOCGSID, &sid) == 0 && sid == getsid(0);
}

/* Whether set's process is in a background group of the terminal it
 * shares with mvdb (realfd), as the program keeps the foreground. */
static bool in_background(const struct session *s, const struct vset *set,
			  int realfd)
{
	pid_t fg = cpriv(s)->fg[0];

	return fg > 0 && s->opened[1] < 0 &&
	       getpgid(set->v[0].pid) != fg && plat_shared_terminal(realfd);
}

/* Whether the terminal stops background writers (TOSTOP). */
static bool tostop(int realfd)
{
	struct termios t;

	return tcgetattr(realfd, &t) == 0 && (t.c_lflag & TOSTOP);
}

/* Whether process group pgid of the program (variant 0's ids) is
 * orphaned: no member has a parent in another group of its session.
 * The kernel stops no such group for its terminal: the call fails. */
static bool orphaned(const struct session *s, pid_t pgid)
{
	for (int k = 0; k < s->nsets; k++) {
		pid_t pid = s->sets[k]->v[0].pid, parent;

		if (s->sets[k]->state == SET_ENDED || getpgid(pid) != pgid)
			continue;
		parent = policy_parent_now(pid);
		if (parent > 0 && getpgid(parent) != pgid &&
		    getsid(parent) == getsid(pid))
			return false;
	}
	return true;
}

int plat_tty_signal(const struct syscall *sc)
{
	for (int i = 0; i < sc->nargs; i++)
		switch (sc->args[i].kind) {
		case ARG_OUTBUF: case ARG_IOV_OUT:
			return SIGTTIN;
		case ARG_INBUF: case ARG_IOV_IN:
			return SIGTTOU;
		default:
			break;
		}
	return 0;
}

bool plat_tty_access(struct session *s, struct vset *set, int realfd,
		     int sig, bool settings, long *ret)
{
	if (!sig || !in_background(s, set, realfd) ||
	    (sig == SIGTTOU && !settings && !tostop(realfd)))
		return true;
	if (sig_refused(set->v[0].pid, sig)) {
		/* no stop: a read fails, a write is made */
		if (sig == SIGTTOU)
			return true;
		*ret = -EIO;
		return false;
	}
	if (orphaned(s, getpgid(set->v[0].pid))) {
		*ret = -EIO;
		return false;
	}
	/* the kernel's signal goes to the caller's whole group, in each
	 * variant its own; the call, cut, is made again when the group
	 * is continued, and asks again */
	for (int i = 0; i < s->n; i++)
		kill(-getpgid(set->v[i].pid), sig);
	set->cut_restarts = true;
	*ret = -EINTR;
	return false;
}
