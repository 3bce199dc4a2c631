/* The platform's waits on several descriptors: poll, ppoll, select and
 * pselect6 naming a platform fd (the policy sends them here).  The
 * platform waits on the real descriptors, and on copies of variant 0's
 * own ones (files mostly, always ready); what is ready is written into
 * every variant's array or sets in the program's numbers.  The signal
 * mask of ppoll and pselect6 is not the monitor's to take: signals
 * reach a variant when its call is done (mvdb holds them). */
#include "platform_int.h"
#include "args.h"
#include "mem.h"
#include "session_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The monitor's descriptor for the program's fd, or -1 when variant 0
 * has none. */
static int wait_fd(struct vset *set, struct pcall *pc, int *pidfd, int fd)
{
	const struct pfile *pf = pmap_get(set->fds, fd);
	int *copies, got;

	if (fd < 0)
		return -1;
	if (pf)
		return pf->realfd;
	if (*pidfd < 0)
		*pidfd = (int)syscall(SYS_pidfd_open, set->v[0].pid, 0);
	got = *pidfd < 0 ? -1 : (int)syscall(SYS_pidfd_getfd, *pidfd, fd, 0);
	if (got < 0)
		return -1;
	copies = (int *)pc->buf[PBUF_REAL].data;
	copies[pc->ncopies++] = got;
	return got;
}

static void close_copies(struct pcall *pc)
{
	const int *copies = (const int *)pc->buf[PBUF_REAL].data;

	for (int i = 0; i < pc->ncopies; i++)
		close(copies[i]);
	pc->ncopies = 0;
}

/* A timeout argument (timespec or timeval, 16 bytes) into slot i of
 * the monitor's buffers; false on a bad address.  *waits: the call may
 * wait (no timeout, or one above zero). */
static bool wait_timeout(struct vset *set, struct pcall *pc, int i,
			 unsigned long *a, bool *waits)
{
	const struct call *c = plat_lead(set);
	long *t;

	if (!c->args[i]) {
		*waits = true;
		return true;
	}
	t = (long *)plat_buf(pc, i, 16);
	if (!args_content(set->v[0].pid, c, i, 0, t, 16))
		return false;
	*waits = t[0] || t[1];
	a[i] = (unsigned long)t;
	pc->outlen[i] = 16;
	return true;
}

static long finish_poll(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	struct pollfd *mine = (struct pollfd *)pc->buf[PBUF_EXTRA].data;
	struct pollfd *prog = (struct pollfd *)pc->buf[PBUF_SHOW].data;
	size_t n = c->args[1];
	long r = pc->job.ret, e = 0;

	close_copies(pc);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++)
		prog[i].revents = mine[i].fd == -1 && prog[i].fd >= 0 ?
				  POLLNVAL : mine[i].revents;
	plat_keep_output(set, 0, prog, n * sizeof(*prog));
	e = plat_copy_out(s, set, 0, prog, n * sizeof(*prog));
	if (!e && pc->outlen[2])
		e = plat_copy_out(s, set, 2, pc->buf[2].data, 16);
	return e ?: r + pc->nbad;
}

bool plat_poll(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	const struct call *c = plat_lead(set);
	size_t n = c->args[1];
	struct pollfd *mine, *prog;
	unsigned long a[6] = { 0 };
	bool ppoll = c->nr == SYS_ppoll, waits;
	int pidfd = -1;

	(void)s;
	pc->finish = finish_poll;
	pc->ncopies = pc->nbad = 0;
	pc->outlen[2] = 0;
	if (n > POLL_FDS_MAX) {
		*ret = -EINVAL;
		return false;
	}
	prog = (struct pollfd *)plat_buf(pc, PBUF_SHOW, n * sizeof(*prog));
	mine = (struct pollfd *)plat_buf(pc, PBUF_EXTRA, n * sizeof(*mine));
	plat_buf(pc, PBUF_REAL, n * sizeof(int));
	if (n && !args_content(set->v[0].pid, c, 0, 0, prog,
			       n * sizeof(*prog))) {
		*ret = -EFAULT;
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		mine[i] = prog[i];
		mine[i].revents = 0;
		mine[i].fd = wait_fd(set, pc, &pidfd, prog[i].fd);
		pc->nbad += prog[i].fd >= 0 && mine[i].fd == -1;
	}
	if (pidfd >= 0)
		close(pidfd);
	a[0] = (unsigned long)mine;
	a[1] = n;
	if (ppoll) {
		if (!wait_timeout(set, pc, 2, a, &waits)) {
			close_copies(pc);
			*ret = -EFAULT;
			return false;
		}
		a[4] = 8;
	} else {
		a[2] = c->args[2];
		waits = (int)c->args[2] != 0;
	}
	if (pc->nbad) {
		/* POLLNVAL makes the call return at once */
		static const long zero[2];

		if (ppoll)
			a[2] = (unsigned long)zero;
		else
			a[2] = 0;
		waits = false;
	}
	pc->may_wait = waits;
	return plat_call(pc, ppoll ? SYS_ppoll : SYS_poll, a);
}

