/* Breakpoints: divergence, syscall sets, fds and path globs, with
 * conditions and functions on the stack.  Ignore rules are ignores.c. */
#include "debugger.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <libiberty.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {
	[BK_DIVERGENCE] = "divergence",
	[BK_SYSCALL] = "syscall",
	[BK_FD] = "fd",
	[BK_PATH] = "path",
};

void breaks_init(struct debugger *d)
{
	struct breakpoint *bp = &d->breaks[0];

	bp->num = d->next_break++;
	bp->kind = BK_DIVERGENCE;
	bp->enabled = true;
}

/* Copies the condition at text (raw, from cmd_word_at) into cond after
 * checking it; false with an error in r (cond untouched). */
static bool take_condition(struct debugger *d, const char *text,
			   char *cond, struct result *r)
{
	struct error err = { 0 };
	char buf[BREAK_TEXT_MAX];
	size_t n = strlen(text);

	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	if (n >= BREAK_TEXT_MAX) {
		result_error(r, "The condition is too long (at most %d characters).",
			     BREAK_TEXT_MAX - 1);
		return false;
	}
	memcpy(buf, text, n);
	buf[n] = '\0';
	if (expr_check(d, buf, &err) == -1) {
		result_error(r, "Bad condition: %s", err.msg);
		return false;
	}
	memcpy(cond, buf, n + 1);
	return true;
}

/* Where the condition of `break KIND ARG if COND` begins in a's raw
 * text, or NULL when there is none; false with an error in r when the
 * words after ARG are not `if COND`. */
static bool find_condition(const struct cmdargs *a, char *infunc,
			   const char **cond, struct result *r)
{
	int at = 2;

	*cond = NULL;
	if (a->argc > at && strcmp(a->argv[at], "in") == 0) {
		if (a->argc == at + 1) {
			result_error(r, "\"in\" needs a function (break syscall openat in dlopen).");
			return false;
		}
		if (strlen(a->argv[at + 1]) >= BREAK_TEXT_MAX) {
			result_error(r, "The function name is too long (at most %d characters).",
				     BREAK_TEXT_MAX - 1);
			return false;
		}
		strcpy(infunc, a->argv[at + 1]);
		at += 2;
	}
	if (a->argc <= at)
		return true;
	if (strcmp(a->argv[at], "if") != 0) {
		result_error(r, "\"%s\": only \"in FUNCTION\" and a condition may follow what a breakpoint watches (break syscall write in main if $arg0 == 1).",
			     a->argv[at]);
		return false;
	}
	*cond = cmd_word_at(a->rest, at + 1);
	if (!*cond) {
		result_error(r, "\"if\" needs a condition (break syscall write if $arg0 == 1).");
		return false;
	}
	return true;
}

/* Whether every bracket expression of glob is closed (fnmatch would
 * take an open one literally, or match nothing). */
static bool glob_closed(const char *glob)
{
	for (const char *p = glob; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p != '[')
			continue;
		p++;
		if (*p == '!' || *p == '^')
			p++;
		if (*p == ']')
			p++;
		while (*p && *p != ']')
			p++;
		if (!*p)
			return false;
	}
	return true;
}

/* The slot after the last breakpoint, the table packed first where
 * deletions left holes: breakpoints stay in the order they were made,
 * as `info breakpoints` lists them.  (No pointer into the table lives
 * past a command.) */
static struct breakpoint *free_slot(struct debugger *d)
{
	int n = 0;

	for (int i = 0; i < MAX_BREAKS; i++)
		if (d->breaks[i].num)
			d->breaks[n++] = d->breaks[i];
	for (int i = n; i < MAX_BREAKS; i++)
		d->breaks[i] = (struct breakpoint){ 0 };
	return n < MAX_BREAKS ? &d->breaks[n] : NULL;
}

