/* The expression evaluator: C's integer operators with C's precedence
 * over numbers, character literals, $names, casts to C's integer types
 * and pointers to them, and dereferences of variant memory.  Recursive
 * descent with a depth bound; values are 64 bits with a C type, and
 * arithmetic wraps as C's unsigned arithmetic does (never undefined).
 * Then the names x and diff have always known in a variant: $argN, $ret
 * and registers (values.c adds the rest). */
#include "debugger.h"
#include "inspect.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPR_DEPTH_MAX 64	/* nested parentheses and unary operators */
#define EXPR_NAME_MAX 32	/* longest $name (with a .field) */

/* A parse in progress. */
struct parser {
	const char *text;		/* the whole expression */
	const char *p;			/* where the parse is */
	int depth;			/* nesting so far */
	const struct expr_env *env;	/* names and memory */
	int skip;			/* inside the side of && or || that C
					   does not evaluate: nothing is looked
					   up or read there */
	struct error *err;		/* where errors go */
};

/* Each binary operator: its text and C's precedence (higher binds
 * tighter).  Two-character operators come first, so "<=" is not "<". */
static const struct optab {
	const char *text;	/* as written */
	enum binop op;		/* which */
	int prec;		/* its level */
} ops[] = {
	{ "||", OP_OR, 1 },  { "&&", OP_AND, 2 }, { "==", OP_EQ, 6 },
	{ "!=", OP_NE, 6 },  { "<=", OP_LE, 7 },  { ">=", OP_GE, 7 },
	{ "<<", OP_SHL, 8 }, { ">>", OP_SHR, 8 }, { "|", OP_BITOR, 3 },
	{ "^", OP_XOR, 4 },  { "&", OP_BITAND, 5 }, { "<", OP_LT, 7 },
	{ ">", OP_GT, 7 },   { "+", OP_ADD, 9 },  { "-", OP_SUB, 9 },
	{ "*", OP_MUL, 10 }, { "/", OP_DIV, 10 }, { "%", OP_MOD, 10 },
};

static const struct vtype t_int = { VB_INT, 0 };
static const struct vtype t_long = { VB_LONG, 0 };

static int fail(struct parser *ps, const char *what)
{
	return error_set(ps->err, ERR_USAGE,
			 "bad expression \"%.100s\": %s at column %d", ps->text,
			 what, (int)(ps->p - ps->text) + 1);
}

/* An error in a value rather than in the text (division by zero). */
static int value_fail(struct parser *ps, const char *at, const char *what)
{
	return error_set(ps->err, ERR_USAGE, "%s in \"%.100s\" at column %d",
			 what, ps->text, (int)(at - ps->text) + 1);
}

/* Values are not computed here: a check, or a side C skips. */
static bool quiet(const struct parser *ps)
{
	return ps->skip > 0 || ps->env->check;
}

