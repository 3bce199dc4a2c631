/* Rendering against strace: the same real programs run under strace and
 * under mvdb --batch --trace, and strace's lines must appear in mvdb's
 * trace, so people can diff one against the other.
 *
 * Masked on both sides: addresses (0x...), numbers of three digits or
 * more (sizes, inodes, times, pids), getrandom's bytes (random in every
 * run), sysinfo's figures (the machine's state), strace's padding
 * before " = ", mvdb's "[step N] " prefix; strace's "+++" line is left
 * out.  What still differs (measured on Debian 12, strace 6.1): the one
 * futex(..., FUTEX_WAKE_PRIVATE, ...) each program makes, which is not
 * a stop in mvdb (futexes run in the variants without stopping); that
 * is about one line in a hundred and twenty.
 */
#include "run.h"
#include "suites.h"

#include <ctype.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RENDER_MIN_PERCENT 95	/* of strace's lines found in mvdb's */

/* Copies line into a new string, masked as the header says. */
static char *normalise(const char *line, size_t len)
{
	char *out = XNEWVEC(char, len + 1);
	size_t o = 0, i = 0;
	bool sysinfo;

	/* mvdb's "[step N] " or "[step N set M] " */
	if (len > 6 && strncmp(line, "[step ", 6) == 0) {
		const char *close = memchr(line, ']', len);

		if (close && close + 2 <= line + len) {
			i = (size_t)(close - line) + 1;
			if (i < len && line[i] == ' ')
				i++;
		}
	}
	sysinfo = len - i > 8 && strncmp(line + i, "sysinfo(", 8) == 0;
	if (len - i > 11 && strncmp(line + i, "getrandom(\"", 11) == 0) {
		const char *end = memchr(line + i + 11, '"', len - i - 11);

		if (end) {
			memcpy(out, "getrandom(\"R", 12);
			o = 12;
			i = (size_t)(end - line);
		}
	}
	while (i < len) {
		char c = line[i];

		if (c == '0' && i + 1 < len && line[i + 1] == 'x' &&
		    (!i || !isalnum((unsigned char)line[i - 1]))) {
			i += 2;
			while (i < len && isxdigit((unsigned char)line[i]))
				i++;
			out[o++] = 'X';
		} else if (isdigit((unsigned char)c) &&
			   (!i || !isalnum((unsigned char)line[i - 1]))) {
			size_t j = i;

			while (j < len && isdigit((unsigned char)line[j]))
				j++;
			if ((j - i >= 3 || sysinfo) &&
			    (j == len || !isalnum((unsigned char)line[j]))) {
				out[o++] = 'N';
			} else {
				memcpy(out + o, line + i, j - i);
				o += j - i;
			}
			i = j;
		} else if (c == ')') {
			/* strace pads the result to a column */
			size_t j = i + 1;

			while (j < len && line[j] == ' ')
				j++;
			out[o++] = ')';
			if (j > i + 1 && j < len && line[j] == '=') {
				out[o++] = ' ';
				i = j;
			} else {
				i++;
			}
		} else {
			out[o++] = c;
			i++;
		}
	}
	while (o && (out[o - 1] == ' ' || out[o - 1] == '\r'))
		o--;
	out[o] = '\0';
	return out;
}

/* The masked lines of text, in order. */
static char **lines_of(const char *text, int *count)
{
	char **v = NULL;
	int n = 0;

	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		v = XRESIZEVEC(char *, v, n + 1);
		v[n++] = normalise(p, len);
		p = nl ? nl + 1 : NULL;
	}
	*count = n;
	return v;
}

static void free_lines(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Runs prog (its argv) under strace and under mvdb in dir; returns the
 * percentage of strace's lines that mvdb's trace holds, and prints the
 * ones it does not. */
static double compare_with_strace(const char *dir, char *const prog[])
{
	char *log = concat(dir, "/strace.txt", NULL);
	char *words = xstrdup("");
	char *cmd;
	struct run rs, rm;
	char *stext;
	char **sl, **ml;
	int ns, nm, hit = 0, all = 0;

	for (int i = 0; prog[i]; i++) {
		char *w = concat(words, " '", prog[i], "'", NULL);

		free(words);
		words = w;
	}
	/* Descriptors the test runner leaks would reach the program under
	 * strace (mvdb closes them) and shift every fd number. */
	cmd = concat("cd '", dir, "' && exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- && "
		     "strace -o '", log, "'", words, NULL);
	run_sh(&rs, cmd);
	ck_assert_msg(rs.status == 0, "strace %s: status %d: %s", prog[0],
		      rs.status, rs.err);
	stext = slurp(log, NULL);
	ck_assert_ptr_nonnull(stext);
	free(cmd);
	cmd = concat("cd '", dir, "' && exec '", mvdb_path(),
		     "' --batch --trace --", words, NULL);
	run_sh(&rm, cmd);
	ck_assert_msg(rm.status == 0, "mvdb %s: status %d: %s", prog[0],
		      rm.status, rm.err);
	ck_assert_str_eq(rm.out, rs.out);
	free(cmd);
	free(words);
	sl = lines_of(stext, &ns);
	ml = lines_of(rm.err, &nm);
	for (int i = 0; i < ns; i++) {
		bool found = false;

		if (strncmp(sl[i], "+++", 3) == 0)
			continue;
		all++;
		for (int j = 0; j < nm && !found; j++)
			found = strcmp(sl[i], ml[j]) == 0;
		if (found)
			hit++;
		else
			fprintf(stderr, "render: %s: strace's line not in mvdb's: %s\n",
				prog[0], sl[i]);
	}
	free_lines(sl, ns);
	free_lines(ml, nm);
	free(stext);
	free(log);
	run_free(&rs);
	run_free(&rm);
	ck_assert_int_gt(all, 50);
	return 100.0 * hit / all;
}

/* A fixed directory of small inputs. */
static char *fixture(void)
{
	char *dir = temp_dir();
	char *a = concat(dir, "/in/a.txt", NULL);
	char *b = concat(dir, "/in/b.txt", NULL);
	char *in = concat(dir, "/in", NULL);
	char *cmd = concat("mkdir ", in, " && printf 'hello\\nworld\\nbanana\\napple\\n' > ",
			   a, " && printf 'zeta\\nalpha\\n' > ", b, NULL);
	struct run r;

	run_sh(&r, cmd);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	free(cmd);
	free(a);
	free(b);
	free(in);
	return dir;
}

/* The programs, each with its input; index _i of the loop test. */
static const char *const programs[][4] = {
	{ "cat", "in/a.txt" },
	{ "ls", "in" },
	{ "head", "-n", "2", "in/a.txt" },
	{ "sort", "in/a.txt" },
	{ "wc", "in/a.txt" },
	{ "sha256sum", "in/a.txt" },
};

START_TEST(strace_lines_appear_in_the_trace)
{
	char *dir = fixture();
	char *argv[5] = { 0 };
	double pct;

	for (int i = 0; i < 4 && programs[_i][i]; i++)
		argv[i] = (char *)programs[_i][i];
	pct = compare_with_strace(dir, argv);
	ck_assert_msg(pct >= RENDER_MIN_PERCENT,
		      "%s: %.1f%% of strace's lines in mvdb's trace, want %d%%",
		      argv[0], pct, RENDER_MIN_PERCENT);
	rm_rf(dir);
	free(dir);
}
END_TEST

Suite *render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("strace");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, strace_lines_appear_in_the_trace, 0,
			    (int)(sizeof(programs) / sizeof(programs[0])));
	suite_add_tcase(s, tc);
	return s;
}
