/* Unit tests of the engine's pure parts: rendering, comparison, filters,
 * fd tables, reports. */
#include "args.h"
#include "compare.h"
#include "fdtable.h"
#include "filter.h"
#include "format.h"
#include "report.h"
#include "suites.h"
#include "symread.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* A call to name with the given raw arguments. */
static struct call make_call(const char *name, unsigned long a0,
			     unsigned long a1, unsigned long a2)
{
	struct call c = { 0 };

	c.nr = syscall_lookup(name);
	c.sc = syscall_get(c.nr);
	c.args[0] = a0;
	c.args[1] = a1;
	c.args[2] = a2;
	return c;
}

static void set_content(struct call *c, int i, const char *bytes, size_t n)
{
	argval_reserve(&c->val[i], n);
	if (n)	/* an empty content has no buffer yet */
		memcpy(c->val[i].data, bytes, n);
	c->val[i].len = n;
	c->val[i].read = true;
}

START_TEST(bytes_render_like_strace)
{
	char buf[128];

	format_bytes((const unsigned char *)"a\"b\\\n\t\001", 7, 32, false, buf,
		     sizeof(buf));
	ck_assert_str_eq(buf, "\"a\\\"b\\\\\\n\\t\\1\"");
	format_bytes((const unsigned char *)"abcdef", 6, 3, false, buf,
		     sizeof(buf));
	ck_assert_str_eq(buf, "\"abc\"...");
	format_bytes((const unsigned char *)"\0001", 2, 32, false, buf,
		     sizeof(buf));
	ck_assert_str_eq(buf, "\"\\0001\"");
}
END_TEST

START_TEST(calls_render_like_strace)
{
	char buf[512];
	struct call c = make_call("openat", (unsigned long)AT_FDCWD, 0x1000,
				  O_RDONLY | O_CLOEXEC);

	set_content(&c, 1, "/etc/ld.so.cache", 16);
	c.done = true;
	c.ret = 3;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3");
	c.args[2] = O_WRONLY | O_CREAT | O_TRUNC;
	c.args[3] = 0644;
	c.ret = -2;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = -1 ENOENT (No such file or directory)");
	/* a path is never cut, whatever strsize says (strace's rule) */
	set_content(&c, 1, "/usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache", 51);
	c.args[2] = O_RDONLY;
	c.ret = 3;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "openat(AT_FDCWD, \"/usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache\", O_RDONLY) = 3");
	args_free(&c);
}
END_TEST

