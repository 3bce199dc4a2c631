/* The file policy: routing units, fd tables against /proc, and end to
 * end under mvdb --batch with a tracee and real tools. */
#include "args.h"
#include "inspect.h"
#include "policy.h"
#include "tempnames.h"
#include "run.h"
#include "session_int.h"
#include "suites.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* A session that is never started: enough for policy_decide. */
static struct session *fake_session(void)
{
	struct session *s = xcalloc(1, sizeof(struct session_private));

	s->n = 2;
	s->cfg.fd_offset = 256;
	set_new(s, -1, 0);
	set_use(s, 0);
	s->v[0].pid = getpid();
	s->v[1].pid = getpid();
	pmap_init(s->pm, 256);
	for (int i = 0; i < 3; i++)
		pmap_bind(s->pm, i, pfile_new(i, "std", O_RDWR, true));
	pmap_bind(s->pm, 256, pfile_new(dup(0), "/tmp/a.txt", O_RDWR, false));
	return s;
}

static void free_fake(struct session *s)
{
	for (int i = 0; i < 2; i++)
		args_free(&s->v[i].call);
	pmap_free(s->pm);
	free(s->sets[0]);
	free(s->sets);
	free(s);
}

/* Sets the call at hand of both variants. */
static void at_call(struct session *s, const char *name, unsigned long a0,
		    unsigned long a1, unsigned long a2, const char *content,
		    int content_arg)
{
	for (int i = 0; i < 2; i++) {
		struct call *c = &s->v[i].call;

		c->nr = syscall_lookup(name);
		c->sc = syscall_get(c->nr);
		ck_assert_ptr_nonnull(c->sc);
		memset(c->args, 0, sizeof(c->args));
		c->args[0] = a0;
		c->args[1] = a1;
		c->args[2] = a2;
		for (int k = 0; k < SYSCALL_MAX_ARGS; k++)
			c->val[k].read = false;
		if (content) {
			struct argval *v = &c->val[content_arg];

			argval_reserve(v, strlen(content) + 1);
			strcpy((char *)v->data, content);
			v->len = strlen(content);
			v->read = true;
			v->err = 0;
		}
	}
}

static struct decision decide(struct session *s)
{
	struct decision d;

	policy_decide(s, s->sets[0], &d);
	return d;
}

START_TEST(routing_by_fd_number)
{
	struct session *s = fake_session();
	struct decision d;

	at_call(s, "write", 1, 0x1000, 4, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "write", 3, 0x1000, 4, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_VARIANT);
	at_call(s, "read", 256, 0x1000, 4, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "fstat", 300, 0x1000, 0, NULL, 0);
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, -EBADF);
	at_call(s, "close", 256, 0, 0, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "close", 5, 0, 0, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_VARIANT);
	at_call(s, "dup2", 3, 300, 0, NULL, 0);
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, -EBADF);
	at_call(s, "dup", 256, 0, 0, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "lseek", 256, 0, SEEK_CUR, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	free_fake(s);
}
END_TEST

START_TEST(routing_of_opens_by_flags_and_file_type)
{
	struct session *s = fake_session();
	struct decision d;

	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000, O_RDONLY,
		"/etc/passwd", 1);
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_VARIANT);
	ck_assert(d.need_exit);
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000, O_WRONLY,
		"/tmp/x", 1);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000,
		O_RDONLY | O_CREAT, "/tmp/x", 1);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "open", 0x1000, O_RDONLY | O_APPEND, 0, "/tmp/x", 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "open", 0x1000, O_RDONLY | O_DIRECTORY, 0, "/tmp", 0);
	ck_assert_int_eq(decide(s).route, ROUTE_VARIANT);
	at_call(s, "creat", 0x1000, 0644, 0, "/tmp/x", 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000, O_RDONLY,
		"/dev/urandom", 1);
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_PLATFORM);
	ck_assert_ptr_nonnull(strstr(d.note, "special file"));
	/* The fake variants are this process, the monitor: its own /proc
	 * is out of reach; another process's /proc/self is its own. */
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000, O_RDONLY,
		"/proc/self/status", 1);
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, -EACCES);
	s->v[0].pid = s->v[1].pid = getppid();
	ck_assert_int_eq(decide(s).route, ROUTE_VARIANT);
	/* opened for writing, it is still the variant's own (comm) */
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000, O_WRONLY,
		"/proc/self/comm", 1);
	ck_assert_int_eq(decide(s).route, ROUTE_VARIANT);
	s->v[0].pid = s->v[1].pid = getpid();
	/* a platform number reopened through /dev/fd: the platform's, but
	 * never a path through it into the monitor's own /proc */
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000, O_RDONLY,
		"/dev/fd/256", 1);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0x1000, O_RDONLY,
		"/dev/fd/256/../../mem", 1);
	ck_assert_int_ne(decide(s).route, ROUTE_PLATFORM);
	/* relative to a platform directory fd: the platform's */
	at_call(s, "openat", 256, 0x1000, O_RDONLY, "x", 1);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	free_fake(s);
}
END_TEST

