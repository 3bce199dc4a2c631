/* print and display: an expression evaluated in every variant of the
 * focused set, shown once when the variants agree and once per variant
 * when they do not (the ones that differ marked); print's value history
 * ($1, $2...), and the displays shown again at every stop. */
#include "debugger.h"
#include "format.h"
#include "symbols.h"

#include <ctype.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALUE_TEXT_MAX 1024	/* one value as shown */
#define STRING_SHOWN_MAX 200	/* characters of a string shown (gdb's
				   `print elements`) */
#define PAGE 4096		/* strings are read a page at a time */
#define FORMATS "xduotcs"	/* print's /FMT letters */

/* One expression's values in each variant. */
struct values {
	int n;					/* evaluations: one per variant,
						   or one without a program */
	bool each;				/* one per variant */
	int set;				/* of the focused set */
	bool ok[MAX_VARIANTS];			/* evaluation K gave a value */
	struct value val[MAX_VARIANTS];		/* and that value */
	char text[MAX_VARIANTS][VALUE_TEXT_MAX]; /* as shown, or the error */
};

/* Parses print's "/x" (suffix may be ""): false with an error in r. */
static bool parse_format(const char *suffix, char *fmt, struct result *r)
{
	*fmt = 0;
	if (!*suffix)
		return true;
	if (strlen(suffix) != 2 || !strchr(FORMATS, suffix[1]) || !suffix[1]) {
		result_error(r, "Bad format \"%s\": one letter of x d u o t c s (p/x $arg0, p/s $arg1).",
			     suffix);
		return false;
	}
	*fmt = suffix[1];
	return true;
}

/* The expression of raw argument text: without the spaces around it;
 * newly allocated. */
static char *expression(const char *rest)
{
	size_t n;

	while (isspace((unsigned char)*rest))
		rest++;
	n = strlen(rest);
	while (n && isspace((unsigned char)rest[n - 1]))
		n--;
	return xstrndup(rest, n);
}

/* The C string at addr as a literal ("..." after it when cut), read a
 * page at a time so that a string ending before an unmapped page reads. */
static int string_text(const struct expr_env *env, unsigned long addr,
		       char *buf, size_t size, struct error *err)
{
	unsigned char bytes[STRING_SHOWN_MAX + 1];
	size_t len = 0;
	bool cut = true;

	while (len < sizeof(bytes)) {
		size_t chunk = PAGE - ((addr + len) % PAGE);
		unsigned char *nul;

		if (chunk > sizeof(bytes) - len)
			chunk = sizeof(bytes) - len;
		if (env->read(env->ctx, addr + len, bytes + len, chunk,
			      err) == -1) {
			if (len == 0)
				return -1;
			break;
		}
		nul = memchr(bytes + len, 0, chunk);
		if (nul) {
			len = (size_t)(nul - bytes);
			cut = false;
			break;
		}
		len += chunk;
	}
	format_bytes(bytes, len, STRING_SHOWN_MAX, cut, buf, size);
	return 0;
}

/* A char as gdb shows it: 'a', '\n', '\'', '\310'. */
static void char_text(unsigned char c, char *buf, size_t size)
{
	static const char esc[] = "\a\b\t\n\v\f\r";
	static const char names[] = "abtnvfr";
	const char *e = c ? strchr(esc, c) : NULL;

	if (e)
		snprintf(buf, size, "'\\%c'", names[e - esc]);
	else if (c == '\'' || c == '\\')
		snprintf(buf, size, "'\\%c'", c);
	else if (isprint(c))
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "'\\%03o'", c);
}