static void add_break(struct debugger *d, const struct cmdargs *a,
		      bool temporary, struct result *r)
{
	struct breakpoint nb = { .temporary = temporary, .enabled = true };
	struct breakpoint *slot;
	const char *kind = a->argv[0];
	size_t len = strlen(kind);
	const char *arg = a->argc > 1 ? a->argv[1] : NULL;
	const char *cond;
	struct error err = { 0 };
	long fd;

	if (len && strncmp(kind, "divergence", len) == 0) {
		nb.kind = BK_DIVERGENCE;
		if (arg) {
			result_error(r, "\"break divergence\" takes nothing more.");
			return;
		}
	} else if (len && strncmp(kind, "syscall", len) == 0) {
		nb.kind = BK_SYSCALL;
		if (!arg) {
			result_error(r, "\"break syscall\" needs a set: names, numbers or %%classes (break syscall openat,read).");
			return;
		}
		if (filter_parse(arg, &nb.calls, &err) == -1) {
			result_error(r, "break syscall: %s", err.msg);
			return;
		}
	} else if (len && strncmp(kind, "fd", len) == 0) {
		nb.kind = BK_FD;
		if (!arg || !cmd_number(arg, &fd) || fd < 0 || fd > 0x7fffffff) {
			result_error(r, "\"break fd\" needs a descriptor number, not \"%s\".",
				     arg ? arg : "");
			return;
		}
		nb.fd = fd;
	} else if (len && strncmp(kind, "path", len) == 0) {
		nb.kind = BK_PATH;
		if (!arg || !*arg) {
			result_error(r, "\"break path\" needs a glob (break path '/etc/*').");
			return;
		}
		if (!glob_closed(arg)) {
			result_error(r, "\"%s\": a '[' in a glob needs its ']' (\"[[]\" matches a '[' itself).",
				     arg);
			return;
		}
	} else {
		result_error(r, "\"%s\": break what?  divergence, syscall SET, fd N or path GLOB.",
			     kind);
		return;
	}
	if (arg)
		snprintf(nb.what, sizeof(nb.what), "%s", arg);
	if (!find_condition(a, nb.infunc, &cond, r) ||
	    (cond && !take_condition(d, cond, nb.cond, r)))
		return;
	slot = free_slot(d);
	if (!slot) {
		result_error(r, "Too many breakpoints (%d); delete some first.",
			     MAX_BREAKS);
		return;
	}
	nb.num = d->next_break++;
	*slot = nb;
	result_text(r, "%s %d: %s%s%s%s%s%s%s.",
		    temporary ? "Temporary breakpoint" : "Breakpoint", nb.num,
		    kind_names[nb.kind], arg ? " " : "", nb.what,
		    nb.infunc[0] ? " in " : "", nb.infunc,
		    nb.cond[0] ? " if " : "", nb.cond);
}

void cmd_break(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	add_break(d, a, false, r);
}

void cmd_tbreak(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	add_break(d, a, true, r);
}

/* Applies f to the breakpoints numbered in a (all without numbers). */
static void each_break(struct debugger *d, const struct cmdargs *a,
		       void (*f)(struct breakpoint *bp), struct result *r)
{
	for (int k = 0; k < a->argc; k++) {
		long num;
		bool found = false;

		if (!cmd_number(a->argv[k], &num)) {
			result_error(r, "\"%s\" is not a breakpoint number.",
				     a->argv[k]);
			return;
		}
		for (int i = 0; i < MAX_BREAKS; i++)
			if (d->breaks[i].num && d->breaks[i].num == num) {
				f(&d->breaks[i]);
				found = true;
			}
		if (!found)
			result_error(r, "No breakpoint number %ld.", num);
	}
	if (a->argc == 0)
		for (int i = 0; i < MAX_BREAKS; i++)
			if (d->breaks[i].num)
				f(&d->breaks[i]);
}

static void do_delete(struct breakpoint *bp)
{
	memset(bp, 0, sizeof(*bp));
}

static void do_enable(struct breakpoint *bp)
{
	bp->enabled = true;
}

static void do_disable(struct breakpoint *bp)
{
	bp->enabled = false;
}

void cmd_delete(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	bool divergence = false, any = false;

	for (int i = 0; i < MAX_BREAKS; i++) {
		const struct breakpoint *bp = &d->breaks[i];
		bool named = a->argc == 0;

		for (int k = 0; k < a->argc && !named; k++) {
			long num;

			named = cmd_number(a->argv[k], &num) && num == bp->num;
		}
		if (bp->num && named) {
			any = true;
			divergence |= bp->kind == BK_DIVERGENCE;
		}
	}
	/* As gdb: all of them only when the person agrees. */
	if (a->argc == 0 && any && d->hooks.confirm &&
	    !d->hooks.confirm(d->hooks.ctx, "Delete all breakpoints? ")) {
		result_text(r, "Not confirmed.");
		return;
	}
	each_break(d, a, do_delete, r);
	if (a->argc == 0 && !any)
		result_text(r, "No breakpoints to delete.");
	else if (a->argc == 0)
		result_text(r, "Deleted every breakpoint.");
	if (divergence)
		result_text(r, "`break divergence` is deleted: the variants still stop where they diverge (a diverging call cannot run), but continue no longer reports it as a breakpoint; `break divergence` brings it back.");
}

