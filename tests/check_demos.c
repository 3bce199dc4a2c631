/* The demonstrations end to end: mvdb --demo NAME in batch mode, each
 * scenario asserting what its narration claims; the list; echo and
 * pause.  (The screen runs ldso and aslr-leak in check_screen.c.) */
#include "run.h"
#include "suites.h"

#include <dirent.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A demo's run: a directory of its own as the cwd, with tmp/ as
 * TMPDIR (where the demo makes its scratch directory). */
struct demo_run {
	struct run r;	/* what mvdb printed and its status */
	char *dir;	/* the cwd; owned */
	char *tmp;	/* dir/tmp; owned */
};

/* Runs mvdb [opts] --demo name in batch mode (opts: more words for the
 * shell, or ""). */
static void demo_run(struct demo_run *d, const char *opts, const char *name)
{
	char *cmd;

	d->dir = temp_dir();
	d->tmp = concat(d->dir, "/tmp", NULL);
	ck_assert_int_eq(mkdir(d->tmp, 0700), 0);
	cmd = xasprintf("cd '%s' && TMPDIR='%s' '%s' --batch %s --demo %s",
			d->dir, d->tmp, mvdb_path(), opts, name);
	run_sh(&d->r, cmd);
	free(cmd);
	ck_assert_msg(!d->r.timedout, "%s timed out", name);
}

/* Entries of dir besides . and .. */
static int entries(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(dp);
	return n;
}

/* The scratch directory is gone, and nothing else was left. */
static void demo_done(struct demo_run *d)
{
	ck_assert_msg(entries(d->tmp) == 0, "left in TMPDIR: %.200s", d->r.err);
	ck_assert_ptr_null(strstr(d->r.err, "left the demo's directory"));
	run_free(&d->r);
	rm_rf(d->dir);
	free(d->dir);
	free(d->tmp);
}

/* text is in the output; else the output goes to stderr (too long for
 * Check's message). */
static void has(const struct run *r, const char *text)
{
	if (!strstr(r->out, text))
		fprintf(stderr, "%s\nstderr:\n%s\n", r->out, r->err);
	ck_assert_msg(strstr(r->out, text), "no \"%s\" in the output", text);
}

/* Narration is printed, never echoed after the prompt. */
static void narrated(const struct run *r, const char *title)
{
	has(r, title);
	ck_assert_int_eq(count_of(r->out, "(mvdb) echo"), 0);
	ck_assert_int_eq(count_of(r->out, "(mvdb) pause"), 0);
}

START_TEST(demo_lists_the_scenarios)
{
	static const char *const names[] = { "ldso", "collision", "aslr-leak",
					      "exploit", "world", "fork" };
	struct run r;

	run_mvdb(&r, "--demo", NULL);
	ck_assert_int_eq(r.status, 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *line = xasprintf("\n  %-10s ", names[i]);

		ck_assert_msg(strstr(r.out, line), "no %s in:\n%s", names[i], r.out);
		free(line);
	}
	run_free(&r);
	run_mvdb(&r, "--demo", "nosuch", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "no demo named 'nosuch'"));
	run_free(&r);
	run_mvdb(&r, "--demo", "ldso", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 2);
	run_free(&r);
}
END_TEST

START_TEST(demo_ldso_maps_libraries_and_writes_on_256)
{
	struct demo_run d;
	const char *first, *second, *end;

	demo_run(&d, "", "ldso");
	ck_assert_int_eq(d.r.status, 0);
	narrated(&d.r, "=== ldso: the dynamic loader at work");
	has(&d.r, "Breakpoint 2, syscall openat, at step");
	has(&d.r, "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC)\n");
	has(&d.r, "Step 3; the call runs in every variant.");
	has(&d.r, "libm.so.6\", O_RDONLY|O_CLOEXEC) = 3\n");
	/* The maps differ (ASLR), and that is no divergence. */
	has(&d.r, "] variant 0: mmap(NULL, ");
	has(&d.r, "] variant 1: mmap(NULL, ");
	/* info sharedlibrary grows by libm. */
	first = strstr(d.r.out, "(mvdb) info sharedlibrary\n");
	ck_assert_ptr_nonnull(first);
	second = strstr(first + 1, "(mvdb) info sharedlibrary\n");
	ck_assert_ptr_nonnull(second);
	end = strstr(second + 1, "(mvdb)");
	ck_assert_ptr_nonnull(end);
	ck_assert_ptr_null(memmem(first, (size_t)(second - first),
				  "libm.so.6   ", 12));
	ck_assert_ptr_nonnull(memmem(second, (size_t)(end - second),
				     "libm.so.6   ", 12));
	/* fopen(..., "w"): once, by the platform, 256 in every variant. */
	/* (its step number follows how many calls met before it) */
	has(&d.r, "; the call runs once, in the platform");
	has(&d.r, "openat(AT_FDCWD, \"ldso.txt\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 256 (opened by the platform: ");
	ck_assert_int_eq(count_of(d.r.out, "\n256  platform fd  256+0 "), 2);
	has(&d.r, "write(256<platform:");
	has(&d.r, "\nv0 0x");
	ck_assert_int_eq(count_of(d.r.out, ": \"hello, file: the square root of 16 is 4\\n\"\n"), 2);
	has(&d.r, "\nwrote ldso.txt\n");
	has(&d.r, "The program exited with status 0 (every variant");
	demo_done(&d);
}
END_TEST