START_TEST(routing_of_special_calls)
{
	struct session *s = fake_session();
	struct decision d;
	struct rlimit rl = { 4096, 4096 };

	at_call(s, "mmap", 0, 4096, 1, NULL, 0);
	s->v[0].call.args[3] = s->v[1].call.args[3] = 1; /* MAP_SHARED */
	s->v[0].call.args[4] = s->v[1].call.args[4] = 256;
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, -ENODEV);
	ck_assert_str_eq(d.note, "platform fd 256 (/tmp/a.txt) cannot be mapped in the variants: ENODEV");
	/* large anonymous mappings are aligned alike in every variant */
	at_call(s, "mmap", 0, 1 << 20, 3, NULL, 0);
	s->v[0].call.args[3] = s->v[1].call.args[3] = 0x22; /* PRIVATE|ANON */
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_VARIANT);
	ck_assert_uint_eq(d.align, 0x10000);
	ck_assert(d.need_exit);
	at_call(s, "mmap", 0, 4096, 3, NULL, 0);
	s->v[0].call.args[3] = s->v[1].call.args[3] = 0x22;
	ck_assert_uint_eq(decide(s).align, 0);
	at_call(s, "mmap", 0x7f0000000000, 1 << 20, 3, NULL, 0);
	s->v[0].call.args[3] = s->v[1].call.args[3] = 0x32; /* |FIXED */
	ck_assert_uint_eq(decide(s).align, 0);
	at_call(s, "getpid", 0, 0, 0, NULL, 0);
	s->v[0].pid = 4242;
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, 4242);
	s->v[0].pid = getpid();
	at_call(s, "setrlimit", RLIMIT_NOFILE, 0x1000, 0, NULL, 0);
	for (int i = 0; i < 2; i++) {
		argval_reserve(&s->v[i].call.val[1], sizeof(rl));
		memcpy(s->v[i].call.val[1].data, &rl, sizeof(rl));
		s->v[i].call.val[1].len = sizeof(rl);
	}
	/* the program sets the limit it sees (its own stays the offset),
	 * not above the hard limit mvdb started with */
	s->sets[0]->nofile = (struct rlimit){ 8192, 8192 };
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, 0);
	ck_assert_uint_eq(s->sets[0]->nofile.rlim_max, 4096);
	d = decide(s);
	ck_assert_int_eq(d.ret, 0);
	rl.rlim_cur = rl.rlim_max = 1 << 20;
	for (int i = 0; i < 2; i++)
		memcpy(s->v[i].call.val[1].data, &rl, sizeof(rl));
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, -EPERM);
	/* file-system changes are made once, by the platform with the
	 * compared arguments; by variant 0 in its own context only when an
	 * address among them cannot be passed (mount's data) */
	at_call(s, "unlink", 0x1000, 0, 0, "/tmp/x", 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "mount", 0x1000, 0x2000, 0x3000, "none", 0);
	s->v[0].call.args[4] = s->v[1].call.args[4] = 0x4000;
	ck_assert_int_eq(decide(s).route, ROUTE_LEADER);
	s->v[0].call.args[4] = s->v[1].call.args[4] = 0;
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "unlinkat", 256, 0x1000, 0, "x", 1);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	/* a pid naming the monitor is refused */
	at_call(s, "kill", (unsigned long)getpid(), SIGTERM, 0, NULL, 0);
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, -EPERM);
	/* io_uring would bypass lockstep */
	at_call(s, "io_uring_setup", 8, 0x1000, 0, NULL, 0);
	d = decide(s);
	ck_assert_int_eq(d.route, ROUTE_INJECT);
	ck_assert_int_eq(d.ret, -ENOSYS);
	at_call(s, "getrandom", 0x1000, 16, 0, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_PLATFORM);
	at_call(s, "mprotect", 0x1000, 4096, 1, NULL, 0);
	ck_assert_int_eq(decide(s).route, ROUTE_VARIANT);
	free_fake(s);
}
END_TEST