/* What calls fill in, as strace 6.1 shows it (lines from its output). */
START_TEST(outputs_render_like_strace)
{
	char buf[512];
	struct call c = make_call("prlimit64", 0, RLIMIT_STACK, 0);
	uint64_t rl[2] = { 8192 * 1024, UINT64_MAX };
	struct stat st = { .st_mode = S_IFCHR | 0620,
			   .st_rdev = makedev(0x88, 0) };
	/* kernel sigaction: handler, flags, restorer, mask */
	unsigned long sa[4] = { 0, 0x14000000, 0x7f00, 1ul << (SIGCHLD - 1) };
	unsigned char dents[48] = { 0 };
	unsigned char cpus[8] = { 3 };

	c.args[3] = 0x1000;
	set_content(&c, 3, (const char *)rl, sizeof(rl));
	c.done = true;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0");
	args_free(&c);

	/* an exec the program makes: its environment counted, not listed
	 * (it was, cut mid-string at the line's end, with no result) */
	c = make_call("execve", 0x1000, 0x2000, 0x3000);
	set_content(&c, 0, "/bin/true", 9);
	set_content(&c, 1, "/bin/true", 10);
	set_content(&c, 2, "A=1\0B=2\0C=3", 12);
	c.done = true;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "execve(\"/bin/true\", [\"/bin/true\"], 0x3000 /* 3 vars */) = 0");
	args_free(&c);

	c = make_call("newfstatat", 1, 0x1000, 0x2000);
	c.args[3] = AT_EMPTY_PATH;
	set_content(&c, 1, "", 0);
	set_content(&c, 2, (const char *)&st, sizeof(st));
	c.done = true;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "newfstatat(1, \"\", {st_mode=S_IFCHR|0620, st_rdev=makedev(0x88, 0), ...}, AT_EMPTY_PATH) = 0");
	args_free(&c);

	c = make_call("rt_sigaction", SIGCHLD, 0x1000, 0x2000);
	c.args[3] = 8;
	set_content(&c, 1, (const char *)sa, sizeof(sa));
	memset(sa, 0, sizeof(sa));
	set_content(&c, 2, (const char *)sa, sizeof(sa));
	c.done = true;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "rt_sigaction(SIGCHLD, {sa_handler=SIG_DFL, sa_mask=[CHLD], sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f00}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0");
	args_free(&c);

	/* two entries of 24 bytes: d_reclen at byte 16 of each */
	dents[16] = 24;
	dents[24 + 16] = 24;
	c = make_call("getdents64", 3, 0x1000, 32768);
	set_content(&c, 1, (const char *)dents, sizeof(dents));
	c.done = true;
	c.ret = sizeof(dents);
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "getdents64(3, 0x1000 /* 2 entries */, 32768) = 48");
	args_free(&c);

	c = make_call("sched_getaffinity", 0, 8, 0x1000);
	set_content(&c, 2, (const char *)cpus, sizeof(cpus));
	c.done = true;
	c.ret = 8;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "sched_getaffinity(0, 8, [0 1]) = 8");
	args_free(&c);

	c = make_call("getrandom", 0x1000, 8, GRND_NONBLOCK);
	set_content(&c, 0, "\xac\xdb" "ab\x00\x01\x02\x03", 8);
	c.done = true;
	c.ret = 8;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "getrandom(\"\\xac\\xdb\\x61\\x62\\x00\\x01\\x02\\x03\", 8, GRND_NONBLOCK) = 8");
	args_free(&c);

	c = make_call("fcntl", 3, F_GETFL, 0x7fff);
	c.done = true;
	c.ret = 0x8000;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "fcntl(3, F_GETFL) = 0x8000 (flags O_RDONLY|O_LARGEFILE)");
	c = make_call("fcntl", 3, F_SETFD, FD_CLOEXEC);
	c.done = true;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "fcntl(3, F_SETFD, FD_CLOEXEC) = 0");

	c = make_call("mmap", 0, 4096, PROT_READ);
	c.args[3] = MAP_PRIVATE;
	c.args[4] = 3;
	c.args[5] = 0x1000;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0x1000)");
	c.args[5] = 0;
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0)");

	c = make_call("access", 0x1000, F_OK, 0);
	set_content(&c, 0, "/etc/selinux/config", 19);
	format_call(&c, NULL, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "access(\"/etc/selinux/config\", F_OK)");
	args_free(&c);
}
END_TEST

/* The exec that starts a program, as strace's first line. */
START_TEST(exec_renders_like_strace)
{
	char buf[256];
	char *argv[] = { "ls", "/tmp/st", NULL };
	char *envp[] = { "A=1", "B=2", NULL };
	char want[256];

	format_exec("/usr/bin/ls", argv, envp, 32, buf, sizeof(buf));
	snprintf(want, sizeof(want),
		 "execve(\"/usr/bin/ls\", [\"ls\", \"/tmp/st\"], %p /* 2 vars */) = 0",
		 (void *)envp);
	ck_assert_str_eq(buf, want);
}
END_TEST

START_TEST(platform_fds_render_distinctly)
{
	struct pmap pm;
	char buf[256];
	struct call c = make_call("write", 257, 0x1000, 2);

	pmap_init(&pm, 256);
	pmap_bind(&pm, 256, pfile_new(dup(1), "/tmp/a", O_WRONLY, false));
	pmap_bind(&pm, 257, pfile_new(dup(1), "/tmp/out.txt", O_WRONLY, false));
	set_content(&c, 1, "hi", 2);
	format_call(&c, &pm, 32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "write(257<platform:/tmp/out.txt>, \"hi\", 2)");
	pmap_free(&pm);
	args_free(&c);
}
END_TEST

START_TEST(contents_compare_by_content_not_address)
{
	struct call a = make_call("write", 1, 0x1000, 5);
	struct call b = make_call("write", 1, 0x2000, 5);
	size_t off;
	char what[160];

	set_content(&a, 1, "hello", 5);
	set_content(&b, 1, "hello", 5);
	ck_assert(compare_arg(&a, &b, 1, &off, what, sizeof(what)));
	b.val[1].data[3] = 'L';
	ck_assert(!compare_arg(&a, &b, 1, &off, what, sizeof(what)));
	ck_assert_uint_eq(off, 3);
	ck_assert_str_eq(what, "argument $arg1 differs at byte 3");
	args_free(&a);
	args_free(&b);
}
END_TEST

