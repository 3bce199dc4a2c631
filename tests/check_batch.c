/* End to end: the real ./mvdb --batch on real tracee programs. */
#include "run.h"
#include "suites.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libiberty.h>

START_TEST(agreeing_output_once_and_status_passed)
{
	struct run r;

	run_mvdb(&r, "--batch", "--", tracee("hello"), "3", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.out, "hello from a variant\n");
	ck_assert_int_eq(count_of(r.err, "a line on stderr\n"), 1);
	ck_assert_int_eq(count_of(r.err, "diverged"), 0);
	run_free(&r);
}
END_TEST

START_TEST(more_variants_agree)
{
	struct run r;

	run_mvdb(&r, "--batch", "-n", "4", "--", tracee("hello"), NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "hello from a variant\n");
	run_free(&r);
}
END_TEST

START_TEST(stack_address_diverges_with_aslr)
{
	struct run r;

	run_mvdb(&r, "--batch", "--", tracee("stackaddr"), NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_str_eq(r.out, "");
	ck_assert_ptr_nonnull(strstr(r.err, "diverged at step"));
	ck_assert_ptr_nonnull(strstr(r.err, "variant 0 (pid"));
	ck_assert_ptr_nonnull(strstr(r.err, "variant 1 (pid"));
	ck_assert_int_eq(count_of(r.err, ": write(1, \"0x"), 2);
	ck_assert_ptr_nonnull(strstr(r.err, "argument $arg1 differs at byte"));
	ck_assert_ptr_nonnull(strstr(r.err, "last steps:"));
	run_free(&r);
}
END_TEST

START_TEST(stack_address_agrees_without_aslr)
{
	struct run r;

	run_mvdb(&r, "--batch", "--no-aslr", "--", tracee("stackaddr"), NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(count_of(r.out, "0x"), 1);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
}
END_TEST

START_TEST(other_binary_makes_another_call_which_does_not_run)
{
	struct run r;
	char *dir = temp_dir();
	char *path = xasprintf("%s/created", dir);
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "create",
		 path, NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "variant 0 calls write, variant 1 calls openat"));
	ck_assert_ptr_nonnull(strstr(r.err, ": write(1, \"no file\\n\", 8)"));
	ck_assert_ptr_nonnull(strstr(r.err, ": openat(AT_FDCWD, \""));
	ck_assert_ptr_nonnull(strstr(r.err, "O_WRONLY|O_CREAT"));
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(path);
	free(exe);
}
END_TEST

/* Calls answered without a meeting (engine/local.c) are still compared:
 * a read of another clock, or one call more, is a divergence at the
 * next meeting, before its call (the write) runs. */
START_TEST(calls_without_a_meeting_are_compared)
{
	struct run r;
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "clock", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "clock_gettime without a meeting (the 1st call after step "));
	ck_assert_ptr_nonnull(strstr(r.err, "argument $arg0: CLOCK_MONOTONIC vs CLOCK_REALTIME"));
	ck_assert_ptr_nonnull(strstr(r.err, "): clock_gettime(CLOCK_"));
	ck_assert_str_eq(r.out, "");
	run_free(&r);

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "yield", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "calls without a meeting after step "));
	ck_assert_ptr_nonnull(strstr(r.err, ": variant 0 made 1, variant 1 made 2"));
	ck_assert_str_eq(r.out, "");
	run_free(&r);

	/* a trace of some calls lets the others go without a meeting;
	 * a trace of every call makes each a meeting */
	run_mvdb(&r, "--batch", "--trace=write", "--exe", exe, "--",
		 tracee("alt"), "yield", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, ": variant 0 made 1, variant 1 made 2"),
		      "%s", r.err);
	run_free(&r);
	run_mvdb(&r, "--batch", "--trace", "--exe", exe, "--", tracee("alt"),
		 "yield", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, "variant 0 calls write, variant 1 calls sched_yield"),
		      "%s", r.err);
	run_free(&r);

	/* a wait's timeout or deadline, computed from a clock reading, is
	 * not compared: in a threaded process a variant may have read the
	 * clock more often (ALT reads it twice), and the readings follow */
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "deadline",
		 NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "slept\n");
	run_free(&r);

	/* info variants says who ran ahead */
	run_mvdb(&r, "--batch", "--exe", exe, "-e", "continue", "-e",
		 "info variants", "--", tracee("alt"), "yield", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.out, "Status  Ahead   Binary"));
	ck_assert_ptr_nonnull(strstr(r.out, "at a call  -       1 call  "));
	ck_assert_int_eq(count_of(r.out, "at a call  -       -  "), 1);
	run_free(&r);

	/* strict lockstep: the clock read itself is the meeting */
	run_mvdb(&r, "--batch", "--lockstep=strict", "--exe", exe, "--",
		 tracee("alt"), "clock", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "argument $arg0: 1 vs 0"));
	ck_assert_ptr_null(strstr(r.err, "without a meeting"));
	run_free(&r);

	/* the same binary twice agrees */
	run_mvdb(&r, "--batch", "--", tracee("alt"), "clock", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "read\n");
	run_free(&r);
	free(exe);
}
END_TEST

/* The system clock read without a meeting through gettimeofday, time
 * and clock_gettime: every variant is given the same readings, in the
 * order they were made (else the write of them diverges). */
START_TEST(clock_readings_are_the_same_in_every_variant)
{
	struct run r;

	for (int n = 2; n <= 3; n++) {
		char nv[8];

		snprintf(nv, sizeof(nv), "%d", n);
		run_mvdb(&r, "--batch", "-n", nv, "--", tracee("clocks"), NULL);
		ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
		ck_assert_ptr_nonnull(strstr(r.out, "ordered yes\nlast "));
		ck_assert_str_eq(r.err, "");
		run_free(&r);
	}
}
END_TEST

/* A struct holding an address is compared by the fields the kernel
 * reads (engine/fields.c): timer_create's signal, never its value; an
 * ioctl's input by what its request reads (engine/ioctls.c). */
START_TEST(struct_fields_are_compared_not_addresses)
{
	struct run r;
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "sigev", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "argument $arg1 differs at byte 8 (a field the kernel reads)"));
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	run_mvdb(&r, "--batch", "--", tracee("alt"), "sigev", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "timer\n");
	run_free(&r);

	/* an ioctl's input, which the platform carries out once */
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "nonblock",
		 NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "argument $arg2 (the ioctl's input) differs at byte 0"));
	ck_assert_str_eq(r.out, "");
	run_free(&r);

	/* epoll_ctl's events, not its data (an address) */
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "epoll",
		 NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "argument $arg3 differs at byte 0 (a field the kernel reads)"));
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	run_mvdb(&r, "--batch", "--", tracee("alt"), "epoll", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "added\n");
	run_free(&r);
	free(exe);
}
END_TEST

/* Creates path, empty, if it is not there. */
static void touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	ck_assert_int_ge(fd, 0);
	close(fd);
}

