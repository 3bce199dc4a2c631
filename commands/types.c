/* C's integer types as expressions use them: names, sizes, casts, and
 * the conversions C makes before it computes (x86-64's LP64 sizes). */
#include "expr.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

/* What each base type is. */
static const struct base {
	const char *name;	/* as C writes it */
	int size;		/* bytes */
	bool is_signed;		/* two's complement, sign-extended */
} bases[] = {
	[VB_CHAR] = { "char", 1, true },
	[VB_SCHAR] = { "signed char", 1, true },
	[VB_UCHAR] = { "unsigned char", 1, false },
	[VB_SHORT] = { "short", 2, true },
	[VB_USHORT] = { "unsigned short", 2, false },
	[VB_INT] = { "int", 4, true },
	[VB_UINT] = { "unsigned int", 4, false },
	[VB_LONG] = { "long", 8, true },
	[VB_ULONG] = { "unsigned long", 8, false },
	[VB_VOID] = { "void", 1, false },
	[VB_ERRNO] = { "int", 4, true },
};

/* The <stdint.h> and <sys/types.h> names a cast may use. */
static const struct {
	const char *name;	/* the typedef */
	enum vbase base;	/* what it is on x86-64 */
} typedefs[] = {
	{ "int8_t", VB_SCHAR },	  { "uint8_t", VB_UCHAR },
	{ "int16_t", VB_SHORT },  { "uint16_t", VB_USHORT },
	{ "int32_t", VB_INT },	  { "uint32_t", VB_UINT },
	{ "int64_t", VB_LONG },	  { "uint64_t", VB_ULONG },
	{ "size_t", VB_ULONG },	  { "ssize_t", VB_LONG },
};

#define NTYPEDEFS (sizeof(typedefs) / sizeof(typedefs[0]))

const char *const vtype_words[] = {
	"char",	   "int",      "long",	   "short",    "signed",
	"unsigned", "void",    "int8_t",   "uint8_t",  "int16_t",
	"uint16_t", "int32_t", "uint32_t", "int64_t",  "uint64_t",
	"size_t",   "ssize_t", NULL,
};

int vtype_size(struct vtype t)
{
	return t.ptr ? 8 : bases[t.base].size;
}

bool vtype_signed(struct vtype t)
{
	return !t.ptr && bases[t.base].is_signed;
}

bool vtype_string(struct vtype t)
{
	return t.ptr == 1 && (t.base == VB_CHAR || t.base == VB_SCHAR ||
			      t.base == VB_UCHAR);
}

const char *vtype_name(struct vtype t, char *buf, size_t size)
{
	int at = snprintf(buf, size, "%s%s", bases[t.base].name,
			  t.ptr ? " " : "");

	for (int i = 0; i < t.ptr && at >= 0 && (size_t)at + 1 < size; i++)
		buf[at++] = '*', buf[at] = '\0';
	return buf;
}

unsigned long vtype_fit(struct vtype t, unsigned long bits)
{
	int width = vtype_size(t) * 8;
	unsigned long mask;

	if (width >= 64)
		return bits;
	mask = (1UL << width) - 1;
	bits &= mask;
	if (vtype_signed(t) && (bits >> (width - 1) & 1))
		bits |= ~mask;
	return bits;
}

struct vtype vtype_promote(struct vtype t)
{
	if (!t.ptr && (t.base < VB_INT || t.base == VB_ERRNO))
		t.base = VB_INT;
	return t;
}

struct vtype vtype_common(struct vtype a, struct vtype b)
{
	struct vtype t = { VB_INT, 0 };

	a = vtype_promote(a);
	b = vtype_promote(b);
	/* A pointer among integers counts as the address it holds. */
	if (a.ptr)
		a.base = VB_ULONG;
	if (b.ptr)
		b.base = VB_ULONG;
	if (a.base == VB_ULONG || b.base == VB_ULONG)
		t.base = VB_ULONG;
	else if (a.base == VB_LONG || b.base == VB_LONG)
		t.base = VB_LONG;	/* long holds every unsigned int */
	else if (a.base == VB_UINT || b.base == VB_UINT)
		t.base = VB_UINT;
	return t;
}

/* The keywords a type is made of. */
enum keyword { KW_SIGNED, KW_UNSIGNED, KW_CHAR, KW_SHORT, KW_INT, KW_LONG,
	       KW_VOID, KW_COUNT };

