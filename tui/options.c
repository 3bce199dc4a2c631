/* Parsing mvdb's command line. */
#include "demos.h"
#include "options.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VERSION "0.1.0"

static const char usage_text[] =
	"Usage: mvdb [OPTIONS] [--] PROGRAM [ARG...]\n"
	"       mvdb --demo [NAME] [OPTIONS]\n"
	"Run N variants of PROGRAM in lockstep under ptrace, stopping them all at\n"
	"every system call and comparing what they ask for.\n"
	"\n"
	"  -n, --variants=N       number of variants, 2..8 (default 2)\n"
	"      --exe=K:PATH       variant K runs PATH instead of PROGRAM (once per K)\n"
	"      --batch            no interaction: run the -x/-e commands (or to the\n"
	"                         end, or to the first divergence), then exit\n"
	"      --trace-file=FILE  the trace goes to FILE (implies --trace; the\n"
	"                         screen needs it: its stderr is the screen)\n"
	"      --trace[=FILTER]   print every step to stderr in\n"
	"                         strace's style; FILTER as strace's -e trace=\n"
	"                         (names, numbers, %file, %network, %process, ...)\n"
	"      --report=FILE      with --batch: on a divergence, also write the report\n"
	"                         as JSON to FILE (checked at start: a path that\n"
	"                         cannot be written is status 2; a run that agrees\n"
	"                         removes an old report; a FIFO is never waited for)\n"
	"      --no-aslr          start the variants without address randomisation\n"
	"      --no-results       keep results only of calls the platform runs\n"
	"                         (one stop per call instead of two: faster; history\n"
	"                         and reports show the others without results)\n"
	"      --lockstep=strict  every call is a meeting point during continue and\n"
	"                         batch runs too (default: clock reads, own ids,\n"
	"                         anonymous memory calls, sched_yield are not)\n"
	"      --fd-offset=N      number of the first platform fd (default 256)\n"
	"      --cpu=N|any        run the monitor and the variants on CPU N (default:\n"
	"                         the CPU mvdb starts on), or let them spread (any)\n"
	"      --stdin=FILE       the program reads FILE as its standard input\n"
	"                         (as `run < FILE`; in line mode with commands from\n"
	"                         a pipe or file its input is otherwise /dev/null)\n"
	"      --tty=DEV          the program's standard input, output and error\n"
	"                         are terminal DEV (as gdb's tty), its controlling\n"
	"                         terminal when no session has it\n"
	"  -x, --command=FILE     execute the commands in FILE\n"
	"  -e, --eval-command=CMD execute one command (may be repeated)\n"
	"                         (scripts narrate with `echo TEXT` and wait\n"
	"                         for the person with `pause [TEXT]`; both are\n"
	"                         in `help`)\n"
	"      --line             line mode even on a terminal\n"
	"      --demo [NAME]      list the demonstrations, or run one: its program\n"
	"                         and its narrated script (in the screen, with\n"
	"                         --line, or with --batch); MVDB_DEMO_DIR names\n"
	"                         the directory of the demos\n"
	"  -h, --help             show this help and exit\n"
	"  -V, --version          show the version and exit\n"
	"\n"
	"Exit status in batch mode:\n"
	"  the program's own status when every variant ends the same way\n"
	"  (128+N when killed by signal N)\n"
	"  86   the variants diverged (the report is on stderr)\n"
	"  125  mvdb itself failed\n"
	"  126  the program cannot be executed\n"
	"  127  the program was not found\n"
	"  2    a bad command line\n";

enum {
	OPT_EXE = 256,
	OPT_BATCH,
	OPT_TRACE,
	OPT_TRACE_FILE,
	OPT_REPORT,
	OPT_NO_ASLR,
	OPT_NO_RESULTS,
	OPT_LOCKSTEP,
	OPT_FD_OFFSET,
	OPT_LINE,
	OPT_CPU,
	OPT_STDIN,
	OPT_TTY,
	OPT_DEMO,
};