/* Calls of the i386 ABI (int $0x80) fail with ENOSYS: numbered as
 * x86-64 calls they were other calls (i386's unlink is mprotect here),
 * and one variant's unlink ran as a call without a meeting. */
START_TEST(calls_of_other_abis_fail_with_enosys)
{
	struct run r;
	char *dir = temp_dir(), *path = xasprintf("%s/kept", dir);
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	touch(path);
	run_mvdb(&r, "--batch", "--", tracee("alt"), "ia32", path, NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "ret -38\n");
	ck_assert_int_eq(access(path, F_OK), 0);
	run_free(&r);
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "ia32",
		 path, NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_int_eq(access(path, F_OK), 0);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(path);
	free(exe);
}
END_TEST

/* A call newer than the table (fchmodat2) runs nowhere: its arguments
 * cannot be compared.  It ran in every variant, each with its own
 * path. */
START_TEST(calls_newer_than_the_table_fail_with_enosys)
{
	struct run r;
	struct stat st;
	char *dir = temp_dir();
	char *a = xasprintf("%s/a", dir), *b = xasprintf("%s/b", dir);
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	touch(a);
	touch(b);
	chmod(a, 0644);
	chmod(b, 0644);
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "newcall",
		 a, b, NULL);
	ck_assert_int_eq(stat(a, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	ck_assert_int_eq(stat(b, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	run_free(&r);
	run_mvdb(&r, "--batch", "--", tracee("alt"), "newcall", a, NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "ret -1 errno 38\n");
	ck_assert_int_eq(stat(a, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(a);
	free(b);
	free(exe);
}
END_TEST

/* Variant 0, standing in with pause for a call the platform waits in,
 * runs none of the program's code: a signal the call's mask in memory
 * blocks (changed there by another thread after the wait began) was
 * delivered, and its handler's unlink ran without a meeting. */
START_TEST(a_stand_in_runs_no_handler_unseen)
{
	struct run r;
	char *dir = temp_dir(), *path = xasprintf("%s/kept", dir);
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	touch(path);
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "standin",
		 path, NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, "variant 0 calls unlink"), "%s", r.err);
	ck_assert_int_eq(access(path, F_OK), 0);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(path);
	free(exe);
}
END_TEST

/* A change to the file system is made with the arguments the meeting
 * compared: made by variant 0 itself, the kernel read its path again,
 * after another of its threads had changed it (half the runs unlinked
 * the victim).  Four runs: each stops at the first comparison that sees
 * the other name. */
START_TEST(a_change_is_made_with_the_compared_arguments)
{
	struct run r;
	char *dir = temp_dir(), *victim = xasprintf("%s/VICTIM", dir);
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	for (int i = 0; i < 4; i++) {
		touch(victim);
		run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"),
			 "swap", dir, NULL);
		ck_assert_msg(access(victim, F_OK) == 0, "run %d: %s", i,
			      r.err);
		run_free(&r);
	}
	rm_rf(dir);
	free(dir);
	free(victim);
	free(exe);
}
END_TEST

/* Calls that would change a process outside the program once per
 * variant (ptrace, process_vm_writev) are refused with EPERM; calls
 * whose requests cannot be compared (keyrings, Linux AIO) with ENOSYS.
 * Natively, ptrace attached and the keyring answered. */
START_TEST(calls_reaching_outside_are_refused)
{
	struct run r;
	pid_t out = fork();
	char *pid;

	ck_assert_int_ge(out, 0);
	if (out == 0) {
		pause();
		_exit(0);
	}
	pid = xasprintf("%d", (int)out);
	run_mvdb(&r, "--batch", "--", tracee("alt"), "outside", pid, NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "ptrace 1 process_vm_writev 1 keyctl 38 io_setup 38\n");
	run_free(&r);
	/* a System V segment would be one for every variant: EACCES */
	run_mvdb(&r, "--batch", "--", tracee("alt"), "sysvshm", NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "shmat 13\n");
	run_free(&r);
	kill(out, SIGKILL);
	waitpid(out, NULL, 0);
	free(pid);
}
END_TEST

/* A socket's query (getsockname) made while holding a lock meets no
 * one: here each variant's threads take the lock in the other order,
 * as CPython's GIL changes hands, and both variants waited for ever
 * (each holder at its query for its counterpart, which waited for the
 * lock).  -n 2 with the orders crossed, and -n 3. */
START_TEST(a_socket_query_under_a_lock_waits_for_no_one)
{
	struct run r;
	char *cmd = xasprintf("timeout --preserve-status -s TERM 15 %s --batch "
			      "--exe 1:%s -- %s sockcycle; echo \"status $?\"; "
			      "timeout --preserve-status -s TERM 15 %s --batch "
			      "-n 3 --exe 2:%s -- %s sockcycle; echo \"status $?\"",
			      mvdb_path(), tracee("alt_alt"), tracee("alt"),
			      mvdb_path(), tracee("alt_alt"), tracee("alt"));

	run_sh(&r, cmd);
	ck_assert_msg(strcmp(r.out, "same port: yes\nstatus 0\n"
				    "same port: yes\nstatus 0\n") == 0,
		      "%s%s", r.out, r.err);
	run_free(&r);
	free(cmd);
}
END_TEST

/* Each variant opens its own /proc entry for writing itself: the kernel
 * reads the path again, after another thread of the variant may have
 * changed it (4 runs in 5 truncated the victim).  Such an open neither
 * creates nor truncates, and a variant that opened anything else than
 * its own entry is killed before it goes on. */
START_TEST(an_own_proc_open_truncates_nothing_else)
{
	struct run r;
	char *dir = temp_dir(), *victim = xasprintf("%s/VICTIM", dir);
	char *exe = xasprintf("1:%s", tracee("alt_alt"));
	size_t len;
	char *got;

	for (int i = 0; i < 3; i++) {
		FILE *f = fopen(victim, "w");

		ck_assert_ptr_nonnull(f);
		fputs("keep\n", f);
		fclose(f);
		run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"),
			 "procswap", victim, NULL);
		got = slurp(victim, &len);
		ck_assert_msg(got && strcmp(got, "keep\n") == 0, "run %d: %s",
			      i, r.err);
		free(got);
		run_free(&r);
	}
	run_mvdb(&r, "--batch", "--", "sh", "-c",
		 "echo 5 > /proc/self/oom_score_adj && echo 7 > /proc/$$/oom_score_adj && "
		 "cat /proc/self/oom_score_adj", NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "7\n");
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(victim);
	free(exe);
}
END_TEST

/* A signal for a process outside the program is sent once, as natively:
 * every variant sent its own, so a queued signal came twice. */
START_TEST(a_signal_leaves_the_program_once)
{
	struct run r;
	int p[2], got = -1;
	sigset_t rt;
	pid_t out;
	char *pid, *sig;

	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);
	ck_assert_int_eq(pipe(p), 0);
	out = fork();
	ck_assert_int_ge(out, 0);
	if (out == 0) {
		struct timespec wait = { 3, 0 };
		int n = 0;

		sigprocmask(SIG_BLOCK, &rt, NULL);
		close(p[0]);
		if (write(p[1], &n, sizeof(n)) != sizeof(n))
			_exit(1);
		while (sigtimedwait(&rt, NULL, &wait) == SIGRTMIN) {
			n++;
			wait.tv_sec = 1;
		}
		_exit(write(p[1], &n, sizeof(n)) != sizeof(n));
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &got, sizeof(got)), sizeof(got));
	pid = xasprintf("%d", (int)out);
	sig = xasprintf("-%d", SIGRTMIN);
	run_mvdb(&r, "--batch", "--", "kill", sig, pid, NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_int_eq(read(p[0], &got, sizeof(got)), sizeof(got));
	ck_assert_int_eq(got, 1);
	run_free(&r);
	waitpid(out, NULL, 0);
	close(p[0]);
	free(pid);
	free(sig);
}
END_TEST