static const char *const keywords[KW_COUNT] = {
	[KW_SIGNED] = "signed", [KW_UNSIGNED] = "unsigned", [KW_CHAR] = "char",
	[KW_SHORT] = "short",	[KW_INT] = "int",	    [KW_LONG] = "long",
	[KW_VOID] = "void",
};

/* Counts the keyword p[0..n) in w; false when it is none. */
static bool count_word(int *w, const char *p, size_t n)
{
	for (int k = 0; k < KW_COUNT; k++)
		if (strlen(keywords[k]) == n && strncmp(keywords[k], p, n) == 0) {
			w[k]++;
			return true;
		}
	return false;
}

/* The base the counted keywords name, or -1 when they name none. */
static int base_of(const int *w)
{
	bool u = w[KW_UNSIGNED] > 0;
	int others = w[KW_SIGNED] + w[KW_UNSIGNED] + w[KW_SHORT] + w[KW_INT] +
		     w[KW_LONG];

	if (w[KW_SIGNED] + w[KW_UNSIGNED] > 1 || w[KW_INT] > 1 ||
	    w[KW_SHORT] > 1 || w[KW_LONG] > 2)
		return -1;
	if (w[KW_VOID])
		return w[KW_VOID] == 1 && !w[KW_CHAR] && !others ? VB_VOID : -1;
	if (w[KW_CHAR])
		return w[KW_CHAR] == 1 && !w[KW_SHORT] && !w[KW_INT] &&
				       !w[KW_LONG] ?
			       (w[KW_SIGNED] ? VB_SCHAR : u ? VB_UCHAR : VB_CHAR) :
			       -1;
	if (w[KW_SHORT])
		return w[KW_LONG] ? -1 : u ? VB_USHORT : VB_SHORT;
	if (w[KW_LONG])
		return u ? VB_ULONG : VB_LONG;
	return u ? VB_UINT : VB_INT;
}

