/* Queries of a platform socket answered without a meeting (local.h):
 * getsockname, getpeername and getsockopt of a TCP or UDP socket.  The
 * platform asks its socket once, for the first variant whose thread
 * comes to the query; the counterpart threads get the same answer when
 * they come to theirs, if they ask the same (socket, option, length).
 * A different query, or one whose answer is no longer kept, meets as
 * before and is compared there. */
#include "local.h"
#include "mem.h"
#include "ptrace.h"
#include "session_int.h"

#include <errno.h>
#include <libiberty.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>

/* What sc asks, into q (not its answer); false when it is no query
 * answered so. */
static bool request(const struct vset *set, const struct variant *v,
		    const struct pt_syscall *sc, struct query *q)
{
	bool opt = sc->nr == SYS_getsockopt;
	const struct pfile *pf;
	unsigned long lenp;
	socklen_t asked, dl = sizeof(int);
	int domain;

	if (!opt && sc->nr != SYS_getsockname && sc->nr != SYS_getpeername)
		return false;
	lenp = sc->args[opt ? 4 : 2];
	pf = pmap_get(set->fds, (int)sc->args[0]);
	if (!pf || pf->unix_socket || !lenp ||
	    getsockopt(pf->realfd, SOL_SOCKET, SO_DOMAIN, &domain, &dl) != 0 ||
	    (domain != AF_INET && domain != AF_INET6) ||
	    mem_read(v->pid, lenp, &asked, sizeof(asked)) != sizeof(asked) ||
	    asked > QUERY_MAX)
		return false;
	q->nr = sc->nr;
	q->fd = (unsigned long)(int)sc->args[0];
	q->level = opt ? (unsigned long)(int)sc->args[1] : 0;
	q->name = opt ? (unsigned long)(int)sc->args[2] : 0;
	q->asked = asked;
	return true;
}

static bool same(const struct query *a, const struct query *b)
{
	return a->nr == b->nr && a->fd == b->fd && a->level == b->level &&
	       a->name == b->name && a->asked == b->asked;
}

/* The fewest answers a live variant of set took. */
static unsigned long fewest(const struct session *s, const struct vset *set)
{
	const struct queryq *qq = set->queries;
	unsigned long m = qq->made;

	for (int k = 0; k < s->n; k++)
		if (variant_alive(&set->v[k]) && qq->taken[k] < m)
			m = qq->taken[k];
	return m;
}

bool local_query(const struct session *s, const struct vset *set,
		 const struct variant *v, const struct pt_syscall *sc)
{
	const struct queryq *qq = set->queries;
	struct query mine;

	if (!request(set, v, sc, &mine))
		return false;
	/* A first query meets when a counterpart already waits at a
	 * meeting (one that found the ring full): both are compared there. */
	if (!qq || qq->taken[v->index] == qq->made)
		for (int k = 0; k < s->n; k++)
			if (k != v->index && set->v[k].state == VS_SYSCALL)
				return false;
	if (!qq)
		return true;
	if (qq->taken[v->index] == qq->made)	/* first: room for it? */
		return qq->made - fewest(s, set) < QUERYQ_LEN;
	return qq->made - qq->taken[v->index] <= QUERYQ_LEN &&
	       same(&qq->q[qq->taken[v->index] % QUERYQ_LEN], &mine);
}

/* The platform asks its socket what a asks. */
static void ask(const struct vset *set, struct query *a)
{
	const struct pfile *pf = pmap_get(set->fds, (int)a->fd);
	socklen_t len = a->asked;
	long r = -1;

	errno = EBADF;
	if (pf && a->nr == SYS_getsockopt)
		r = getsockopt(pf->realfd, (int)a->level, (int)a->name, a->data,
			       &len);
	else if (pf)
		r = syscall(a->nr, pf->realfd, a->data, &len);
	a->ret = r < 0 ? -errno : 0;
	a->len = len;
}

long local_query_answer(struct vset *set, struct variant *v,
			const struct pt_syscall *sc)
{
	bool opt = sc->nr == SYS_getsockopt;
	unsigned long buf = sc->args[opt ? 3 : 1], lenp = sc->args[opt ? 4 : 2];
	struct queryq *qq;
	struct query *a;
	socklen_t len;

	if (!set->queries)
		set->queries = XCNEW(struct queryq);
	qq = set->queries;
	if (qq->taken[v->index] == qq->made) {
		a = &qq->q[qq->made++ % QUERYQ_LEN];
		if (!request(set, v, sc, a))
			a->nr = -1;	/* gone meanwhile: EBADF below */
		ask(set, a);
	}
	a = &qq->q[qq->taken[v->index]++ % QUERYQ_LEN];
	if (a->ret)
		return a->ret;
	len = a->len < a->asked ? a->len : a->asked;
	if ((len && mem_store(v->pid, buf, a->data, len) == -1) ||
	    mem_store(v->pid, lenp, &a->len, sizeof(socklen_t)) == -1)
		return -EFAULT;
	return 0;
}