/* A futex (never stopped at) cut short where the variant stood, to take
 * a held signal, is made again by the kernel unseen.  Its restart code
 * once let the variant's next call, whatever it was, run alone without
 * a meeting: the unlink of a file the other variant did not ask for. */
/* pthread_kill from thread to thread names only the process as its
 * sender: taken at once as if raised, it ran the handler in the
 * variant whose thread was still computing while the other's stood at
 * its read, and they diverged (write against read). */
START_TEST(a_signal_between_threads_is_taken_at_a_common_point)
{
	const char *exes[] = { "1:", "0:" };
	struct run r;

	for (size_t i = 0; i < sizeof(exes) / sizeof(exes[0]); i++) {
		char *exe = xasprintf("%s%s", exes[i], tracee("alt_alt"));

		run_mvdb(&r, "--batch", "-n", "3", "--exe", exe, "--",
			 tracee("alt"), "tkill", NULL);
		ck_assert_msg(r.status == 0, "%s: %d: %s", exe, r.status,
			      r.err);
		ck_assert_str_eq(r.out, "read x\n");
		run_free(&r);
		free(exe);
	}
}
END_TEST

/* SO_ZEROCOPY on a platform socket would let a MSG_ZEROCOPY send
 * leave the kernel holding the monitor's copy of the data after the
 * call: refused as by a kernel without it; other options go through. */
/* msgsnd's message was a pointer never compared: variants sending
 * different messages went unseen.  Now compared before it is sent. */
START_TEST(a_system_v_message_is_compared_before_it_is_sent)
{
	char *exe = xasprintf("1:%s", tracee("alt_alt"));
	struct run r;

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "msgsnd",
		 NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, "msgsnd") &&
		      strstr(r.err, "argument $arg1 differs"), "%s", r.err);
	run_free(&r);
	run_mvdb(&r, "--batch", "--", tracee("alt"), "msgsnd", NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "sent 0\n");
	run_free(&r);
	/* and a semaphore's value, set by the platform */
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "semval",
		 NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, "(SETVAL's value): 3 vs 4"), "%s", r.err);
	run_free(&r);
	free(exe);
}
END_TEST

START_TEST(zerocopy_is_refused_on_a_platform_socket)
{
	struct run r;

	run_mvdb(&r, "--batch", "--", "python3", "-c",
		 "import socket\n"
		 "s = socket.socket()\n"
		 "try:\n"
		 "    s.setsockopt(socket.SOL_SOCKET, 60, 1); print('on')\n"
		 "except OSError as e:\n"
		 "    print('refused', e.errno)\n"
		 "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
		 "print(s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR))\n",
		 NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "refused 92\n1\n");
	run_free(&r);
}
END_TEST

START_TEST(a_call_after_an_unseen_restart_still_meets)
{
	struct run r;
	char *dir = temp_dir();
	char *a = xasprintf("%s/a", dir), *b = xasprintf("%s/b", dir);
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	touch(a);
	touch(b);
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "futexsig",
		 a, b, NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, "argument $arg0 differs"), "%s", r.err);
	ck_assert_int_eq(access(a, F_OK), 0);
	ck_assert_int_eq(access(b, F_OK), 0);
	run_free(&r);
	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "futexsig",
		 a, NULL);
	ck_assert_msg(r.status == 0, "%d: %s", r.status, r.err);
	ck_assert_str_eq(r.out, "unlinked\n");
	ck_assert_int_eq(access(a, F_OK), -1);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(a);
	free(b);
	free(exe);
}
END_TEST

/* execve's arguments are compared to their ends, however long. */
START_TEST(long_exec_arguments_are_compared_whole)
{
	struct run r;
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "longexec",
		 NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, "execve") &&
		      strstr(r.err, "argument $arg1 differs at byte 6004"), "%s",
		      r.err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	run_mvdb(&r, "--batch", "--", tracee("alt"), "longexec", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_uint_eq(strlen(r.out), 6001);
	run_free(&r);
	free(exe);
}
END_TEST

START_TEST(different_exit_statuses_diverge)
{
	struct run r;
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "exit", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "exit_group"));
	ck_assert_ptr_nonnull(strstr(r.err, "argument $arg0: 3 vs 4"));
	run_free(&r);
	free(exe);
}
END_TEST

