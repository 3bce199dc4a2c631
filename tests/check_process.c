/* The process model: forked sets, exec, wait, pipes and held signals,
 * end to end under mvdb --batch, compared with native runs. */
#include "run.h"
#include "session_int.h"
#include "suites.h"

#include <libiberty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Each command: run natively and under mvdb --batch -n 2 in a fresh
 * copy of tests/mk; same output, same status. */
static const struct {
	const char *cmd;	/* a shell command line */
	const char *opts;	/* mvdb options before -- */
} same_as_native[] = {
	{ "sh -c 'exit 3'", "" },
	{ "bash -c 'ls /usr/include | wc -l'", "" },
	{ "bash -c 'for i in 1 2 3; do echo $i; done | sort -r'", "" },
	{ "make -s", "--no-aslr" },
	{ "make -C . all", "--no-aslr" },
	/* cc1 allocates by its own address layout (brk in one variant
	 * where the other reads a link): brk is no meeting point during a
	 * batch run, so ASLR stays on. */
	{ "make -s -j2 -f cc.mk", "" },
	/* glibc names cc's temporary files from the address layout: mvdb
	 * gives the variants variant 0's names. */
	{ "cc -c -o x.o x.c", "--no-aslr" },
	{ "python3 -c 'import subprocess; subprocess.run([\"echo\", \"hi\"])'",
	  "" },
	{ "python3 -c 'print(sum(range(10**5)))'", "" },
};

/* A fresh copy of tests/mk (and x.c) at dir/w: both runs see the same
 * paths. */
static void fresh_project(const char *dir)
{
	const char *src = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
	char *cmd = xasprintf("rm -rf %s/w && cp -r %s/tests/mk %s/w && "
			      "echo 'int f(void) { return 1; }' > %s/w/x.c",
			      dir, src, dir, dir);
	struct run r;

	run_sh(&r, cmd);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	free(cmd);
}

START_TEST(runs_like_native)
{
	char *dir = temp_dir();
	char *native = xasprintf("cd %s/w && %s", dir, same_as_native[_i].cmd);
	char *token = xasprintf("MVDB_TEST_RUN=%d-%d", (int)getpid(), _i);
	char *under = xasprintf("cd %s/w && env %s %s --batch %s -- %s", dir,
				token, mvdb_path(), same_as_native[_i].opts,
				same_as_native[_i].cmd);
	/* Every process of the run carries the token in its environment:
	 * none may be left once mvdb is gone. */
	char *left = xasprintf("grep -l -s -a '%s' /proc/[0-9]*/environ", token);
	struct run n, m;

	fresh_project(dir);
	run_sh(&n, native);
	fresh_project(dir);
	run_sh(&m, under);
	ck_assert_msg(m.status == n.status, "%s: status %d, native %d\n%s",
		      same_as_native[_i].cmd, m.status, n.status, m.err);
	ck_assert_str_eq(m.out, n.out);
	ck_assert_str_eq(m.err, n.err);
	run_free(&n);
	run_free(&m);
	run_sh(&m, left);
	ck_assert_msg(m.out[0] == '\0', "left behind: %s", m.out);
	run_free(&m);
	rm_rf(dir);
	free(dir);
	free(native);
	free(under);
	free(token);
	free(left);
}
END_TEST

START_TEST(signal_handlers_run_in_lockstep)
{
	struct run r;

	for (int i = 0; i < 5; i++) {
		run_mvdb(&r, "--batch", "--", tracee("signals"), NULL);
		ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
		ck_assert_str_eq(r.out, "usr1\nalarm 1\nalarm 2\nalarm 3\ndone\n");
		run_free(&r);
	}
}
END_TEST

START_TEST(a_child_faulting_in_one_variant_diverges_in_its_set)
{
	struct run r;
	char *exe = xasprintf("1:%s", tracee("alt_alt"));
	char *left = xasprintf("pgrep -f '^%s forkcrash$'", tracee("alt"));

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "forkcrash",
		 NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "in set 1 (child 0 of set 0)"));
	ck_assert_ptr_nonnull(strstr(r.err, "variant 1 faults with SIGSEGV"));
	run_free(&r);
	/* Nothing of the run is left, not even a zombie. */
	run_sh(&r, left);
	ck_assert_int_eq(r.status, 1);
	run_free(&r);
	/* Without the faulting build the run agrees with a native one. */
	run_mvdb(&r, "--batch", "--", tracee("alt"), "forkcrash", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "child status 0\n");
	run_free(&r);
	free(exe);
	free(left);
}
END_TEST

