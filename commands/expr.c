/* The expression evaluator of x and diff: numbers, $names, + - *,
 * unary minus and parentheses, in 64-bit unsigned arithmetic (wraps, as
 * addresses do).  Recursive descent with a depth bound. */
#include "debugger.h"
#include "inspect.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPR_DEPTH_MAX 64	/* nested parentheses and unary signs */
#define EXPR_NAME_MAX 32	/* longest $name */

/* A parse in progress. */
struct parser {
	const char *text;	/* the whole expression */
	const char *p;		/* where the parse is */
	int depth;		/* nesting so far */
	expr_lookup lookup;	/* resolves $names */
	void *ctx;		/* its context */
	struct error *err;	/* where errors go */
};

static int fail(struct parser *ps, const char *what)
{
	return error_set(ps->err, ERR_USAGE,
			 "bad expression \"%.100s\": %s at column %d", ps->text,
			 what, (int)(ps->p - ps->text) + 1);
}

static void skip_space(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

static int sum(struct parser *ps, unsigned long *val);

static int number(struct parser *ps, unsigned long *val)
{
	char buf[72];
	size_t n = 0;
	char *end;

	while (isalnum((unsigned char)ps->p[n]))
		n++;
	if (n >= sizeof(buf))
		return fail(ps, "number too long");
	memcpy(buf, ps->p, n);
	buf[n] = '\0';
	errno = 0;
	*val = strtoul(buf, &end, 0);
	if (*end || errno)
		return fail(ps, errno ? "number out of range" :
				"not a number (decimal, 0x hex or 0 octal)");
	ps->p += n;
	return 0;
}

static int name(struct parser *ps, unsigned long *val)
{
	char buf[EXPR_NAME_MAX];
	size_t n = 0;

	ps->p++;	/* the $ */
	while (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')
		n++;
	if (n == 0)
		return fail(ps, "a name must follow '$' ($sp, $arg1, $ret)");
	if (n >= sizeof(buf))
		return fail(ps, "name too long");
	memcpy(buf, ps->p, n);
	buf[n] = '\0';
	if (!ps->lookup)
		return fail(ps, "no names here");
	if (ps->lookup(ps->ctx, buf, val, ps->err) == -1)
		return -1;
	ps->p += n;
	return 0;
}

static int unary(struct parser *ps, unsigned long *val)
{
	int r;

	skip_space(ps);
	if (++ps->depth > EXPR_DEPTH_MAX)
		return fail(ps, "nested too deeply");
	if (*ps->p == '-' || *ps->p == '+') {
		char sign = *ps->p++;

		r = unary(ps, val);
		if (r == 0 && sign == '-')
			*val = -*val;
	} else if (*ps->p == '(') {
		ps->p++;
		r = sum(ps, val);
		if (r == 0) {
			skip_space(ps);
			if (*ps->p != ')')
				r = fail(ps, "')' expected");
			else
				ps->p++;
		}
	} else if (*ps->p == '$') {
		r = name(ps, val);
	} else if (isdigit((unsigned char)*ps->p)) {
		r = number(ps, val);
	} else if (!*ps->p) {
		r = fail(ps, "the expression ends too soon");
	} else {
		r = fail(ps, "a number, $name or '(' expected");
	}
	ps->depth--;
	return r;
}

static int product(struct parser *ps, unsigned long *val)
{
	if (unary(ps, val) == -1)
		return -1;
	for (;;) {
		unsigned long rhs;

		skip_space(ps);
		if (*ps->p != '*')
			return 0;
		ps->p++;
		if (unary(ps, &rhs) == -1)
			return -1;
		*val *= rhs;
	}
}

static int sum(struct parser *ps, unsigned long *val)
{
	if (product(ps, val) == -1)
		return -1;
	for (;;) {
		unsigned long rhs;
		char op;

		skip_space(ps);
		if (*ps->p != '+' && *ps->p != '-')
			return 0;
		op = *ps->p++;
		if (product(ps, &rhs) == -1)
			return -1;
		*val = op == '+' ? *val + rhs : *val - rhs;
	}
}

int expr_eval(const char *text, expr_lookup lookup, void *ctx,
	      unsigned long *val, struct error *err)
{
	struct parser ps = {
		.text = text, .p = text, .lookup = lookup, .ctx = ctx,
		.err = err,
	};

	if (sum(&ps, val) == -1)
		return -1;
	skip_space(&ps);
	if (*ps.p)
		return fail(&ps, *ps.p == '/' ?
			    "no division (only + - * and parentheses)" :
			    "unexpected text");
	return 0;
}

/* Whether name is one of $arg0..$arg5, $ret or a register. */
static bool known_name(const char *name)
{
	if (strncmp(name, "arg", 3) == 0 && name[3] >= '0' && name[3] <= '5' &&
	    !name[4])
		return true;
	if (strcmp(name, "ret") == 0)
		return true;
	for (int i = 0; inspect_reg_names[i]; i++)
		if (strcmp(inspect_reg_names[i], name) == 0)
			return true;
	return false;
}

int expr_check_lookup(void *ctx, const char *name, unsigned long *val,
		      struct error *err)
{
	(void)ctx;
	*val = 0;
	if (known_name(name))
		return 0;
	return error_set(err, ERR_USAGE,
			 "$%s: no such register or name (try $sp, $pc, $rax, $arg0..$arg5, $ret)",
			 name);
}

/* The last finished call of set id in the history, or NULL. */
static const struct histent *last_call(const struct session *s, int id)
{
	for (unsigned long i = 0; i < HISTORY_SIZE; i++) {
		const struct histent *h = session_history(s, i);

		if (!h)
			break;
		if (h->set == id && h->nr >= 0 && !h->diverged)
			return h;
	}
	return NULL;
}

int expr_variant_lookup(void *ctx, const char *name, unsigned long *val,
			struct error *err)
{
	const struct expr_variant *ev = ctx;
	const struct session *s = ev->d->s;
	int id = dbg_focus(ev->d);
	const struct variant *v = &session_set(s, id)->v[ev->v];
	struct user_regs_struct regs;

	if (strncmp(name, "arg", 3) == 0 && isdigit((unsigned char)name[3]) &&
	    !name[4]) {
		int i = name[3] - '0';

		if (i >= SYSCALL_MAX_ARGS)
			return error_set(err, ERR_USAGE,
					 "$%s: arguments are $arg0 to $arg5 (from 0: $arg0 is the first)",
					 name);
		if (v->state != VS_SYSCALL || !sets_call_known(s, id))
			return error_set(err, ERR_STATE,
					 "$%s: variant %d is not at a system call",
					 name, ev->v);
		if (v->call.sc && i >= v->call.sc->nargs)
			return error_set(err, ERR_USAGE,
					 "$%s: %s takes %d argument%s ($arg0%s%.0d)",
					 name, v->call.sc->name, v->call.sc->nargs,
					 v->call.sc->nargs == 1 ? "" : "s",
					 v->call.sc->nargs > 1 ? " to $arg" : "",
					 v->call.sc->nargs > 1 ? v->call.sc->nargs - 1 : 0);
		*val = v->call.args[i];
		return 0;
	}
	if (strcmp(name, "ret") == 0) {
		const struct histent *h = last_call(s, id);

		if (!h)
			return error_set(err, ERR_STATE,
					 "$ret: variant %d has no finished call with a known result yet",
					 ev->v);
		if (!h->done[ev->v])
			return error_set(err, ERR_STATE,
					 "$ret: variant %d's last call (step %lu) has no result mvdb read (continue skips reading results; step reads them)",
					 ev->v, h->step);
		*val = (unsigned long)h->ret[ev->v];
		return 0;
	}
	switch (stack_register(ev->d, ev->v, name, val, err)) {
	case 1:
		return 0;
	case -1:
		return -1;
	}
	if (inspect_set_regs(s, id, ev->v, &regs, err) == -1)
		return -1;
	if (inspect_reg(&regs, name, val, err) == -1)
		return error_set(err, ERR_USAGE,
				 "$%s: no such register or name (try $sp, $pc, $rax, $arg0..$arg5, $ret)",
				 name);
	return 0;
}