void cmd_enable(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	each_break(d, a, do_enable, r);
}

void cmd_disable(struct debugger *d, const struct cmdargs *a,
		 struct result *r)
{
	each_break(d, a, do_disable, r);
}

void breaks_info(struct debugger *d, struct result *r)
{
	bool any = false;

	for (int i = 0; i < MAX_BREAKS; i++) {
		const struct breakpoint *bp = &d->breaks[i];

		if (!bp->num)
			continue;
		if (!any)
			result_row(r, true, "Num\tType\tDisp\tEnb\tHits\tWhat");
		any = true;
		result_row(r, false, "%d\t%s\t%s\t%s\t%lu\t%s%s%s%s%s", bp->num,
			   kind_names[bp->kind], bp->temporary ? "del" : "keep",
			   bp->enabled ? "y" : "n", bp->hits,
			   bp->kind == BK_DIVERGENCE ? "the variants disagree" :
						       bp->what,
			   bp->infunc[0] ? " in " : "", bp->infunc,
			   bp->cond[0] ? " if " : "", bp->cond);
	}
	if (!any)
		result_text(r, "No breakpoints.");
}

static bool match_fd(const struct call *c, long fd)
{
	for (int i = 0; i < c->sc->nargs; i++) {
		int kind = c->sc->args[i].kind;

		if ((kind == ARG_FD || kind == ARG_DIRFD) &&
		    (int)c->args[i] == fd)
			return true;
	}
	return false;
}

static bool match_path(const struct call *c, const char *glob)
{
	for (int i = 0; i < c->sc->nargs; i++) {
		const struct argval *v = &c->val[i];
		char path[4096];
		size_t n;

		if (c->sc->args[i].kind != ARG_PATH || !v->read || v->err ||
		    !v->data)
			continue;
		n = v->len < sizeof(path) - 1 ? v->len : sizeof(path) - 1;
		memcpy(path, v->data, n);
		path[n] = '\0';
		if (fnmatch(glob, path, 0) == 0)
			return true;
	}
	return false;
}

/* Evaluates bp's condition in every variant of the set that stopped. */
static void eval_condition(struct debugger *d, const struct breakpoint *bp,
			   struct condresult *cr)
{
	memset(cr, 0, sizeof(*cr));
	cr->nvariants = d->s->n;
	for (int v = 0; v < d->s->n; v++) {
		struct expr_variant ev = { .d = d, .v = v, .stopset = true };
		struct expr_env env;
		struct error err = { 0 };
		struct value val;

		expr_variant_env(&ev, &env);
		if (expr_value(bp->cond, &env, &val, &err) == 0) {
			if (expr_true(&val))
				cr->held |= 1u << v;
			continue;
		}
		if (cr->failed)
			continue;
		cr->failed = true;
		if (strstr(err.msg, "variant "))
			snprintf(cr->err, sizeof(cr->err), "%s", err.msg);
		else
			snprintf(cr->err, sizeof(cr->err), "variant %d: %.480s", v,
				 err.msg);
	}
}

/* Whether bp's function is on the stack of some variant of the set that
 * stopped (bits in cr->within); true too when a stack cannot be read
 * (cr->failed says why: the stop shows it). */
static bool eval_within(struct debugger *d, const struct breakpoint *bp,
			struct condresult *cr)
{
	cr->nvariants = d->s->n;
	for (int v = 0; v < d->s->n; v++) {
		struct error err = { 0 };
		int found = stack_has_function(d, d->s->cur, v, bp->infunc,
					       &err);

		if (found == 1)
			cr->within |= 1u << v;
		if (found == -1 && !cr->failed) {
			cr->failed = true;
			snprintf(cr->err, sizeof(cr->err), "%.500s", err.msg);
		}
	}
	return cr->within || cr->failed;
}

/* "every variant", "variant 1", "variants 0 and 2" for the bits set. */
static void which_words(unsigned bits, int n, char *buf, size_t size)
{
	int count = 0, last = -1, at;

	for (int v = 0; v < n; v++)
		if (bits >> v & 1)
			count++, last = v;
	if (count == n) {
		snprintf(buf, size, "every variant");
		return;
	}
	at = snprintf(buf, size, "variant%s", count > 1 ? "s" : "");
	for (int v = 0, k = 0; v < n && at > 0 && (size_t)at < size; v++)
		if (bits >> v & 1)
			at += snprintf(buf + at, size - (size_t)at, "%s%d",
				       k++ == 0 ? " " : v == last ? " and " : ", ",
				       v);
}

