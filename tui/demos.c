/* The demonstrations: one table of scenarios (program, arguments,
 * variant 1's binary, the files it makes), where their directory is,
 * and the scratch directory a demo that writes files works in. */
#include "demos.h"
#include "demo_dirs.h"

#include <errno.h>
#include <libiberty.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define SCRATCH "$SCRATCH"	/* an argument: the scratch directory */
#define IN_DIR "$DEMOS/"	/* an argument's prefix: the demo directory */
#define DEMO_ARGS_MAX 8		/* arguments a demo's program takes */

/* One scenario: NAME.mvdb in the demo directory is its script. */
struct demo {
	const char *name;		/* as --demo takes it */
	const char *brief;		/* what it shows, one line */
	const char *program;		/* its binary, in the demo directory */
	const char *const *args;	/* its arguments (SCRATCH, IN_DIR) */
	const char *alt;		/* variant 1's binary, or NULL */
	const char *const *makes;	/* files it makes in its scratch
					   directory (LIST(NULL): none, but it
					   works there), or NULL: it needs no
					   directory */
};

static const struct demo demos[] = {
	{
		.name = "ldso",
		.brief = "ld.so maps libraries through local fds; fopen(\"w\") gets fd 256",
		.program = "ldso", .args = LIST(SCRATCH),
		.makes = LIST("ldso.txt"),
	},
	{
		.name = "collision",
		.brief = "a platform fd and a local fd side by side: why the offset",
		.program = "collision", .args = LIST(SCRATCH),
		.makes = LIST("a.txt", "b.txt"),
	},
	{
		.name = "aslr-leak",
		.brief = "a printed pointer diverges under ASLR, agrees with --no-aslr",
		.program = "aslr-leak",
	},
	{
		.name = "exploit",
		.brief = "a diversified variant stops a stack-smashing hijack before execve",
		.program = "exploit",
		.args = LIST(SCRATCH, IN_DIR "exploit.input"),
		.alt = "exploit-pad", .makes = LIST(NULL),
	},
	{
		.name = "world",
		.brief = "random bytes, the time and the pid made the same in every variant",
		.program = "world",
	},
	{
		.name = "fork",
		.brief = "a pipeline of processes: sets in lockstep, info variants, focus",
		.program = "fork",
	},
};

#define NDEMOS (sizeof(demos) / sizeof(demos[0]))

void demo_list(FILE *out)
{
	fputs("Demonstrations (mvdb --demo NAME [OPTIONS]; make demo NAME=...):\n",
	      out);
	for (size_t i = 0; i < NDEMOS; i++)
		fprintf(out, "  %-10s %s\n", demos[i].name, demos[i].brief);
}

/* Whether this mvdb is the one its build tree made. */
static bool in_build_tree(void)
{
	char *self = realpath("/proc/self/exe", NULL);
	char *built = realpath(MVDB_BUILD_EXE, NULL);
	bool same = self && built && strcmp(self, built) == 0;

	free(self);
	free(built);
	return same;
}

static char *find_dir(void)
{
	const char *env = getenv("MVDB_DEMO_DIR");

	if (env && *env)
		return xstrdup(env);
	return xstrdup(in_build_tree() ? MVDB_BUILD_DEMO_DIR : MVDB_DEMO_DIR);
}

static const struct demo *demo_named(const char *name)
{
	for (size_t i = 0; i < NDEMOS; i++)
		if (strcmp(demos[i].name, name) == 0)
			return &demos[i];
	return NULL;
}

/* The scratch directory's files, then the directory, as absolute
 * paths: removed by demo_remove_now where only async-signal-safe calls
 * may run (mvdb dying of SIGTERM or SIGHUP in a call). */
#define DOOMED_MAX 8
static char *doomed[DOOMED_MAX + 1];

void demo_remove_now(void)
{
	int n = 0;

	while (n < DOOMED_MAX && doomed[n])
		n++;
	for (int i = 0; i < n; i++)
		if (i < n - 1)
			unlink(doomed[i]);
		else
			rmdir(doomed[i]);
}

static void doom(const char *dir, const char *const *files)
{
	int n = 0;

	for (int i = 0; files && files[i] && n < DOOMED_MAX - 1; i++)
		doomed[n++] = concat(dir, "/", files[i], NULL);
	doomed[n] = xstrdup(dir);
}

