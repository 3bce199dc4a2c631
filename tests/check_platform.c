/* The platform, differentially: each case runs natively and under
 * mvdb --batch -n 2 and -n 3, each run in a fresh directory of its own,
 * and must print the same stdout and stderr, end with the same status
 * and leave the same files (contents and modes).  A case with an answer
 * of its own is not differential: there mvdb must print that answer
 * (io_uring is refused), whatever a native run says.
 * The runner is differential.c's.  The monitor case runs mvdb as a
 * session leader, to show the program's terminals are never its own. */
#include "differential.h"
#include "suites.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static const struct pcase cases[] = {
	/* Differential cases. */
	{ "an empty O_NONBLOCK pipe answers EAGAIN", "$T/plat_nonblock" },
	/* before, 1 run in 20 diverged: variant 0 saw the file, variant 1
	 * looked a moment later and not, or the other way round */
	{ "a file someone outside creates while the program polls for it "
	  "with access is seen at the same turn by every variant, 20 rounds",
	  "$T/plat_poll_file", .outer =
	  "sh -c 'for r in $(seq 20); do rm -f go ready; \"$@\" & p=$!; i=0; "
	  "while [ ! -e ready ] && [ $i -lt 500 ]; do sleep 0.01; "
	  "i=$((i+1)); done; touch go; wait $p; echo \"round $r: $?\"; "
	  "done' sh" },
	{ "yes | head: the writer dies of SIGPIPE, not mvdb",
	  "bash -c 'yes | head -1; echo after'" },
	{ "a writer to a pipe with no reader dies of SIGPIPE",
	  "sh -c '\"$T\"/plat_epipe; echo status $?'" },
	/* Would pass with mvdb itself dying of the SIGPIPE: the case above
	 * tells the two apart. */
	{ "a program killed by SIGPIPE ends with status 141", "$T/plat_epipe" },
	{ "with SIGPIPE ignored, the write answers EPIPE",
	  "$T/plat_epipe ignore" },
	{ "two children read one pipe", "$T/plat_pipe_share" },
	{ "a pipeline in a command substitution, 20 times",
	  "bash -c 'for i in $(seq 20); do x=$(echo $i | cat); echo $x; done'" },
	{ "a process substitution", "bash -c 'cat <(seq 3)'" },
	{ "two process substitutions",
	  "bash -c 'diff <(seq 5) <(seq 5) && echo same'" },
	{ "files are created with the program's umask", "$T/plat_umask",
	  NULL, "made.txt made.d" },
	{ "writing /proc/self/comm renames the program", "$T/plat_comm" },
	{ "after dropping root, files open with the program's rights",
	  "$T/plat_setuid" },
	{ "/proc/self/cwd is the program's cwd", "$T/plat_proc_cwd", NULL,
	  "f.txt sub sub/f.txt" },
	/* before, each variant read its own pid: ls -l /proc/self/fd
	 * diverged */
	{ "links under /proc name the program's pid and tid, as getpid "
	  "does", "$T/plat_proc_link" },
	{ "/dev/fd/N and /proc/self/fd/N are the program's fd N",
	  "$T/plat_dev_fd", NULL, "written.txt" },
	{ "started with stdout closed, fd 1 stays closed",
	  "$T/plat_closed_stdout", "exec >&-", "out.txt" },
	{ "stdout closed by the program's shell stays closed",
	  "sh -c 'exec >&-; \"$T\"/plat_closed_stdout'", NULL, "out.txt" },
	{ "dup returns the lowest free number", "$T/plat_dup_low" },
	{ "F_DUPFD 10 returns a number from 10 up, below 256",
	  "$T/plat_dupfd" },
	{ "a read into a read-only page fails with EFAULT", "$T/plat_efault",
	  NULL, "data.txt" },
	{ "sendmsg and recvmsg carry a two-piece iovec", "$T/plat_sendmsg" },
	{ "a relative AF_UNIX address is in the program's directory",
	  "$T/plat_unix_rel" },
	{ "600 children forked, waited for out of order; fork and wait4 "
	  "interrupted by SIGCHLD go on as natively",
	  "$T/plat_forkloop 200" },
	{ "poll, ppoll, select, pselect6 on a pipe and a file",
	  "$T/plat_poll" },
	{ "a pollfd array's revents hold what was there before: not compared",
	  "$T/plat_poll_revents" },
	{ "a pipeline's children reaped in any order, 100 times",
	  "sh -c 'for i in $(seq 100); do ls / | wc -l; done'" },
	{ "a child's end interrupts a platform read (no SA_RESTART)",
	  "$T/plat_read_eintr" },
	{ "make -j2: jobserver, pselect, SIGCHLD",
	  "sh \"$T\"/../../tests/make_j2.sh" },
	{ "a background job killed with kill -9, 10 times",
	  "bash -c 'for i in 1 2 3 4 5 6 7 8 9 10; do sleep 10 & kill -9 $!; "
	  "wait; done 2>/dev/null; echo done'" },
	{ "nproc counts the CPUs mvdb was given, not its placement",
	  "nproc" },
	{ "a program's own CPU placement stays while mvdb spreads",
	  "$T/plat_affinity" },
	/* batch runs: reads of a plain file make no stop (fastread.c);
	 * before, each read stopped every variant */
	/* before, each variant read its own: another pid, other counts;
	 * stat's addresses stay each variant's own */
	{ "/proc/self/stat, status and statm name the pid getpid gives",
	  "$T/plat_ownproc" },
	/* before, variant 1 opened variant 0's entries: its parent's maps
	 * did not hold its parent's stack */
	{ "/proc/$PPID/maps, status and fd, /proc/$$/stat: each variant's "
	  "own counterpart", "$T/plat_proc_pid" },
	/* and through a process's links to other files, as written (a
	 * check of the counterpart's entry killed the variant) */
	/* before, the path named each variant's own thread id: the
	 * variants diverged at the open */
	{ "pthread_setname_np and pthread_getname_np of another thread",
	  "$T/plat_task_name" },
	/* before, each variant read the system's counts a moment after
	 * the other: /proc/stat diverged in 5 runs of 5 */
	{ "the system's counts in /proc, read by a program and written",
	  "sh -c 'for i in 1 2 3; do cat /proc/stat /proc/vmstat "
	  "/proc/loadavg /proc/self/net/dev /proc/sys/kernel/random/uuid "
	  "> /dev/null; done; echo read'" },
	/* before, /dev/stdin and the others opened the variant's own
	 * placeholders (reads empty, writes lost), and /dev/fd was refused
	 * as the monitor's */
	{ "/dev/stdin, /dev/stderr and the directory /dev/fd",
	  "sh -c 'echo piped | cat /dev/stdin; exec 3>&2 2>errf; "
	  "echo x > /dev/stderr; exec 2>&3; cat errf; "
	  "ls /dev/fd >/dev/null && echo listed'" },
	/* before, another process's platform numbers opened the
	 * placeholders the variants hold (/dev/null): the child's write
	 * was lost */
	{ "a child writes its parent's file through /proc/$PPID/fd/4",
	  "sh -c 'exec 4>g; sh -c \"echo two >> /proc/$$/fd/4\"; cat g; "
	  "echo one >&4; cat /proc/$$/fd/4; "
	  "readlink /proc/$$/fd/4 | sed \"s|.*/||\"'" },
	/* before, the first two were rewritten for each variant and then
	 * killed it (what it opened was not under its /proc entry), and
	 * the last was opened by the variants after the first (%d read
	 * what the kernel does not) */
	{ "/proc/$$/ns/net, /proc/$$/./comm and /proc/0$$/status",
	  "sh -c 'exec 3</proc/$$/ns/net && echo ns; "
	  "exec 4</proc/$$/./comm && echo comm; "
	  "cat /proc/0$$/status 2>/dev/null || echo none'" },
	{ "files read through /proc/$$/fd/3 and /proc/$$/cwd",
	  "sh -c 'echo text > f; exec 3<f; cat /proc/$$/fd/3 "
	  "/proc/$$/cwd/f /proc/$$/comm'" },
	{ "reads of a plain file switch no variant out",
	  "$T/plat_reads" },
	/* before, opening the CPU list (sysconf) or a /proc/sys file
	 * made every later plain read stop again, for good */
	{ "reads of a plain file after reading the CPU list and "
	  "ngroups_max switch no variant out", "$T/plat_reads sysconf" },
	/* and every other kind of descriptor at a low number still
	 * reaches the monitor: without the filter made stricter, the
	 * dup'ed pipes read nothing */
	{ "reads of pipes dup'ed below the offset, /proc, a memfd, a "
	  "directory and a second thread's", "$T/plat_fast" },
	/* before, it stayed spread: waking the monitor seldom, as the
	 * cross-CPU wake-ups made a server under load do */
	{ "variants that no longer compute are bound to one CPU again",
	  "$T/plat_place", .want = "on one CPU: 1\n" },
	{ "a shell pipeline into a file, 20 times",
	  "sh -c 'for i in $(seq 20); do echo y | cat > f; done; cat f'" },
	{ "descriptors passed with SCM_RIGHTS, local and platform",
	  "$T/plat_scm", NULL, "scm.txt" },
	{ "struct flock's padding and l_pid are not compared",
	  "$T/plat_flock_pad", NULL, "pad.txt" },
	{ "mq_attr's unread fields and timex's padding are not compared",
	  "$T/plat_struct_pad" },
	{ "sendfile, splice and copy_file_range from a file opened read-only "
	  "into platform fds", "$T/plat_local_in", NULL, "out.txt" },
	{ "the program's file-size limit: writes cut at it, then EFBIG",
	  "$T/plat_fsize ignore", NULL, "big.txt" },
	{ "the program's file-size limit: SIGXFSZ at it",
	  "$T/plat_fsize", NULL, "big.txt" },
	{ "ulimit -f in a shell, then dd past it",
	  "sh -c 'ulimit -f 1; dd if=/dev/zero of=big bs=1k count=4 "
	  "2>/dev/null; echo $?; wc -c < big'" },
	{ "a file's mode, attributes and times changed through a read-only "
	  "fd once, and close_range's close-on-exec over platform numbers",
	  "$T/plat_fd_object", NULL, "f g" },
	{ "System V messages: msgrcv waits for a child's, cuts or refuses a "
	  "long one, says when none is left; a semaphore's SETVAL",
	  "$T/plat_msgq" },
	{ "vmsplice into a pipe: the reader gets the program's bytes, not the "
	  "monitor's", "$T/plat_vmsplice" },
	{ "ulimit -n below the offset, as getrlimit then tells it",
	  "sh -c 'ulimit -n 64; ulimit -n; ulimit -Hn; ulimit -n 100 2>/dev/null "
	  "|| echo no rise; ulimit -n 32; ulimit -n'" },
	{ "and in subshells: each process has its own",
	  "sh -c '(ulimit -n 64; ulimit -n); ulimit -n; (ulimit -n 1000; "
	  "ulimit -n); ulimit -n'" },
	{ "readlink -f /proc/self/exe: /proc/self names variant 0's pid, as "
	  "getpid does", "sh -c 'readlink -f /proc/self/exe; "
	  "[ \"$(readlink /proc/self)\" -gt 0 ] && echo a pid'" },
	{ "the process's own CPU time (getrusage, times, CPU-time clocks): "
	  "variant 0's in every variant", "$T/plat_cputime" },
	{ "bash's time: the child's CPU time, alike in every variant",
	  "bash -c 'time (for i in $(seq 2000); do :; done)' 2>&1 | "
	  "sed -n 's/\\t.*//p'" },
	{ "open's mode, ignored without O_CREAT, is not compared",
	  "$T/plat_open_mode" },
	{ "epoll_ctl's event: ignored for EPOLL_CTL_DEL, its events alone "
	  "compared for ADD and MOD", "$T/plat_epoll_del" },
	{ "ioctl inputs compared by what the kernel reads (ifreq, FIONBIO)",
	  "$T/plat_ioctl_in" },
	{ "POSIX record locks are each process's", "$T/plat_posix_lock",
	  NULL, "locks.txt" },
	{ "flock is the program's, not the variants'", "$T/plat_flock", NULL,
	  "lock.txt" },
	{ "getsockopt, getsockname, accept, getpeername, recvfrom give "
	  "their values back through pointers", "$T/net_addr" },
	{ "SOCK_CLOEXEC, EFD_CLOEXEC, EPOLL_CLOEXEC, TFD_CLOEXEC, accept4's: "
	  "closed at exec", "$T/plat_cloexec" },
	{ "a thread's malloc: glibc's arena reservation cut alike in every "
	  "variant under ASLR", "$T/thr_malloc" },
	{ "a temporary name made from an address, renamed into place "
	  "(Python's .pyc)", "$T/plat_tempname", NULL, "made.txt" },
	{ "ln -sf and ln -f: a temporary link's name made from an address, "
	  "renamed over the old", "sh -c 'ln -sf /etc/hostname l && "
	  "ln -sf /etc/passwd l && readlink l && echo x > t && ln -f t h && "
	  "ln -f t h && ls'" },
	{ "a temporary directory's name made from an address (mkdtemp, "
	  "mktemp -d)", "sh -c 'd=$(mktemp -d ./dXXXXXX) && test -d \"$d\" "
	  "&& echo x > \"$d\"/f && cat \"$d\"/f && rm -r \"$d\" && ls'" },
	{ "a counter in a MAP_SHARED /dev/shm mapping, raised by two processes "
	  "under sem_open: each variant's own object", "$T/plat_shm" },
	{ "Python's multiprocessing.Lock (sem_open)",
	  "sh -c 'command -v python3 >/dev/null || exit 0; python3 -c \""
	  "import multiprocessing as m; l = m.Lock(); l.acquire(); "
	  "l.release(); print(1)\"'" },
	{ "Python's shared_memory between two handles, with its resource "
	  "tracker process",
	  "sh -c 'command -v python3 >/dev/null || exit 0; python3 -c \""
	  "from multiprocessing import shared_memory as sm; "
	  "s = sm.SharedMemory(create=True, size=10); s.buf[0] = 7; "
	  "t = sm.SharedMemory(s.name); print(t.buf[0]); t.close(); "
	  "s.close(); s.unlink()\"'" },
	{ "threads race for a mutex and, holding it, read the clock and map "
	  "memory (the GIL pattern): no deadlock across variants",
	  "$T/thr_gil" },
	{ "Python threads computing under the GIL",
	  "sh -c 'command -v python3 >/dev/null || exit 0; python3 -c \""
	  "import threading; ts = [threading.Thread(target=sum, "
	  "args=(range(10**6),)) for _ in range(4)]; "
	  "[t.start() for t in ts]; [t.join() for t in ts]; print(1)\"'" },
	/* mvdb must answer so. */
	{ "io_uring_setup is refused with ENOSYS", "$T/plat_io_uring", NULL,
	  NULL, "io_uring_setup: ENOSYS\n" },
	/* before, its path was judged from / while the kernel resolved it
	 * under the directory: a FIFO there was read as a plain file */
	{ "openat2 with RESOLVE_ flags is refused with ENOSYS",
	  "$T/plat_openat2", NULL, NULL,
	  "openat2: opened\nopenat2 with RESOLVE_NO_SYMLINKS: ENOSYS\n" },
	{ "the monitor's /proc entry is out of reach by symlink or relative path",
	  "$T/plat_monitor_proc .", NULL, NULL,
	  "stat with AT_EMPTY_PATH: Permission denied\n"
	  "through a symlink: Permission denied\n"
	  "through /proc/self/..: Permission denied\n"
	  "relative to /proc: Permission denied\n"
	  "its mem is owned by uid 0\n" },
	/* The program's first process ends with a pipe's write end open:
	 * its child, reading the other end, sees the end.  Not
	 * differential: a native run here ends with its first process
	 * (its group is killed), a batch run when every process has. */
	{ "a process ends with a pipe's write end open: its reader sees the end",
	  "$T/plat_exit_pipe", NULL, NULL,
	  "child read 15 bytes\nchild saw the end: 0\n" },
	{ "a variant's copies of shared memory are out of the program's reach",
	  "sh -c 'cat /dev/shm/.mvdb-1-1/x /dev/shm//./.mvdb-1-1 2>&1 | "
	  "sed \"s/.*: //\"'", NULL, NULL,
	  "Permission denied\nPermission denied\n" },
};