START_TEST(demo_collision_reads_both_files)
{
	struct demo_run d;

	demo_run(&d, "", "collision");
	ck_assert_int_eq(d.r.status, 0);
	narrated(&d.r, "=== collision: a platform fd and a local fd ===");
	has(&d.r, "openat(AT_FDCWD, \"a.txt\", O_RDWR) = 256 (opened by the platform: ");
	has(&d.r, "openat(AT_FDCWD, \"b.txt\", O_RDONLY) = 3\n");
	has(&d.r, "the call runs once, in the platform");
	has(&d.r, "the call runs in every variant");
	ck_assert_int_eq(count_of(d.r.out, "\n3    variant's own  -          -             r "), 2);
	ck_assert_int_eq(count_of(d.r.out, "\n256  platform fd    256+0      "), 2);
	has(&d.r, "would name a.txt in the");
	has(&d.r, "\nfd 256 is a.txt: apples\nfd 3 is b.txt: bananas\n");
	demo_done(&d);
}
END_TEST

START_TEST(demo_aslr_leak_diverges_and_agrees_without_aslr)
{
	struct demo_run d;

	demo_run(&d, "", "aslr-leak");
	ck_assert_int_eq(d.r.status, 86);
	narrated(&d.r, "=== aslr-leak: a program that prints a pointer ===");
	has(&d.r, "The variants diverged at step ");
	has(&d.r, "variant 0 (pid ");
	has(&d.r, "write(1, \"my local variable is at 0x");
	has(&d.r, "Hint: the differing values look like addresses: variant 0's is in its [stack]");
	has(&d.r, " of 39 bytes differ, in ");
	has(&d.r, "\n#1  say_where (");
	has(&d.r, "\n#2  main () at ");
	ck_assert_int_eq(count_of(d.r.out, "\nmy local variable is at"), 0);
	demo_done(&d);

	demo_run(&d, "--no-aslr", "aslr-leak");
	ck_assert_int_eq(d.r.status, 0);
	has(&d.r, "Breakpoint 2, syscall write, at step ");
	has(&d.r, "The 39 bytes are the same in every variant.");
	ck_assert_int_eq(count_of(d.r.out, "\nmy local variable is at 0x"), 1);
	ck_assert_ptr_null(strstr(d.r.out, "diverged"));
	demo_done(&d);
}
END_TEST

START_TEST(demo_exploit_stops_before_execve)
{
	struct demo_run d;
	char *marker;
	struct stat st;

	demo_run(&d, "", "exploit");
	ck_assert_int_eq(d.r.status, 86);
	narrated(&d.r, "=== exploit: a diversified variant stops a hijack ===");
	has(&d.r, "Breakpoint 2, syscall read, at step ");
	has(&d.r, "read(3, 0x");
	/* Before the read, main's return address; after it, win's. */
	has(&d.r, " <main+");
	has(&d.r, "= 96\n");
	has(&d.r, " <win>");
	has(&d.r, "The variants diverged at step ");
	has(&d.r, ": variant 0 calls execve, variant 1 calls write");
	has(&d.r, "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"echo pwned > pwned\"], NULL)");
	has(&d.r, " in win (");
	/* x/8a $sp in variant 0: the return into win, more copies. */
	ck_assert_int_ge(count_of(d.r.out, " <win>*"), 4);
	has(&d.r, " <win+");
	/* execve never ran: no result, no marker, anywhere. */
	ck_assert_ptr_null(strstr(d.r.out, "execve(\"/bin/sh\", [\"/bin/sh\", \"-c\", \"echo pwned > pwned\"], NULL) ="));
	ck_assert_ptr_null(strstr(d.r.out, "\npwned"));
	marker = concat(d.dir, "/pwned", NULL);
	ck_assert_int_ne(stat(marker, &st), 0);
	free(marker);
	demo_done(&d);
}
END_TEST

START_TEST(demo_world_agrees)
{
	struct demo_run d;
	const char *pids;
	char *line;

	demo_run(&d, "", "world");
	ck_assert_int_eq(d.r.status, 0);
	narrated(&d.r, "=== world: randomness, time and pids made consistent ===");
	has(&d.r, "Breakpoint 2, syscall getrandom, at step ");
	has(&d.r, "; the call runs once, in the platform; the result goes to every variant.");
	has(&d.r, "clock_gettime(CLOCK_REALTIME, {tv_sec=");
	has(&d.r, "the call runs nowhere: every variant gets a result from mvdb.");
	ck_assert_ptr_null(strstr(d.r.out, "diverged"));
	/* The bytes each variant got are the same (no unit marked). */
	has(&d.r, "(mvdb) x/8xb $1\nv0 0x");
	ck_assert_ptr_null(strstr(d.r.out, "(* marks units that differ"));
	/* Printed once, with variant 0's pid. */
	ck_assert_int_eq(count_of(d.r.out, "\nrandom bytes: "), 1);
	ck_assert_int_eq(count_of(d.r.out, "\nthe time: "), 1);
	pids = strstr(d.r.out, "(pids ");
	ck_assert_ptr_nonnull(pids);
	line = xasprintf("\nmy pid: %d\n", atoi(pids + 6));
	has(&d.r, line);
	free(line);
	demo_done(&d);
}
END_TEST