START_TEST(threads_write_their_own_files)
{
	char *dir = temp_dir();
	struct run r;

	for (int i = 0; i < 3; i++) {
		run_mvdb(&r, "--batch", "--", tracee("threads"), dir, NULL);
		ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
		ck_assert_str_eq(r.out, "thread 0 wrote this\nthread 1 wrote this\n"
					"thread 2 wrote this\nthread 3 wrote this\n");
		run_free(&r);
	}
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(trace_names_the_set)
{
	struct run r;

	run_mvdb(&r, "--batch", "--trace=execve,exit_group,wait4", "--", "sh",
		 "-c", "/bin/true; exit 5", NULL);
	ck_assert_int_eq(r.status, 5);
	ck_assert_ptr_nonnull(strstr(r.err, "set 1] execve(\"/bin/true\""));
	ck_assert_ptr_nonnull(strstr(r.err, "set 1] +++ exited with 0 +++"));
	ck_assert_ptr_nonnull(strstr(r.err, "] wait4(-1, "));
	ck_assert_ptr_nonnull(strstr(r.err, "] exit_group(5) = ?"));
	run_free(&r);
}
END_TEST

/* Pairing and id translation on sets made by hand. */
START_TEST(children_pair_by_order_and_ids_translate)
{
	struct session *s = xcalloc(1, sizeof(struct session_private));
	struct vset *root, *child;

	s->n = 2;
	root = set_new(s, -1, 0);
	root->v[0].pid = 100;
	root->v[1].pid = 200;
	pmap_init(&root->pm, 256);
	for (int i = 0; i < 2; i++) {
		root->v[i].attached = true;
		ltable_init(&root->v[i].local, 256);
	}
	ltable_did_open(&root->v[0].local, 3, "/etc/passwd", 0);
	ltable_did_open(&root->v[1].local, 3, "/etc/passwd", 0);
	/* variant 1's child shows up first, then variant 0's */
	events_adopt(s, root, &root->v[1], 201);
	ck_assert_int_eq(s->nsets, 2);
	child = s->sets[1];
	ck_assert_int_eq(child->state, SET_STARTING);
	ck_assert_int_eq(child->v[1].pid, 201);
	events_adopt(s, root, &root->v[0], 101);
	ck_assert_int_eq(s->nsets, 2);
	ck_assert_int_eq(child->v[0].pid, 101);
	ck_assert_int_eq(child->parent, 0);
	ck_assert_int_eq(child->ordinal, 0);
	/* a second fork makes a second set */
	events_adopt(s, root, &root->v[0], 102);
	ck_assert_int_eq(s->nsets, 3);
	ck_assert_int_eq(s->sets[2]->ordinal, 1);
	/* ids: what variant 1 calls 101 is its own 201, and back */
	ck_assert_int_eq(events_own_pid(s, 1, 101), 201);
	ck_assert_int_eq(events_own_pid(s, 1, 100), 200);
	ck_assert_int_eq(events_own_pid(s, 1, 555), 555);
	ck_assert_int_eq(events_v0_pid(s, 201), 101);
	ck_assert_int_eq(events_v0_pid(s, 200), 100);
	/* the first child ends: forgotten, its pids kept until waited for */
	child->state = SET_ENDED;
	sets_sweep(s);
	ck_assert_int_eq(s->nsets, 2);
	ck_assert_ptr_null(set_get(s, 1));
	ck_assert_int_eq(set_get(s, 2)->ordinal, 1);
	ck_assert_int_eq(s->made, 3);
	ck_assert_int_eq(events_v0_pid(s, 201), 101);
	ck_assert_int_eq(events_own_pid(s, 1, 101), 201);
	events_reaped(s, 0, 101);
	ck_assert_int_eq(events_v0_pid(s, 201), 101);	/* 1 still to reap */
	events_reaped(s, 1, 201);
	ck_assert_int_eq(events_v0_pid(s, 201), 201);
	/* the current set and set 0 stay, ended or not */
	s->cur = 2;
	set_get(s, 2)->state = SET_ENDED;
	root->state = SET_ENDED;
	sets_sweep(s);
	ck_assert_int_eq(s->nsets, 2);
	s->cur = 0;
	sets_sweep(s);
	ck_assert_int_eq(s->nsets, 1);
	for (int k = 0; k < s->nsets; k++)
		set_free(s->sets[k]);
	free(s->sets);
	free(((struct session_private *)s)->ghosts);
	free(s);
}
END_TEST

/* Which held signal is delivered, and how the call at hand ends. */
START_TEST(held_signals_wait_for_every_variant)
{
	struct vset set = { .state = SET_ARRIVED };
	bool eintr = true;

	set.v[0].state = set.v[1].state = VS_SYSCALL;
	set.v[0].held = 1ul << SIGALRM;
	/* variant 1 has not got it yet */
	ck_assert_int_eq(events_held_signal(&set, 2, &eintr), 0);
	set.v[1].held = 1ul << SIGALRM | 1ul << SIGCHLD;
	ck_assert_int_eq(events_held_signal(&set, 2, &eintr), SIGALRM);
	ck_assert(!eintr);	/* not interrupted: the call runs again */
	/* pause() was interrupted (ERESTARTNOHAND) with a handler: EINTR
	 * after the handler */
	set.v[1].restart = 514;
	set.v[1].restarts = false;
	ck_assert_int_eq(events_held_signal(&set, 2, &eintr), SIGALRM);
	ck_assert(eintr);
	/* a call the kernel makes again (no handler, SA_RESTART) */
	set.v[1].restarts = true;
	ck_assert_int_eq(events_held_signal(&set, 2, &eintr), SIGALRM);
	ck_assert(!eintr);
	/* not while a variant is elsewhere, nor before the set arrived */
	set.v[0].state = VS_RUNNING;
	ck_assert_int_eq(events_held_signal(&set, 2, &eintr), 0);
	set.v[0].state = VS_SYSCALL;
	set.state = SET_RUNNING;
	ck_assert_int_eq(events_held_signal(&set, 2, &eintr), 0);
}
END_TEST

Suite *process_suite(void)
{
	Suite *s = suite_create("process");
	TCase *e2e = tcase_create("end to end");
	TCase *units = tcase_create("sets");

	tcase_set_timeout(e2e, 180);
	tcase_add_loop_test(e2e, runs_like_native, 0,
			    sizeof(same_as_native) / sizeof(same_as_native[0]));
	tcase_add_test(e2e, signal_handlers_run_in_lockstep);
	tcase_add_test(e2e, a_child_faulting_in_one_variant_diverges_in_its_set);
	tcase_add_test(e2e, threads_write_their_own_files);
	tcase_add_test(e2e, trace_names_the_set);
	suite_add_tcase(s, e2e);
	tcase_add_test(units, children_pair_by_order_and_ids_translate);
	tcase_add_test(units, held_signals_wait_for_every_variant);
	suite_add_tcase(s, units);
	return s;
}