/* A new directory holding b.txt ("BBBB"), as the files tracee wants. */
static char *files_dir(void)
{
	char *dir = temp_dir();
	char *b = xasprintf("%s/b.txt", dir);
	FILE *f = fopen(b, "w");

	fputs("BBBB", f);
	fclose(f);
	free(b);
	return dir;
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

/* The engine's fd tables against /proc/PID/fd of the real variants. */
/* An exclusive create whose names differ only in a random part (a
 * temporary file named from the address layout): variant 1's name
 * becomes variant 0's, in its memory too.  Names that differ elsewhere,
 * or a create that is not exclusive, stay a divergence. */
START_TEST(temporary_names_are_made_one)
{
	struct session *s = fake_session();
	char name1[] = "/tmp/ccQ7zK2b.s";
	struct divergence d = { .kind = DIV_ARG, .a = 0, .b = 1, .arg = 1 };
	char note[NOTE_MAX];

	for (int i = 0; i < 2; i++)
		s->v[i].pid = getpid();	/* its memory is this test's */
	at_call(s, "openat", (unsigned long)AT_FDCWD, 0,
		O_RDWR | O_CREAT | O_EXCL, "/tmp/ccA1b2C3.s", 1);
	argval_reserve(&s->v[1].call.val[1], sizeof(name1));
	memcpy(s->v[1].call.val[1].data, name1, sizeof(name1));
	s->v[1].call.args[1] = (unsigned long)name1;
	ck_assert(tempname_unify(s, s->sets[0], &d, note, sizeof(note)));
	ck_assert_str_eq(name1, "/tmp/ccA1b2C3.s");
	ck_assert_mem_eq(s->v[1].call.val[1].data, "/tmp/ccA1b2C3.s", 15);
	ck_assert_ptr_nonnull(strstr(note, "became variant 0's A1b2C3"));
	/* not in the last component: a real difference */
	memcpy(s->v[1].call.val[1].data, "/tmq/ccA1b2C3.s", 15);
	ck_assert(!tempname_unify(s, s->sets[0], &d, note, sizeof(note)));
	/* not exclusive: a real difference too */
	memcpy(s->v[1].call.val[1].data, "/tmp/ccZZZZZZ.s", 15);
	s->v[0].call.args[2] = s->v[1].call.args[2] = O_RDWR | O_CREAT;
	ck_assert(!tempname_unify(s, s->sets[0], &d, note, sizeof(note)));
	free_fake(s);
}
END_TEST

START_TEST(fd_tables_match_proc)
{
	char *dir = files_dir();
	int null;
	char *argv[] = { (char *)tracee("files"), dir, NULL };
	struct config cfg = {
		.nvariants = 2, .argv = argv, .fd_offset = 256, .cpu = -1,
	};
	struct error err = { 0 };
	struct session *s;
	struct stop st;
	int before = count_fds(), steps = 0;

	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	for (int i = 0; i < 3; i++)
		cfg.stdio[i] = null;
	s = session_new(&cfg, &err);
	ck_assert_msg(s != NULL, "%s", err.msg);
	ck_assert_int_eq(session_start(s, &st), 0);
	/* Run to the first write on a platform fd: a.txt (256) and b.txt
	 * (local) are open then. */
	while (st.reason == STOP_SYSCALL || st.reason == STOP_START) {
		const struct call *c = &s->v[0].call;

		if (c->sc && strcmp(c->sc->name, "write") == 0 &&
		    c->args[0] == 256)
			break;
		session_step(s, &st);
		ck_assert_int_lt(++steps, 1000);
	}
	ck_assert_int_eq(st.reason, STOP_SYSCALL);
	for (int v = 0; v < 2; v++) {
		struct fdrow *rows;
		int n = inspect_fds(s, v, &rows, &err);
		char path[64];
		DIR *d;
		struct dirent *e;
		int local = 0, seen_b = 0, seen_a = 0;

		ck_assert_int_gt(n, 0);
		for (int i = 0; i < n; i++) {
			if (rows[i].platform && rows[i].num == 256) {
				seen_a = 1;
				ck_assert_ptr_nonnull(strstr(rows[i].path, "/a.txt"));
				ck_assert_int_ne(rows[i].realfd, 256);
			}
			if (!rows[i].platform && strstr(rows[i].path, "/b.txt")) {
				seen_b = 1;
				ck_assert(rows[i].tracked);
				ck_assert_int_lt(rows[i].num, 256);
				ck_assert_int_eq(rows[i].offset, 0);
				/* what mvdb tracked is what the kernel has */
				ck_assert_ptr_nonnull(ltable_get(&s->v[v].local,
								 rows[i].num));
			}
			if (!rows[i].platform)
				local++;
		}
		ck_assert(seen_a && seen_b);
		/* Every local row is a real fd of the variant, and every fd
		 * of the variant not under a platform number is a row. */
		snprintf(path, sizeof(path), "/proc/%d/fd", (int)s->v[v].pid);
		d = opendir(path);
		while ((e = readdir(d))) {
			int num = atoi(e->d_name);

			if (e->d_name[0] == '.' || pmap_get(s->pm, num))
				continue;
			local--;
		}
		closedir(d);
		ck_assert_int_eq(local, 0);
		free(rows);
	}
	session_free(s);
	close(null);
	ck_assert_int_eq(count_fds(), before);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(tracee_sees_the_policy)
{
	char *dir = files_dir();
	char *b = xasprintf("%s/c.txt", dir);
	struct run r;
	char *c, want[96];
	struct rlimit mine;

	run_mvdb(&r, "--batch", "--", tracee("files"), dir, NULL);
	ck_assert_msg(r.status == 0, "status %d\n%s\n%s", r.status, r.out, r.err);
	ck_assert_int_eq(count_of(r.out, "FAIL"), 0);
	ck_assert_int_eq(count_of(r.out, "ok "), 19);
	ck_assert_ptr_nonnull(strstr(r.out, "a.txt fd 256\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "b.txt fd 3\n"));
	/* the limit it sees is mvdb's own, not the variants' (the offset) */
	getrlimit(RLIMIT_NOFILE, &mine);
	snprintf(want, sizeof(want), "RLIMIT_NOFILE %ld %ld\n",
		 (long)mine.rlim_cur, (long)mine.rlim_max);
	ck_assert_msg(strstr(r.out, want), "%s", r.out);
	/* No monitor descriptor reached the variant: 4 is its own hold on
	 * the number the dup of platform fd 257 took. */
	ck_assert_ptr_nonnull(strstr(r.out, "dup of 257: 4\n"));
	ck_assert_ptr_nonnull(strstr(r.out, "own fds: 0 1 2 3 4\n"));
	ck_assert_int_eq(count_of(r.out, "\nurandom "), 1);
	c = slurp(b, NULL);
	ck_assert_str_eq(c, "via dup\n");
	free(c);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(b);
}
END_TEST

START_TEST(mmap_of_a_platform_fd_says_why)
{
	char *dir = files_dir();
	struct run r;

	run_mvdb(&r, "--batch", "--trace=mmap", "--", tracee("files"), dir, NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "MAP_SHARED, 257<platform:"));
	ck_assert_ptr_nonnull(strstr(r.err, "= -1 ENODEV (No such device) (platform fd 257 ("));
	ck_assert_ptr_nonnull(strstr(r.err, "c.txt) cannot be mapped in the variants: ENODEV)"));
	run_free(&r);
	rm_rf(dir);
	free(dir);
}
END_TEST

START_TEST(the_offset_is_an_option)
{
	char *dir = temp_dir();
	char *out = xasprintf("%s/out.txt", dir);
	struct run r;

	run_mvdb(&r, "--batch", "--fd-offset=512", "--trace=openat,close",
		 "--", tracee("demo"), out, NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "O_WRONLY|O_CREAT|O_TRUNC, 0666) = 512 (opened by the platform: "));
	ck_assert_ptr_nonnull(strstr(r.err, "close(512) = 0"));
	ck_assert_int_eq(count_of(r.err, "= 256"), 0);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(out);
}
END_TEST

START_TEST(loader_maps_libraries_from_local_fds)
{
	struct run r;

	run_mvdb(&r, "--batch", "--trace=openat,mmap", "--", "/bin/ls", "/", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.err, "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3\n"));
	ck_assert_ptr_nonnull(strstr(r.err, "openat(AT_FDCWD, \"/lib/x86_64-linux-gnu/libc.so.6\", O_RDONLY|O_CLOEXEC) = 3\n"));
	ck_assert_ptr_nonnull(strstr(r.err, "PROT_READ, MAP_PRIVATE, 3, 0) = 0x7"));
	ck_assert_ptr_nonnull(strstr(r.err, "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, "));
	ck_assert_int_eq(count_of(r.err, "<platform:"), 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usr\n"));
	run_free(&r);
}
END_TEST

/* Real tools write through platform fds: the result is byte-identical
 * to a native run. */
static const struct {
	const char *native;	/* the command, run natively in dir "n" */
	const char *out;	/* what it writes, compared */
} tools[] = {
	{ "cp ../in.bin out", "out" },
	{ "sort -o out ../lines.txt", "out" },
	{ "dd if=../in.bin of=out bs=4k status=none", "out" },
	{ "dd if=../in.bin of=out bs=4k oflag=append conv=notrunc status=none", "out" },
	{ "tar xf ../small.tar", "src" },
};

START_TEST(real_tools_write_once)
{
	char *dir = temp_dir();
	char *setup = xasprintf(
		"cd %s && head -c 1048576 /dev/urandom > in.bin && "
		"seq 1 20000 | shuf --random-source=in.bin > lines.txt && "
		"mkdir -p t/src/sub n m && echo one > t/src/a && echo two > t/src/sub/b && "
		"tar cf small.tar -C t src", dir);
	char *native = xasprintf("cd %s/n && %s", dir, tools[_i].native);
	char *under = xasprintf("cd %s/m && %s --batch -- %s", dir, mvdb_path(),
				tools[_i].native);
	char *cmp = xasprintf("cd %s && diff -r n/%s m/%s && "
			      "[ \"$(stat -c %%s n/%s)\" = \"$(stat -c %%s m/%s)\" ]",
			      dir, tools[_i].out, tools[_i].out, tools[_i].out,
			      tools[_i].out);
	struct run r;

	run_sh(&r, setup);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	run_sh(&r, native);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
	run_sh(&r, under);
	ck_assert_msg(r.status == 0, "%s: status %d\n%s", under, r.status, r.err);
	run_free(&r);
	run_sh(&r, cmp);
	ck_assert_msg(r.status == 0, "%s differs: %s%s", tools[_i].native, r.out,
		      r.err);
	run_free(&r);
	rm_rf(dir);
	free(dir);
	free(setup);
	free(native);
	free(under);
	free(cmp);
}
END_TEST

Suite *files_suite(void)
{
	Suite *s = suite_create("files");
	TCase *units = tcase_create("routing");
	TCase *e2e = tcase_create("end to end");

	tcase_add_test(units, routing_by_fd_number);
	tcase_add_test(units, routing_of_opens_by_flags_and_file_type);
	tcase_add_test(units, routing_of_special_calls);
	tcase_add_test(units, temporary_names_are_made_one);
	suite_add_tcase(s, units);
	tcase_set_timeout(e2e, 120);
	tcase_add_test(e2e, fd_tables_match_proc);
	tcase_add_test(e2e, tracee_sees_the_policy);
	tcase_add_test(e2e, mmap_of_a_platform_fd_says_why);
	tcase_add_test(e2e, loader_maps_libraries_from_local_fds);
	tcase_add_test(e2e, the_offset_is_an_option);
	tcase_add_loop_test(e2e, real_tools_write_once, 0,
			    sizeof(tools) / sizeof(tools[0]));
	suite_add_tcase(s, e2e);
	return s;
}
