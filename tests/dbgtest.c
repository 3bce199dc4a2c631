/* The debugger under test of the command suites. */
#include "dbgtest.h"
#include "run.h"

#include <check.h>
#include <fcntl.h>
#include <libiberty.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct dbgtest T;

void dbgtest_setup(const char *prog, const char *arg, bool start)
{
	struct config cfg = { .nvariants = 2, .cpu = -1 };

	T.argv[0] = xstrdup(prog ? tracee(prog) : "/nonexistent/program");
	T.argv[1] = arg ? xstrdup(arg) : NULL;
	T.argv[2] = NULL;
	T.null_fd = open("/dev/null", O_RDWR);
	cfg.argv = T.argv;
	cfg.stdio[0] = cfg.stdio[1] = cfg.stdio[2] = T.null_fd;
	T.d = dbg_new(&cfg, NULL);
	result_init(&T.r);
	if (start)
		ck_assert_int_eq(dbg_start(T.d, &T.r), 0);
}

void dbgtest_teardown(void)
{
	result_free(&T.r);
	dbg_free(T.d);
	free(T.argv[0]);
	free(T.argv[1]);
	close(T.null_fd);
}

void dbgtest_exec(const char *line)
{
	result_free(&T.r);
	dbg_execute(T.d, line, &T.r);
}

const struct item *dbgtest_find(enum itemkind kind, const char *needle)
{
	for (size_t i = 0; i < T.r.n; i++)
		if (T.r.items[i].kind == kind &&
		    (!needle || (T.r.items[i].text &&
				 strstr(T.r.items[i].text, needle))))
			return &T.r.items[i];
	return NULL;
}

int dbgtest_count(enum itemkind kind)
{
	int n = 0;

	for (size_t i = 0; i < T.r.n; i++)
		n += T.r.items[i].kind == kind;
	return n;
}
