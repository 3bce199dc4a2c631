/* The platform's epoll instances: an instance is a platform fd, and so
 * is every fd it watches; the data each variant registered is its own
 * and comes back to it from epoll_wait.  The general way and the
 * shared helpers are platform.c's (platform_int.h). */
#include "platform_int.h"
#include "mem.h"
#include "session_int.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>

/* epoll: the instance is a platform fd, and so is every fd it watches.
 * The monitor registers each with the program's number as its data;
 * the data each variant gave is kept beside (struct epoll_reg) and
 * handed back to each variant from epoll_wait. */
static struct epoll_reg *epoll_reg_of(struct pfile *ep, int fd)
{
	for (int i = 0; i < ep->nregs; i++)
		if (ep->regs[i].fd == fd)
			return &ep->regs[i];
	return NULL;
}

/* Whether ep holds realfd's file under its own descriptor (a second
 * registration of that file needs a copy of it). */
static bool epoll_holds(const struct pfile *ep, int realfd)
{
	for (int i = 0; i < ep->nregs; i++)
		if (ep->regs[i].file == realfd && ep->regs[i].own < 0)
			return true;
	return false;
}

/* The monitor's descriptor that stands for the program's fd (of the file
 * target) in ep: the one its registration holds, or a new copy when fd
 * is another number of a file ep holds already (kept in pc->taken until
 * the call succeeds: finish_epoll_ctl). */
static int epoll_key(struct pfile *ep, const struct pfile *target, int fd,
		     int op, struct pcall *pc)
{
	const struct epoll_reg *r = epoll_reg_of(ep, fd);
	int copy;

	if (r && r->file == target->realfd)
		return r->own >= 0 ? r->own : target->realfd;
	if (op != EPOLL_CTL_ADD || !epoll_holds(ep, target->realfd))
		return target->realfd;
	copy = fcntl(target->realfd, F_DUPFD_CLOEXEC, 0);
	if (copy < 0)
		return target->realfd;
	pc->taken[pc->ntaken++] = copy;
	return copy;
}

/* The registration of fd in ep, a new one when it has none or when fd
 * names another file now (a copy of the old one is let go of). */
static struct epoll_reg *epoll_reg_new(struct pfile *ep, int fd, int file)
{
	struct epoll_reg *r = epoll_reg_of(ep, fd);

	if (!r) {
		ep->regs = XRESIZEVEC(struct epoll_reg, ep->regs, ep->nregs + 1);
		r = &ep->regs[ep->nregs++];
	} else if (r->own >= 0) {
		close(r->own);
	}
	memset(r, 0, sizeof(*r));
	r->fd = fd;
	r->file = file;
	r->own = -1;
	return r;
}

static long finish_epoll_ctl(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	struct pfile *ep = pmap_get(set->fds, (int)c->args[0]);
	struct pfile *target = pmap_get(set->fds, (int)c->args[2]);
	int fd = (int)c->args[2], copy = pc->ntaken ? pc->taken[0] : -1;
	struct epoll_reg *r;

	pc->ntaken = 0;
	if (pc->job.ret < 0 || !ep || !target) {
		if (copy >= 0)
			close(copy);
		return pc->job.ret;
	}
	r = epoll_reg_of(ep, fd);
	if (c->args[1] == EPOLL_CTL_DEL) {
		if (r && r->own >= 0)
			close(r->own);
		if (r)
			*r = ep->regs[--ep->nregs];
		return 0;
	}
	if (c->args[1] == EPOLL_CTL_ADD || !r || r->file != target->realfd) {
		r = epoll_reg_new(ep, fd, target->realfd);
		r->own = copy;
	}
	for (int k = 0; k < s->n; k++) {
		const struct argval *v = &set->v[k].call.val[3];

		if (v->len >= sizeof(struct epoll_event))
			memcpy(&r->data[k], v->data + offsetof(struct epoll_event, data),
			       sizeof(r->data[k]));
	}
	return 0;
}

static bool prep_epoll_ctl(struct session *s, struct vset *set, struct pcall *pc,
			   long *ret)
{
	const struct call *c = plat_lead(set);
	struct pfile *ep = pmap_get(set->fds, (int)c->args[0]);
	struct pfile *target = pmap_get(set->fds, (int)c->args[2]);
	struct epoll_event *ev = (struct epoll_event *)plat_buf(pc, 3, sizeof(*ev));
	unsigned long a[6] = { 0 };

	(void)s;
	if (!ep || !target) {
		if (ep)
			plat_note(pc, "epoll_ctl: fd %d is the program's own; an epoll instance watches platform fds only",
			     (int)c->args[2]);
		*ret = ep ? -EPERM : -EBADF;
		return false;
	}
	memset(ev, 0, sizeof(*ev));
	if (c->args[1] != EPOLL_CTL_DEL) {
		if (c->val[3].len < sizeof(*ev)) {
			*ret = -EFAULT;
			return false;
		}
		memcpy(&ev->events, c->val[3].data, sizeof(ev->events));
		ev->data.u64 = (unsigned)c->args[2];
	}
	pc->ntaken = 0;
	pc->finish = finish_epoll_ctl;
	a[0] = (unsigned long)ep->realfd;
	a[1] = c->args[1];
	a[2] = (unsigned long)epoll_key(ep, target, (int)c->args[2],
				       (int)c->args[1], pc);
	a[3] = (unsigned long)ev;
	return plat_call(pc, SYS_epoll_ctl, a);
}

/* Each variant gets the events with its own data. */
static long finish_epoll_wait(struct session *s, struct vset *set, struct pcall *pc)
{
	struct pfile *ep = pmap_get(set->fds, (int)plat_lead(set)->args[0]);
	const struct epoll_event *got = (const struct epoll_event *)pc->job.a[1];
	long r = pc->job.ret;
	struct epoll_event *mine;

	if (r <= 0 || !ep)
		return r;
	mine = (struct epoll_event *)plat_buf(pc, PBUF_EXTRA, (size_t)r * sizeof(*mine));
	for (int k = 0; k < s->n; k++) {
		struct variant *v = &set->v[k];

		for (long i = 0; i < r; i++) {
			const struct epoll_reg *reg = epoll_reg_of(ep, (int)got[i].data.u64);

			mine[i] = got[i];
			mine[i].data.u64 = reg ? reg->data[k] : 0;
		}
		if (k == 0)
			plat_keep_output(set, 1, mine, (size_t)r * sizeof(*mine));
		if (mem_store(v->pid, v->call.args[1], mine, (size_t)r * sizeof(*mine)) == -1)
			return -EFAULT;
	}
	return r;
}

/* epoll_wait, epoll_pwait, epoll_pwait2: the general way, without the
 * signal mask (signals reach a variant when its call is done, as for
 * ppoll), and finished by finish_epoll_wait. */
bool plat_epoll(struct session *s, struct vset *set, struct pcall *pc,
		       long *ret)
{
	const struct call *c = plat_lead(set);

	if (c->nr == SYS_epoll_ctl)
		return prep_epoll_ctl(s, set, pc, ret);
	if (!plat_generic(s, set, pc, ret))
		return false;
	if (c->nr != SYS_epoll_wait)
		pc->job.a[4] = 0;
	pc->finish = finish_epoll_wait;
	return true;
}
