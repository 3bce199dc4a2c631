/* Expressions as print, display, breakpoint conditions, x and diff take
 * them: C's integer operators over numbers, character literals, $names
 * and variant memory, with C's integer types, casts and pointers.  The
 * evaluator (expr.c) knows no variant: names and memory come through an
 * environment (values.c gives the one of a variant).  Types (types.c)
 * are what print needs to show a value as C would. */
#ifndef MVDB_EXPR_H
#define MVDB_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* The base types: C's integer types, void, and errno numbers. */
enum vbase {
	VB_CHAR,	/* char (signed on x86-64) */
	VB_SCHAR,	/* signed char, int8_t */
	VB_UCHAR,	/* unsigned char, uint8_t */
	VB_SHORT,	/* short, int16_t */
	VB_USHORT,	/* unsigned short, uint16_t */
	VB_INT,		/* int, int32_t: comparisons and literals */
	VB_UINT,	/* unsigned int, uint32_t */
	VB_LONG,	/* long, long long, int64_t, ssize_t: $argN, $ret,
			   registers, as gdb takes them */
	VB_ULONG,	/* unsigned long, unsigned long long, uint64_t, size_t */
	VB_VOID,	/* void: only pointed to */
	VB_ERRNO,	/* an int that print shows by its errno name ($errno) */
};

/* A type: a base, or a pointer (to a pointer...) to one. */
struct vtype {
	enum vbase base;	/* the type, or what the pointers lead to */
	int ptr;		/* levels of pointer; 0: the base itself */
};

/* A value: 64 bits and the type they hold. */
struct value {
	unsigned long bits;	/* sign- or zero-extended from the type's size */
	struct vtype type;	/* its type */
};

/* The binary operators, from the loosest to the tightest. */
enum binop {
	OP_OR,		/* || */
	OP_AND,		/* && */
	OP_BITOR,	/* | */
	OP_XOR,		/* ^ */
	OP_BITAND,	/* & */
	OP_EQ,		/* == */
	OP_NE,		/* != */
	OP_LT,		/* < */
	OP_GT,		/* > */
	OP_LE,		/* <= */
	OP_GE,		/* >= */
	OP_SHL,		/* << */
	OP_SHR,		/* >> */
	OP_ADD,		/* + */
	OP_SUB,		/* - */
	OP_MUL,		/* * */
	OP_DIV,		/* / */
	OP_MOD,		/* % */
};

/* What an expression reaches outside itself. */
struct expr_env {
	/* The value of $name (given without the $, "_siginfo.si_signo"
	 * with its field); -1 with err when it has none.  NULL: no names. */
	int (*lookup)(void *ctx, const char *name, struct value *val,
		      struct error *err);
	/* Reads all len bytes at addr, or -1 with err.  NULL: no memory. */
	int (*read)(void *ctx, unsigned long addr, void *buf, size_t len,
		    struct error *err);
	/* The function code at addr lies in ("<say+25>") into buf, or "".
	 * NULL: none named. */
	void (*symbol)(void *ctx, unsigned long addr, char *buf, size_t size);
	void *ctx;	/* passed to each */
	bool check;	/* only check the text: every name is looked up
			   (the lookup says whether it exists), nothing is
			   read, values are not judged (no division by
			   zero) */
};

/* Evaluates text in env.  Returns 0, or -1 with err saying what is wrong
 * and, for the text itself, where. */
int expr_value(const char *text, const struct expr_env *env,
	       struct value *val, struct error *err);
/* Whether val is true (not zero), as C's if. */
bool expr_true(const struct value *val);

/* types.c */
#define VTYPE_NAME_MAX 32	/* "unsigned char **" and the like */

/* The size of values of t in bytes (void counts 1, as gdb does). */
int vtype_size(struct vtype t);
bool vtype_signed(struct vtype t);
/* Whether t points to a char of some signedness: a C string. */
bool vtype_string(struct vtype t);
/* t as C writes it: "int", "unsigned char *". */
const char *vtype_name(struct vtype t, char *buf, size_t size);
/* bits as a value of t: cut to its size, extended as it is signed. */
unsigned long vtype_fit(struct vtype t, unsigned long bits);
/* The type a cast at text names ("unsigned long", "int8_t", "char *",
 * up to but not including the ')'): the characters it takes, or 0 when
 * text does not start with a type name; -1 with err on a broken one
 * ("unsigned float"). */
int vtype_parse(const char *text, struct vtype *t, struct error *err);
/* C's integer promotion (char and short become int). */
struct vtype vtype_promote(struct vtype t);
/* The type C's usual arithmetic conversions give two integers. */
struct vtype vtype_common(struct vtype a, struct vtype b);
/* a = a op b as C computes it (|| and && on values already known),
 * pointers included.  Returns 0, or -1 with why ("division by zero")
 * when the values make no result; quiet: a check, whatever the values,
 * gives 0 and no error. */
int vtype_apply(enum binop op, struct value *a, const struct value *b,
		bool quiet, char *why, size_t size);
/* Type names, NULL-terminated (completion). */
extern const char *const vtype_words[];

#endif
