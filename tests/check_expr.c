/* The expression evaluator over a fake variant: C's operators and
 * precedence, literal types, casts and pointers, memory reads, && and ||
 * skipping what C skips, and the check made before anything runs. */
#include "debugger.h"
#include "suites.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* The fake variant: names and 64 bytes of memory at FAKE_BASE. */
#define FAKE_BASE 0x1000UL

static unsigned char fake_mem[64];
static int fake_reads;	/* reads the evaluator made */

static int fake_lookup(void *ctx, const char *name, struct value *val,
		       struct error *err)
{
	(void)ctx;
	val->type = (struct vtype){ VB_LONG, 0 };
	if (strcmp(name, "x") == 0)
		val->bits = 5;
	else if (strcmp(name, "neg") == 0)
		val->bits = (unsigned long)-1L;
	else if (strcmp(name, "u") == 0)
		val->type.base = VB_ULONG, val->bits = ULONG_MAX;
	else if (strcmp(name, "p") == 0)
		val->type = (struct vtype){ VB_VOID, 1 }, val->bits = FAKE_BASE;
	else
		return error_set(err, ERR_USAGE, "$%s: no such name", name);
	return 0;
}

static int fake_read(void *ctx, unsigned long addr, void *buf, size_t len,
		     struct error *err)
{
	(void)ctx;
	fake_reads++;
	if (addr < FAKE_BASE || addr + len > FAKE_BASE + sizeof(fake_mem))
		return error_set(err, ERR_MEMORY,
				 "variant 0: cannot access memory at %#lx", addr);
	memcpy(buf, fake_mem + (addr - FAKE_BASE), len);
	return 0;
}

static const struct expr_env fake_env = {
	.lookup = fake_lookup, .read = fake_read,
};

static void fake_setup(void)
{
	const int known = 0x12345678;
	const unsigned long str = FAKE_BASE + 0x10;

	memset(fake_mem, 0, sizeof(fake_mem));
	memcpy(fake_mem, &known, sizeof(known));
	memcpy(fake_mem + 0x10, "hello", 6);
	memcpy(fake_mem + 0x20, &str, sizeof(str));
	fake_reads = 0;
}

static struct value val_of(const char *text)
{
	struct error err = { 0 };
	struct value v = { 12345, { VB_INT, 0 } };

	ck_assert_msg(expr_value(text, &fake_env, &v, &err) == 0, "\"%s\": %s",
		      text, err.msg);
	return v;
}

static long long_of(const char *text)
{
	return (long)val_of(text).bits;
}

static const char *err_of(const char *text)
{
	static struct error err;
	struct value v;

	memset(&err, 0, sizeof(err));
	ck_assert_msg(expr_value(text, &fake_env, &v, &err) == -1,
		      "\"%s\" gave %ld", text, (long)v.bits);
	return err.msg;
}

#define ck_assert_value(text, want) \
	ck_assert_msg(long_of(text) == (long)(want), "%s: %ld, not %ld", text, \
		      long_of(text), (long)(want))

START_TEST(operators_bind_as_in_c)
{
	ck_assert_value("1 + 2 * 3", 7);
	ck_assert_value("(1 + 2) * 3", 9);
	ck_assert_value("7 / 2", 3);
	ck_assert_value("7 % 3", 1);
	ck_assert_value("-7 / 2", -3);
	ck_assert_value("-7 % 3", -1);
	ck_assert_value("10 - 2 - 3", 5);
	ck_assert_value("1 << 4 | 1", 17);
	ck_assert_value("6 & 3 ^ 1", 3);	/* (6 & 3) ^ 1 */
	ck_assert_value("1 | 2 ^ 3", 1);	/* 1 | (2 ^ 3) */
	ck_assert_value("1 + 2 == 3", 1);
	ck_assert_value("3 > 2 > 1", 0);	/* (3 > 2) > 1 */
	ck_assert_value("2 < 3 == 1", 1);
	ck_assert_value("1 || 0 && 0", 1);
	ck_assert_value("(1 || 0) && 0", 0);
	ck_assert_value("1 != 1 || 2 >= 2 && 3 <= 2", 0);
	ck_assert_value("!0 + 1", 2);
	ck_assert_value("!5", 0);
	ck_assert_value("~0", -1);
	ck_assert_value("~0x0f & 0xff", 0xf0);
	ck_assert_value("-$x", -5);
	ck_assert_value("!!$x", 1);
	ck_assert_value("0x10 >> 2", 4);
	ck_assert_value("-16 >> 2", -4);	/* arithmetic, for a signed int */
	ck_assert_value("$u >> 60", 15);	/* logical, unsigned long */
	ck_assert_value("$x * 2 + 1", 11);
	ck_assert_value("$x == 5 && $x != 6", 1);
	/* Comparisons: $names are longs, signed; unsigned where C says. */
	ck_assert_value("$neg < 0", 1);
	ck_assert_value("$neg < 0u", 1);	/* long holds every unsigned int */
	ck_assert_value("$u > 0", 1);
	ck_assert_value("$u < 0", 0);
	ck_assert_value("(unsigned long)$neg > 0", 1);
	ck_assert_value("-1 < 0u", 0);		/* int to unsigned int, as C */
	ck_assert_value("$neg == 0xffffffffffffffff", 1);
	ck_assert_value("$p > 0", 1);
	ck_assert_int_eq(val_of("1 < 2").type.base, VB_INT);
	ck_assert_int_eq(val_of("$x + 1").type.base, VB_LONG);
}
END_TEST