static void skip_space(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

bool expr_true(const struct value *val)
{
	return val->bits != 0;
}

static int binary(struct parser *ps, int minprec, struct value *val);

/* The type C gives an integer constant: the first of its list that
 * holds it (decimal: int, long; octal and hex: int, unsigned int, long,
 * unsigned long; u and l suffixes start further on). */
static struct vtype literal_type(unsigned long v, bool decimal, bool u,
				 int longs)
{
	if (!longs && !u && v <= INT_MAX)
		return t_int;
	if (!longs && (u || !decimal) && v <= UINT_MAX)
		return (struct vtype){ VB_UINT, 0 };
	if (!u && v <= LONG_MAX)
		return t_long;
	return (struct vtype){ VB_ULONG, 0 };
}

static int number(struct parser *ps, struct value *val)
{
	char buf[72];
	size_t n = 0, digits;
	int longs = 0;
	bool u = false;
	char *end;

	while (isalnum((unsigned char)ps->p[n]))
		n++;
	if (n >= sizeof(buf))
		return fail(ps, "number too long");
	memcpy(buf, ps->p, n);
	buf[n] = '\0';
	digits = n;
	while (digits > 1 && strchr("uUlL", buf[digits - 1])) {
		if (buf[digits - 1] == 'u' || buf[digits - 1] == 'U')
			u = true;
		else
			longs++;
		buf[--digits] = '\0';
	}
	errno = 0;
	val->bits = strtoul(buf, &end, 0);
	if (*end || errno)
		return fail(ps, errno ? "number out of range" :
				"not a number (decimal, 0x hex or 0 octal)");
	val->type = literal_type(val->bits, buf[0] != '0' || !buf[1], u,
				 longs);
	ps->p += n;
	return 0;
}

/* 'a', '\n', '\0', '\x41', '\101': a char, as in C. */
static int char_literal(struct parser *ps, struct value *val)
{
	static const char esc[] = "ntrabfv0\\'\"?";
	static const char code[] = "\n\t\r\a\b\f\v\0\\'\"?";
	const char *q = ps->p + 1;
	unsigned long c;

	if (*q == '\\' && q[1] == 'x' && isxdigit((unsigned char)q[2])) {
		c = strtoul(q + 2, (char **)&q, 16);
	} else if (*q == '\\' && q[1] >= '0' && q[1] <= '7') {
		c = 0;
		for (int i = 0, d; i < 3 && (d = q[1] - '0') >= 0 && d <= 7;
		     i++, q++)
			c = c * 8 + (unsigned long)d;
		q++;
	} else if (*q == '\\' && q[1] && strchr(esc, q[1])) {
		c = (unsigned char)code[strchr(esc, q[1]) - esc];
		q += 2;
	} else if (*q && *q != '\\' && *q != '\'') {
		c = (unsigned char)*q++;
	} else {
		ps->p = q;
		return fail(ps, *q == '\'' ? "empty character constant" :
				"a character expected after '");
	}
	if (*q != '\'') {
		ps->p = q;
		return fail(ps, "a ' expected to end the character constant");
	}
	val->type = (struct vtype){ VB_CHAR, 0 };
	val->bits = vtype_fit(val->type, c);
	ps->p = q + 1;
	return 0;
}

static int name(struct parser *ps, struct value *val)
{
	char buf[EXPR_NAME_MAX];
	size_t n = 0;

	ps->p++;	/* the $ */
	while (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')
		n++;
	if (n == 0)
		return fail(ps, "a name must follow '$' ($sp, $arg1, $ret, $errno, $1)");
	/* A field: $_siginfo.si_signo. */
	if (ps->p[n] == '.' &&
	    (isalpha((unsigned char)ps->p[n + 1]) || ps->p[n + 1] == '_')) {
		n++;
		while (isalnum((unsigned char)ps->p[n]) || ps->p[n] == '_')
			n++;
	}
	if (n >= sizeof(buf))
		return fail(ps, "name too long");
	memcpy(buf, ps->p, n);
	buf[n] = '\0';
	if (!ps->env->lookup)
		return fail(ps, "no names here");
	if (ps->skip && !ps->env->check) {
		*val = (struct value){ 0, t_long };
	} else if (ps->env->lookup(ps->env->ctx, buf, val, ps->err) == -1) {
		return -1;
	}
	ps->p += n;
	return 0;
}

/* *val: reads what val points to.  An integer, or a void pointer,
 * points to 8 bytes read as a long (gdb would want a cast). */
static int deref(struct parser *ps, const char *at, struct value *val)
{
	struct vtype to = t_long;
	unsigned char buf[8] = { 0 };
	unsigned long bits;
	int size;

	if (val->type.ptr > 1 ||
	    (val->type.ptr == 1 && val->type.base != VB_VOID)) {
		to = val->type;
		to.ptr--;
	}
	size = vtype_size(to);
	if (quiet(ps)) {
		*val = (struct value){ 0, to };
		return 0;
	}
	if (!ps->env->read) {
		ps->p = at;
		return fail(ps, "no memory to read here");
	}
	if (ps->env->read(ps->env->ctx, val->bits, buf, (size_t)size,
			  ps->err) == -1)
		return -1;
	memcpy(&bits, buf, sizeof(bits));	/* little-endian */
	val->bits = vtype_fit(to, bits);
	val->type = to;
	return 0;
}

/* A unary operator op applied to val. */
static void unary_op(char op, struct value *val)
{
	struct vtype t = vtype_promote(val->type);

	if (t.ptr && op != '!')
		t = (struct vtype){ VB_ULONG, 0 };
	switch (op) {
	case '-':
		val->bits = -val->bits;
		break;
	case '~':
		val->bits = ~val->bits;
		break;
	case '!':
		val->bits = val->bits == 0;
		t = t_int;
		break;
	}
	val->type = t;
	val->bits = vtype_fit(t, val->bits);
}

/* '(' at ps->p: a cast, or an expression in parentheses. */
static int paren(struct parser *ps, struct value *val)
{
	char msg[ERROR_MSG_MAX];
	struct vtype t;
	int n = vtype_parse(ps->p + 1, &t, ps->err);

	if (n < 0) {
		snprintf(msg, sizeof(msg), "%s", ps->err->msg);
		ps->p++;
		return fail(ps, msg);
	}
	ps->p += 1 + n;
	if (n == 0 && binary(ps, 1, val) == -1)
		return -1;
	skip_space(ps);
	if (*ps->p != ')')
		return fail(ps, "')' expected");
	ps->p++;
	if (n == 0)
		return 0;
	if (t.base == VB_VOID && !t.ptr)
		return fail(ps, "a cast to void leaves no value");
	if (binary(ps, 11, val) == -1)	/* the operand: a unary */
		return -1;
	val->bits = vtype_fit(t, val->bits);
	val->type = t;
	return 0;
}

static int unary(struct parser *ps, struct value *val)
{
	const char *at;
	int r;

	skip_space(ps);
	at = ps->p;
	if (++ps->depth > EXPR_DEPTH_MAX)
		return fail(ps, "nested too deeply");
	if (*ps->p && strchr("-+!~", *ps->p)) {
		char op = *ps->p++;

		r = unary(ps, val);
		if (r == 0)
			unary_op(op, val);
	} else if (*ps->p == '*') {
		ps->p++;
		r = unary(ps, val);
		if (r == 0)
			r = deref(ps, at, val);
	} else if (*ps->p == '(') {
		r = paren(ps, val);
	} else if (*ps->p == '$') {
		r = name(ps, val);
	} else if (*ps->p == '\'') {
		r = char_literal(ps, val);
	} else if (isdigit((unsigned char)*ps->p)) {
		r = number(ps, val);
	} else if (!*ps->p) {
		r = fail(ps, "the expression ends too soon");
	} else {
		r = fail(ps, "a number, $name, 'c' or '(' expected");
	}
	ps->depth--;
	return r;
}

static const struct optab *peek_op(struct parser *ps)
{
	skip_space(ps);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strncmp(ps->p, ops[i].text, strlen(ops[i].text)) == 0)
			return &ops[i];
	return NULL;
}

/* Operators of precedence minprec and tighter (precedence climbing);
 * && and || evaluate their right side only when C would. */
static int binary(struct parser *ps, int minprec, struct value *val)
{
	if (unary(ps, val) == -1)
		return -1;
	for (;;) {
		const struct optab *op = peek_op(ps);
		const char *at = ps->p;
		struct value rhs;
		bool lhs, skip;
		int r;

		if (!op || op->prec < minprec)
			return 0;
		ps->p += strlen(op->text);
		if (op->op != OP_AND && op->op != OP_OR) {
			char why[80];

			if (binary(ps, op->prec + 1, &rhs) == -1)
				return -1;
			if (vtype_apply(op->op, val, &rhs, quiet(ps), why,
					sizeof(why)) == -1)
				return value_fail(ps, at, why);
			continue;
		}
		lhs = expr_true(val);
		skip = op->op == OP_AND ? !lhs : lhs;
		ps->skip += skip;
		r = binary(ps, op->prec + 1, &rhs);
		ps->skip -= skip;
		if (r == -1)
			return -1;
		*val = (struct value){ skip ? lhs : expr_true(&rhs), t_int };
	}
}

int expr_value(const char *text, const struct expr_env *env,
	       struct value *val, struct error *err)
{
	struct parser ps = {
		.text = text, .p = text, .env = env, .err = err,
	};

	if (binary(&ps, 1, val) == -1)
		return -1;
	skip_space(&ps);
	if (*ps.p)
		return fail(&ps, *ps.p == '=' ? "'=' would assign; '==' compares" :
				 "unexpected text");
	return 0;
}

/* expr_eval's names: a plain lookup, each value a long. */
struct plain {
	expr_lookup lookup;	/* the caller's */
	void *ctx;		/* its context */
};

static int plain_lookup(void *ctx, const char *name, struct value *val,
			struct error *err)
{
	const struct plain *pl = ctx;

	val->type = t_long;
	return pl->lookup(pl->ctx, name, &val->bits, err);
}

int expr_eval(const char *text, expr_lookup lookup, void *ctx,
	      unsigned long *val, struct error *err)
{
	struct plain pl = { lookup, ctx };
	struct expr_env env = {
		.lookup = lookup ? plain_lookup : NULL, .ctx = &pl,
	};
	struct value v;

	if (expr_value(text, &env, &v, err) == -1)
		return -1;
	*val = v.bits;
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
const struct histent *expr_last_call(const struct session *s, int id)
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
	int id = expr_variant_set(ev);
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
		const struct histent *h = expr_last_call(s, id);

		if (!h)
			return error_set(err, ERR_STATE,
					 "$ret: variant %d has no finished call with a known result yet",
					 ev->v);
		if (!h->v[ev->v].call.done)
			return error_set(err, ERR_STATE,
					 "$ret: variant %d's last call (step %lu) has no result (it did not return)",
					 ev->v, h->step);
		*val = (unsigned long)h->v[ev->v].call.ret;
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