START_TEST(one_variant_crashing_diverges)
{
	struct run r;
	char *exe = xasprintf("1:%s", tracee("alt_alt"));

	run_mvdb(&r, "--batch", "--exe", exe, "--", tracee("alt"), "crash", NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_ptr_nonnull(strstr(r.err, "variant 1 faults with SIGSEGV"));
	ck_assert_ptr_nonnull(strstr(r.err, "--- SIGSEGV {si_code=SEGV_MAPERR, si_addr=NULL} at 0x"));
	ck_assert_ptr_nonnull(strstr(r.err, " (main+"));
	ck_assert_ptr_nonnull(strstr(r.err, " in alt_alt) ---"));
	run_free(&r);
	free(exe);
}
END_TEST

START_TEST(random_time_and_ids_agree)
{
	struct run r, again;
	char pidline[64];

	run_mvdb(&r, "--batch", "-n", "3", "--", tracee("world"), NULL);
	ck_assert_msg(r.status == 0, "status %d, stderr: %s", r.status, r.err);
	ck_assert_int_eq(count_of(r.out, "random "), 1);
	ck_assert_int_eq(count_of(r.out, "monotonic "), 1);
	ck_assert_int_eq(count_of(r.out, "pid "), 2);
	ck_assert_str_eq(r.err, "");
	/* Each run draws new bytes: the platform really called getrandom. */
	run_mvdb(&again, "--batch", "--", tracee("world"), NULL);
	ck_assert_int_eq(again.status, 0);
	ck_assert_str_ne(strstr(r.out, "random"), strstr(again.out, "random"));
	/* pid and tid are variant 0's: equal to each other. */
	{
		int pid, ppid, tid;

		ck_assert_int_eq(sscanf(strstr(r.out, "pid "), "pid %d ppid %d tid %d",
					&pid, &ppid, &tid), 3);
		ck_assert_int_eq(pid, tid);
		snprintf(pidline, sizeof(pidline), "%d", pid);
	}
	run_free(&r);
	run_free(&again);
}
END_TEST

START_TEST(missing_program_is_127)
{
	struct run r;

	run_mvdb(&r, "--batch", "--", "/nonexistent/prog", NULL);
	ck_assert_int_eq(r.status, 127);
	ck_assert_ptr_nonnull(strstr(r.err, "/nonexistent/prog"));
	ck_assert_int_eq(count_of(r.err, "\n"), 1);
	run_free(&r);
	run_mvdb(&r, "--batch", "--", "no-such-command-here", NULL);
	ck_assert_int_eq(r.status, 127);
	ck_assert_ptr_nonnull(strstr(r.err, "no-such-command-here: command not found"));
	run_free(&r);
}
END_TEST

START_TEST(not_executable_is_126)
{
	struct run r;

	run_mvdb(&r, "--batch", "--", "/etc/passwd", NULL);
	ck_assert_int_eq(r.status, 126);
	ck_assert_ptr_nonnull(strstr(r.err, "/etc/passwd"));
	run_free(&r);
}
END_TEST

START_TEST(ls_matches_native)
{
	struct run native, mv;
	char *const argv[] = { "/bin/ls", "-la", "/usr/include/linux", NULL };

	run_argv(&native, NULL, NULL, 60, argv);
	run_mvdb(&mv, "--batch", "-n", "2", "--", "/bin/ls", "-la",
		 "/usr/include/linux", NULL);
	ck_assert_int_eq(native.status, 0);
	ck_assert_msg(mv.status == 0, "status %d: %s", mv.status, mv.err);
	ck_assert_uint_gt(native.outlen, 1000);
	ck_assert_str_eq(mv.out, native.out);
	run_free(&native);
	run_free(&mv);
}
END_TEST

/* Each bad command line: status 2 and a message that says what is wrong. */
static const struct {
	const char *args[4];	/* the options */
	const char *says;	/* part of the message */
} bad_lines[] = {
	{ { "-n", "0" }, "from 2 to 8, not '0'" },
	{ { "-n", "100" }, "from 2 to 8, not '100'" },
	{ { "-n", "two" }, "not 'two'" },
	{ { "--exe", "9:/bin/true" }, "variant number 0..7" },
	{ { "--exe", "1:/nonexistent/x" }, "cannot execute '/nonexistent/x'" },
	{ { "--exe", "1" }, "K:PATH" },
	{ { "--exe", "3:/bin/true" }, "beyond -n" },
	{ { "--exe", "1:/bin/true", "--exe", "1:/bin/false" },
	  "--exe 1:/bin/true and --exe 1:/bin/false name the same variant" },
	{ { "--bogus" }, "unknown or incomplete option '--bogus'" },
	{ { "-q" }, "unknown option '-q'" },
	{ { "--batch" }, "no program given" },
	{ { "--trace=nosuchcall" }, "unknown system call 'nosuchcall'" },
	{ { "--trace=500" }, "no x86-64 system call has number 500" },
	{ { "--trace=write,,read" },
	  "an empty name in the set of system calls 'write,,read'" },
	{ { "-e", "break syscall write," },
	  "an empty name in the set of system calls 'write,'" },
	{ { "--cpu", "9999" }, "--cpu takes 'any' or the number of a CPU" },
};

START_TEST(bad_command_lines)
{
	struct run r;
	const char *argv[12];
	int n = 0;

	argv[n++] = mvdb_path();
	for (int i = 0; i < 4 && bad_lines[_i].args[i]; i++)
		argv[n++] = bad_lines[_i].args[i];
	if (strcmp(bad_lines[_i].args[0], "--batch") != 0) {
		argv[n++] = "--batch";
		argv[n++] = tracee("hello");
	}
	argv[n] = NULL;
	run_argv(&r, NULL, NULL, 30, (char *const *)argv);
	ck_assert_int_eq(r.status, 2);
	ck_assert_msg(strstr(r.err, bad_lines[_i].says), "stderr: %s", r.err);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
}
END_TEST

START_TEST(help_and_version)
{
	struct run r;

	run_mvdb(&r, "--help", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "86   the variants diverged"));
	ck_assert_ptr_nonnull(strstr(r.out, "127  the program was not found"));
	ck_assert_ptr_nonnull(strstr(r.out, "%file, %network"));
	ck_assert_ptr_null(strstr(r.out, "%%"));
	run_free(&r);
	run_mvdb(&r, "-V", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "mvdb "));
	run_free(&r);
}
END_TEST

/* A batch run's script is checked before the program starts: a
 * missing or unreadable -x file, a directory, an unknown command in a
 * file (with its line) or in -e ends mvdb with status 2, the program
 * never started. */
START_TEST(batch_scripts_are_checked_first)
{
	char *dir = temp_dir(), *script = xasprintf("%s/s.mvdb", dir);
	FILE *f = fopen(script, "w");
	struct run r;

	ck_assert_ptr_nonnull(f);
	fputs("break syscall write\nbogus 1\ncontinue\n", f);
	fclose(f);
	run_mvdb(&r, "--batch", "-x", "/nonexistent", "--", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "-x /nonexistent: No such file"));
	ck_assert_ptr_null(strstr(r.out, "Started"));
	run_free(&r);
	run_mvdb(&r, "--batch", "-x", dir, "--", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "not a file of commands"));
	run_free(&r);
	run_mvdb(&r, "--batch", "-x", script, "--", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "s.mvdb:2: Undefined command: \"bogus\""));
	ck_assert_ptr_null(strstr(r.out, "Started"));
	run_free(&r);
	run_mvdb(&r, "--batch", "-e", "garbage", "--", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "-e: Undefined command: \"garbage\""));
	run_free(&r);
	/* the arguments of commands that need no program too, in order
	 * (condition 2 names the breakpoint the line before made) */
	{
		static const struct {
			const char *line, *err;
		} bad[] = {
			{ "break syscall nosuchcall", "-e: break syscall: unknown system call 'nosuchcall'" },
			{ "set strsize 0", "-e: \"set strsize\" takes a positive number" },
			{ "ignore syscall write arg 9", "-e: ignore: \"9\" is not a list of arguments" },
			{ "condition 7 $arg0 == 1", "-e: No breakpoint number 7." },
			{ "break syscall write if $nosuch == 1", "-e: Bad condition: $nosuch: no such register" },
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			run_mvdb(&r, "--batch", "-e", bad[i].line, "-e", "continue",
				 "--", tracee("hello"), NULL);
			ck_assert_msg(r.status == 2 && strstr(r.err, bad[i].err) &&
				      !strstr(r.out, "Started"), "%s: %d %s %s",
				      bad[i].line, r.status, r.out, r.err);
			run_free(&r);
		}
		run_mvdb(&r, "--batch", "-e", "break syscall write", "-e",
			 "condition 2 $arg0 == 1", "-e", "continue", "--",
			 tracee("hello"), NULL);
		ck_assert_msg(r.status == 0 && strstr(r.out, "Breakpoint 2, syscall write"),
			      "%d %s %s", r.status, r.out, r.err);
		run_free(&r);
	}
	/* a good one runs */
	run_mvdb(&r, "--batch", "-e", "continue", "--", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "exited with status 0"));
	run_free(&r);
	unlink(script);
	rm_rf(dir);
	free(script);
	free(dir);
}
END_TEST

