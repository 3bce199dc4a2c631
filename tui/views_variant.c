/* The views of one variant column: header, call, fd table, memory. */
#include "inspect.h"
#include "view_diff.h"
#include "views.h"
#include "format.h"

#include <curses.h>
#include <fcntl.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct session *session_of(struct screen *sc)
{
	return dbg_session(sc->d);
}

/* The set the columns show: the focus (`set focus`), or NULL. */
static const struct vset *shown_set(struct screen *sc)
{
	const struct session *s = dbg_session(sc->d);

	return s ? session_set(s, dbg_focus(sc->d)) : NULL;
}

/* Whether the set's calls at hand were read: it is at a stop (the
 * others' are stale, or not read yet). */
static bool call_known(const struct vset *set)
{
	return set->state == SET_STOPPED || set->state == SET_IO ||
	       set->state == SET_DIVERGED;
}

/* "exited 0", "killed by SIGKILL", "at step 12", ... */
static void state_text(struct screen *sc, const struct vset *set,
		       const struct variant *v, char *buf, size_t size)
{
	const struct session *s = session_of(sc);
	char sig[32];

	switch (v->state) {
	case VS_NEW:
		snprintf(buf, size, "not started");
		break;
	case VS_RUNNING:
		/* where a paused one sleeps: a lock shows a cycle */
		inspect_state(s, set, v->index, buf, size);
		break;
	case VS_SYSCALL:
		if (set->id == s->cur)
			snprintf(buf, size, "at step %lu, system call entry",
				 dbg_last_stop(sc->d)->step);
		else
			dbg_set_state(sc->d, set->id, buf, size);
		break;
	case VS_SIGNAL:
		snprintf(buf, size, "stopped by %s",
			 format_signal(v->sig, sig, sizeof(sig)));
		break;
	case VS_EXITED:
		snprintf(buf, size, "exited %d", v->code);
		break;
	case VS_KILLED:
		snprintf(buf, size, "killed by %s%s",
			 format_signal(v->sig, sig, sizeof(sig)),
			 v->core ? " (core dumped)" : "");
		break;
	}
}

static void draw_head(struct screen *sc, const struct rect *r, int v)
{
	const struct session *s = session_of(sc);
	const struct vset *set = shown_set(sc);
	const struct variant *var;
	const char *base;
	char buf[512], state[128], where[32] = "", more[40] = "";
	unsigned long ahead;
	bool div;

	if (!s || !set || v >= s->n) {
		char t[64];

		snprintf(t, sizeof(t), "variant %d", v);
		view_title(sc, r, t, false);
		view_text(sc, r->y + 1, r->x, r->w, "no program runs", ST_DIM);
		return;
	}
	var = &set->v[v];
	base = var->exe ? strrchr(var->exe, '/') : NULL;
	base = base ? base + 1 : var->exe ? var->exe : "";
	if (s->made > 1)
		snprintf(where, sizeof(where), "set %d  ", set->id);
	snprintf(buf, sizeof(buf), "%svariant %d  pid %d  %s", where, v,
		 (int)var->pid, base);
	view_title(sc, r, buf, false);
	state_text(sc, set, var, state, sizeof(state));
	div = set->state == SET_DIVERGED;
	ahead = session_calls_ahead(s, set, v);
	if (ahead)
		snprintf(more, sizeof(more), "  %lu call%s ahead", ahead,
			 ahead == 1 ? "" : "s");
	snprintf(buf, sizeof(buf), "%s%s%s", state, more,
		 div ? "  DIVERGED" : "");
	view_text(sc, r->y + 1, r->x, r->w, buf, div ? ST_DIVERGED : ST_STOP);
}

/* Names of the arguments in bits, as "arg 1, arg 2" ($argN numbering). */
static void diff_names(unsigned bits, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	if (bits & VIEW_DIFF_NAME)
		at += (size_t)snprintf(buf, size, "the call");
	for (int i = 0; i < SYSCALL_MAX_ARGS && at < size; i++)
		if (bits & (1u << i))
			at += (size_t)snprintf(buf + at, size - at, "%s$arg%d",
					       at ? ", " : "", i);
}