static const struct option longopts[] = {
	{ "variants", required_argument, NULL, 'n' },
	{ "exe", required_argument, NULL, OPT_EXE },
	{ "batch", no_argument, NULL, OPT_BATCH },
	{ "trace", optional_argument, NULL, OPT_TRACE },
	{ "trace-file", required_argument, NULL, OPT_TRACE_FILE },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "no-aslr", no_argument, NULL, OPT_NO_ASLR },
	{ "no-results", no_argument, NULL, OPT_NO_RESULTS },
	{ "lockstep", required_argument, NULL, OPT_LOCKSTEP },
	{ "fd-offset", required_argument, NULL, OPT_FD_OFFSET },
	{ "command", required_argument, NULL, 'x' },
	{ "eval-command", required_argument, NULL, 'e' },
	{ "line", no_argument, NULL, OPT_LINE },
	{ "cpu", required_argument, NULL, OPT_CPU },
	{ "stdin", required_argument, NULL, OPT_STDIN },
	{ "tty", required_argument, NULL, OPT_TTY },
	{ "demo", optional_argument, NULL, OPT_DEMO },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int bad(const char *fmt, const char *arg)
{
	fputs("mvdb: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'mvdb --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

static int bad2(const char *fmt, const char *arg, const char *arg2)
{
	fputs("mvdb: ", stderr);
	fprintf(stderr, fmt, arg, arg2);
	fputs("\nTry 'mvdb --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* A whole decimal number in [lo, hi], or -1. */
static long number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	return v;
}

static int parse_exe(struct options *o, char *arg, const char **exe_arg)
{
	char *colon = strchr(arg, ':');
	long k;

	if (!colon)
		return bad("--exe takes K:PATH (variant number, colon, binary), not '%s'",
			   arg);
	*colon = '\0';
	k = number(arg, 0, MAX_VARIANTS - 1);
	*colon = ':';
	if (k < 0)
		return bad("--exe: '%s' does not start with a variant number 0..7",
			   arg);
	if (!colon[1])
		return bad("--exe: no binary after the colon in '%s'", arg);
	if (exe_arg[k])
		return bad2("--exe %s and --exe %s name the same variant: give one",
			    exe_arg[k], arg);
	if (access(colon + 1, X_OK) == -1)
		return bad("--exe: cannot execute '%s' (missing or not executable)",
			   colon + 1);
	o->cfg.exe[k] = colon + 1;
	exe_arg[k] = arg;
	return 0;
}

/* Whether path opens as flags asks (a directory is no input); else
 * why not, for the message. */
static const char *opens(const char *path, int flags)
{
	struct stat st;
	int fd = open(path, flags | O_CLOEXEC);
	int e = errno;

	if (fd == -1)
		return strerror(e);
	e = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) && !(flags & O_RDWR);
	close(fd);
	return e ? strerror(EISDIR) : NULL;
}

static bool cpu_allowed(int cpu)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof(set), &set) == 0 &&
	       CPU_ISSET(cpu, &set);
}

/* The CPU mvdb runs on now, where it may stay. */
static int first_cpu(void)
{
	int cpu = sched_getcpu();

	return cpu >= 0 && cpu_allowed(cpu) ? cpu : -1;
}

/* Where --trace goes: --trace-file, else stderr, which the screen owns. */
static int trace_target(struct options *o)
{
	bool screen = !o->batch && !o->line && isatty(0) && isatty(1);

	o->trace_out = stderr;
	if (!o->trace_file && screen)
		return bad("%s", "--trace in the screen needs --trace-file=FILE (the screen is on stderr)");
	if (!o->trace_file)
		return 0;
	o->trace_out = fopen(o->trace_file, "we");
	if (!o->trace_out) {
		char why[PATH_MAX + 128];

		snprintf(why, sizeof(why), "%s: %s", o->trace_file,
			 strerror(errno));
		return bad("cannot write --trace-file=%s", why);
	}
	return 0;
}