START_TEST(values_compare_as_the_kernel_reads_them)
{
	/* An int argument's upper register half is not the program's. */
	struct call a = make_call("close", 0xdead00000003ul, 0, 0);
	struct call b = make_call("close", 3, 0, 0);
	size_t off;
	char what[160];

	ck_assert(compare_arg(&a, &b, 0, &off, what, sizeof(what)));
	b.args[0] = 4;
	ck_assert(!compare_arg(&a, &b, 0, &off, what, sizeof(what)));
	ck_assert_str_eq(what, "argument $arg0: 3 vs 4");
}
END_TEST

START_TEST(addresses_never_compare)
{
	struct call a = make_call("munmap", 0x7f0000001000, 4096, 0);
	struct call b = make_call("munmap", 0x7f0000009000, 4096, 0);
	size_t off;
	char what[160];

	ck_assert(compare_arg(&a, &b, 0, &off, what, sizeof(what)));
	b.args[1] = 8192;
	ck_assert(!compare_arg(&a, &b, 1, &off, what, sizeof(what)));
}
END_TEST

START_TEST(own_pid_is_variant_zeros)
{
	struct call a = make_call("kill", 100, 10, 0);
	struct call b = make_call("kill", 100, 10, 0);
	size_t off;
	char what[160];

	/* variant 0 is pid 100, variant 1 pid 200; both were told 100 by
	 * getpid, so both name 100 (mvdb translates it for variant 1) */
	ck_assert(compare_arg(&a, &b, 0, &off, what, sizeof(what)));
	b.args[0] = 200;
	ck_assert(!compare_arg(&a, &b, 0, &off, what, sizeof(what)));
}
END_TEST

START_TEST(variants_compare_calls_and_states)
{
	struct variant v[2] = { 0 };
	struct divergence d;

	v[0].state = v[1].state = VS_SYSCALL;
	v[0].call = make_call("getpid", 0, 0, 0);
	v[1].call = make_call("getppid", 0, 0, 0);
	ck_assert(!compare_variants(v, 2, NULL, &d));
	ck_assert_int_eq(d.kind, DIV_SYSCALL);
	ck_assert_str_eq(d.what, "variant 0 calls getpid, variant 1 calls getppid");
	v[1].call = make_call("getpid", 0, 0, 0);
	ck_assert(compare_variants(v, 2, NULL, &d));
	/* An ignored argument may differ; the difference is still told. */
	{
		unsigned char ignore[SYSCALL_NR_LIMIT] = { 0 };

		v[0].call = make_call("close", 3, 0, 0);
		v[1].call = make_call("close", 4, 0, 0);
		ck_assert(!compare_variants(v, 2, ignore, &d));
		ignore[v[0].call.nr] = 1;
		ck_assert(compare_variants(v, 2, ignore, &d));
		ck_assert_str_eq(d.what, "argument $arg0: 3 vs 4 (ignored)");
		v[1].call = make_call("getpid", 0, 0, 0);
		v[0].call = make_call("getpid", 0, 0, 0);
	}
	v[1].state = VS_EXITED;
	v[1].code = 1;
	ck_assert(!compare_variants(v, 2, NULL, &d));
	ck_assert_int_eq(d.kind, DIV_STATE);
	ck_assert_str_eq(d.what, "variant 0 calls getpid, variant 1 exited with status 1");
	v[0].state = VS_EXITED;
	v[0].code = 2;
	ck_assert(!compare_variants(v, 2, NULL, &d));
	ck_assert_int_eq(d.kind, DIV_EXIT);
	v[0].code = 1;
	ck_assert(compare_variants(v, 2, NULL, &d));
}
END_TEST