static size_t ident_len(const char *p)
{
	size_t n = 0;

	if (!isalpha((unsigned char)*p) && *p != '_')
		return 0;
	while (isalnum((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n;
}

int vtype_parse(const char *text, struct vtype *t, struct error *err)
{
	const char *p = text;
	int w[KW_COUNT] = { 0 };
	int base = -1, nwords = 0;
	size_t n;

	while (isspace((unsigned char)*p))
		p++;
	while ((n = ident_len(p)) > 0) {
		if (nwords == 0 && base < 0) {
			for (size_t i = 0; i < NTYPEDEFS; i++)
				if (strlen(typedefs[i].name) == n &&
				    strncmp(typedefs[i].name, p, n) == 0)
					base = (int)typedefs[i].base;
			if (base >= 0) {
				p += n;
				while (isspace((unsigned char)*p))
					p++;
				if (ident_len(p))
					return error_set(err, ERR_USAGE,
							 "\"%.*s\" after a type name",
							 (int)ident_len(p), p);
				break;
			}
		}
		if (base >= 0 || !count_word(w, p, n)) {
			if (nwords == 0)
				return 0;	/* a word, not a type */
			return error_set(err, ERR_USAGE,
					 "\"%.*s\" in a type: types are C's integer types, void and int8_t..uint64_t, size_t, ssize_t",
					 (int)n, p);
		}
		nwords++;
		p += n;
		while (isspace((unsigned char)*p))
			p++;
	}
	if (nwords == 0 && base < 0)
		return 0;
	if (base < 0)
		base = base_of(w);
	if (base < 0)
		return error_set(err, ERR_USAGE, "\"%.*s\" is not a C type",
				 (int)(p - text), text);
	t->base = (enum vbase)base;
	t->ptr = 0;
	while (*p == '*' || isspace((unsigned char)*p))
		t->ptr += *p++ == '*';
	return (int)(p - text);
}

/* The size of what a pointer of type t points to (void: 1, as gdb). */
static unsigned long pointee_size(struct vtype t)
{
	t.ptr--;
	return (unsigned long)vtype_size(t);
}

/* + and - with a pointer: C's pointer arithmetic.  False when neither
 * operand is a pointer. */
static bool pointer_arith(enum binop op, struct value *a,
			  const struct value *b)
{
	if (a->type.ptr && !b->type.ptr) {
		unsigned long off = b->bits * pointee_size(a->type);

		a->bits = op == OP_ADD ? a->bits + off : a->bits - off;
		return true;
	}
	if (op == OP_ADD && b->type.ptr && !a->type.ptr) {
		a->bits = b->bits + a->bits * pointee_size(b->type);
		a->type = b->type;
		return true;
	}
	if (op == OP_SUB && a->type.ptr && b->type.ptr) {
		long diff = (long)(a->bits - b->bits);

		a->bits = (unsigned long)(diff / (long)pointee_size(a->type));
		a->type = (struct vtype){ VB_LONG, 0 };
		return true;
	}
	return false;
}

/* Shifts: C's, in the promoted type of the left operand; a count
 * outside 0..width-1 is an error where C leaves it undefined. */
static int shift(enum binop op, struct value *a, const struct value *b,
		 bool quiet, char *why, size_t size)
{
	struct vtype t = vtype_promote(a->type);
	int width;
	long count = vtype_signed(b->type) ? (long)b->bits :
					     (long)(b->bits & LONG_MAX);
	unsigned long x;

	if (t.ptr)
		t = (struct vtype){ VB_ULONG, 0 };
	width = vtype_size(t) * 8;
	x = vtype_fit(t, a->bits);
	if (count < 0 || count >= width) {
		if (quiet) {
			*a = (struct value){ 0, t };
			return 0;
		}
		snprintf(why, size, "a shift by %ld (0 to %d for %s)", count,
			 width - 1, width == 64 ? "a long" : "an int");
		return -1;
	}
	if (op == OP_SHL)
		x <<= count;
	else if (vtype_signed(t))
		x = (unsigned long)((long)x >> count);
	else
		x >>= count;
	a->type = t;
	a->bits = vtype_fit(t, x);
	return 0;
}

/* Comparisons are signed when C's conversions leave a signed type:
 * $argN, $ret and registers are longs (as gdb takes them), so $ret < 0
 * holds for a failed call; pointers and unsigned longs compare
 * unsigned. */
int vtype_apply(enum binop op, struct value *a, const struct value *b,
		bool quiet, char *why, size_t size)
{
	struct vtype t;
	unsigned long x, y, r = 0;
	bool sgn;

	if ((op == OP_ADD || op == OP_SUB) && pointer_arith(op, a, b))
		return 0;
	if (op == OP_SHL || op == OP_SHR)
		return shift(op, a, b, quiet, why, size);
	t = vtype_common(a->type, b->type);
	sgn = vtype_signed(t);
	x = vtype_fit(t, a->bits);
	y = vtype_fit(t, b->bits);
	switch (op) {
	case OP_EQ:
		r = x == y;
		break;
	case OP_NE:
		r = x != y;
		break;
	case OP_LT:
		r = sgn ? (long)x < (long)y : x < y;
		break;
	case OP_GT:
		r = sgn ? (long)x > (long)y : x > y;
		break;
	case OP_LE:
		r = sgn ? (long)x <= (long)y : x <= y;
		break;
	case OP_GE:
		r = sgn ? (long)x >= (long)y : x >= y;
		break;
	case OP_ADD:
		r = x + y;
		break;
	case OP_SUB:
		r = x - y;
		break;
	case OP_MUL:
		r = x * y;
		break;
	case OP_DIV:
	case OP_MOD:
		if (y == 0) {
			if (!quiet) {
				snprintf(why, size, "division by zero");
				return -1;
			}
		} else if (sgn && (long)y == -1) {
			r = op == OP_DIV ? -x : 0;	/* LONG_MIN / -1 wraps */
		} else if (sgn) {
			r = (unsigned long)(op == OP_DIV ? (long)x / (long)y :
							   (long)x % (long)y);
		} else {
			r = op == OP_DIV ? x / y : x % y;
		}
		break;
	case OP_BITAND:
		r = x & y;
		break;
	case OP_BITOR:
		r = x | y;
		break;
	case OP_XOR:
		r = x ^ y;
		break;
	case OP_AND:
		r = x && y;
		break;
	case OP_OR:
		r = x || y;
		break;
	case OP_SHL:
	case OP_SHR:	/* shift() took them */
		break;
	}
	if ((op >= OP_EQ && op <= OP_GE) || op == OP_AND || op == OP_OR)
		t = (struct vtype){ VB_INT, 0 };
	a->type = t;
	a->bits = vtype_fit(t, r);
	return 0;
}