void breaks_cond_words(const struct breakpoint *bp,
		       const struct condresult *cr, char *buf, size_t size)
{
	char in[96] = "", held[96] = "";

	buf[0] = '\0';
	if (bp->infunc[0] && cr->within)
		which_words(cr->within, cr->nvariants, in, sizeof(in));
	if (bp->cond[0] && cr->held)
		which_words(cr->held, cr->nvariants, held, sizeof(held));
	if (in[0] && held[0])
		snprintf(buf, size, " (%s on the stack of %s; condition true in %s)",
			 bp->infunc, in, held);
	else if (in[0])
		snprintf(buf, size, " (%s on the stack of %s)", bp->infunc, in);
	else if (held[0])
		snprintf(buf, size, " (condition true in %s)", held);
}

void breaks_calls(const struct debugger *d, struct filter *f)
{
	memset(f, 0, sizeof(*f));
	for (int i = 0; i < MAX_BREAKS; i++) {
		const struct breakpoint *bp = &d->breaks[i];

		if (!bp->num || !bp->enabled || bp->kind != BK_SYSCALL)
			continue;
		for (size_t w = 0; w < FILTER_WORDS; w++)
			f->bits[w] |= bp->calls.bits[w];
	}
}

struct breakpoint *breaks_match(struct debugger *d, struct condresult *cr)
{
	const struct variant *v = &d->s->v[0];
	struct breakpoint *best = NULL;
	struct condresult mine;

	memset(cr, 0, sizeof(*cr));
	if (v->state != VS_SYSCALL)
		return NULL;
	for (int i = 0; i < MAX_BREAKS; i++) {
		struct breakpoint *bp = &d->breaks[i];
		bool hit = false;

		if (!bp->num || !bp->enabled)
			continue;
		switch (bp->kind) {
		case BK_DIVERGENCE:
			break;
		case BK_SYSCALL:
			hit = filter_match(&bp->calls, v->call.nr);
			break;
		case BK_FD:
			hit = v->call.sc && match_fd(&v->call, bp->fd);
			break;
		case BK_PATH:
			hit = v->call.sc && match_path(&v->call, bp->what);
			break;
		}
		if (!hit || (best && bp->num > best->num))
			continue;
		memset(&mine, 0, sizeof(mine));
		if (bp->infunc[0] && !eval_within(d, bp, &mine))
			continue;
		if (bp->cond[0] && !mine.failed) {
			unsigned within = mine.within;

			eval_condition(d, bp, &mine);
			mine.within = within;
			if (!mine.held && !mine.failed)
				continue;
		}
		*cr = mine;
		best = bp;
	}
	return best;
}

void cmd_condition(struct debugger *d, const struct cmdargs *a,
		   struct result *r)
{
	struct breakpoint *bp = NULL;
	const char *cond = cmd_word_at(a->rest, 1);
	long num;

	if (!cmd_number(a->argv[0], &num)) {
		result_error(r, "\"%s\" is not a breakpoint number.", a->argv[0]);
		return;
	}
	for (int i = 0; i < MAX_BREAKS; i++)
		if (d->breaks[i].num && d->breaks[i].num == num)
			bp = &d->breaks[i];
	if (!bp) {
		result_error(r, "No breakpoint number %ld.", num);
		return;
	}
	if (!cond) {
		bp->cond[0] = '\0';
		result_text(r, "Breakpoint %d now unconditional.", bp->num);
		return;
	}
	if (bp->kind == BK_DIVERGENCE) {
		result_error(r, "Breakpoint %d stops where the variants diverge, and a diverging call cannot run: it takes no condition.",
			     bp->num);
		return;
	}
	take_condition(d, cond, bp->cond, r);
}

struct breakpoint *breaks_divergence(struct debugger *d)
{
	struct breakpoint *best = NULL;

	for (int i = 0; i < MAX_BREAKS; i++) {
		struct breakpoint *bp = &d->breaks[i];

		if (bp->num && bp->enabled && bp->kind == BK_DIVERGENCE &&
		    (!best || bp->num < best->num))
			best = bp;
	}
	return best;
}

void breaks_hit(struct debugger *d, struct breakpoint *bp,
		struct breakpoint *fired)
{
	(void)d;
	bp->hits++;
	*fired = *bp;
	if (bp->temporary)
		do_delete(bp);
}
