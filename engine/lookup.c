/* Calls that look at a file by its path (stat, access, readlink): who
 * looks, and what a link under /proc that names the caller's own
 * process reads as.  getpid gives every variant variant 0's ids, so
 * the links do too. */
#include "policy_int.h"
#include "args.h"
#include "mem.h"
#include "paths.h"
#include "ptrace.h"
#include "session_int.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

/* Whether call c gives nothing back but its result (no output). */
static bool result_only(const struct call *c)
{
	for (int i = 0; i < c->sc->nargs; i++)
		if (argkind_get(c->sc->args[i].kind)->out != OUT_NONE)
			return false;
	return true;
}

/* readlink of /proc/self or /proc/thread-self: the link names the
 * caller's own pid, and getpid gives every variant variant 0's, so the
 * link does too; otherwise coreutils' `readlink -f /proc/self/exe`
 * goes on to name each variant's own pid ("/proc/PID"), a divergence.
 * The text the link would give, or NULL for any other call. */
static const char *self_link(const struct session *s, const struct vset *set,
			     const struct call *c, char *buf, size_t size)
{
	int p = policy_find_arg(c, ARG_PATH);
	pid_t tgid = set_get(s, set->group)->v[0].pid;
	const struct argval *v;

	if ((c->nr != SYS_readlink && c->nr != SYS_readlinkat) || p < 0)
		return NULL;
	v = &c->val[p];
	if (!v->read || v->err || (p > 0 && (int)c->args[p - 1] != AT_FDCWD))
		return NULL;
	if (v->len == 10 && memcmp(v->data, "/proc/self", 10) == 0)
		snprintf(buf, size, "%d", (int)tgid);
	else if (v->len == 17 && memcmp(v->data, "/proc/thread-self", 17) == 0)
		snprintf(buf, size, "%d/task/%d", (int)tgid, (int)set->v[0].pid);
	else
		return NULL;
	return buf;
}

/* Whether c is a readlink of a path under /proc, whose link may name
 * the caller's own process: an fd open on /proc/self/fd reads as
 * "/proc/PID/fd" (ls -l /proc/self/fd). */
static bool proc_link(const struct call *c)
{
	int p = policy_find_arg(c, ARG_PATH);
	const struct argval *v = p < 0 ? NULL : &c->val[p];

	return (c->nr == SYS_readlink || c->nr == SYS_readlinkat) && v &&
	       v->read && !v->err && v->len >= 6 &&
	       memcmp(v->data, "/proc/", 6) == 0;
}

/* Whether text (len bytes) begins with "/proc/ID" followed by '/' or
 * its end; the length of that prefix in *prefix, then. */
static bool names_proc_id(const char *text, size_t len, pid_t id,
			  size_t *prefix)
{
	char head[32];
	size_t n = (size_t)snprintf(head, sizeof(head), "/proc/%d", (int)id);

	if (len < n || memcmp(text, head, n) != 0 ||
	    (len > n && text[n] != '/'))
		return false;
	*prefix = n;
	return true;
}

/* The text a link under /proc gave variant v, with its own process
 * named as variant 0's (as getpid names it): "/proc/PID[/task/TID]..."
 * in buf, or NULL where it names no process of v's own. */
static const char *own_proc_link(const struct session *s,
				 const struct vset *set,
				 const struct variant *v, char *buf,
				 size_t size)
{
	const struct vset *group = set_get(s, set->group);
	char got[PATH_MAX], id[16];
	size_t len, at, k;
	const char *tail;
	ssize_t r;

	if (v->index == 0 || v->call.ret <= 0)
		return NULL;
	len = (size_t)v->call.ret < sizeof(got) ? (size_t)v->call.ret :
						  sizeof(got);
	r = mem_read(v->pid, v->call.args[v->call.nr == SYS_readlink ? 1 : 2],
		     got, len);
	if (r != (ssize_t)len ||
	    !names_proc_id(got, len, group->v[v->index].pid, &at))
		return NULL;
	tail = got + at;
	len -= at;
	/* and the thread's own tid, as gettid names it */
	k = (size_t)snprintf(id, sizeof(id), "%d", (int)v->pid);
	if (len >= 6 + k && memcmp(tail, "/task/", 6) == 0 &&
	    memcmp(tail + 6, id, k) == 0 &&
	    (len == 6 + k || tail[6 + k] == '/')) {
		snprintf(buf, size, "/proc/%d/task/%d%.*s",
			 (int)group->v[0].pid, (int)set->v[0].pid,
			 (int)(len - 6 - k), tail + 6 + k);
		return buf;
	}
	snprintf(buf, size, "/proc/%d%.*s", (int)group->v[0].pid, (int)len,
		 tail);
	return buf;
}

void lookup_finish(struct session *s, struct vset *set, struct variant *v)
{
	const struct call *c = &v->call;
	char link[PATH_MAX + 64];
	const char *text = self_link(s, set, c, link, sizeof(link));
	int out = c->nr == SYS_readlink ? 1 : 2;
	size_t n;

	if (!text && proc_link(c))
		text = own_proc_link(s, set, v, link, sizeof(link));
	if (!text || c->ret <= 0)
		return;
	n = strlen(text);
	if (n > c->args[out + 1])
		n = c->args[out + 1];	/* cut to bufsiz, as readlink cuts */
	if (mem_store(v->pid, c->args[out], text, n) != 0 ||
	    pt_set_return(v->pid, (long)n) != 0)
		return;
	v->call.ret = (long)n;
	if (s->cfg.results)	/* renderings show what it got */
		args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
}

/* Path calls that look at a file (stat, access, readlink): each variant
 * looks for itself, unless the base directory is a platform fd.  One
 * whose only answer is its result (access, faccessat) is made by
 * variant 0 alone and its answer given to the others: a file someone
 * outside creates meanwhile (a program polling for it) would otherwise
 * be there for one variant and not yet for the next. */
void lookup_decide(struct session *s, struct vset *set, struct decision *d)
{
	const struct call *c = policy_lead(set);
	int p = policy_find_arg(c, ARG_PATH);
	char real[PATH_MAX + 64];

	if (fdpolicy_shm(s, set, d))
		return;
	policy_route_fds(set, d);
	if (d->route != ROUTE_VARIANT)
		return;
	if (result_only(c))
		d->route = ROUTE_LEADER;
	else if (self_link(s, set, c, real, sizeof(real)) || proc_link(c))
		d->need_exit = true;	/* lookup_finish */
	if (p < 0 || !c->val[p].read ||
	    c->val[p].err || !c->val[p].len || c->val[p].data[0] != '/')
		return;
	/* /dev/fd/N or /proc/self/fd/N of a platform number: the
	 * platform's object, which only the platform can look at. */
	paths_resolve(s, &set->v[0], AT_FDCWD, (const char *)c->val[p].data,
		       real, sizeof(real), NULL, 0);
	if (strncmp(real, "/proc/self/fd/", 14) == 0)
		d->route = ROUTE_PLATFORM;
}