START_TEST(values_that_make_no_result_are_errors)
{
	ck_assert_ptr_nonnull(strstr(err_of("1 / 0"),
				     "division by zero in \"1 / 0\" at column 3"));
	ck_assert_ptr_nonnull(strstr(err_of("5 % ($x - 5)"), "division by zero"));
	ck_assert_ptr_nonnull(strstr(err_of("1 << 32"), "a shift by 32 (0 to 31"));
	ck_assert_ptr_nonnull(strstr(err_of("1 >> -1"), "a shift by -1"));
	ck_assert_value("1L << 63 >> 63", -1);
	/* LONG_MIN / -1 overflows in C: here it wraps. */
	ck_assert_value("(-9223372036854775807 - 1) / -1", LONG_MIN);
	ck_assert_value("(-9223372036854775807 - 1) % -1", 0);
	ck_assert_ptr_nonnull(strstr(err_of("$x = 1"), "'==' compares"));
	ck_assert_ptr_nonnull(strstr(err_of("$bad"), "$bad: no such name"));
	ck_assert_ptr_nonnull(strstr(err_of("1 +"), "ends too soon"));
	ck_assert_ptr_nonnull(strstr(err_of("1 2"), "unexpected text"));
}
END_TEST

START_TEST(literals_have_c_types)
{
	ck_assert_int_eq(val_of("1").type.base, VB_INT);
	ck_assert_int_eq(val_of("2147483648").type.base, VB_LONG);
	ck_assert_int_eq(val_of("0xffffffff").type.base, VB_UINT);
	ck_assert_int_eq(val_of("1u").type.base, VB_UINT);
	ck_assert_int_eq(val_of("1L").type.base, VB_LONG);
	ck_assert_int_eq(val_of("1ul").type.base, VB_ULONG);
	ck_assert_int_eq(val_of("0xffffffffffffffff").type.base, VB_ULONG);
	ck_assert_value("'a'", 97);
	ck_assert_int_eq(val_of("'a'").type.base, VB_CHAR);
	ck_assert_value("'\\n'", 10);
	ck_assert_value("'\\0'", 0);
	ck_assert_value("'\\x41'", 65);
	ck_assert_value("'\\101'", 65);
	ck_assert_value("'\\''", 39);
	ck_assert_value("'a' + 1", 98);
	ck_assert_ptr_nonnull(strstr(err_of("''"), "empty character constant"));
	ck_assert_ptr_nonnull(strstr(err_of("'ab'"), "a ' expected"));
}
END_TEST