/* val as C shows it, without a format. */
static int natural_text(const struct expr_env *env, const struct value *val,
			char *buf, size_t size, struct error *err)
{
	struct vtype t = val->type;
	char name[VTYPE_NAME_MAX], ch[8];
	const char *errname;
	int at;

	if (vtype_string(t) && val->bits) {
		at = snprintf(buf, size, "0x%lx ", val->bits);
		return string_text(env, val->bits, buf + at, size - (size_t)at,
				   err);
	}
	if (vtype_string(t)) {
		snprintf(buf, size, "0x0");
	} else if (t.ptr) {
		char sym[SYMBOL_NAME_MAX + 8] = "";

		/* Only code has symbols: a stack or heap pointer is not
		 * looked up (nor is anything while only checking). */
		if (env->symbol && !env->check)
			env->symbol(env->ctx, val->bits, sym, sizeof(sym));
		snprintf(buf, size, "(%s) 0x%lx%s%s",
			 vtype_name(t, name, sizeof(name)), val->bits,
			 sym[0] ? " " : "", sym);
	} else if (t.base == VB_ERRNO) {
		errname = strerrorname_np((int)val->bits);
		if (errname)
			snprintf(buf, size, "%s (%ld)", errname, (long)val->bits);
		else
			snprintf(buf, size, "%ld", (long)val->bits);
	} else if (t.base == VB_CHAR || t.base == VB_SCHAR ||
		   t.base == VB_UCHAR) {
		char_text((unsigned char)val->bits, ch, sizeof(ch));
		snprintf(buf, size, vtype_signed(t) ? "%ld %s" : "%lu %s",
			 val->bits, ch);
	} else {
		snprintf(buf, size, vtype_signed(t) ? "%ld" : "%lu", val->bits);
	}
	return 0;
}

/* val in print's format fmt (0: as C shows it) into buf; a string is
 * read through env.  -1 with err when memory cannot be read. */
static int value_text(const struct expr_env *env, const struct value *val,
		      char fmt, char *buf, size_t size, struct error *err)
{
	int width = vtype_size(val->type) * 8;
	unsigned long u = width < 64 ? val->bits & ((1UL << width) - 1) :
				       val->bits;
	long sv = width < 64 ? (long)(u << (64 - width)) >> (64 - width) :
			       (long)u;
	char ch[8];
	int at = 0;

	switch (fmt) {
	case 'x':
		snprintf(buf, size, "0x%lx", u);
		break;
	case 'o':
		snprintf(buf, size, u ? "0%lo" : "0", u);
		break;
	case 't':
		for (int b = 63; b >= 0 && (size_t)at + 1 < size; b--)
			if (u >> b & 1 || at || b == 0)
				buf[at++] = u >> b & 1 ? '1' : '0';
		buf[at] = '\0';
		break;
	case 'd':
		snprintf(buf, size, "%ld", sv);
		break;
	case 'u':
		snprintf(buf, size, "%lu", u);
		break;
	case 'c':
		char_text((unsigned char)u, ch, sizeof(ch));
		snprintf(buf, size, "%d %s", (signed char)u, ch);
		break;
	case 's':
		return string_text(env, val->bits, buf, size, err);
	default:
		return natural_text(env, val, buf, size, err);
	}
	return 0;
}

/* Evaluates text in every variant of the focused set (once when no
 * program runs) and shows each value in format fmt. */
static void evaluate(struct debugger *d, const char *text, char fmt,
		     struct values *vs)
{
	vs->each = expr_program_runs(d);
	vs->n = vs->each ? d->s->n : 1;
	vs->set = dbg_focus(d);
	for (int v = 0; v < vs->n; v++) {
		struct expr_variant ev = { .d = d, .v = v };
		struct expr_env env;
		struct error err = { 0 };

		expr_variant_env(&ev, &env);
		vs->ok[v] = expr_value(text, &env, &vs->val[v], &err) == 0 &&
			    value_text(&env, &vs->val[v], fmt, vs->text[v],
				       VALUE_TEXT_MAX, &err) == 0;
		if (!vs->ok[v])
			snprintf(vs->text[v], VALUE_TEXT_MAX, "%s", err.msg);
	}
}

