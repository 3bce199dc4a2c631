/* The history of steps: each set's calls as every variant made them,
 * with the contents a rendering shows, kept in a ring of HISTORY_SIZE
 * entries whose pools are reused (no allocation per step). */
#include "session_int.h"
#include "format.h"

#include <libiberty.h>
#include <stdio.h>
#include <string.h>

/* Bytes of argument i of c a record keeps: strings and input buffers
 * as far as a rendering shows them (and one more, so it knows they go
 * on), anything else (paths, structs, outputs) up to RECORD_ARG_MAX. */
static size_t record_len(const struct call *c, int i, size_t strsize)
{
	const struct argval *v = &c->val[i];
	size_t n = v->len;

	if (!v->read || v->err || !v->data)
		return 0;
	if (c->sc && (c->sc->args[i].kind == ARG_INBUF ||
		      c->sc->args[i].kind == ARG_IOV_IN ||
		      c->sc->args[i].kind == ARG_STR) && n > strsize + 1)
		n = strsize + 1;
	return n < RECORD_ARG_MAX ? n : RECORD_ARG_MAX;
}

/* The platform file fd argument i of c names, or NULL. */
static const char *record_fdpath(const struct call *c, int i,
				 const struct pmap *pm)
{
	const struct pfile *pf;
	enum argkind k;

	if (!c->sc || !pm)
		return NULL;
	k = c->sc->args[i].kind;
	if (k != ARG_FD && k != ARG_DIRFD)
		return NULL;
	pf = pmap_get(pm, (int)c->args[i]);
	return pf && (int)c->args[i] >= pm->offset ? pf->path : NULL;
}

/* Copies every variant's call into h, contents into h's pool (grown
 * once to what the steps need, then reused: no allocation per step). */
static void record_calls(struct session *s, struct histent *h,
			 const struct vset *set)
{
	size_t need = 0, at = 0;
	size_t len[MAX_VARIANTS][SYSCALL_MAX_ARGS];
	const char *path[MAX_VARIANTS][SYSCALL_MAX_ARGS];

	for (int i = 0; i < s->n; i++) {
		const struct call *c = &set->v[i].call;

		for (int k = 0; k < SYSCALL_MAX_ARGS; k++) {
			len[i][k] = record_len(c, k, s->cfg.strsize);
			if (need + len[i][k] > RECORD_STEP_MAX)
				len[i][k] = 0;
			need += len[i][k];
			path[i][k] = record_fdpath(c, k, set->fds);
			if (path[i][k])
				need += strlen(path[i][k]) + 1;
		}
	}
	if (need > h->poolcap) {
		h->pool = XRESIZEVEC(unsigned char, h->pool, need);
		h->poolcap = need;
	}
	for (int i = 0; i < s->n; i++) {
		const struct call *c = &set->v[i].call;
		struct reccall *rc = &h->v[i];

		rc->call = *c;
		for (int k = 0; k < SYSCALL_MAX_ARGS; k++) {
			struct argval *v = &rc->call.val[k];

			v->data = len[i][k] ? h->pool + at : NULL;
			if (len[i][k])
				memcpy(h->pool + at, c->val[k].data, len[i][k]);
			v->cut = c->val[k].cut || len[i][k] < c->val[k].len;
			v->len = v->cap = len[i][k];
			v->read = c->val[k].read && (len[i][k] ||
						     !c->val[k].len);
			at += len[i][k];
			rc->fdpath[k] = NULL;
			if (path[i][k]) {
				size_t n = strlen(path[i][k]) + 1;

				memcpy(h->pool + at, path[i][k], n);
				rc->fdpath[k] = (const char *)h->pool + at;
				at += n;
			}
		}
	}
}

void session_record(struct session *s, const struct vset *set,
		    enum recordkind kind)
{
	struct histent *h = &s->hist[s->nhist % HISTORY_SIZE];
	const struct variant *v0 = &set->v[0];

	h->step = s->step;
	h->set = set->id;
	h->diverged = kind == REC_DIVERGED;
	h->route = kind == REC_CALL ? set->dec.route : ROUTE_NONE;
	h->n = s->n;
	h->state[0] = '\0';
	snprintf(h->note, sizeof(h->note), "%s", set->dec.note);
	if (kind != REC_STATE && v0->call.nr >= 0 &&
	    (kind == REC_CALL || v0->state == VS_SYSCALL)) {
		h->nr = v0->call.nr;
		record_calls(s, h, set);
		h->no_return = kind == REC_CALL && !v0->call.done &&
			       v0->call.sc && v0->call.sc->ret == RET_NONE;
	} else {
		h->nr = -1;
		h->no_return = false;
		memset(h->v, 0, sizeof(h->v[0]) * (size_t)s->n);
		for (int i = 0; i < s->n; i++)
			h->v[i].call.nr = -1;
		if (!format_state(v0, h->state, sizeof(h->state)))
			snprintf(h->state, sizeof(h->state),
				 "--- stopped where it ran ---");
	}
	s->nhist++;
	if (s->observe)
		s->observe(s->observe_ctx, h, set->v, s->n);
}

const struct histent *session_history(const struct session *s, unsigned long i)
{
	if (i >= s->nhist || i >= HISTORY_SIZE)
		return NULL;
	return &s->hist[(s->nhist - 1 - i) % HISTORY_SIZE];
}
