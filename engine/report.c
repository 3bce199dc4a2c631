/* Divergence reports, rendered from the session and the stop record. */
#include "report.h"
#include "compare.h"
#include "format.h"
#include "inspect.h"
#include "hints.h"
#include "ptrace.h"
#include "symbols.h"

#include <ctype.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const div_names[] = {
	[DIV_NONE] = "none",       [DIV_SYSCALL] = "syscall",
	[DIV_ARG] = "argument",    [DIV_STATE] = "state",
	[DIV_SIGNAL] = "signal",   [DIV_EXIT] = "exit",
	[DIV_LOCAL] = "local",
};

char *report_window(const unsigned char *p, size_t len, size_t off)
{
	char *buf;
	size_t size;
	FILE *f = open_memstream(&buf, &size);
	size_t start = off & ~(size_t)15;
	size_t end = start + 32 < len ? start + 32 : len;

	for (size_t row = start; row < end; row += 16) {
		fprintf(f, "    0x%04zx:", row);
		for (size_t i = row; i < row + 16; i++) {
			if (i < end)
				fprintf(f, i == off ? "[%02x]" : " %02x ", p[i]);
			else
				fputs("    ", f);
		}
		fputs(" |", f);
		for (size_t i = row; i < row + 16 && i < end; i++)
			fputc(isprint(p[i]) ? p[i] : '.', f);
		fputs("|\n", f);
	}
	if (start >= end)
		fprintf(f, "(no bytes at offset %zu: the content ends at %zu)\n",
			off, len);
	fclose(f);
	return buf;
}

static void variant_line(FILE *f, const struct session *s, int i)
{
	const struct variant *v = &s->v[i];
	char text[CALL_TEXT_MAX];

	switch (v->state) {
	case VS_SYSCALL:
		session_format_call(s, i, text, sizeof(text));
		fprintf(f, "  variant %d (pid %d): %s\n", i, (int)v->pid, text);
		break;
	case VS_SIGNAL:
	case VS_EXITED:
	case VS_KILLED:
		format_state(v, text, sizeof(text));
		fprintf(f, "  variant %d (pid %d): %s\n", i, (int)v->pid, text);
		break;
	default:
		inspect_state(s, session_set(s, s->cur), i, text,
			      sizeof(text));
		fprintf(f, "  variant %d (pid %d): %s\n", i, (int)v->pid, text);
		break;
	}
}

/* Variant v's call stack, when it stands at a stop: the frame count (0:
 * none to show). */
static int variant_stack(const struct variant *v, struct frame *frames)
{
	struct user_regs_struct regs;
	struct error err = { 0 };
	int n;

	if ((v->state != VS_SYSCALL && v->state != VS_SIGNAL) ||
	    pt_getregs(v->pid, &regs) == -1)
		return 0;
	n = symbols_stack(v->pid, &regs, frames, REPORT_FRAMES, &err);
	return n < 0 ? 0 : n;
}

static void stack_lines(FILE *f, const struct session *s)
{
	struct frame *frames = XNEWVEC(struct frame, REPORT_FRAMES);

	for (int i = 0; i < s->n; i++) {
		int n = variant_stack(&s->v[i], frames);
		char what[SYMBOL_NAME_MAX + 2 * SYMBOL_PATH_MAX + FRAME_ARGS_MAX];

		if (n == 0)
			continue;
		fprintf(f, "  variant %d's stack:\n", i);
		for (int k = 0; k < n; k++) {
			symbols_frame_text(&frames[k], true, what,
					   sizeof(what));
			fprintf(f, "    #%-2d %#018lx in %s\n", k, frames[k].pc,
				what);
		}
	}
	free(frames);
}

/* Bits: the arguments of c a call fills in (their recorded contents are
 * what it produced). */
static unsigned output_args(const struct call *c)
{
	unsigned bits = 0;

	for (int i = 0; c->sc && i < c->sc->nargs; i++)
		if (argkind_get(c->sc->args[i].kind)->out != OUT_NONE)
			bits |= 1u << i;
	return bits;
}

/* Whether the variants of a recorded step are shown apart, and what
 * each one's rendering marks: arguments that differ by the engine's
 * comparison (those ignore rules let differ not), and where each
 * variant ran the call itself, outputs and results that differ.  A call
 * the platform (or variant 0) ran once has one result for all. */
