/* Memory: x (dumps of every variant, differing bytes marked) and diff
 * (the ranges where the variants' memory differs). */
#include "debugger.h"
#include "disasm.h"
#include "inspect.h"
#include "symbols.h"

#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X_BYTES_MAX 65536	/* one x dump per variant */
#define X_STRING_MAX 4096	/* one x/s string */
#define X_STRINGS_MAX 64	/* strings one x/s shows */
#define X_INSNS_MAX 1000	/* instructions one x/i shows */
#define DIFF_LEN_MAX (1 << 20)	/* diff LEN */
#define DIFF_ROWS_MAX 100	/* ranges diff lists */

/* What x/NFU says. */
struct xfmt {
	long count;	/* N, or 0 when not given */
	bool back;	/* -N: the N units before the address */
	char fmt;	/* F, or 0 */
	int unit;	/* U in bytes, or 0 */
};

static int unit_of(char c)
{
	switch (c) {
	case 'b':
		return 1;
	case 'h':
		return 2;
	case 'w':
		return 4;
	case 'g':
		return 8;
	default:
		return 0;
	}
}

/* Parses "/NFU" (suffix may be ""). */
static bool parse_fmt(const char *suffix, struct xfmt *f, struct result *r)
{
	const char *p = suffix;

	memset(f, 0, sizeof(*f));
	if (!*p)
		return true;
	p++;
	if (*p == '-') {
		f->back = true;
		p++;
		if (*p < '0' || *p > '9') {
			result_error(r, "A count must follow '-' in \"%s\".",
				     suffix);
			return false;
		}
	}
	while (*p >= '0' && *p <= '9') {
		f->count = f->count * 10 + (*p++ - '0');
		if (f->count > X_BYTES_MAX) {
			result_error(r, "Count in \"%s\" is too large (at most %d).",
				     suffix, X_BYTES_MAX);
			return false;
		}
	}
	if (p > suffix + 1 + f->back && f->count == 0) {
		result_error(r, "Count in \"%s\" must be at least 1.", suffix);
		return false;
	}
	for (; *p; p++) {
		if (strchr("xduotacszi", *p)) {
			if (f->fmt) {
				result_error(r, "Two format letters in \"%s\".", suffix);
				return false;
			}
			f->fmt = *p;
		} else if (unit_of(*p)) {
			if (f->unit) {
				result_error(r, "Two unit letters in \"%s\".", suffix);
				return false;
			}
			f->unit = unit_of(*p);
		} else {
			result_error(r, "Bad format letter '%c' in \"%s\": formats are x d u o t a c s z i, units b h w g.",
				     *p, suffix);
			return false;
		}
	}
	return true;
}

/* Checks text once, names included, before it runs in each variant. */
static bool check_syntax(const char *text, struct result *r)
{
	struct error err = { 0 };

	if (expr_check(NULL, text, &err) == 0)
		return true;
	result_error(r, "%s", err.msg);
	return false;
}

/* Reads one dump; returns the bytes held.  Where it could not read
 * all, gap says so (else it is empty), to follow what was read, as in
 * gdb. */
static size_t read_dump(struct debugger *d, int v, unsigned long addr,
			size_t len, bool string, long count,
			unsigned char *buf, char *gap, size_t gapsize,
			struct result *r)
{
	struct error err = { 0 };
	ssize_t got = inspect_set_read(d->s, dbg_focus(d), v, addr, buf, len,
				       &err);
	size_t n;

	gap[0] = '\0';
	if (got < 0) {
		result_error(r, "%s", err.msg);
		return 0;
	}
	n = (size_t)got;
	if (string) {
		size_t at = 0;
		long k = 0;
		bool partial;

		for (; k < count && at < n; k++) {
			unsigned char *nul = memchr(buf + at, 0, n - at);

			at = nul ? (size_t)(nul - buf) + 1 : n;
		}
		/* the strings shown end where memory does: say so rather
		 * than show fewer without a word */
		partial = at > 0 && buf[at - 1] != 0;
		if (n < len && (partial || k < count))
			snprintf(gap, gapsize, "variant %d: cannot access memory at %#lx: string %ld of %ld %s",
				 v, addr + n, partial ? k : k + 1, count,
				 partial ? "runs into it" : "starts there");
		return at;
	}
	if (n < len)
		snprintf(gap, gapsize, "variant %d: cannot access memory at %#lx: only %zu of %zu bytes readable",
			 v, addr + n, n, len);
	return n;
}