static void draw_call(struct screen *sc, const struct rect *r, int v)
{
	const struct session *s = session_of(sc);
	const struct vset *set = shown_set(sc);
	struct callview *cv;
	struct pen p = { .r = *r };
	unsigned bits;
	int at = 0;

	if (!s || !set || v >= s->n || set->v[v].state != VS_SYSCALL ||
	    !call_known(set)) {
		if (set && v < s->n && set->v[v].state == VS_SIGNAL &&
		    call_known(set)) {
			char text[CALL_TEXT_MAX];

			/* the fault, decoded; not delivered yet */
			format_state(&set->v[v], text, sizeof(text));
			pen_put(sc, &p, text, -1, ST_DIVERGED);
		}
		return;
	}
	cv = xmalloc(sizeof(*cv));
	view_call_render(&set->v[v].call, set->fds, s->cfg.strsize, cv);
	bits = view_diff_args(set->v, s->n, v, s->ignore);
	for (int i = 0; i < cv->nspan; i++) {
		const struct callspan *sp = &cv->span[i];
		bool differs = sp->arg == VIEW_SPAN_NAME ?
			(bits & VIEW_DIFF_NAME) != 0 :
			sp->arg >= 0 && (bits & (1u << sp->arg));

		pen_put(sc, &p, cv->text + at, sp->start - at, ST_NORMAL);
		pen_put(sc, &p, cv->text + sp->start, sp->len,
			differs ? ST_DIFF : ST_NORMAL);
		at = sp->start + sp->len;
	}
	pen_put(sc, &p, cv->text + at, -1, ST_NORMAL);
	if (bits) {
		char names[128], line[160];

		diff_names(bits, names, sizeof(names));
		snprintf(line, sizeof(line), "<< differs: %s", names);
		/* On the pane's last row, so it stays visible. */
		p.row = p.row + 1 < r->h ? p.row + 1 : r->h - 1;
		p.col = 0;
		mvhline(r->y + p.row, r->x, ' ', r->w);
		pen_put(sc, &p, line, -1, ST_DIVERGED);
	}
	free(cv);
}

/* "r", "w", "rw", with "a" for append and "c" for close-on-exec. */
static void fd_mode(int flags, char *buf, size_t size)
{
	int acc = flags & O_ACCMODE;

	snprintf(buf, size, "%s%s%s",
		 acc == O_RDONLY ? "r" : acc == O_WRONLY ? "w" : "rw",
		 flags & O_APPEND ? "a" : "", flags & O_CLOEXEC ? "c" : "");
}

/* The tail of path that fits in w columns ("..." + tail). */
static const char *path_tail(const char *path, int w, char *buf, size_t size)
{
	int len = (int)strlen(path);

	if (len <= w || w < 4)
		return path;
	snprintf(buf, size, "...%s", path + len - (w - 3));
	return buf;
}

static void draw_fd_row(struct screen *sc, const struct pmap *pm, int y,
			const struct rect *r, const struct fdrow *f)
{
	char mode[8], where[64], line[FDROW_PATH_MAX + 128], tail[FDROW_PATH_MAX];
	int room;

	fd_mode(f->flags, mode, sizeof(mode));
	/* the real descriptor where the path keeps room beside it */
	if (f->platform && f->num >= pm->offset && r->w < 50)
		snprintf(where, sizeof(where), " %d+%d", pm->offset,
			 f->num - pm->offset);
	else if (f->platform && f->num >= pm->offset)
		snprintf(where, sizeof(where), " %d+%d real %d", pm->offset,
			 f->num - pm->offset, f->realfd);
	else if (f->platform && r->w < 50)
		where[0] = '\0';
	else if (f->platform)
		snprintf(where, sizeof(where), " real %d", f->realfd);
	else
		where[0] = '\0';
	if (f->offset >= 0)
		snprintf(where + strlen(where), sizeof(where) - strlen(where),
			 " @%lld", f->offset);
	room = r->w - 12 - (int)strlen(where);
	snprintf(line, sizeof(line), "%c %4d %-3s %-*s%s",
		 f->platform ? 'P' : 'L', f->num, mode, room > 0 ? room : 0,
		 path_tail(f->path, room > 0 ? room : 0, tail, sizeof(tail)),
		 where);
	view_text(sc, y, r->x, r->w, line,
		  f->platform ? ST_PLATFORM : ST_LOCAL);
}

/* The fd table's title: the long form where it fits. */
static void fds_title(struct screen *sc, const struct rect *r, int n,
		      int offset, int above, int below)
{
	char title[160], more[64] = "";

	if (above || below)
		snprintf(more, sizeof(more), "  %d of %d shown%s", n - above - below,
			 n, below ? ", PgDn" : "");
	if (r->w >= 60)
		snprintf(title, sizeof(title),
			 "fds: %d  (L local, P platform = %d+slot)%s", n, offset,
			 more);
	else
		snprintf(title, sizeof(title), "fds: %d  P = %d+slot%s", n,
			 offset, more);
	view_title(sc, r, title, sc->focus == FOCUS_FDS);
}

/* The table, its platform slots (offset and above) kept at the bottom
 * where all rows do not fit, the others scrolled by sc->scroll. */