bool report_record_marks(const struct session *s, const struct histent *h,
			 unsigned marks[MAX_VARIANTS])
{
	bool apart = false, own = h->route == ROUTE_VARIANT || h->diverged;

	for (int v = 0; v < h->n; v++)
		marks[v] = 0;
	if (h->nr < 0)
		return false;
	for (int v = 0; v < h->n; v++) {
		const struct call *me = &h->v[v].call;

		for (int o = 0; o < h->n; o++) {
			const struct call *c = &h->v[o].call;

			if (o == v)
				continue;
			/* what a call produced replaced what it was given:
			 * outputs are compared as outputs below */
			marks[v] |= compare_call_diffs(me, c, s->ignore) &
				    ~output_args(me);
			if (!own || me->nr != c->nr || !me->sc)
				continue;
			if (me->done != c->done || me->ret != c->ret)
				marks[v] |= FORMAT_MARK_RET;
			for (int i = 0; i < me->sc->nargs; i++) {
				const struct argval *a = &me->val[i];
				const struct argval *b = &c->val[i];

				if (!(output_args(me) >> i & 1) || !a->read ||
				    !b->read || a->err || b->err)
					continue;
				if (a->len != b->len ||
				    (a->len && memcmp(a->data, b->data, a->len)))
					marks[v] |= 1u << i;
			}
		}
		apart |= marks[v] != 0;
	}
	return apart;
}

char *report_text(const struct session *s, const struct stop *st)
{
	char hint[1024];
	char *buf;
	size_t size;
	FILE *f = open_memstream(&buf, &size);
	const struct divergence *d = &st->div;

	if (st->set > 0)
		fprintf(f, "mvdb: the variants diverged at step %lu in set %d (child %d of set %d): %s\n",
			st->step, st->set, session_set(s, st->set)->ordinal,
			session_set(s, st->set)->parent, d->what);
	else
		fprintf(f, "mvdb: the variants diverged at step %lu: %s\n",
			st->step, d->what);
	for (int i = 0; i < s->n; i++)
		variant_line(f, s, i);
	if (d->kind == DIV_ARG) {
		const struct argval *a = &s->v[d->a].call.val[d->arg];
		const struct argval *b = &s->v[d->b].call.val[d->arg];

		if (a->read && b->read && (a->len || b->len)) {
			char *wa = report_window(a->data, a->len, d->offset);
			char *wb = report_window(b->data, b->len, d->offset);

			fprintf(f, "  argument $arg%d from byte %zu:\n  variant %d:\n%s  variant %d:\n%s",
				d->arg, d->offset, d->a, wa, d->b, wb);
			free(wa);
			free(wb);
		}
	}
	if (hint_divergence(s, st, hint, sizeof(hint)) != HINT_NONE)
		fprintf(f, "  %s\n", hint);
	stack_lines(f, s);
	fprintf(f, "  last steps:\n");
	for (unsigned long i = REPORT_HISTORY + 1; i-- > 1;) {
		const struct histent *h = session_history(s, i);
		unsigned marks[MAX_VARIANTS];
		char text[CALL_TEXT_MAX];

		if (!h)
			continue;
		if (!report_record_marks(s, h, marks)) {
			format_record(h, 0, s->cfg.strsize, 0, text, sizeof(text));
			fprintf(f, "    %5lu  %s\n", h->step, text);
			continue;
		}
		for (int v = 0; v < h->n; v++) {
			format_record(h, v, s->cfg.strsize, marks[v], text,
				      sizeof(text));
			fprintf(f, "    %5lu  variant %d: %s\n", h->step, v, text);
		}
	}
	fclose(f);
	return buf;
}