/* The error of evaluation v, naming its variant when it does not. */
static void add_error(const struct values *vs, int v, const char *errlabel,
		      struct result *r)
{
	const char *msg = vs->text[v];

	if (!vs->each || strstr(msg, "variant "))
		result_error(r, "%s%s", errlabel, msg);
	else if (vs->set > 0)
		result_error(r, "%sset %d variant %d: %s", errlabel, vs->set, v,
			     msg);
	else
		result_error(r, "%svariant %d: %s", errlabel, v, msg);
}

/* How many evaluations with a value show the same as evaluation v. */
static int agreeing(const struct values *vs, int v)
{
	int n = 0;

	for (int w = 0; w < vs->n; w++)
		n += vs->ok[w] && strcmp(vs->text[w], vs->text[v]) == 0;
	return n;
}

/* The evaluation whose value most others share, or -1 when no value is
 * shared by more than any other. */
static int majority(const struct values *vs)
{
	int best = -1, most = 1;
	bool tie = false;

	for (int v = 0; v < vs->n; v++) {
		int n = vs->ok[v] ? agreeing(vs, v) : 0;

		if (n > most) {
			best = v, most = n, tie = false;
		} else if (n == most && best >= 0 &&
			   strcmp(vs->text[v], vs->text[best]) != 0) {
			tie = true;
		}
	}
	return tie ? -1 : best;
}

/* Adds the values: one item when every variant shows the same, else one
 * per variant (errors with errlabel before them). */
static void emit(const struct values *vs, const char *label,
		 const char *errlabel, struct result *r)
{
	bool same = true, same_error = true;
	int most;

	for (int v = 0; v < vs->n; v++) {
		same &= vs->ok[v] && strcmp(vs->text[v], vs->text[0]) == 0;
		same_error &= !vs->ok[v] && strcmp(vs->text[v], vs->text[0]) == 0;
	}
	if (same_error) {	/* 1 / 0: the expression's, not a variant's */
		result_error(r, "%s%s", errlabel, vs->text[0]);
		return;
	}
	if (same) {
		struct item *it = result_add(r, IT_VALUE, RESULT_ALL);

		it->text = xstrdup(label);
		it->value = xstrdup(vs->text[0]);
		return;
	}
	most = majority(vs);
	for (int v = 0; v < vs->n; v++) {
		struct item *it;

		if (!vs->ok[v]) {
			add_error(vs, v, errlabel, r);
			continue;
		}
		it = result_add(r, IT_VALUE, vs->each ? v : RESULT_ALL);
		it->text = xstrdup(label);
		it->value = xstrdup(vs->text[v]);
		it->marked = vs->each && (most < 0 ||
			     strcmp(vs->text[v], vs->text[most]) != 0);
	}
}

/* Keeps the values as $N of the history; returns N. */
static unsigned long remember(struct debugger *d, const struct values *vs)
{
	struct histval *h;

	if (d->nvalues == d->capvalues) {
		d->capvalues = d->capvalues ? 2 * d->capvalues : 16;
		d->values = XRESIZEVEC(struct histval, d->values, d->capvalues);
	}
	h = &d->values[d->nvalues++];
	memset(h, 0, sizeof(*h));
	for (int v = 0; v < MAX_VARIANTS; v++) {
		int from = vs->each ? v : 0;	/* no program: one for all */

		if (from < vs->n && vs->ok[from]) {
			h->v[v] = vs->val[from];
			h->have |= 1u << v;
		}
	}
	return d->nvalues;
}

/* Checks an expression before it runs; false with an error in r. */
static bool checked(struct debugger *d, const char *text, struct result *r)
{
	struct error err = { 0 };

	if (expr_check(d, text, &err) == 0)
		return true;
	result_error(r, "%s", err.msg);
	return false;
}

