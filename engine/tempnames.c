/* Temporary names made from the address layout, made variant 0's in
 * every variant (tempnames.h). */
#include "tempnames.h"
#include "policy_int.h"
#include "session_int.h"
#include "mem.h"
#include "ptrace.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

/* The longest random part a temporary name has (mkstemp's XXXXXX, with
 * room for callers that ask for more). */
#define TEMPNAME_RANDOM_MAX 16

/* A call that makes a file only if its name is new: an open with
 * O_CREAT | O_EXCL (mkstemp), a mkdir (mkdtemp, `mktemp -d`), a link or
 * symlink (`ln -f` and `ln -sf` make the new link under a temporary
 * name and rename it over the old), a mknod: the calls a temporary name
 * is tried with. */
static bool exclusive_create(const struct call *c)
{
	if (!c->sc)
		return false;
	switch (c->nr) {
	case SYS_mkdir: case SYS_mkdirat:
	case SYS_symlink: case SYS_symlinkat:
	case SYS_link: case SYS_linkat:
	case SYS_mknod: case SYS_mknodat:
		return true;
	}
	return c->sc->policy == POL_OPEN &&
	       (fdpolicy_open_flags(c) & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
}

/* Variant i's temporary name from, which became variant 0's to: the
 * program goes on naming the file as it made it (Python renames
 * "x.pyc.<id>" into place), so later calls of variant i that name it
 * get variant 0's name too (tempname_same).  The newest
 * TEMPNAMES_MAX are kept. */
static void remember_tempname(struct session *s, int i,
			      const struct argval *from,
			      const struct argval *to)
{
	struct session_private *p = priv(s);
	struct tempname *tn;

	if (from->len >= sizeof(tn->from))
		return;
	if (p->ntempnames < TEMPNAMES_MAX)
		p->ntempnames++;
	memmove(&p->tempnames[1], &p->tempnames[0],
		(p->ntempnames - 1) * sizeof(p->tempnames[0]));
	tn = &p->tempnames[0];
	tn->variant = i;
	tn->len = from->len;
	memcpy(tn->from, from->data, from->len);
	memcpy(tn->to, to->data, to->len);
}

bool tempname_unify(struct session *s, struct vset *set,
			   const struct divergence *d, char *note, size_t size)
{
	struct variant *a = &set->v[0], *b = &set->v[d->b];
	const struct call *ca = &a->call;
	struct argval *va, *vb;
	size_t first = SIZE_MAX, last = 0, base = 0;

	if (d->kind != DIV_ARG || d->a != 0 || !exclusive_create(ca) ||
	    ca->sc->args[d->arg].kind != ARG_PATH)
		return false;
	va = &a->call.val[d->arg];
	vb = &b->call.val[d->arg];
	if (va->err || vb->err || va->len != vb->len || !va->len)
		return false;
	for (size_t i = 0; i < va->len; i++) {
		if (va->data[i] == '/')
			base = i + 1;
		if (va->data[i] == vb->data[i])
			continue;
		if (!isalnum(va->data[i]) || !isalnum(vb->data[i]))
			return false;
		if (first == SIZE_MAX)
			first = i;
		last = i;
	}
	if (first == SIZE_MAX || first < base ||
	    last - first >= TEMPNAME_RANDOM_MAX)
		return false;
	if (mem_write(b->pid, b->call.args[d->arg], va->data, va->len) == -1)
		return false;
	snprintf(note, size,
		 "variant %d's temporary name %.*s became variant 0's %.*s",
		 d->b, (int)(last - first + 1), (const char *)vb->data + first,
		 (int)(last - first + 1), (const char *)va->data + first);
	remember_tempname(s, d->b, vb, va);
	memcpy(vb->data, va->data, va->len);
	return true;
}

void tempname_same(struct session *s, struct vset *set)
{
	struct session_private *p = priv(s);

	for (int i = 1; i < s->n && p->ntempnames; i++) {
		struct variant *v = &set->v[i];
		struct call *c = &v->call;

		if (v->state != VS_SYSCALL || !c->sc)
			continue;
		for (int k = 0; k < c->sc->nargs; k++) {
			struct argval *val = &c->val[k];

			if (c->sc->args[k].kind != ARG_PATH || !c->args[k] ||
			    val->err || !val->len)
				continue;
			for (int t = 0; t < p->ntempnames; t++) {
				const struct tempname *tn = &p->tempnames[t];

				if (tn->variant != i || tn->len != val->len ||
				    memcmp(tn->from, val->data, val->len) != 0)
					continue;
				if (mem_write(v->pid, c->args[k], tn->to,
					      tn->len) == 0)
					memcpy(val->data, tn->to, tn->len);
				break;
			}
		}
	}
}

static bool draws_random(const struct call *c)
{
	return c->nr == SYS_getrandom;
}

bool tempname_retry(struct session *s, struct vset *set, const struct divergence *d)
{
	int drawing = 0, creating = 0;

	if (d->kind != DIV_SYSCALL)
		return false;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (v->state != VS_SYSCALL)
			return false;
		if (draws_random(&v->call))
			drawing++;
		else if (exclusive_create(&v->call))
			creating++;
		else
			return false;
	}
	if (!drawing || !creating)
		return false;
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (!draws_random(&v->call))
			continue;
		v->state = VS_RUNNING;
		v->to_exit = false;
		pt_cont(v->pid, 0);
	}
	return true;
}