static void json_string(FILE *f, const char *p, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_str(FILE *f, const char *p)
{
	json_string(f, p, strlen(p));
}

static void json_stack(FILE *f, const struct variant *v)
{
	struct frame *frames = XNEWVEC(struct frame, REPORT_FRAMES);
	int n = variant_stack(v, frames);

	fputs(", \"stack\": [", f);
	for (int k = 0; k < n; k++) {
		const struct symbol *sym = &frames[k].sym;

		fprintf(f, "%s{\"pc\": \"%#lx\", \"function\": ", k ? ", " : "",
			frames[k].pc);
		json_str(f, sym->func);
		fprintf(f, ", \"offset\": %lu, \"object\": ", sym->off);
		json_str(f, sym->object);
		if (sym->file[0]) {
			fputs(", \"file\": ", f);
			json_str(f, sym->file);
			fprintf(f, ", \"line\": %d", sym->line);
		}
		fputc('}', f);
	}
	fputc(']', f);
	free(frames);
}

static void json_variant(FILE *f, const struct session *s, int i)
{
	const struct variant *v = &s->v[i];
	char text[CALL_TEXT_MAX];

	fprintf(f, "{\"index\": %d, \"pid\": %d, \"state\": \"%s\"", i,
		(int)v->pid, format_state_key(v->state));
	if (v->state == VS_EXITED)
		fprintf(f, ", \"status\": %d", v->code);
	if (v->state == VS_KILLED || v->state == VS_SIGNAL)
		fprintf(f, ", \"signal\": %d", v->sig);
	if (v->state == VS_SYSCALL) {
		session_format_call(s, i, text, sizeof(text));
		fprintf(f, ", \"nr\": %ld, \"name\": ", v->call.nr);
		json_str(f, syscall_name(v->call.nr));
		fputs(", \"call\": ", f);
		json_str(f, text);
		fputs(", \"args\": [", f);
		for (int a = 0; v->call.sc && a < v->call.sc->nargs; a++) {
			format_arg(&v->call, a, s->pm, s->cfg.strsize, text,
				   sizeof(text));
			fprintf(f, "%s{\"raw\": \"%#lx\", \"text\": ", a ? ", " : "",
				v->call.args[a]);
			json_str(f, text);
			fputc('}', f);
		}
		fputc(']', f);
	}
	json_stack(f, v);
	fputc('}', f);
}

/* A recorded step as JSON: variant 0's call rendered, its result, and
 * where the variants differ, each variant's call and result. */
static void json_record(FILE *f, const struct session *s,
			const struct histent *h)
{
	unsigned marks[MAX_VARIANTS];
	char text[CALL_TEXT_MAX];
	const struct call *c = &h->v[0].call;

	format_record(h, 0, s->cfg.strsize, 0, text, sizeof(text));
	fprintf(f, "{\"step\": %lu, \"call\": ", h->step);
	json_str(f, text);
	if (h->nr >= 0 && c->done) {
		format_ret(c, text, sizeof(text));
		fputs(", \"result\": ", f);
		json_str(f, text);
	}
	if (h->nr >= 0)
		fprintf(f, ", \"ran\": \"%s\"", h->diverged ? "nowhere" :
			h->route == ROUTE_VARIANT ? "variants" : "once");
	if (report_record_marks(s, h, marks)) {
		fputs(", \"variants\": [", f);
		for (int v = 0; v < h->n; v++) {
			c = &h->v[v].call;
			format_record(h, v, s->cfg.strsize, 0, text, sizeof(text));
			fprintf(f, "%s{\"index\": %d, \"call\": ", v ? ", " : "", v);
			json_str(f, text);
			if (c->done) {
				format_ret(c, text, sizeof(text));
				fputs(", \"result\": ", f);
				json_str(f, text);
			}
			fputs(", \"differs\": [", f);
			for (int i = 0, k = 0; i < SYSCALL_MAX_ARGS; i++)
				if (marks[v] >> i & 1)
					fprintf(f, "%s\"$arg%d\"", k++ ? ", " : "", i);
			if (marks[v] & FORMAT_MARK_RET)
				fprintf(f, "%s\"result\"", marks[v] & ((1u << SYSCALL_MAX_ARGS) - 1) ? ", " : "");
			fputs("]}", f);
		}
		fputc(']', f);
	}
	fputc('}', f);
}

char *report_json(const struct session *s, const struct stop *st)
{
	char hint[1024];
	enum hintkind kind;
	char *buf;
	size_t size;
	FILE *f = open_memstream(&buf, &size);
	const struct divergence *d = &st->div;
	bool first = true;

	fprintf(f, "{\n  \"step\": %lu,\n  \"set\": %d,\n  \"kind\": \"%s\",\n  \"what\": ",
		st->step, st->set, div_names[d->kind]);
	json_str(f, d->what);
	fprintf(f, ",\n  \"call\": ");
	json_str(f, s->v[0].state == VS_SYSCALL ? syscall_name(s->v[0].call.nr)
						: "");
	fprintf(f, ",\n  \"arg\": %d,\n  \"offset\": %zu,\n  \"variants\": [\n",
		d->kind == DIV_ARG ? d->arg : -1, d->offset);
	for (int i = 0; i < s->n; i++) {
		fputs("    ", f);
		json_variant(f, s, i);
		fputs(i + 1 < s->n ? ",\n" : "\n", f);
	}
	kind = hint_divergence(s, st, hint, sizeof(hint));
	fprintf(f, "  ],\n  \"hint\": {\"kind\": \"%s\", \"text\": ",
		hint_name(kind));
	json_str(f, hint);
	fputs("},\n  \"history\": [", f);
	for (unsigned long i = REPORT_HISTORY + 1; i-- > 1;) {
		const struct histent *h = session_history(s, i);

		if (!h)
			continue;
		fprintf(f, "%s\n    ", first ? "" : ",");
		json_record(f, s, h);
		first = false;
	}
	fputs("\n  ]\n}\n", f);
	fclose(f);
	return buf;
}