/* Marks in each dump the bytes that differ from another variant's. */
static void mark_differences(struct result *r, size_t first)
{
	for (size_t i = first; i < r->n; i++) {
		struct item *a = &r->items[i];

		if (a->kind != IT_HEX)
			continue;
		a->differs = XCNEWVEC(bool, a->len ? a->len : 1);
		for (size_t j = first; j < r->n; j++) {
			const struct item *b = &r->items[j];

			if (b->kind != IT_HEX || b == a)
				continue;
			for (size_t k = 0; k < a->len; k++)
				if (k >= b->len || a->bytes[k] != b->bytes[k])
					a->differs[k] = true;
		}
	}
}

/* Where variant v stands, to be marked "=>": the selected frame's pc; in
 * frame 0 at a system call, the syscall instruction before rip. */
static unsigned long stop_pc(struct debugger *d, int v)
{
	const struct vset *set = sets_focused(d);
	struct error err = { 0 };
	struct frame f;
	unsigned char code[2];

	if (stack_frame(d, v, &f, &err) == -1)
		return 0;
	if (stack_selected(d) == 0 && set->v[v].state == VS_SYSCALL &&
	    inspect_set_read(d->s, set->id, v, f.pc - 2, code, 2, &err) == 2 &&
	    code[0] == 0x0f && code[1] == 0x05)
		return f.pc - 2;
	return f.pc;
}

/* x/Ni: count instructions at text (or where the last x ended) in every
 * variant; lines whose bytes differ between the variants are marked *. */
static void x_insns(struct debugger *d, const char *text, long count,
		    int only, struct result *r)
{
	struct insn *insns[MAX_VARIANTS] = { 0 };
	int n[MAX_VARIANTS] = { 0 };
	unsigned long addr[MAX_VARIANTS];

	if (count > X_INSNS_MAX)
		count = X_INSNS_MAX;
	d->x.fmt = 'i';
	d->x.count = (int)count;
	d->x.only = only;
	for (int v = 0; v < d->s->n; v++) {
		size_t len = (size_t)count * INSN_BYTES_MAX;
		unsigned char *code;
		ssize_t got;
		struct error err = { 0 };

		if (only >= 0 && v != only)
			continue;
		if (text && !cmd_eval_in(d, v, text, &addr[v], r))
			continue;
		if (!text)
			addr[v] = d->x.next[v];
		code = XNEWVEC(unsigned char, len);
		got = inspect_set_read(d->s, dbg_focus(d), v, addr[v], code,
				       len, &err);
		if (got < 0) {
			result_error(r, "%s", err.msg);
			free(code);
			continue;
		}
		insns[v] = XNEWVEC(struct insn, count);
		n[v] = disasm(code, (size_t)got, addr[v], insns[v], (int)count);
		free(code);
		if (n[v] <= 0) {
			result_error(r, "variant %d: cannot decode instructions at %#lx.",
				     v, addr[v]);
			continue;
		}
		d->x.next[v] = insns[v][n[v] - 1].addr +
			       (unsigned long)(insns[v][n[v] - 1].size ?
					       insns[v][n[v] - 1].size : 1);
	}
	d->x.valid = true;
	for (int v = 0; v < d->s->n; v++) {
		struct error err = { 0 };
		struct symbols *sy;
		unsigned long here;

		if (n[v] <= 0)
			continue;
		sy = symbols_open(sets_focused(d)->v[v].pid, &err);
		here = stop_pc(d, v);
		result_add(r, IT_TEXT, v)->text = xasprintf("variant %d:", v);
		for (int k = 0; k < n[v]; k++) {
			const struct insn *in = &insns[v][k];
			char at[SYMBOL_NAME_MAX + 8] = "", to[SYMBOL_NAME_MAX + 8] = "";
			bool differs = false;
			struct symbol sym;

			for (int w = 0; w < d->s->n; w++)
				if (w != v && n[w] > 0 &&
				    (k >= n[w] || insns[w][k].size != in->size ||
				     memcmp(insns[w][k].bytes, in->bytes,
					    (size_t)in->size) != 0))
					differs = true;
			if (sy && symbols_lookup(sy, in->addr, &sym)) {
				symbols_short(&sym, at + 1, sizeof(at) - 1);
				if (at[1])
					at[0] = ' ';
			}
			if (sy && in->branch && symbols_lookup(sy, in->target, &sym)) {
				symbols_short(&sym, to + 1, sizeof(to) - 1);
				if (to[1])
					to[0] = ' ';
			}
			result_add(r, IT_TEXT, v)->text =
				xasprintf("%s %#lx%s:%c  %s%s",
					  in->addr == here ? "=>" : "  ",
					  in->addr, at, differs ? '*' : ' ',
					  in->text, to);
		}
		symbols_close(sy);
	}
	for (int v = 0; v < d->s->n; v++)
		free(insns[v]);
}