START_TEST(filters_read_names_numbers_classes)
{
	struct filter f;
	struct error err = { 0 };

	ck_assert_int_eq(filter_parse("openat,3", &f, &err), 0);
	ck_assert(filter_match(&f, syscall_lookup("openat")));
	ck_assert(filter_match(&f, 3));
	ck_assert(!filter_match(&f, syscall_lookup("read")));
	ck_assert_int_eq(filter_parse("%file", &f, &err), 0);
	ck_assert(filter_match(&f, syscall_lookup("unlink")));
	ck_assert(!filter_match(&f, syscall_lookup("mmap")));
	ck_assert_int_eq(filter_parse("!%memory", &f, &err), 0);
	ck_assert(!filter_match(&f, syscall_lookup("mmap")));
	ck_assert(filter_match(&f, syscall_lookup("read")));
	ck_assert_int_eq(filter_parse("open,bogus", &f, &err), -1);
	ck_assert_str_eq(err.msg, "unknown system call 'bogus'");
	ck_assert_int_eq(filter_parse("%nonsense", &f, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown class '%nonsense'"));
}
END_TEST

START_TEST(platform_slots_are_lowest_free)
{
	struct pmap pm;
	int before = dup(0);

	close(before);
	pmap_init(&pm, 256);
	ck_assert_int_eq(pmap_free_number(&pm), 256);
	pmap_bind(&pm, 256, pfile_new(dup(0), "a", O_RDWR, false));
	ck_assert_int_eq(pmap_free_number(&pm), 257);
	pmap_bind(&pm, 257, pfile_new(dup(0), "b", O_RDWR, false));
	pmap_unbind(&pm, 256);
	ck_assert_ptr_null(pmap_get(&pm, 256));
	ck_assert_int_eq(pmap_free_number(&pm), 256);
	ck_assert_str_eq(pmap_get(&pm, 257)->path, "b");
	/* Two numbers naming one file keep it open until both are gone. */
	pmap_bind(&pm, 300, pmap_get(&pm, 257));
	pmap_unbind(&pm, 257);
	ck_assert_str_eq(pmap_get(&pm, 300)->path, "b");
	pmap_unbind(&pm, 300);
	ck_assert_ptr_null(pmap_get(&pm, 300));
	pmap_free(&pm);
	/* Every descriptor taken was closed again. */
	ck_assert_int_eq(dup(0), before);
	close(before);
}
END_TEST

/* What the program does to its numbers, applied to both kinds of table:
 * a dup onto the number that names the file keeps it, a close range
 * reaches the platform's numbers and every variant's own, exec takes
 * the close-on-exec ones, a fork copies. */
START_TEST(fd_tables_follow_what_the_program_did)
{
	struct pmap pm, child;
	struct ltable a, b, forked;
	struct ltable *lts[2] = { &a, &b };
	int before = dup(0);
	long n;

	close(before);
	pmap_init(&pm, 256);
	ltable_init(&a, 256);
	ltable_init(&b, 256);
	n = pmap_did_open(&pm, pfile_new(dup(0), "w", O_RDWR, false),
			  O_RDWR | O_CLOEXEC);
	ck_assert_int_eq(n, 256);
	ck_assert(pmap_cloexec(&pm, 256));
	pmap_did_dup(&pm, pmap_get(&pm, 256), 256, false);
	ck_assert_str_eq(pmap_get(&pm, 256)->path, "w");
	ck_assert(!pmap_cloexec(&pm, 256));
	pmap_did_dup(&pm, pmap_get(&pm, 256), 5, true);
	ck_assert_ptr_eq(pmap_get(&pm, 5), pmap_get(&pm, 256));
	ltable_did_open(&a, 3, "r", O_RDONLY | O_CLOEXEC);
	ltable_did_open(&b, 3, "r", O_RDONLY | O_CLOEXEC);
	ltable_did_open(&a, 4, "s", O_RDONLY);
	ltable_did_open(&b, 4, "s", O_RDONLY);
	pmap_did_fork(&child, &pm);
	ltable_did_fork(&forked, &a);
	ck_assert_str_eq(ltable_get(&forked, 4)->path, "s");
	ck_assert_ptr_eq(pmap_get(&child, 5), pmap_get(&pm, 5));
	/* exec: variant a's close-on-exec local 3 and the platform's 5 */
	fdtable_did_exec(&pm, &a, true);
	ck_assert_ptr_null(ltable_get(&a, 3));
	ck_assert_ptr_nonnull(ltable_get(&a, 4));
	ck_assert_ptr_null(pmap_get(&pm, 5));
	ck_assert_ptr_nonnull(pmap_get(&pm, 256));
	fdtable_did_exec(&pm, &b, false);
	ck_assert_ptr_null(ltable_get(&b, 3));
	/* close_range(4, ~0): locals in both, the platform's 256 */
	fdtable_did_close(&pm, lts, 2, 4, 0x7fffffff);
	ck_assert_ptr_null(ltable_get(&a, 4));
	ck_assert_ptr_null(ltable_get(&b, 4));
	ck_assert_ptr_null(pmap_get(&pm, 256));
	/* the child still holds the file */
	ck_assert_str_eq(pmap_get(&child, 256)->path, "w");
	pmap_free(&child);
	pmap_free(&pm);
	ltable_free(&a);
	ltable_free(&b);
	ltable_free(&forked);
	ck_assert_int_eq(dup(0), before);
	close(before);
}
END_TEST

START_TEST(local_tables_track_open_dup_close)
{
	struct ltable lt;

	ltable_init(&lt, 256);
	ltable_did_open(&lt, 3, "/etc/passwd", O_RDONLY);
	ltable_did_dup(&lt, 3, 10);
	ck_assert_str_eq(ltable_get(&lt, 10)->path, "/etc/passwd");
	ltable_did_close(&lt, 3);
	ck_assert_ptr_null(ltable_get(&lt, 3));
	ck_assert_ptr_null(ltable_get(&lt, 300));
	ltable_did_open(&lt, 300, "x", 0);	/* out of range: ignored */
	ltable_free(&lt);
}
END_TEST

START_TEST(report_window_marks_the_byte)
{
	char *w = report_window((const unsigned char *)"0x7ffd1234\n", 11, 5);

	ck_assert_ptr_nonnull(strstr(w, "0x0000:"));
	ck_assert_ptr_nonnull(strstr(w, "[64]"));
	ck_assert_ptr_nonnull(strstr(w, "|0x7ffd1234.|"));
	free(w);
}
END_TEST

/* What the sandboxed symbol reader may still do, tried in a child that
 * shuts itself in as the reader does: a call refused that should not be,
 * or allowed that should be refused, sets a bit of the exit status. */
static int sandboxed_calls(int debug_dir, pid_t parent)
{
	char byte = 0;
	struct iovec local = { &byte, 1 }, remote = { &byte, 1 };
	int bad = 0, pipefd[2];
	void *p;

	if (pipe(pipefd) != 0 || symbols_sandbox(debug_dir) != 0)
		return 255;
	/* refused: opening anything else, writing a file, executable
	 * memory, signals, tracing, other processes' memory, sockets */
	bad |= (open("/etc/passwd", O_RDONLY) != -1 || errno != EPERM) << 0;
	bad |= (openat(debug_dir, "x", O_RDWR | O_CREAT, 0600) != -1 ||
		errno != EPERM) << 1;
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	bad |= (p != MAP_FAILED || errno != EPERM) << 2;
	bad |= (kill(parent, 0) != -1 || errno != EPERM) << 3;
	bad |= (ptrace(PTRACE_ATTACH, parent, 0, 0) != -1 || errno != EPERM) << 4;
	bad |= (process_vm_readv(parent, &local, 1, &remote, 1, 0) != -1 ||
		errno != EPERM) << 5;
	bad |= (socket(AF_UNIX, SOCK_STREAM, 0) != -1 || errno != EPERM) << 6;
	/* allowed: memory, its own descriptors, opens under the debug
	 * directory with the reader's flags */
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	bad |= (p == MAP_FAILED ||
		write(pipefd[1], "x", 1) != 1 || read(pipefd[0], &byte, 1) != 1 ||
		openat(debug_dir, ".", SYMREAD_OPEN_FLAGS) == -1) << 7;
	return bad;
}

START_TEST(the_symbol_reader_is_shut_in)
{
	int debug_dir = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	pid_t parent = getpid(), child = fork();
	int status;

	ck_assert_int_ge(child, 0);
	if (child == 0)
		_exit(sandboxed_calls(debug_dir, parent));
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "status %#x", status);
	close(debug_dir);
}
END_TEST

Suite *units_suite(void)
{
	Suite *s = suite_create("units");
	TCase *tc = tcase_create("engine");

	tcase_add_test(tc, bytes_render_like_strace);
	tcase_add_test(tc, calls_render_like_strace);
	tcase_add_test(tc, outputs_render_like_strace);
	tcase_add_test(tc, exec_renders_like_strace);
	tcase_add_test(tc, platform_fds_render_distinctly);
	tcase_add_test(tc, contents_compare_by_content_not_address);
	tcase_add_test(tc, values_compare_as_the_kernel_reads_them);
	tcase_add_test(tc, addresses_never_compare);
	tcase_add_test(tc, own_pid_is_variant_zeros);
	tcase_add_test(tc, variants_compare_calls_and_states);
	tcase_add_test(tc, filters_read_names_numbers_classes);
	tcase_add_test(tc, platform_slots_are_lowest_free);
	tcase_add_test(tc, local_tables_track_open_dup_close);
	tcase_add_test(tc, fd_tables_follow_what_the_program_did);
	tcase_add_test(tc, report_window_marks_the_byte);
	tcase_add_test(tc, the_symbol_reader_is_shut_in);
	suite_add_tcase(s, tc);
	return s;
}