/* The 100-pipeline case takes 3 to 4 s alone under -n 3, 10 to 16 s
 * beside two busy loops, and past 20 s (DIFF_TIMEOUT) beside the
 * suite's other runs on a loaded machine: slow, not hung. */
static struct difftable table = { cases, sizeof(cases) / sizeof(cases[0]),
				  .timeout = 45 };

DIFF_TABLE_TESTS(table)

/* A monitor that leads a session (started by setsid) opens the
 * program's terminals without taking them as its own: the program's
 * hangup of one does not reach it. */
/* How many CPUs task pid may run on, from /proc/PID/status, or -1. */
static int task_cpus(pid_t pid)
{
	char path[64], *text, *at;
	int n = -1, lo, hi, used;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	text = slurp(path, NULL);
	if (text && (at = strstr(text, "Cpus_allowed_list:"))) {
		at += 18;
		n = 0;
		for (;;) {
			if (sscanf(at, " %d-%d%n", &lo, &hi, &used) == 2)
				n += hi - lo + 1;
			else if (sscanf(at, " %d%n", &lo, &used) == 1)
				n++;
			else
				break;
			at += used;
			if (*at != ',')
				break;
			at++;
		}
	}
	free(text);
	return n;
}

/* Whether every child of the monitor (the program's first variants)
 * may run on want CPUs. */