/* x/a: the symbol each address names ("<main+4>"), as gdb shows it. */
static void note_symbols(struct debugger *d, int v, struct item *it)
{
	struct error err = { 0 };
	struct symbols *sy = symbols_open(sets_focused(d)->v[v].pid, &err);
	size_t units = it->len / (size_t)it->unit;

	if (!sy)
		return;
	it->notes = XCNEWVEC(char *, units);
	for (size_t k = 0; k < units; k++) {
		unsigned long a = 0;
		struct symbol sym;
		char note[SYMBOL_NAME_MAX + 32];

		memcpy(&a, it->bytes + k * (size_t)it->unit, (size_t)it->unit);
		if (!symbols_lookup(sy, a, &sym))
			continue;
		symbols_short(&sym, note, sizeof(note));
		if (note[0])
			it->notes[k] = xstrdup(note);
	}
	symbols_close(sy);
}

void cmd_x(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	struct xfmt f;
	int only, argc;
	char *text = NULL;
	size_t len, first = r->n;
	bool string;

	if (!parse_fmt(a->suffix, &f, r) || !cmd_need_session(d, r))
		return;
	argc = cmd_parse_in(d, a->argc, a->argv, &only, r);
	if (argc == -2)
		return;
	if (argc == 0 && !d->x.valid) {
		result_error(r, "Argument required (starting display address): x/NFU ADDR.");
		return;
	}
	if (a->argc == 0)
		only = d->x.only;
	f.fmt = f.fmt ? f.fmt : d->x.fmt;
	string = f.fmt == 's';
	if (f.fmt == 'i' && f.unit) {
		result_error(r, "x/i reads instructions: no unit.");
		return;
	}
	if (f.back && (string || f.fmt == 'i')) {
		result_error(r, "x/-N goes back by units: not with s or i, whose lengths differ.");
		return;
	}
	if (string && f.unit > 1) {
		result_error(r, "x/s reads byte strings: no unit but b.");
		return;
	}
	if (!f.unit && f.fmt == 'i')
		f.unit = 1;
	if (!f.unit)
		f.unit = f.fmt == 'a' ? 8 : f.fmt == 'c' || string ? 1 : d->x.unit;
	if (!f.count)
		f.count = 1;
	if (string && f.count > X_STRINGS_MAX)
		f.count = X_STRINGS_MAX;
	len = string ? X_STRING_MAX : (size_t)f.count * (size_t)f.unit;
	if (len > X_BYTES_MAX) {
		result_error(r, "x/%ld%c%c would read %zu bytes; at most %d.",
			     f.count, f.fmt, "?bh?w???g"[f.unit], len,
			     X_BYTES_MAX);
		return;
	}
	if (argc > 0) {
		text = cmd_join(argc, a->argv);
		if (!check_syntax(text, r)) {
			free(text);
			return;
		}
	}
	if (f.fmt == 'i') {
		x_insns(d, text, f.count, only, r);
		free(text);
		return;
	}
	d->x.fmt = f.fmt;
	if (!string)
		d->x.unit = f.unit;
	d->x.count = (int)f.count;
	d->x.only = only;
	for (int v = 0; v < d->s->n; v++) {
		unsigned long addr;
		unsigned char *buf;
		char gap[128];
		size_t n;
		struct item *it;

		if (only >= 0 && v != only)
			continue;
		if (text && !cmd_eval_in(d, v, text, &addr, r))
			continue;
		if (!text)
			addr = d->x.next[v];
		if (f.back && addr < len) {
			result_error(r, "variant %d: x/-%ld%c%c reads %zu bytes before %#lx: there are fewer.",
				     v, f.count, f.fmt, "?bh?w???g"[f.unit],
				     len, addr);
			continue;
		}
		if (f.back)
			addr -= len;	/* and Enter goes on back from there */
		buf = XNEWVEC(unsigned char, len);
		n = read_dump(d, v, addr, len, string, f.count, buf, gap,
			      sizeof(gap), r);
		n -= n % (size_t)f.unit;
		if (n == 0) {
			free(buf);
			if (gap[0])
				result_error(r, "%s", gap);
			continue;
		}
		it = result_add(r, IT_HEX, v);
		it->addr = addr;
		it->bytes = buf;
		it->len = n;
		it->fmt = f.fmt;
		it->unit = f.unit;
		if (f.fmt == 'a')
			note_symbols(d, v, it);
		d->x.next[v] = f.back ? addr : addr + n;
		if (gap[0])
			result_error(r, "%s", gap);
	}
	d->x.valid = true;
	mark_differences(r, first);
	free(text);
}

/* The bytes of a range, as a short hex cell. */
static void hex_cell(const unsigned char *p, size_t n, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < 8 && at + 4 < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%02x",
				       i ? " " : "", p[i]);
	if (n > 8 && at + 5 < size)
		snprintf(buf + at, size - at, " ...");
}