/* Bytes of an fd_set of n descriptors, as the kernel copies it. */
static size_t fdset_bytes(size_t n)
{
	return (n + 63) / 64 * 8;
}

static bool bit_of(const unsigned char *set, size_t fd)
{
	return set[fd / 8] >> (fd % 8) & 1;
}

static long finish_select(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	size_t nfds = c->args[0], pbytes = fdset_bytes(nfds);
	const int *map = (const int *)pc->buf[PBUF_SHOW].data;
	unsigned char *mine = pc->buf[PBUF_EXTRA].data;
	size_t mbytes = pc->setbytes;
	long r = pc->job.ret, count = 0, e = 0;

	close_copies(pc);
	if (r < 0)
		return r;
	for (int k = 0; k < 3; k++) {
		unsigned char *bits = plat_buf(pc, 1 + k, pbytes);

		if (!c->args[1 + k])
			continue;
		memset(bits, 0, pbytes);
		for (size_t fd = 0; fd < nfds; fd++)
			if (map[fd] >= 0 && bit_of(mine + k * mbytes, map[fd]) &&
			    bit_of(pc->buf[PBUF_LEN].data + k * pbytes, fd)) {
				bits[fd / 8] |= 1u << (fd % 8);
				count++;
			}
		e = e ?: plat_copy_out(s, set, 1 + k, bits, pbytes);
	}
	if (!e && pc->outlen[4])
		e = plat_copy_out(s, set, 4, pc->buf[4].data, 16);
	return e ?: count;
}

bool plat_select(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	const struct call *c = plat_lead(set);
	size_t nfds = c->args[0], pbytes, mbytes, top = 0;
	unsigned char *asked, *mine;
	unsigned long a[6] = { 0 };
	int *map, pidfd = -1;
	bool waits;

	(void)s;
	pc->finish = finish_select;
	pc->ncopies = 0;
	pc->outlen[4] = 0;
	if ((int)c->args[0] < 0 || nfds > POLL_FDS_MAX) {
		*ret = -EINVAL;
		return false;
	}
	pbytes = fdset_bytes(nfds);
	/* the program's three sets, then its fds' monitor numbers */
	asked = plat_buf(pc, PBUF_LEN, 3 * pbytes);
	memset(asked, 0, 3 * pbytes);
	map = (int *)plat_buf(pc, PBUF_SHOW, (nfds + 1) * sizeof(int));
	plat_buf(pc, PBUF_REAL, (nfds + 1) * sizeof(int));
	for (int k = 0; k < 3; k++)
		if (c->args[1 + k] &&
		    !args_content(set->v[0].pid, c, 1 + k, 0,
				  asked + k * pbytes, pbytes)) {
			*ret = -EFAULT;
			return false;
		}
	for (size_t fd = 0; fd < nfds; fd++) {
		map[fd] = -1;
		if (!bit_of(asked, fd) && !bit_of(asked + pbytes, fd) &&
		    !bit_of(asked + 2 * pbytes, fd))
			continue;
		map[fd] = wait_fd(set, pc, &pidfd, (int)fd);
		if (map[fd] < 0) {
			*ret = -EBADF;
			break;
		}
		if ((size_t)map[fd] + 1 > top)
			top = (size_t)map[fd] + 1;
	}
	if (pidfd >= 0)
		close(pidfd);
	if (*ret == -EBADF) {
		close_copies(pc);
		return false;
	}
	mbytes = fdset_bytes(top);
	pc->setbytes = mbytes;
	mine = plat_buf(pc, PBUF_EXTRA, 3 * mbytes + 1);
	memset(mine, 0, 3 * mbytes + 1);
	for (int k = 0; k < 3; k++)
		for (size_t fd = 0; fd < nfds; fd++)
			if (map[fd] >= 0 && bit_of(asked + k * pbytes, fd))
				mine[k * mbytes + map[fd] / 8] |=
					1u << (map[fd] % 8);
	a[0] = top;
	for (int k = 0; k < 3; k++)
		a[1 + k] = c->args[1 + k] ? (unsigned long)(mine + k * mbytes) : 0;
	if (!wait_timeout(set, pc, 4, a, &waits)) {
		close_copies(pc);
		*ret = -EFAULT;
		return false;
	}
	pc->may_wait = waits;
	return plat_call(pc, c->nr == SYS_pselect6 ? SYS_pselect6 : SYS_select, a);
}