static void undoom(void)
{
	for (int i = 0; i < DOOMED_MAX && doomed[i]; i++) {
		free(doomed[i]);
		doomed[i] = NULL;
	}
}

static char *make_scratch(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/mvdb-demo-%s.XXXXXX",
			      tmp && *tmp ? tmp : "/tmp", name);

	if (!mkdtemp(dir)) {
		fprintf(stderr, "mvdb: --demo %s: cannot make a directory %s: %s\n",
			name, dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* Puts the script before the -x/-e commands of the command line (there
 * is room: demo_setup checked). */
static void add_script(struct options *o)
{
	memmove(o->commands + 1, o->commands,
		o->ncommands * sizeof(o->commands[0]));
	memmove(o->command_is_file + 1, o->command_is_file,
		o->ncommands * sizeof(o->command_is_file[0]));
	o->commands[0] = o->demo_script;
	o->command_is_file[0] = true;
	o->ncommands++;
}

int demo_setup(struct options *o)
{
	const struct demo *dm = demo_named(o->demo);
	char *program;
	int n = 0;

	if (!dm) {
		fprintf(stderr, "mvdb: no demo named '%s'; `mvdb --demo` lists them\n",
			o->demo);
		return EXIT_USAGE;
	}
	o->demo_dir = find_dir();
	o->demo_script = xasprintf("%s/%s.mvdb", o->demo_dir, dm->name);
	program = xasprintf("%s/%s", o->demo_dir, dm->program);
	if (access(o->demo_script, R_OK) != 0 || access(program, X_OK) != 0) {
		fprintf(stderr, "mvdb: the demo %s is not in %s (`make demos` "
			"builds it; MVDB_DEMO_DIR names another directory)\n",
			dm->name, o->demo_dir);
		free(program);
		return EXIT_NOTFOUND;
	}
	if (o->ncommands == MAX_COMMANDS) {
		fprintf(stderr, "mvdb: --demo %s: too many -x/-e options besides its script\n",
			dm->name);
		free(program);
		return EXIT_USAGE;
	}
	if (dm->makes && !(o->scratch = make_scratch(dm->name))) {
		free(program);
		return EXIT_MONITOR;
	}
	o->scratch_files = dm->makes;
	if (o->scratch)
		doom(o->scratch, dm->makes);
	o->demo_argv = XCNEWVEC(char *, DEMO_ARGS_MAX + 2);
	o->demo_argv[n++] = program;
	for (int i = 0; dm->args && dm->args[i] && i < DEMO_ARGS_MAX; i++) {
		const char *a = dm->args[i];

		if (strcmp(a, SCRATCH) == 0)
			o->demo_argv[n++] = xstrdup(o->scratch);
		else if (strncmp(a, IN_DIR, strlen(IN_DIR)) == 0)
			o->demo_argv[n++] = concat(o->demo_dir, "/",
						   a + strlen(IN_DIR), NULL);
		else
			o->demo_argv[n++] = xstrdup(a);
	}
	o->cfg.argv = o->demo_argv;
	if (dm->alt && !o->cfg.exe[1]) {
		o->demo_exe = concat(o->demo_dir, "/", dm->alt, NULL);
		o->cfg.exe[1] = o->demo_exe;
	}
	add_script(o);
	return 0;
}

void demo_cleanup(struct options *o)
{
	if (o->scratch) {
		for (int i = 0; o->scratch_files[i]; i++) {
			char *path = concat(o->scratch, "/", o->scratch_files[i],
					    NULL);

			unlink(path);
			free(path);
		}
		if (rmdir(o->scratch) != 0)
			fprintf(stderr, "mvdb: left the demo's directory %s: %s\n",
				o->scratch, errno == ENOTEMPTY
				? "it holds files the demo does not make"
				: strerror(errno));
	}
	undoom();
	for (int i = 0; o->demo_argv && o->demo_argv[i]; i++)
		free(o->demo_argv[i]);
	free(o->demo_argv);
	free(o->demo_exe);
	free(o->scratch);
	free(o->demo_script);
	free(o->demo_dir);
	o->demo_argv = NULL;
	o->demo_exe = o->scratch = o->demo_script = o->demo_dir = NULL;
}
