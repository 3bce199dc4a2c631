/* libFuzzer target: the command parser, dispatch and completion with no
 * running session, and the expression evaluator with a fake lookup.
 * The debugger's program does not exist, so `run` fails at once and
 * nothing is ever spawned.  Each input is a few lines: the commands run
 * in order on one debugger (so x's memory, print's history, displays and
 * Enter-repeat are used), and each line is also completed at every
 * position, evaluated as an expression (with names and a fake memory of
 * 64 bytes at 0x1000) and checked as a condition is. */
#include "debugger.h"

#include <libiberty.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Names resolve to fixed values, some fail, like a real variant's. */
static int fake_lookup(void *ctx, const char *name, unsigned long *val,
		       struct error *err)
{
	(void)ctx;
	if (strcmp(name, "fail") == 0)
		return error_set(err, ERR_MEMORY, "variant 1: cannot access memory");
	*val = strlen(name) * 0x1000UL;
	return 0;
}

/* The typed twin of fake_lookup, and memory at 0x1000..0x103f. */
static int fake_value(void *ctx, const char *name, struct value *val,
		      struct error *err)
{
	val->type = (struct vtype){ name[0] == 'p' ? VB_CHAR : VB_LONG,
				    name[0] == 'p' };
	return fake_lookup(ctx, name, &val->bits, err);
}

static int fake_read(void *ctx, unsigned long addr, void *buf, size_t len,
		     struct error *err)
{
	(void)ctx;
	if (addr < 0x1000 || addr >= 0x1040 || len > 0x1040 - addr)
		return error_set(err, ERR_MEMORY,
				 "variant 0: cannot access memory at %#lx", addr);
	memset(buf, (int)(addr & 0xff), len);
	return 0;
}

static void free_matches(char **m)
{
	if (!m)
		return;
	for (int i = 0; m[i]; i++)
		free(m[i]);
	free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *argv[] = { "/nonexistent/mvdb-fuzz-program", NULL };
	struct config cfg = { .nvariants = 2, .argv = argv, .cpu = -1 };
	struct debugger *d = dbg_new(&cfg, NULL);
	char *text = xstrndup((const char *)data, size);
	char *save = NULL;

	for (char *line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct result r;
		struct error err = { 0 };
		unsigned long val;
		int len = (int)strlen(line);

		result_init(&r);
		dbg_execute(d, line, &r);
		result_free(&r);
		result_init(&r);
		dbg_execute(d, "", &r);	/* Enter: the repeat */
		result_free(&r);
		expr_eval(line, fake_lookup, NULL, &val, &err);
		expr_eval(line, expr_check_lookup, NULL, &val, &err);
		{
			struct expr_env env = {
				.lookup = fake_value, .read = fake_read,
			};
			struct value v;

			expr_value(line, &env, &v, &err);
			expr_check(d, line, &err);
		}
		for (int end = 0; end <= len && end < 64; end++) {
			int start = end;

			while (start > 0 && line[start - 1] != ' ')
				start--;
			free_matches(dbg_complete(d, line, start, end));
			dbg_complete_wants_path(d, line, start);
		}
	}
	free(text);
	dbg_free(d);
	return 0;
}