static bool variants_on(pid_t monitor, int want)
{
	char path[64], *text, *at, *end;
	int seen = 0;
	bool all = true;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
		 (int)monitor, (int)monitor);
	text = slurp(path, NULL);
	for (at = text; at && *at; at = end) {
		long pid = strtol(at, &end, 10);

		if (end == at)
			break;
		seen++;
		all = all && task_cpus((pid_t)pid) == want;
	}
	free(text);
	return seen >= 2 && all;
}

/* A program that computes without a call never wakes the monitor; its
 * variants must still be spread over the CPUs (before, they stayed on
 * one and took twice as long as one variant).  Watched from outside
 * while they compute: once they finish, waiting for one another at
 * their first call, they are rightly bound again. */
START_TEST(computing_spreads)
{
	cpu_set_t mine;
	struct timespec t0, now;
	bool spread = false;
	int status;
	pid_t pid;

	sched_getaffinity(0, sizeof(mine), &mine);
	if (CPU_COUNT(&mine) < 2)
		return;		/* nowhere to spread to */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 1);
		execl(mvdb_path(), mvdb_path(), "--batch", "-n", "2", "--",
		      tracee("plat_compute"), (char *)NULL);
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		struct timespec nap = { 0, 5000000 };

		spread = variants_on(pid, CPU_COUNT(&mine));
		nanosleep(&nap, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (!spread && now.tv_sec - t0.tv_sec < 5 &&
		 waitpid(pid, &status, WNOHANG) == 0);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	ck_assert_msg(spread, "the computing variants stayed on fewer CPUs "
		      "than the %d mvdb may use", CPU_COUNT(&mine));
}
END_TEST

START_TEST(terminal_not_the_monitors)
{
	char *argv[] = { "setsid", "-w", (char *)mvdb_path(), "--batch", "-n",
			 "2", "--", (char *)tracee("plat_ctty"), NULL };
	struct run r;

	run_argv(&r, NULL, NULL, DIFF_TIMEOUT, argv);
	ck_assert_msg(r.status == 0, "status %d: %s", r.status, r.err);
	ck_assert_str_eq(r.out,
			 "slave opened: yes; still here after the hangup\n");
	run_free(&r);
}
END_TEST

Suite *platform_suite(void)
{
	Suite *s = suite_create("platform");
	TCase *diff = tcase_create("differential");
	TCase *monitor = tcase_create("monitor");

	tcase_add_unchecked_fixture(diff, setup, teardown);
	tcase_set_timeout(diff, DIFF_TIMEOUT + 10);
	tcase_add_loop_test(diff, same_as_native, 0, (int)table.n * 2);
	suite_add_tcase(s, diff);
	tcase_set_timeout(monitor, DIFF_TIMEOUT + 10);
	tcase_add_test(monitor, terminal_not_the_monitors);
	tcase_add_test(monitor, computing_spreads);
	suite_add_tcase(s, monitor);
	return s;
}