void cmd_print(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	struct values *vs;
	char fmt, label[32] = "";
	char *text;
	bool any = false;

	if (!parse_format(a->suffix, &fmt, r))
		return;
	text = expression(a->rest);
	if (!checked(d, text, r)) {
		free(text);
		return;
	}
	vs = XCNEW(struct values);
	evaluate(d, text, fmt, vs);
	for (int v = 0; v < vs->n; v++)
		any |= vs->ok[v];
	if (any)
		snprintf(label, sizeof(label), "$%lu", remember(d, vs));
	emit(vs, label, "", r);
	free(vs);
	free(text);
}

/* Shows display disp now. */
static void show_display(struct debugger *d, const struct display *disp,
			 struct result *r)
{
	struct values *vs = XCNEW(struct values);
	char label[DISPLAY_TEXT_MAX + 16], errlabel[DISPLAY_TEXT_MAX + 32];

	snprintf(label, sizeof(label), "%d: %s%.1s%s%s", disp->num,
		 disp->fmt ? "/" : "", &disp->fmt, disp->fmt ? " " : "",
		 disp->text);
	snprintf(errlabel, sizeof(errlabel), "%s: ", label);
	evaluate(d, disp->text, disp->fmt, vs);
	emit(vs, label, errlabel, r);
	free(vs);
}

void displays_show(struct debugger *d, struct result *r)
{
	if (!expr_program_runs(d))
		return;
	for (int i = 0; i < d->ndisplays; i++)
		show_display(d, &d->displays[i], r);
}

void cmd_display(struct debugger *d, const struct cmdargs *a,
		 struct result *r)
{
	struct display *disp;
	char fmt, *text;

	if (!parse_format(a->suffix, &fmt, r))
		return;
	text = expression(a->rest);
	if (!*text && !fmt) {	/* gdb's `display`: all of them, now */
		free(text);
		displays_show(d, r);
		return;
	}
	if (!*text) {
		result_error(r, "\"display/%c\" needs an expression.", fmt);
	} else if (strlen(text) >= DISPLAY_TEXT_MAX) {
		result_error(r, "The expression is too long (at most %d characters).",
			     DISPLAY_TEXT_MAX - 1);
	} else if (d->ndisplays == MAX_DISPLAYS) {
		result_error(r, "Too many displays (%d); undisplay some first.",
			     MAX_DISPLAYS);
	} else if (checked(d, text, r)) {
		disp = &d->displays[d->ndisplays++];
		disp->num = d->next_display++;
		disp->fmt = fmt;
		snprintf(disp->text, sizeof(disp->text), "%s", text);
		if (expr_program_runs(d))
			show_display(d, disp, r);
	}
	free(text);
}

void cmd_undisplay(struct debugger *d, const struct cmdargs *a,
		   struct result *r)
{
	if (a->argc == 0) {
		d->ndisplays = 0;
		return;
	}
	for (int k = 0; k < a->argc; k++) {
		long num;
		int i = 0;

		if (!cmd_number(a->argv[k], &num)) {
			result_error(r, "\"%s\" is not a display number.", a->argv[k]);
			return;
		}
		while (i < d->ndisplays && d->displays[i].num != num)
			i++;
		if (i == d->ndisplays) {
			result_error(r, "No display number %ld.", num);
			continue;
		}
		memmove(&d->displays[i], &d->displays[i + 1],
			(size_t)(d->ndisplays - i - 1) * sizeof(d->displays[0]));
		d->ndisplays--;
	}
}

void displays_info(struct debugger *d, struct result *r)
{
	if (!d->ndisplays) {
		result_text(r, "There are no auto-display expressions now.");
		return;
	}
	result_text(r, "Auto-display expressions now in effect:");
	result_row(r, true, "Num\tExpression");
	for (int i = 0; i < d->ndisplays; i++) {
		const struct display *disp = &d->displays[i];

		result_row(r, false, "%d:\t%s%.1s%s%s", disp->num,
			   disp->fmt ? "/" : "", &disp->fmt,
			   disp->fmt ? " " : "", disp->text);
	}
}
