/* What expressions reach in a variant beyond x's first names ($argN,
 * $ret and registers, expr.c): $errno, $_siginfo's fields, the value
 * history ($1, $2...) and memory; the types those have; and the check
 * that rejects a misspelt name before anything runs. */
#include "debugger.h"
#include "inspect.h"
#include "symbols.h"

#include <ctype.h>
#include <libiberty.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIGINFO_NAME "_siginfo"	/* gdb's name for the stop's siginfo */

/* The fields of $_siginfo, as gdb names and types them. */
static const struct sifield {
	const char *name;	/* after "$_siginfo." */
	size_t off;		/* in siginfo_t */
	struct vtype type;	/* its type */
} sifields[] = {
	{ "si_signo", offsetof(siginfo_t, si_signo), { VB_INT, 0 } },
	{ "si_errno", offsetof(siginfo_t, si_errno), { VB_INT, 0 } },
	{ "si_code", offsetof(siginfo_t, si_code), { VB_INT, 0 } },
	{ "si_pid", offsetof(siginfo_t, si_pid), { VB_INT, 0 } },
	{ "si_uid", offsetof(siginfo_t, si_uid), { VB_UINT, 0 } },
	{ "si_status", offsetof(siginfo_t, si_status), { VB_INT, 0 } },
	{ "si_addr", offsetof(siginfo_t, si_addr), { VB_VOID, 1 } },
};

#define NSIFIELDS (sizeof(sifields) / sizeof(sifields[0]))

/* The registers that hold addresses: void pointers, as gdb's $sp. */
static const char *const address_regs[] = {
	"sp", "fp", "pc", "rsp", "rbp", "rip", NULL,
};

const char *const expr_extra_names[] = {
	"errno",
	SIGINFO_NAME ".si_signo",
	SIGINFO_NAME ".si_errno",
	SIGINFO_NAME ".si_code",
	SIGINFO_NAME ".si_pid",
	SIGINFO_NAME ".si_uid",
	SIGINFO_NAME ".si_status",
	SIGINFO_NAME ".si_addr",
	NULL,
};

int expr_variant_set(const struct expr_variant *ev)
{
	return ev->stopset ? ev->d->s->cur : dbg_focus(ev->d);
}

bool expr_program_runs(const struct debugger *d)
{
	return d->s && !d->s->ended;
}