START_TEST(casts_and_pointers_as_in_c)
{
	ck_assert_value("(char)300", 44);
	ck_assert_value("(unsigned char)-1", 255);
	ck_assert_value("(int)0x100000001", 1);
	ck_assert_value("(short)-1 == -1", 1);
	ck_assert_value("(unsigned short)-1", 65535);
	ck_assert_value("(int8_t)0x80", -128);
	ck_assert_value("(uint16_t)0x12345", 0x2345);
	ck_assert_int_eq(val_of("(size_t)-1").bits, ULONG_MAX);
	ck_assert_value("(ssize_t)-1 < 0", 1);
	ck_assert_value("(unsigned long long int)-1 > 0", 1);
	ck_assert_value("(long long)-1 < 0", 1);
	ck_assert_value("(signed char)255", -1);
	/* Pointer arithmetic counts what they point to (void: bytes). */
	ck_assert_value("(int *)0x1000 + 1", 0x1004);
	ck_assert_value("2 + (long *)0x1000", 0x1010);
	ck_assert_value("(char *)0x1000 + 1", 0x1001);
	ck_assert_value("$p + 8", 0x1008);
	ck_assert_value("(long *)0x1010 - (long *)0x1000", 2);
	ck_assert_int_eq(val_of("(char *)$p").type.ptr, 1);
	ck_assert_ptr_nonnull(strstr(err_of("(void)1"), "cast to void"));
	ck_assert_ptr_nonnull(strstr(err_of("(unsigned float)1"),
				     "\"float\" in a type"));
	ck_assert_ptr_nonnull(strstr(err_of("(short char)1"), "is not a C type"));
	ck_assert_ptr_nonnull(strstr(err_of("(frob)1"), "a number, $name"));
}
END_TEST

START_TEST(dereferences_read_memory)
{
	fake_setup();
	ck_assert_value("*(int *)0x1000", 0x12345678);
	ck_assert_int_eq(val_of("*(int *)0x1000").type.base, VB_INT);
	ck_assert_value("*(unsigned char *)0x1000", 0x78);
	ck_assert_value("*(char *)0x1003", 0x12);
	ck_assert_value("*(short *)0x1002", 0x1234);
	ck_assert_value("*(uint8_t *)(0x1000 + 3)", 0x12);
	ck_assert_value("*(long *)0x1020", 0x1010);
	ck_assert_value("*0x1020", 0x1010);	/* 8 bytes, a long */
	ck_assert_value("*$p", 0x12345678);	/* void *: 8 bytes too */
	ck_assert_value("**(char **)0x1020", 'h');
	ck_assert_value("*((char *)*(long *)0x1020 + 4)", 'o');
	ck_assert_ptr_nonnull(strstr(err_of("*(int *)0x2000"),
				     "cannot access memory at 0x2000"));
}
END_TEST

START_TEST(and_and_or_skip_what_c_skips)
{
	fake_setup();
	ck_assert_value("0 && *(int *)0x2000", 0);
	ck_assert_value("1 || *(int *)0x2000 == 1", 1);
	ck_assert_value("0 && $bad", 0);
	ck_assert_value("0 && 1 / 0", 0);
	ck_assert_int_eq(fake_reads, 0);
	ck_assert_value("1 && *(int *)0x1000 == 0x12345678", 1);
	ck_assert_int_eq(fake_reads, 1);
	ck_assert_ptr_nonnull(strstr(err_of("$x && $bad"), "$bad"));
}
END_TEST

START_TEST(checks_judge_names_not_values)
{
	struct error err = { 0 };

	ck_assert_int_eq(expr_check(NULL, "$arg0 / 0 + (1 << 99)", &err), 0);
	ck_assert_int_eq(expr_check(NULL, "*(int *)0 + $errno + $_siginfo.si_signo + $1 + $sp", &err), 0);
	ck_assert_int_eq(expr_check(NULL, "$frob", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "$frob: no such register or name"));
	ck_assert_int_eq(expr_check(NULL, "$_siginfo.si_foo", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "no such field"));
	ck_assert_int_eq(expr_check(NULL, "$_siginfo + 1", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "name a field"));
	ck_assert_int_eq(expr_check(NULL, "$arg6", &err), -1);
	ck_assert_int_eq(expr_check(NULL, "0 && $arg9", &err), -1);
	ck_assert_int_eq(expr_check(NULL, "1 +", &err), -1);
}
END_TEST

Suite *expr_suite(void)
{
	Suite *s = suite_create("expr");
	TCase *tc = tcase_create("evaluator");

	tcase_add_test(tc, operators_bind_as_in_c);
	tcase_add_test(tc, values_that_make_no_result_are_errors);
	tcase_add_test(tc, literals_have_c_types);
	tcase_add_test(tc, casts_and_pointers_as_in_c);
	tcase_add_test(tc, dereferences_read_memory);
	tcase_add_test(tc, and_and_or_skip_what_c_skips);
	tcase_add_test(tc, checks_judge_names_not_values);
	suite_add_tcase(s, tc);
	return s;
}