/* Steps `continue` ran keep their results: the history shows what each
 * variant read from /proc/self/stat (its own pid) with the call's
 * result, marked where it differs; --no-results leaves them out. */
START_TEST(continue_keeps_results)
{
	struct run r;

	run_mvdb(&r, "--batch", "-e", "continue", "-e", "history 4", "--",
		 tracee("procstat"), NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.out, "] variant 0: read(3, >>\"") &&
		      strstr(r.out, "] variant 1: read(3, >>\"") &&
		      strstr(r.out, " (procstat) R ") &&
		      strstr(r.out, ", 31) = 31   <- $arg1 differs") &&
		      strstr(r.out, "] close(3) = 0\n"), "%s", r.out);
	run_free(&r);
	run_mvdb(&r, "--batch", "--no-results", "-e", "continue", "-e",
		 "history 4", "--", tracee("procstat"), NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.out, "] read(3, 0x") &&
		      !strstr(r.out, " (procstat) R ") &&
		      strstr(r.out, "] close(3)\n"), "%s", r.out);
	run_free(&r);
}
END_TEST

START_TEST(json_report_on_divergence)
{
	struct run r;
	char *dir = temp_dir();
	char *path = xasprintf("%s/report.json", dir);
	char *opt = xasprintf("--report=%s", path);
	char *json, *hist;

	run_mvdb(&r, "--batch", opt, "--", tracee("stackaddr"), NULL);
	ck_assert_int_eq(r.status, 86);
	json = slurp(path, NULL);
	ck_assert_ptr_nonnull(json);
	ck_assert_ptr_nonnull(strstr(json, "\"kind\": \"argument\""));
	ck_assert_ptr_nonnull(strstr(json, "\"call\": \"write\""));
	ck_assert_ptr_nonnull(strstr(json, "\"arg\": 1"));
	ck_assert_ptr_nonnull(strstr(json, "\"raw\": \"0x1\""));
	hist = strstr(json, "\"history\": [");
	ck_assert_ptr_nonnull(hist);
	/* the calls the variants ran themselves keep their results: the
	 * loader's mmaps differ under ASLR, each variant's shown */
	ck_assert_msg(strstr(hist, "\"ran\": \"variants\"") &&
		      strstr(hist, "\"call\": \"mmap(0x") &&
		      strstr(hist, "\"result\": \"0x7f"), "%s", hist);
	*hist = '\0';
	ck_assert_int_eq(count_of(json, "\"index\": "), 2);
	free(json);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(path);
	free(opt);
}
END_TEST

/* --report is checked before the program runs (a bad path is status 2,
 * nothing ran), written by -e scripts too, removed by a run that agrees
 * (no old report left saying it diverged), and a FIFO nobody reads never
 * holds the run. */