static bool same_at(unsigned char *const *bufs, int n, size_t k)
{
	for (int v = 1; v < n; v++)
		if (bufs[v][k] != bufs[0][k])
			return false;
	return true;
}

/* The variants of the focused set that still run: their indices into
 * live, the count returned; the ended ones named in r. */
static int live_variants(struct debugger *d, int *live, struct result *r)
{
	const struct vset *set = sets_focused(d);
	int n = 0;

	for (int v = 0; v < d->s->n; v++) {
		enum vstate st = set->v[v].state;

		if (st == VS_EXITED || st == VS_KILLED || st == VS_NEW)
			result_text(r, "(variant %d is not running: left out)", v);
		else
			live[n++] = v;
	}
	return n;
}

/* LEN of diff: the same in every variant compared. */
static bool diff_len(struct debugger *d, const char *text, const int *live,
		     int n, unsigned long *len, struct result *r)
{
	for (int j = 0; j < n; j++) {
		unsigned long here;

		if (!cmd_eval_in(d, live[j], text, &here, r))
			return false;
		if (j > 0 && here != *len) {
			result_error(r, "diff: LEN \"%s\" is %lu in variant %d and %lu in variant %d: give one length.",
				     text, *len, live[0], here, live[j]);
			return false;
		}
		*len = here;
	}
	if (*len == 0 || *len > DIFF_LEN_MAX) {
		result_error(r, "diff: LEN must be 1 to %d, not %lu.", DIFF_LEN_MAX,
			     *len);
		return false;
	}
	return true;
}

void cmd_diff(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	unsigned char *bufs[MAX_VARIANTS] = { 0 };
	unsigned long addr[MAX_VARIANTS], len = 0;
	struct error err = { 0 };
	const char *lentext = a->argv[a->argc - 1];
	char *text;
	int ranges = 0, n, live[MAX_VARIANTS];
	size_t differing = 0;
	bool ok;

	if (!cmd_need_session(d, r) || !check_syntax(lentext, r))
		return;
	n = live_variants(d, live, r);
	if (n < 2) {
		result_error(r, "diff compares variants: fewer than two are running.");
		return;
	}
	if (!diff_len(d, lentext, live, n, &len, r))
		return;
	text = cmd_join(a->argc - 1, a->argv);
	ok = check_syntax(text, r);
	for (int j = 0; j < n && ok; j++) {
		int v = live[j];
		ssize_t got;

		ok = cmd_eval_in(d, v, text, &addr[j], r);
		if (!ok)
			break;
		bufs[j] = XNEWVEC(unsigned char, len);
		got = inspect_set_read(d->s, dbg_focus(d), v, addr[j], bufs[j],
				       len, &err);
		if (got < 0) {
			result_error(r, "%s", err.msg);
			ok = false;
		} else if ((size_t)got < len) {
			result_error(r, "variant %d: cannot access memory at %#lx: only %zd of %lu bytes readable",
				     v, addr[j] + (size_t)got, got, len);
			ok = false;
		}
	}
	free(text);
	for (size_t k = 0; ok && k < len;) {
		size_t end = k;
		char row[1024];

		if (same_at(bufs, n, k)) {
			k++;
			continue;
		}
		while (end < len && !same_at(bufs, n, end))
			end++;
		differing += end - k;
		if (ranges++ == 0) {
			snprintf(row, sizeof(row), "Offset\tLength");
			for (int j = 0; j < n; j++)
				snprintf(row + strlen(row), sizeof(row) - strlen(row),
					 "\tvariant %d", live[j]);
			result_row(r, true, "%s", row);
		}
		if (ranges <= DIFF_ROWS_MAX) {
			snprintf(row, sizeof(row), "+%#zx\t%zu", k, end - k);
			for (int j = 0; j < n; j++) {
				char cell[64];

				hex_cell(bufs[j] + k, end - k, cell, sizeof(cell));
				snprintf(row + strlen(row), sizeof(row) - strlen(row),
					 "\t%#lx: %s", addr[j] + k, cell);
			}
			result_row(r, false, "%s", row);
		}
		k = end;
	}
	if (ok && ranges > DIFF_ROWS_MAX)
		result_text(r, "(%d more ranges)", ranges - DIFF_ROWS_MAX);
	if (ok && ranges)
		result_text(r, "%zu of %lu bytes differ, in %d range%s.", differing,
			    len, ranges, ranges == 1 ? "" : "s");
	else if (ok)
		result_text(r, "The %lu bytes are the same in every variant.", len);
	for (int j = 0; j < n; j++)
		free(bufs[j]);
}