static void draw_fds(struct screen *sc, const struct rect *r, int v)
{
	const struct session *s = session_of(sc);
	const struct vset *set = shown_set(sc);
	struct fdrow *rows = NULL;
	struct error err = { 0 };
	int n, room = r->h - 1, pinned = 0, others, shown, first, y;
	bool *pin;

	if (!s || !set || v >= s->n) {
		view_title(sc, r, "fds", false);
		return;
	}
	n = inspect_set_fds(s, set->id, v, &rows, &err);
	if (n < 0) {
		view_title(sc, r, "fds", false);
		if (r->h > 1)
			view_text(sc, r->y + 1, r->x, r->w, err.msg, ST_DIM);
		return;
	}
	pin = XCNEWVEC(bool, n > 0 ? n : 1);
	/* where not all fit, the last platform slots, leaving one row */
	for (int i = n - 1; i >= 0 && n > room && pinned < room - 1; i--)
		if (rows[i].platform && rows[i].num >= set->fds->offset) {
			pin[i] = true;
			pinned++;
		}
	others = n - pinned;
	shown = others < room - pinned ? others : room - pinned;
	if (shown < 0)
		shown = 0;
	first = sc->scroll[FOCUS_FDS];
	if (first > others - shown)
		first = others - shown;
	if (first < 0)
		first = 0;
	if (others - shown - first > 0)
		sc->more[FOCUS_FDS] = true;
	fds_title(sc, r, n, set->fds->offset, first, others - shown - first);
	y = r->y + 1;
	for (int i = 0, k = 0; i < n; i++) {
		if (pin[i])
			continue;
		if (k >= first && k < first + shown)
			draw_fd_row(sc, set->fds, y++, r, &rows[i]);
		k++;
	}
	for (int i = 0; i < n; i++)
		if (pin[i])
			draw_fd_row(sc, set->fds, y++, r, &rows[i]);
	free(pin);
	free(rows);
}

/* One unit of a dump as text: hex, little-endian as x86 reads it. */
static void unit_text(const unsigned char *p, int unit, char *buf, size_t size)
{
	size_t at = 0;

	for (int i = unit - 1; i >= 0 && at + 2 < size; i--)
		at += (size_t)snprintf(buf + at, size - at, "%02x", p[i]);
}

static void draw_mem_row(struct screen *sc, const struct memdump *m, size_t off,
			 int per, int addr_w, struct pen *p)
{
	char buf[64];
	bool any = false;
	int unit = m->unit;

	for (int i = 0; i < per && off + (size_t)i < m->len; i++)
		any |= m->differs && m->differs[off + (size_t)i];
	if (addr_w == VIEW_HEX_SHORT_W)
		snprintf(buf, sizeof(buf), "%04lx:%c", (m->addr + off) & 0xffff,
			 any ? '!' : ' ');
	else
		snprintf(buf, sizeof(buf), "%012lx:%c", m->addr + off,
			 any ? '!' : ' ');
	pen_put(sc, p, buf, -1, any ? ST_DIVERGED : ST_DIM);
	for (int i = 0; i + unit <= per && off + (size_t)(i + unit) <= m->len;
	     i += unit) {
		bool d = false;

		for (int k = 0; k < unit; k++)
			d |= m->differs && m->differs[off + (size_t)(i + k)];
		unit_text(m->bytes + off + (size_t)i, unit, buf, sizeof(buf));
		pen_put(sc, p, " ", 1, ST_NORMAL);
		pen_put(sc, p, buf, -1, d ? ST_DIFF : ST_NORMAL);
	}
	if (unit == 1) {
		pen_put(sc, p, " ", 1, ST_NORMAL);
		for (int i = 0; i < per && off + (size_t)i < m->len; i++) {
			unsigned char c = m->bytes[off + (size_t)i];
			char ch = c >= 0x20 && c < 0x7f ? (char)c : '.';

			pen_put(sc, p, &ch, 1,
				m->differs && m->differs[off + (size_t)i] ?
				ST_DIFF : ST_NORMAL);
		}
	}
	pen_newline(p);
}

/* The dump, scrolled by sc->scroll[FOCUS_MEM] rows. */
static void draw_mem(struct screen *sc, const struct rect *r, int v)
{
	const struct memdump *m = &sc->mem[v];
	struct pen p = { .r = { .y = r->y + 1, .x = r->x, .h = r->h - 1,
				.w = r->w } };
	char title[128];
	int per, addr_w, nrows, first;

	if (!m->bytes) {
		view_title(sc, r, "memory: x/16xb ADDR shows it here",
			   sc->focus == FOCUS_MEM);
		return;
	}
	per = view_hex_per_row(r->w, m->unit, &addr_w);
	nrows = (int)((m->len + (size_t)per - 1) / (size_t)per);
	first = sc->scroll[FOCUS_MEM];
	if (first > nrows - p.r.h)
		first = nrows - p.r.h;
	if (first < 0)
		first = 0;
	if (nrows - first > p.r.h)
		sc->more[FOCUS_MEM] = true;
	snprintf(title, sizeof(title), "memory: %zu bytes at %#lx", m->len,
		 m->addr);
	/* "more below" where there is room for it */
	if (nrows - first > p.r.h && (int)strlen(title) + 7 < r->w)
		strcat(title, "  PgDn");
	view_title(sc, r, title, sc->focus == FOCUS_MEM);
	for (size_t off = (size_t)first * (size_t)per;
	     off < m->len && p.row < p.r.h; off += (size_t)per)
		draw_mem_row(sc, m, off, per, addr_w, &p);
}

const struct view_ops view_head = { "variant", draw_head };
const struct view_ops view_call = { "call", draw_call };
const struct view_ops view_fds = { "fds", draw_fds };
const struct view_ops view_mem = { "memory", draw_mem };