START_TEST(report_file_is_honest)
{
	struct run r;
	char *dir = temp_dir();
	char *path = xasprintf("%s/report.json", dir);
	char *opt = xasprintf("--report=%s", path);
	char *fifo = xasprintf("--report=%s/fifo", dir);
	char *json, *cmd;

	run_mvdb(&r, "--batch", "--report=/nonexistent/dir/r.json", "--",
		 tracee("hello"), NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "--report: cannot write /nonexistent/dir/r.json"));
	ck_assert_ptr_null(strstr(r.out, "hello"));
	run_free(&r);
	run_mvdb(&r, "--batch", "-e", "continue", "--report=/nonexistent/r",
		 "--", tracee("hello"), NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.out, "");
	run_free(&r);
	run_mvdb(&r, "--report=x", "--", tracee("hello"), NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_ptr_nonnull(strstr(r.err, "give --batch too"));
	run_free(&r);
	/* an -e script's divergence is reported too */
	run_mvdb(&r, "--batch", "-e", "continue", opt, "--",
		 tracee("stackaddr"), NULL);
	ck_assert_int_eq(r.status, 86);
	json = slurp(path, NULL);
	ck_assert_ptr_nonnull(json);
	ck_assert_ptr_nonnull(strstr(json, "\"call\": \"write\""));
	free(json);
	run_free(&r);
	/* a run that agrees leaves no report, old or new */
	run_mvdb(&r, "--batch", opt, "--", tracee("hello"), NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_null(slurp(path, NULL));
	run_free(&r);
	cmd = xasprintf("mkfifo %s/fifo && timeout 60 %s --batch %s -- %s; echo status $?",
			dir, mvdb_path(), fifo, tracee("stackaddr"));
	run_sh(&r, cmd);
	ck_assert_msg(strstr(r.out, "status 86\n") &&
		      strstr(r.err, "nothing reads the FIFO") &&
		      strstr(r.err, "the report was not written"), "%s%s",
		      r.out, r.err);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(path);
	free(opt);
	free(fifo);
	free(cmd);
}
END_TEST

START_TEST(trace_shows_steps_filtered)
{
	struct run r;

	run_mvdb(&r, "--batch", "--trace=%file", "--", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3"));
	ck_assert_int_eq(count_of(r.err, "] mmap("), 0);
	run_free(&r);
	run_mvdb(&r, "--batch", "--trace", "--", "/bin/true", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_gt(count_of(r.err, "] mmap("), 0);
	ck_assert_ptr_nonnull(strstr(r.err, "exit_group(0)"));
	ck_assert_ptr_nonnull(strstr(r.err, "+++ exited with 0 +++"));
	run_free(&r);
}
END_TEST

/* A signal a user sends to the pid of variant 0 (the one the program
 * sees) reaches the program, every variant: its handler runs (in pause,
 * or computing: _i = 1); SIGTERM with no handler ends every variant. */
START_TEST(a_users_kill_reaches_every_variant)
{
	static const char *const how[] = { "", "spin" };
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s && { %s --batch -n 3 -- %s %s >out 2>err & m=$!; "
			"for i in $(seq 400); do grep -q ready out && break; "
			"sleep 0.05; done; "
			"v=$(cat /proc/$m/task/*/children | tr ' ' '\\n' | sed -n 1p); "
			"kill -USR1 $v; wait $m; echo status $?; cat out err; "
			"%s --batch -n 3 -- %s 30 >out 2>err & m=$!; "
			"for i in $(seq 400); do grep -q sleeping out && break; "
			"sleep 0.05; done; "
			"v=$(cat /proc/$m/task/*/children | tr ' ' '\\n' | sed -n 1p); "
			"kill -TERM $v; wait $m; echo status $?; cat err; }",
			dir, mvdb_path(), tracee("sig_forward"), how[_i],
			mvdb_path(), tracee("plat_sleep"));
	run_sh(&r, cmd);
	ck_assert_msg(strstr(r.out, "status 3\nready\ngot SIGUSR1\n") &&
		      strstr(r.out, "status 143\n") &&
		      !strstr(r.out, "diverged"), "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* SIGTERM sent to mvdb while the program's threads come and go ends
 * every variant, each thread wherever it stood (in a call, on its way
 * out, already gone): never a divergence.  Before, 5 runs in 20 under
 * -n 3 were reported as one ("variant 0 calls rt_sigprocmask, variant
 * 1 was killed by SIGTERM"); 10 runs each under -n 2 and -n 3. */
START_TEST(a_kill_ends_threads_wherever_they_stand)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s && for n in 2 3 2 3 2 3 2 3 2 3 2 3 2 3 2 3 "
			"2 3 2 3; do %s --batch -n $n -- %s >out 2>err & m=$!; "
			"for i in $(seq 400); do grep -q ready out && break; "
			"sleep 0.05; done; kill -TERM $m; wait $m; "
			"echo \"status $? $(head -c 300 err)\"; done",
			dir, mvdb_path(), tracee("sig_term_threads"));
	run_sh(&r, cmd);
	ck_assert_msg(count_of(r.out, "status 143 \n") == 20, "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* A program stopped from outside (kill -STOP) leaves the monitor
 * asleep: nothing is looked at until the SIGCONT, which the kernel
 * reports (PTRACE_LISTEN).  Before, the monitor woke every 20 ms to
 * look in /proc.  The monitor's voluntary context switches must stay
 * the same over 0.3 s within 6 s of the stop; the program then goes on
 * at kill -CONT and ends as natively. */
START_TEST(a_stopped_program_leaves_the_monitor_asleep)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s || exit; %s --batch -n 2 -- %s >out 2>err & m=$!; "
			"for i in $(seq 500); do [ -s pid ] && break; "
			"sleep 0.01; done; k=$(cat pid); kill -STOP $k; "
			"sw() { sed -n 's/^voluntary_ctxt_switches:\\t*//p' "
			"/proc/$m/status; }; q=busy; "
			"for i in $(seq 20); do a=$(sw); sleep 0.3; "
			"[ \"$a\" = \"$(sw)\" ] && q=asleep && break; done; "
			"echo $q; kill -CONT $k; touch go; wait $m; "
			"echo \"status $?\"; cat out err",
			dir, mvdb_path(), tracee("sig_outer_cont"));
	run_sh(&r, cmd);
	ck_assert_str_eq(r.out, "asleep\nstatus 0\n"
				"going on; SIGCONT handler ran 0 times "
				"(si_code -1)\n");
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* A run hung in a lock cycle across variants (mp_shared_lock: two
 * forked workers write to a pipe under a shared semaphore, which the
 * scheduler gives them in another order in each variant) says, when a
 * SIGTERM ends it after a second or more with no call, where each
 * worker's variants stood.  Before, it ended with no word. */
START_TEST(a_hung_run_says_where_the_variants_stood)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s || exit; %s --batch -n 2 -- %s 2>err & m=$!; "
			"sw() { sed -n 's/^voluntary_ctxt_switches:\\t*//p' "
			"/proc/$m/status; }; "
			"for i in $(seq 20); do a=$(sw); sleep 1.2; "
			"[ \"$a\" = \"$(sw)\" ] && break; done; "
			"kill -TERM $m; wait $m; echo \"status $?\"; cat err",
			dir, mvdb_path(), tracee("mp_shared_lock"));
	run_sh(&r, cmd);
	ck_assert_msg(strstr(r.out, "status 143\n") &&
		      strstr(r.out, "mvdb: SIGTERM came after a second or more with no call; these variants stood apart:\n") &&
		      strstr(r.out, "at write, waiting") &&
		      strstr(r.out, "in futex (a lock)"), "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* A read the platform waits in (cat's, of a pipe whose writer sleeps)
 * leaves the monitor asleep too: variant 0 waits in the kernel
 * meanwhile (standin.c), where a signal from outside reaches the
 * tracer, instead of the monitor looking in /proc every 20 ms.  The
 * monitor's voluntary context switches must stay the same over 0.3 s
 * within 6 s; SIGTERM then ends the program as natively. */
START_TEST(a_platform_wait_leaves_the_monitor_asleep)
{
	char *cmd;
	struct run r;

	cmd = xasprintf("%s --batch -n 2 -- sh -c 'sleep 30 | cat' & m=$!; "
			"sw() { sed -n 's/^voluntary_ctxt_switches:\\t*//p' "
			"/proc/$m/status; }; q=busy; "
			"for i in $(seq 20); do a=$(sw); sleep 0.3; "
			"[ \"$a\" = \"$(sw)\" ] && q=asleep && break; done; "
			"echo $q; kill -TERM $m; wait $m; echo \"status $?\"",
			mvdb_path());
	run_sh(&r, cmd);
	ck_assert_str_eq(r.out, "asleep\nstatus 143\n");
	run_free(&r);
	free(cmd);
}
END_TEST

/* A fault every variant makes is passed through (status 139) and
 * decoded in the trace as strace does, with the instruction and the
 * function it lies in. */
START_TEST(faults_are_decoded)
{
	struct run r;

	run_mvdb(&r, "--batch", "--trace", "--", tracee("sig_fault"), NULL);
	ck_assert_int_eq(r.status, 139);
	ck_assert_msg(strstr(r.err, "] --- SIGSEGV {si_code=SEGV_MAPERR, si_addr=0x10} at 0x") &&
		      strstr(r.err, " (main in sig_fault) ---") &&
		      strstr(r.err, "+++ killed by SIGSEGV"), "%s", r.err);
	run_free(&r);
}
END_TEST

/* A divergence report says what the differing values look like, judged
 * by each variant's own maps, pid, clock and AT_RANDOM bytes. */
START_TEST(reports_hint_at_the_cause)
{
	static const struct {
		const char *mode;	/* hint's argument */
		const char *kind;	/* the JSON hint's kind */
		const char *words;	/* in the text report */
	} cases[] = {
		{ "heap", "address", "variant 0's is in its [heap] and variant 1's in its [heap]" },
		{ "libc", "address", "variant 0's is in its libc.so.6+0x" },
		{ "pointer", "address", "look like addresses" },
		{ "pid", "pid", "look like each variant's own pid (from /proc or a file, not from getpid, which gives every variant variant 0's). Where from: each variant read its own at step " },
		/* read prints the pid's last three digits: the whole pid
		 * where pids are below 1000, and then a pid it is */
		{ "read", "read", "each variant read its own at step " },
		{ "time", "time", "look like times since the epoch" },
		{ "name", "name", "look like a generated name" },
		{ "random", "random", "the kernel's random bytes for each process (AT_RANDOM" },
	};
	char *dir = temp_dir(), opt[640], path[600], want[64];

	snprintf(path, sizeof(path), "%s/r.json", dir);
	snprintf(opt, sizeof(opt), "--report=%s", path);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;
		char *json;

		run_mvdb(&r, "--batch", opt, "--", tracee("hint"), cases[i].mode,
			 NULL);
		ck_assert_msg(r.status == 86, "%s: %d %s", cases[i].mode,
			      r.status, r.err);
		ck_assert_msg(strstr(r.err, "  Hint: ") &&
			      strstr(r.err, cases[i].words), "%s: %s",
			      cases[i].mode, r.err);
		/* where from: the read, its file, and its data */
		if (strcmp(cases[i].kind, "pid") == 0 ||
		    strcmp(cases[i].kind, "read") == 0)
			ck_assert_msg(strstr(r.err, " from /proc/self/stat: read(3, \"") &&
				      strstr(r.err, " (hint) ") &&
				      strstr(r.err, " in variant 0."), "%s: %s",
				      cases[i].mode, r.err);
		json = slurp(path, NULL);
		snprintf(want, sizeof(want), "\"hint\": {\"kind\": \"%s\"",
			 cases[i].kind);
		if (strcmp(cases[i].mode, "read") == 0 &&
		    strstr(r.err, "look like each variant's own pid"))
			snprintf(want, sizeof(want), "\"hint\": {\"kind\": \"pid\"");
		else if (strcmp(cases[i].mode, "read") == 0)
			ck_assert_msg(strstr(r.err, "the differing bytes are not the same input: each variant read"),
				      "%s", r.err);
		ck_assert_msg(json && strstr(json, want), "%s: %s", cases[i].mode,
			      json ? json : "(no report)");
		free(json);
		run_free(&r);
	}
	/* Values that say nothing, in a process with two threads: the
	 * threads may have run in another order. */
	{
		struct run r;
		char *exe = xasprintf("1:%s", tracee("alt_alt")), *json;

		run_mvdb(&r, "--batch", opt, "--exe", exe, "--", tracee("alt"),
			 "threads", NULL);
		ck_assert_int_eq(r.status, 86);
		ck_assert_msg(strstr(r.err, "Hint: this process runs 2 threads"),
			      "%s", r.err);
		json = slurp(path, NULL);
		ck_assert_msg(json && strstr(json, "\"hint\": {\"kind\": \"threads\""),
			      "%s", json ? json : "(no report)");
		free(json);
		free(exe);
		run_free(&r);
	}
	/* Agreeing values say nothing. */
	{
		struct run r;

		run_mvdb(&r, "--batch", "--no-aslr", "--", tracee("hint"), "heap",
			 NULL);
		ck_assert_int_eq(r.status, 0);
		ck_assert_ptr_null(strstr(r.err, "Hint:"));
		run_free(&r);
	}
	/* Without results (--no-results) the reads' data is not kept:
	 * the value's kind is all the hint says. */
	{
		struct run r;

		run_mvdb(&r, "--batch", "--no-results", "--", tracee("hint"),
			 "pid", NULL);
		ck_assert_int_eq(r.status, 86);
		ck_assert_msg(strstr(r.err, "each variant's own pid") &&
			      !strstr(r.err, "Where from"), "%s", r.err);
		run_free(&r);
	}
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(stdin_is_read_once)
{
	struct run r;
	char *const argv[] = { (char *)mvdb_path(), "--batch", "--", "tr",
			       "a-z", "A-Z", NULL };

	run_argv(&r, NULL, "hello, variants\nsecond line\n", 60, argv);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(r.out, "HELLO, VARIANTS\nSECOND LINE\n");
	run_free(&r);
}
END_TEST

/* Polls until cmd (a shell test) succeeds, for at most 30 s. */
static bool eventually(const char *cmd)
{
	for (int i = 0; i < 300; i++) {
		struct run r;
		int st;

		run_sh(&r, cmd);
		st = r.status;
		run_free(&r);
		if (st == 0)
			return true;
		usleep(100000);
	}
	return false;
}

START_TEST(variants_die_with_the_monitor)
{
	/* A token of this run names its processes and no one else's. */
	char *token = xasprintf("mvdb-test-%d", (int)getpid());
	char *cmd = xasprintf("%s --batch -n 3 -- %s %s >/dev/null 2>&1 & echo $!",
			      mvdb_path(), tracee("spin"), token);
	char *alive = xasprintf("[ $(pgrep -c -f '^%s %s$') = 3 ]",
				tracee("spin"), token);
	char *gone = xasprintf("! pgrep -f '^%s %s$'", tracee("spin"), token);
	struct run r;
	char *kill9;

	run_sh(&r, cmd);
	ck_assert_int_eq(r.status, 0);
	ck_assert(eventually(alive));
	kill9 = xasprintf("kill -9 %d", atoi(r.out));
	run_free(&r);
	run_sh(&r, kill9);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	ck_assert(eventually(gone));
	free(token);
	free(cmd);
	free(alive);
	free(gone);
	free(kill9);
}
END_TEST

/* A variant that cannot set its descriptor limit (an unprivileged user
 * whose hard limit is below the offset) says so, and what to do.  Run
 * as nobody through setpriv, so only where the tests run as root (CI). */
START_TEST(start_up_failure_is_explained)
{
	char *dir, *cmd;
	struct run r;

	if (geteuid() != 0)
		return;
	dir = temp_dir();
	cmd = xasprintf("chmod 755 %s && cp %s %s/mvdb && cd %s && "
			"setpriv --reuid=nobody --regid=nogroup --clear-groups "
			"sh -c 'ulimit -n 100 && ulimit -Hn 100 && "
			"exec ./mvdb --batch -- /bin/true'",
			dir, mvdb_path(), dir, dir);
	run_sh(&r, cmd);
	ck_assert_int_eq(r.status, 125);
	ck_assert_msg(strstr(r.err, "variant 0: cannot set its descriptor limit to 256") &&
		      strstr(r.err, "ulimit -Hn"), "%s", r.err);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* Run by a user, mvdb is not dumpable: the kernel keeps the variants
 * (same user) out of its /proc entry, which root owns. */
START_TEST(monitor_proc_is_the_kernels_to_guard)
{
	char *dir, *cmd;
	struct run r;

	if (geteuid() != 0)
		return;
	dir = temp_dir();
	cmd = xasprintf("chmod 777 %s && cp %s %s/mvdb && cp %s %s/t && cd %s && "
			"setpriv --reuid=nobody --regid=nogroup --clear-groups "
			"./mvdb --batch -n 2 -- ./t .",
			dir, mvdb_path(), dir, tracee("plat_monitor_proc"), dir,
			dir);
	run_sh(&r, cmd);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, "stat with AT_EMPTY_PATH: Permission denied\n"
				"through a symlink: Permission denied\n"
				"through /proc/self/..: Permission denied\n"
				"relative to /proc: Permission denied\n"
				"its mem is owned by uid 0\n");
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* A variant killed from outside (kill -9) while the others sleep in a
 * call of their own is a divergence at once, not when they wake. */
START_TEST(a_variant_killed_from_outside_is_reported_at_once)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s && { %s --batch -n 2 -- %s 30 >out 2>err & m=$!; "
			"for i in $(seq 200); do grep -q sleeping out && break; "
			"sleep 0.05; done; "
			"v=$(cat /proc/$m/task/*/children | tr ' ' '\\n' | sed -n 2p); "
			"kill -9 $v; wait $m; echo status $?; cat err; }",
			dir, mvdb_path(), tracee("plat_sleep"));
	run_sh(&r, cmd);
	ck_assert_msg(strstr(r.out, "status 86\n") &&
		      strstr(r.out, "was killed by SIGKILL from outside") &&
		      /* in its sleep, or between calls */
		      (strstr(r.out, "interrupted in clock_nanosleep\n") ||
		       strstr(r.out, "interrupted where it ran\n")), "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* SIGINT sent to a batch run reaches the program, whose handler runs
 * (waiting in pause, or computing with no call: _i = 1), and mvdb exits
 * with the program's status; SIGTERM ends a program that has no
 * handler as it would natively. */
START_TEST(signals_to_mvdb_reach_the_program)
{
	static const char *const how[] = { "", "spin" };
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s && { %s --batch -n 2 -- %s %s >out 2>err & m=$!; "
			"for i in $(seq 400); do grep -q ready out && break; "
			"sleep 0.05; done; kill -INT $m; wait $m; echo status $?; "
			"cat out err; "
			"%s --batch -n 2 -- %s 30 >out 2>err & m=$!; "
			"for i in $(seq 400); do grep -q sleeping out && break; "
			"sleep 0.05; done; kill -TERM $m; wait $m; "
			"echo status $?; }",
			dir, mvdb_path(), tracee("sig_forward"), how[_i],
			mvdb_path(), tracee("plat_sleep"));
	run_sh(&r, cmd);
	ck_assert_msg(strstr(r.out, "status 3\nready\ngot SIGINT\n") &&
		      count_of(r.out, "got SIGINT") == 1 &&
		      strstr(r.out, "status 143\n"), "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* SIGTERM sent to a batch run whose program's first process ended, while
 * mvdb waits for the rest (a background job), reaches that rest, as
 * timeout's reaches its whole group: mvdb ends instead of waiting on. */
START_TEST(sigterm_reaches_what_outlives_the_first_process)
{
	char *dir = temp_dir(), *cmd;
	struct run r;

	cmd = xasprintf("cd %s && { %s --batch -n 2 -- sh -c "
			"'sleep 60 & echo started' >out 2>err & m=$!; "
			"for i in $(seq 400); do grep -q started out && break; "
			"sleep 0.05; done; "
			"for i in $(seq 400); do sh=; "
			"for c in $(cat /proc/$m/task/*/children); do "
			"[ \"$(cat /proc/$c/comm)\" = sh ] && sh=1; done; "
			"[ -z \"$sh\" ] && break; sleep 0.05; done; "
			"kill -TERM $m; "
			"for i in $(seq 200); do kill -0 $m 2>/dev/null || break; "
			"sleep 0.05; done; "
			"kill -0 $m 2>/dev/null && { echo hung; kill -KILL $m; }; "
			"wait $m; echo status $?; cat out err; }",
			dir, mvdb_path());
	run_sh(&r, cmd);
	ck_assert_msg(strstr(r.out, "status 0\nstarted\n") &&
		      !strstr(r.out, "hung"), "%s", r.out);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

Suite *batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = tcase_create("end to end");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, agreeing_output_once_and_status_passed);
	tcase_add_test(tc, more_variants_agree);
	tcase_add_test(tc, stack_address_diverges_with_aslr);
	tcase_add_test(tc, stack_address_agrees_without_aslr);
	tcase_add_test(tc, other_binary_makes_another_call_which_does_not_run);
	tcase_add_test(tc, different_exit_statuses_diverge);
	tcase_add_test(tc, calls_without_a_meeting_are_compared);
	tcase_add_test(tc, clock_readings_are_the_same_in_every_variant);
	tcase_add_test(tc, struct_fields_are_compared_not_addresses);
	tcase_add_test(tc, long_exec_arguments_are_compared_whole);
	tcase_add_test(tc, a_call_after_an_unseen_restart_still_meets);
	tcase_add_test(tc, a_signal_between_threads_is_taken_at_a_common_point);
	tcase_add_test(tc, zerocopy_is_refused_on_a_platform_socket);
	tcase_add_test(tc, a_system_v_message_is_compared_before_it_is_sent);
	tcase_add_test(tc, calls_of_other_abis_fail_with_enosys);
	tcase_add_test(tc, a_stand_in_runs_no_handler_unseen);
	tcase_add_test(tc, a_change_is_made_with_the_compared_arguments);
	tcase_add_test(tc, calls_reaching_outside_are_refused);
	tcase_add_test(tc, a_socket_query_under_a_lock_waits_for_no_one);
	tcase_add_test(tc, an_own_proc_open_truncates_nothing_else);
	tcase_add_test(tc, a_signal_leaves_the_program_once);
	tcase_add_test(tc, calls_newer_than_the_table_fail_with_enosys);
	tcase_add_test(tc, one_variant_crashing_diverges);
	tcase_add_test(tc, random_time_and_ids_agree);
	tcase_add_test(tc, missing_program_is_127);
	tcase_add_test(tc, not_executable_is_126);
	tcase_add_test(tc, start_up_failure_is_explained);
	tcase_add_test(tc, monitor_proc_is_the_kernels_to_guard);
	tcase_add_test(tc, a_variant_killed_from_outside_is_reported_at_once);
	tcase_add_loop_test(tc, signals_to_mvdb_reach_the_program, 0, 2);
	tcase_add_loop_test(tc, a_users_kill_reaches_every_variant, 0, 2);
	tcase_add_test(tc, a_kill_ends_threads_wherever_they_stand);
	tcase_add_test(tc, a_stopped_program_leaves_the_monitor_asleep);
	tcase_add_test(tc, a_hung_run_says_where_the_variants_stood);
	tcase_add_test(tc, a_platform_wait_leaves_the_monitor_asleep);
	tcase_add_test(tc, sigterm_reaches_what_outlives_the_first_process);
	tcase_add_test(tc, ls_matches_native);
	tcase_add_loop_test(tc, bad_command_lines, 0,
			    sizeof(bad_lines) / sizeof(bad_lines[0]));
	tcase_add_test(tc, help_and_version);
	tcase_add_test(tc, batch_scripts_are_checked_first);
	tcase_add_test(tc, json_report_on_divergence);
	tcase_add_test(tc, report_file_is_honest);
	tcase_add_test(tc, trace_shows_steps_filtered);
	tcase_add_test(tc, faults_are_decoded);
	tcase_add_test(tc, reports_hint_at_the_cause);
	tcase_add_test(tc, continue_keeps_results);
	tcase_add_test(tc, stdin_is_read_once);
	tcase_add_test(tc, variants_die_with_the_monitor);
	suite_add_tcase(s, tc);
	return s;
}