/* "variant 1", or "set 2 variant 1" outside set 0. */
static void who(const struct expr_variant *ev, char *buf, size_t size)
{
	int set = expr_variant_set(ev);

	if (set > 0)
		snprintf(buf, size, "set %d variant %d", set, ev->v);
	else
		snprintf(buf, size, "variant %d", ev->v);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* $N: the N-th value print gave, in variant v (-1: any). */
static int history_value(const struct debugger *d, const char *name, int v,
			 struct value *val, struct error *err)
{
	unsigned long n = strtoul(name, NULL, 10);
	const struct histval *h;

	if (n == 0 || n > d->nvalues)
		return error_set(err, ERR_USAGE,
				 "History has not yet reached $%s.", name);
	h = &d->values[n - 1];
	if (v < 0) {
		*val = (struct value){ 0, h->v[0].type };
		return 0;
	}
	if (!(h->have >> v & 1))
		return error_set(err, ERR_STATE, "$%s has no value in variant %d",
				 name, v);
	*val = h->v[v];
	return 0;
}

/* Whether name is $_siginfo or one of its fields (good or bad). */
static bool is_siginfo(const char *name)
{
	size_t n = sizeof(SIGINFO_NAME) - 1;

	return strncmp(name, SIGINFO_NAME, n) == 0 &&
	       (!name[n] || name[n] == '.');
}

static const struct sifield *sifield(const char *name)
{
	if (strncmp(name, SIGINFO_NAME ".", sizeof(SIGINFO_NAME)) != 0)
		return NULL;
	for (size_t i = 0; i < NSIFIELDS; i++)
		if (strcmp(name + sizeof(SIGINFO_NAME), sifields[i].name) == 0)
			return &sifields[i];
	return NULL;
}

/* Errors for the names of $_siginfo that are not fields; 0 for none. */
static int siginfo_name_error(const char *name, struct error *err)
{
	if (strcmp(name, SIGINFO_NAME) == 0)
		return error_set(err, ERR_USAGE,
				 "$%s: name a field: $%s.si_signo, .si_code, .si_errno, .si_pid, .si_uid, .si_addr, .si_status",
				 name, SIGINFO_NAME);
	if (strncmp(name, SIGINFO_NAME ".", sizeof(SIGINFO_NAME)) == 0 &&
	    !sifield(name))
		return error_set(err, ERR_USAGE,
				 "$%s: no such field (si_signo, si_code, si_errno, si_pid, si_uid, si_addr, si_status)",
				 name);
	return 0;
}

/* $_siginfo.FIELD at a signal stop. */
static int siginfo_value(const struct expr_variant *ev, const char *name,
			 struct value *val, struct error *err)
{
	const struct sifield *f = sifield(name);
	siginfo_t si;
	unsigned long bits = 0;

	if (siginfo_name_error(name, err))
		return -1;
	if (inspect_set_siginfo(ev->d->s, expr_variant_set(ev), ev->v, &si,
				err) == -1)
		return -1;
	memcpy(&bits, (const char *)&si + f->off, (size_t)vtype_size(f->type));
	val->type = f->type;
	val->bits = vtype_fit(f->type, bits);
	return 0;
}

/* $errno: the last finished call's error, when it failed. */
static int errno_value(const struct expr_variant *ev, struct value *val,
		       struct error *err)
{
	const struct session *s = ev->d->s;
	const struct histent *h = expr_last_call(s, expr_variant_set(ev));
	char name[32];
	long ret;

	who(ev, name, sizeof(name));
	if (!h)
		return error_set(err, ERR_STATE,
				 "$errno: %s has no finished call yet", name);
	if (!h->v[ev->v].call.done)
		return error_set(err, ERR_STATE,
				 "$errno: %s's last call (%s, step %lu) has no result (it did not return)",
				 name, syscall_name(h->nr), h->step);
	ret = h->v[ev->v].call.ret;
	if (ret >= 0 || ret < -4095)
		return error_set(err, ERR_STATE,
				 "$errno: %s's last call (%s, step %lu) did not fail: it returned %ld",
				 name, syscall_name(h->nr), h->step, ret);
	val->type = (struct vtype){ VB_ERRNO, 0 };
	val->bits = (unsigned long)-ret;
	return 0;
}

int expr_variant_value(void *ctx, const char *name, struct value *val,
		       struct error *err)
{
	const struct expr_variant *ev = ctx;

	if (all_digits(name))
		return history_value(ev->d, name, ev->v, val, err);
	if (!expr_program_runs(ev->d))
		return error_set(err, ERR_STATE,
				 "$%s: the program is not being run", name);
	if (strcmp(name, "errno") == 0)
		return errno_value(ev, val, err);
	if (is_siginfo(name))
		return siginfo_value(ev, name, val, err);
	val->type = (struct vtype){ VB_LONG, 0 };
	for (int i = 0; address_regs[i]; i++)
		if (strcmp(name, address_regs[i]) == 0)
			val->type = (struct vtype){ VB_VOID, 1 };
	return expr_variant_lookup(ctx, name, &val->bits, err);
}

int expr_variant_read(void *ctx, unsigned long addr, void *buf, size_t len,
		      struct error *err)
{
	const struct expr_variant *ev = ctx;
	char name[32];
	ssize_t got;

	if (!expr_program_runs(ev->d))
		return error_set(err, ERR_STATE,
				 "cannot read memory at %#lx: the program is not being run",
				 addr);
	got = inspect_set_read(ev->d->s, expr_variant_set(ev), ev->v, addr, buf,
			       len, err);
	if (got < 0)
		return -1;
	if ((size_t)got < len) {
		who(ev, name, sizeof(name));
		return error_set(err, ERR_MEMORY,
				 "%s: cannot access memory at %#lx: only %zd of %zu bytes readable",
				 name, addr + (size_t)got, got, len);
	}
	return 0;
}

/* The function at addr in the variant, as gdb shows a code pointer. */
static void variant_symbol(void *ctx, unsigned long addr, char *buf,
			   size_t size)
{
	const struct expr_variant *ev = ctx;
	struct symbol sym;

	buf[0] = '\0';
	if (!ev->stopset && stack_symbol(ev->d, ev->v, addr, &sym))
		symbols_short(&sym, buf, size);
}

void expr_variant_env(struct expr_variant *ev, struct expr_env *env)
{
	*env = (struct expr_env){
		.lookup = expr_variant_value, .read = expr_variant_read,
		.symbol = variant_symbol, .ctx = ev,
	};
}

/* The check's lookup: ctx is the debugger (history numbers are checked
 * against its history), or NULL. */
static int check_value(void *ctx, const char *name, struct value *val,
		       struct error *err)
{
	const struct debugger *d = ctx;

	*val = (struct value){ 0, { VB_LONG, 0 } };
	if (all_digits(name))
		return d ? history_value(d, name, -1, val, err) : 0;
	if (strcmp(name, "errno") == 0)
		return 0;
	if (is_siginfo(name))
		return siginfo_name_error(name, err) ? -1 : 0;
	if (expr_check_lookup(NULL, name, &val->bits, err) == -1)
		return error_set(err, ERR_USAGE,
				 "$%s: no such register or name (try $sp, $pc, $rax, $arg0..$arg5, $ret, $errno, $_siginfo.si_signo, $1)",
				 name);
	for (int i = 0; address_regs[i]; i++)
		if (strcmp(name, address_regs[i]) == 0)
			val->type = (struct vtype){ VB_VOID, 1 };
	return 0;
}

int expr_check(struct debugger *d, const char *text, struct error *err)
{
	struct value val;
	struct expr_env env = {
		.lookup = check_value, .ctx = d, .check = true,
	};

	return expr_value(text, &env, &val, err);
}