int options_parse(int argc, char **argv, struct options *o, bool *done)
{
	const char *exe_arg[MAX_VARIANTS] = { 0 };
	const char *why;
	int c, r;
	long n;

	memset(o, 0, sizeof(*o));
	o->cfg.nvariants = 2;
	o->cfg.fd_offset = DEFAULT_FD_OFFSET;
	o->cfg.stdio[0] = 0;
	o->cfg.stdio[1] = 1;
	o->cfg.stdio[2] = 2;
	o->cfg.cpu = first_cpu();
	*done = false;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+n:x:e:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			n = number(optarg, LONG_MIN, LONG_MAX);
			if (n < 2 || n > MAX_VARIANTS)
				return bad("-n takes a number of variants from 2 to 8, not '%s'",
					   optarg);
			o->cfg.nvariants = (int)n;
			break;
		case OPT_EXE:
			if ((r = parse_exe(o, optarg, exe_arg)))
				return r;
			break;
		case OPT_BATCH:
			o->batch = true;
			break;
		case OPT_TRACE:
			o->trace = true;
			o->trace_filter = optarg;
			break;
		case OPT_TRACE_FILE:
			o->trace = true;
			o->trace_file = optarg;
			break;
		case OPT_REPORT:
			o->report = optarg;
			break;
		case OPT_NO_ASLR:
			o->cfg.no_aslr = true;
			break;
		case OPT_NO_RESULTS:
			o->no_results = true;
			break;
		case OPT_LOCKSTEP:
			if (strcmp(optarg, "strict") != 0)
				return bad("--lockstep takes 'strict', not '%s'",
					   optarg);
			o->cfg.strict = true;
			break;
		case OPT_FD_OFFSET:
			n = number(optarg, 4, 1 << 20);
			if (n < 0)
				return bad("--fd-offset takes a number from 4 to 1048576, not '%s'",
					   optarg);
			o->cfg.fd_offset = (int)n;
			break;
		case OPT_STDIN:
			if ((why = opens(optarg, O_RDONLY)))
				return bad2("--stdin: cannot read '%s': %s", optarg,
					    why);
			o->cfg.stdin_path = optarg;
			break;
		case OPT_TTY:
			if ((why = opens(optarg, O_RDWR | O_NOCTTY)))
				return bad2("--tty: cannot open '%s': %s", optarg,
					    why);
			o->cfg.tty = optarg;
			break;
		case 'x':
		case 'e':
			if (o->ncommands == MAX_COMMANDS)
				return bad("at most 64 -x/-e options, not more (%s)",
					   optarg);
			o->command_is_file[o->ncommands] = c == 'x';
			o->commands[o->ncommands++] = optarg;
			break;
		case OPT_LINE:
			o->line = true;
			break;
		case OPT_CPU:
			if (strcmp(optarg, "any") == 0) {
				o->cfg.cpu = -1;
				break;
			}
			n = number(optarg, 0, CPU_SETSIZE - 1);
			if (n < 0 || !cpu_allowed((int)n))
				return bad("--cpu takes 'any' or the number of a CPU mvdb may use, not '%s'",
					   optarg);
			o->cfg.cpu = (int)n;
			break;
		case OPT_DEMO:
			/* --demo NAME as well as --demo=NAME; --demo alone
			 * lists them. */
			if (!optarg && optind < argc && argv[optind][0] != '-')
				optarg = argv[optind++];
			o->demo = optarg ? optarg : "";
			break;
		case 'h':
			fputs(usage_text, stdout);
			*done = true;
			return 0;
		case 'V':
			printf("mvdb %s\n", VERSION);
			*done = true;
			return 0;
		case '?':
		default:
			if (optopt && optopt < 256)
				return bad("unknown option '-%s'",
					   (char[]){ (char)optopt, 0 });
			return bad("unknown or incomplete option '%s'",
				   argv[optind - 1]);
		}
	}
	if (o->demo && optind < argc)
		return bad("--demo runs a program of its own, not '%s'",
			   argv[optind]);
	if (o->demo && !*o->demo) {
		demo_list(stdout);
		*done = true;
		return 0;
	}
	if (!o->demo && optind >= argc)
		return bad("%s", "no program given: mvdb [OPTIONS] [--] PROGRAM [ARG...]");
	for (int k = 0; k < MAX_VARIANTS; k++)
		if (exe_arg[k] && k >= o->cfg.nvariants)
			return bad("--exe %s names a variant beyond -n (variants are numbered from 0)",
				   exe_arg[k]);
	if (o->report && !o->batch)
		return bad("--report=%s writes the report of a --batch run: give --batch too",
			   o->report);
	if (o->trace && (r = trace_target(o)))
		return r;
	if (o->demo)
		return demo_setup(o);
	o->cfg.argv = argv + optind;
	return 0;
}