START_TEST(demo_fork_shows_sets)
{
	struct demo_run d;

	demo_run(&d, "", "fork");
	ck_assert_int_eq(d.r.status, 0);
	narrated(&d.r, "=== fork: a pipeline of processes ===");
	has(&d.r, "Now in set 2 (child 1 of set 0).");
	has(&d.r, "write(1, \"HELLO FROM THE WRITER\\n\", 22)");
	has(&d.r, "\nset 0 (the program): process, ");
	has(&d.r, "\n  set 1 (child 0 of set 0): process, ");
	has(&d.r, "\n  set 2 (child 1 of set 0): process, stopped at step ");
	has(&d.r, "Focus on set 1 (child 0 of set 0)");
	has(&d.r, "  <- focus\n");
	has(&d.r, "Focus follows the current set");
	ck_assert_int_eq(count_of(d.r.out, "\nHELLO FROM THE WRITER\n"), 1);
	has(&d.r, "\nboth children ended well\n");
	demo_done(&d);
}
END_TEST

/* Without a terminal (line mode from a pipe), pause does not wait. */
START_TEST(demo_runs_in_line_mode_without_a_terminal)
{
	struct run r;

	run_mvdb(&r, "--line", "--demo", "world", NULL);
	ck_assert(!r.timedout);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "\nmy pid: "));
	run_free(&r);
}
END_TEST

/* mvdb ended by SIGTERM at its prompt (a demo in line mode, its
 * commands from a pipe that stays open) leaves no scratch directory:
 * status 143, as without a handler. */
START_TEST(a_demo_killed_leaves_no_files)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s && mkfifo in && exec 3<>in && "
			"{ TMPDIR=%s %s --line --demo collision <in >out 2>&1 & m=$!; "
			"for i in $(seq 400); do grep -q '(mvdb)' out && break; "
			"sleep 0.05; done; ls -d mvdb-demo-* | wc -l; "
			"kill -TERM $m; wait $m; echo status $?; "
			"ls -d mvdb-demo-* 2>/dev/null | wc -l; }",
			dir, dir, mvdb_path());
	run_sh(&r, cmd);
	ck_assert_msg(strcmp(r.out, "1\nstatus 143\n0\n") == 0, "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* MVDB_DEMO_DIR: another directory (as installed), or none. */
START_TEST(demo_dir_from_the_environment)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	/* The demos are built beside the tracees. */
	cmd = xasprintf("cp '%s' '%s' '%s' && "
			"MVDB_DEMO_DIR='%s' '%s' --batch --demo world",
			tracee("../demos/world"), tracee("../demos/world.mvdb"),
			dir, dir, mvdb_path());
	run_sh(&r, cmd);
	free(cmd);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "Started 2 variants of "));
	ck_assert_ptr_nonnull(strstr(r.out, dir));
	run_free(&r);
	cmd = xasprintf("MVDB_DEMO_DIR='%s' '%s' --batch --demo ldso", dir,
			mvdb_path());
	run_sh(&r, cmd);
	free(cmd);
	ck_assert_int_eq(r.status, 127);
	ck_assert_ptr_nonnull(strstr(r.err, "the demo ldso is not in "));
	run_free(&r);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(echo_prints_and_pause_does_not_wait_in_batch)
{
	struct run r;

	run_mvdb(&r, "--batch", "-e", "echo  Look:   two  spaces  ", "-e",
		 "pause Not shown", "-e", "echo", "-e", "step", "--",
		 tracee("hello"), NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "\nLook:   two  spaces\n\n(mvdb) step\n"));
	ck_assert_ptr_null(strstr(r.out, "Not shown"));
	ck_assert_ptr_null(strstr(r.err, "Not shown"));
	run_free(&r);
}
END_TEST

Suite *demos_suite(void)
{
	Suite *s = suite_create("demos");
	TCase *tc = tcase_create("batch");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, demo_lists_the_scenarios);
	tcase_add_test(tc, demo_ldso_maps_libraries_and_writes_on_256);
	tcase_add_test(tc, demo_collision_reads_both_files);
	tcase_add_test(tc, demo_aslr_leak_diverges_and_agrees_without_aslr);
	tcase_add_test(tc, demo_exploit_stops_before_execve);
	tcase_add_test(tc, demo_world_agrees);
	tcase_add_test(tc, demo_fork_shows_sets);
	tcase_add_test(tc, demo_runs_in_line_mode_without_a_terminal);
	tcase_add_test(tc, a_demo_killed_leaves_no_files);
	tcase_add_test(tc, demo_dir_from_the_environment);
	tcase_add_test(tc, echo_prints_and_pause_does_not_wait_in_batch);
	suite_add_tcase(s, tc);
	return s;
}
