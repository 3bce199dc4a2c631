/* Tests of the system call table, its flag sets and its structures. */
#include "suites.h"
#include "platform.h"
#include "policy.h"
#include "syscall.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>

/* The kernel header is read at test time, so a newer one shows what the
 * table lacks. */
static const char *const unistd_paths[] = {
	"/usr/include/x86_64-linux-gnu/asm/unistd_64.h",
	"/usr/include/asm/unistd_64.h",
};

/* Names and numbers found in the header. */
struct hdr_entry {
	char name[64];	/* without __NR_ */
	long nr;	/* the number */
};

static struct hdr_entry hdr[SYSCALL_NR_LIMIT];
static size_t hdr_count;

/* Reads every "#define __NR_name nr" of the header into hdr[]. */
static void read_unistd(void)
{
	FILE *f = NULL;
	char line[256];

	hdr_count = 0;
	for (size_t i = 0; !f && i < sizeof(unistd_paths) / sizeof(unistd_paths[0]); i++)
		f = fopen(unistd_paths[i], "r");
	ck_assert_msg(f, "cannot open %s (install linux-libc-dev)", unistd_paths[0]);
	while (fgets(line, sizeof(line), f)) {
		struct hdr_entry e;

		if (sscanf(line, "#define __NR_%63s %ld", e.name, &e.nr) != 2)
			continue;
		ck_assert_msg(e.nr >= 0 && e.nr < SYSCALL_NR_LIMIT,
			      "__NR_%s = %ld is outside the table (SYSCALL_NR_LIMIT %d)",
			      e.name, e.nr, SYSCALL_NR_LIMIT);
		ck_assert_msg(hdr_count < SYSCALL_NR_LIMIT, "too many __NR_ lines");
		hdr[hdr_count++] = e;
	}
	fclose(f);
	ck_assert_msg(hdr_count > 300, "only %zu __NR_ lines in the header", hdr_count);
}

/* Appends one name to a report of failures, keeping it short. */
static void note(char *buf, size_t size, unsigned *count, const char *what, long nr)
{
	size_t at = strlen(buf);

	if (++*count <= 20 && at < size)
		snprintf(buf + at, size - at, " %.63s(%ld)", what, nr);
}

START_TEST(test_every_header_call_is_in_table)
{
	char missing[1024] = "";
	unsigned nmissing = 0;

	read_unistd();
	for (size_t i = 0; i < hdr_count; i++) {
		const struct syscall *sc = syscall_get(hdr[i].nr);

		if (!sc || strcmp(sc->name, hdr[i].name) != 0)
			note(missing, sizeof(missing), &nmissing, hdr[i].name, hdr[i].nr);
		else
			ck_assert_int_eq(syscall_lookup(hdr[i].name), hdr[i].nr);
	}
	ck_assert_msg(nmissing == 0,
		      "%u calls of the header missing or misnamed in syscalls.def:%s",
		      nmissing, missing);
}
END_TEST

START_TEST(test_table_has_nothing_else)
{
	bool in_header[SYSCALL_NR_LIMIT] = { false };
	char extra[1024] = "";
	unsigned nextra = 0, ntable = 0;

	read_unistd();
	for (size_t i = 0; i < hdr_count; i++)
		in_header[hdr[i].nr] = true;
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);

		if (!sc)
			continue;
		ntable++;
		if (!in_header[nr])
			note(extra, sizeof(extra), &nextra, sc->name, nr);
	}
	ck_assert_msg(nextra == 0, "%u table entries not in the header:%s", nextra, extra);
	ck_assert_uint_eq(ntable, hdr_count);
}
END_TEST

START_TEST(test_lookup_round_trip)
{
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);

		if (!sc)
			continue;
		ck_assert_str_eq(syscall_name(nr), sc->name);
		ck_assert_msg(syscall_lookup(sc->name) == nr,
			      "syscall_lookup(\"%s\") = %ld, not %ld",
			      sc->name, syscall_lookup(sc->name), nr);
	}
	ck_assert_int_eq(syscall_lookup("openat"), 257);
	ck_assert_int_eq(syscall_lookup("no_such_call"), -1);
	ck_assert_int_eq(syscall_lookup(""), -1);
	ck_assert_ptr_null(syscall_get(-1));
	ck_assert_ptr_null(syscall_get(SYSCALL_NR_LIMIT));
	ck_assert_ptr_null(syscall_get(400));
	ck_assert_str_eq(syscall_name(400), "syscall_400");
	ck_assert_str_eq(syscall_name(-1), "syscall_-1");
}
END_TEST

START_TEST(test_entry_shape)
{
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);
		bool none;

		if (!sc)
			continue;
		ck_assert_msg(sc->nargs <= SYSCALL_MAX_ARGS, "%s: nargs %u", sc->name, sc->nargs);
		ck_assert_msg(sc->policy < POL_COUNT, "%s: policy %u", sc->name, sc->policy);
		ck_assert_msg(sc->ret < RET_KIND_COUNT, "%s: ret %u", sc->name, sc->ret);
		ck_assert_msg(sc->classes < 1u << CL_COUNT, "%s: classes %#x", sc->name,
			      sc->classes);
		none = strcmp(sc->name, "exit") == 0 || strcmp(sc->name, "exit_group") == 0 ||
		       strcmp(sc->name, "rt_sigreturn") == 0;
		ck_assert_msg((sc->ret == RET_NONE) == none,
			      "%s: only exit, exit_group and rt_sigreturn return nothing",
			      sc->name);
		if (sc->classes & CL_PURE)
			ck_assert_msg(sc->nargs == 0, "%s: %%pure with arguments", sc->name);
		for (unsigned i = 0; i < SYSCALL_MAX_ARGS; i++) {
			unsigned kind = sc->args[i].kind;

			ck_assert_msg(kind < ARG_KIND_COUNT, "%s: arg %u kind %u", sc->name, i,
				      kind);
			if (i < sc->nargs)
				ck_assert_msg(kind != ARG_NONE, "%s: arg %u is NONE", sc->name, i);
			else
				ck_assert_msg(kind == ARG_NONE, "%s: arg %u past nargs %u",
					      sc->name, i, sc->nargs);
		}
	}
}
END_TEST

/* Whether an argument of this kind can hold a size or a count. */
static bool is_integer(unsigned kind)
{
	return kind == ARG_INT || kind == ARG_UINT || kind == ARG_LONG ||
	       kind == ARG_ULONG || kind == ARG_HEX || kind == ARG_HEX32;
}

/* Whether a kind needs its len to name another argument. */
static bool needs_len(unsigned kind)
{
	return kind == ARG_INBUF || kind == ARG_MSGBUF || kind == ARG_OUTBUF ||
	       kind == ARG_IOV_IN || kind == ARG_IOV_OUT || kind == ARG_SOCKADDR ||
	       kind == ARG_SOCKADDR_OUT;
}

START_TEST(test_len_indices)
{
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);

		if (!sc)
			continue;
		for (unsigned i = 0; i < sc->nargs; i++) {
			const struct argspec *a = &sc->args[i];
			const struct argspec *l;

			if (needs_len(a->kind))
				ck_assert_msg(a->len != ARG_NOLEN, "%s: arg %u has no length",
					      sc->name, i);
			if (a->len == ARG_NOLEN)
				continue;
			ck_assert_msg(a->kind == ARG_INSTRUCT || a->kind == ARG_OUTSTRUCT ||
				      a->kind == ARG_IOSTRUCT || needs_len(a->kind),
				      "%s: arg %u of kind %u has a length", sc->name, i, a->kind);
			ck_assert_msg(a->len < sc->nargs && a->len != i,
				      "%s: arg %u has length index %u (nargs %u)",
				      sc->name, i, a->len, sc->nargs);
			l = &sc->args[a->len];
			/* A socklen_t pointer gives the size of an address or
			 * option buffer that the kernel fills. */
			if ((a->kind == ARG_SOCKADDR_OUT || a->kind == ARG_OUTBUF) &&
			    l->kind == ARG_IOSTRUCT && l->aux == ST_SOCKLEN)
				continue;
			ck_assert_msg(a->kind != ARG_SOCKADDR_OUT,
				      "%s: arg %u: length of SOCKADDR_OUT is not a socklen_t *",
				      sc->name, i);
			ck_assert_msg(is_integer(l->kind),
				      "%s: arg %u: length arg %u is of kind %u, not an integer",
				      sc->name, i, a->len, l->kind);
		}
	}
}
END_TEST

START_TEST(test_aux_in_range)
{
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);

		if (!sc)
			continue;
		for (unsigned i = 0; i < sc->nargs; i++) {
			const struct argspec *a = &sc->args[i];

			if (a->kind == ARG_FLAGS)
				ck_assert_msg(a->aux < FLAGSET_COUNT, "%s: arg %u flag set %u",
					      sc->name, i, a->aux);
			if (a->kind == ARG_INSTRUCT || a->kind == ARG_OUTSTRUCT ||
			    a->kind == ARG_IOSTRUCT) {
				ck_assert_msg(a->aux < STRUCT_COUNT, "%s: arg %u struct %u",
					      sc->name, i, a->aux);
				ck_assert_msg(struct_size(a->aux) > 0, "%s: arg %u: %s has size 0",
					      sc->name, i, struct_name(a->aux));
			}
		}
	}
}
END_TEST

START_TEST(test_structs)
{
	for (unsigned id = 0; id < STRUCT_COUNT; id++) {
		ck_assert_msg(struct_size(id) > 0, "%s has size 0", struct_name(id));
		ck_assert_msg(strncmp(struct_name(id), "ST_", 3) == 0, "struct %u named %s",
			      id, struct_name(id));
	}
	ck_assert_uint_eq(struct_size(ST_STAT), sizeof(struct stat));
	ck_assert_uint_eq(struct_size(ST_TIMESPEC), sizeof(struct timespec));
	ck_assert_uint_eq(struct_size(ST_TIMEVAL), sizeof(struct timeval));
	ck_assert_uint_eq(struct_size(ST_TIMEOUT), sizeof(struct timespec));
	ck_assert_uint_eq(struct_size(ST_TIMEOUT_TV), sizeof(struct timeval));
	ck_assert_uint_eq(struct_size(ST_RLIMIT), sizeof(struct rlimit));
	ck_assert_uint_eq(struct_size(ST_RUSAGE), sizeof(struct rusage));
	ck_assert_uint_eq(struct_size(ST_UTSNAME), sizeof(struct utsname));
	ck_assert_uint_eq(struct_size(ST_SIGINFO), sizeof(siginfo_t));
	ck_assert_uint_eq(struct_size(ST_STACK), sizeof(stack_t));
	ck_assert_uint_eq(struct_size(ST_SIGSET), 8);
	ck_assert_uint_eq(struct_size(ST_SIGACTION), 32);
	ck_assert(struct_ptrfree(ST_STAT));
	ck_assert(!struct_ptrfree(ST_SIGACTION));
	ck_assert(!struct_ptrfree(ST_MSGHDR));
	ck_assert_uint_eq(struct_size(STRUCT_COUNT), 0);
	ck_assert(!struct_ptrfree(STRUCT_COUNT));
	ck_assert_str_eq(struct_name(ST_STAT), "ST_STAT");
}
END_TEST

/* Checks that value renders as want in set. */
static void check_format(enum flagset set, unsigned long value, const char *want)
{
	char buf[256];
	size_t n = xlat_format(set, value, buf, sizeof(buf));

	ck_assert_msg(strcmp(buf, want) == 0, "set %d, %#lx: got \"%s\", want \"%s\"",
		      set, value, buf, want);
	ck_assert_uint_eq(n, strlen(want));
}

START_TEST(test_xlat_format)
{
	char small[8];

	check_format(XS_OPEN, 01101, "O_WRONLY|O_CREAT|O_TRUNC");
	check_format(XS_OPEN, 0, "O_RDONLY");
	check_format(XS_OPEN, 02000000, "O_RDONLY|O_CLOEXEC");
	check_format(XS_OPEN, 02, "O_RDWR");
	check_format(XS_OPEN, 04010000, "O_RDONLY|O_SYNC");
	check_format(XS_OPEN, 020200002, "O_RDWR|O_TMPFILE");
	/* strace's order: O_CLOEXEC before O_DIRECTORY */
	check_format(XS_OPEN, 02200000, "O_RDONLY|O_CLOEXEC|O_DIRECTORY");
	check_format(XS_OPEN, 03, "O_ACCMODE");
	check_format(XS_OPEN, 020000, "O_RDONLY|FASYNC");
	check_format(XS_STATX_AT, 0x800, "AT_STATX_SYNC_AS_STAT|AT_NO_AUTOMOUNT");
	check_format(XS_STATX_AT, 0x4100, "AT_STATX_DONT_SYNC|AT_SYMLINK_NOFOLLOW");
	check_format(XS_ACCESS, 0, "F_OK");
	check_format(XS_ACCESS, 6, "R_OK|W_OK");
	check_format(XS_SA, 0x14000000, "SA_RESTORER|SA_RESTART");
	check_format(XS_PROT, 3, "PROT_READ|PROT_WRITE");
	check_format(XS_PROT, 0x11, "PROT_READ|0x10");
	check_format(XS_PROT, 0x10, "0x10");
	check_format(XS_PROT, 0, "PROT_NONE");
	check_format(XS_MAP, 0x22, "MAP_PRIVATE|MAP_ANONYMOUS");
	check_format(XS_MAP, 0x812, "MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE");
	check_format(XS_SOCK_TYPE, 0x80001, "SOCK_STREAM|SOCK_CLOEXEC");
	check_format(XS_SOCK_TYPE, 5, "SOCK_SEQPACKET");
	check_format(XS_AT, 0x200, "AT_REMOVEDIR");
	check_format(XS_FACCESSAT, 0x200, "AT_EACCESS");
	check_format(XS_SEEK, 0, "SEEK_SET");
	check_format(XS_SEEK, 99, "0x63");
	check_format(XS_FCNTL, 0, "F_DUPFD");
	check_format(XS_FCNTL, 1030, "F_DUPFD_CLOEXEC");
	check_format(XS_FUTEX, 137, "FUTEX_WAIT_BITSET_PRIVATE");
	check_format(XS_IOCTL, 0x5401, "TCGETS");
	check_format(XS_ARCH_PRCTL, 0x1002, "ARCH_SET_FS");
	check_format(FLAGSET_COUNT, 0x42, "0x42");
	ck_assert_str_eq(xlat_name(XS_CLOCK, 1), "CLOCK_MONOTONIC");
	ck_assert_ptr_null(xlat_name(XS_CLOCK, 1000));

	/* A short buffer is cut but terminated; the length is the full one. */
	ck_assert_uint_eq(xlat_format(XS_OPEN, 01101, small, sizeof(small)),
			  strlen("O_WRONLY|O_CREAT|O_TRUNC"));
	ck_assert_str_eq(small, "O_WRONL");
}
END_TEST

START_TEST(test_classes)
{
	long openat = syscall_lookup("openat");
	bool any_stat = false;

	ck_assert_uint_eq(syscall_class_lookup("%file"), CL_FILE);
	ck_assert_uint_eq(syscall_class_lookup("file"), CL_FILE);
	ck_assert_uint_eq(syscall_class_lookup("%network"), CL_NETWORK);
	ck_assert_uint_eq(syscall_class_lookup("%nosuch"), 0);
	for (unsigned i = 0; i < CL_COUNT; i++)
		ck_assert_uint_eq(syscall_class_lookup(syscall_class_name(i)), 1u << i);
	ck_assert_ptr_null(syscall_class_name(CL_COUNT));
	ck_assert_int_ge(openat, 0);
	ck_assert_uint_eq(syscall_get(openat)->classes, CL_FILE | CL_DESC);

	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);

		if (!sc)
			continue;
		any_stat |= (sc->classes & CL_STAT) != 0;
		for (unsigned i = 0; i < sc->nargs; i++) {
			if (sc->args[i].kind == ARG_PATH)
				ck_assert_msg(sc->classes & CL_FILE,
					      "%s takes a path but is not in %%file", sc->name);
			if (sc->args[i].kind == ARG_DIRFD)
				ck_assert_msg(sc->classes & CL_DESC,
					      "%s takes a dirfd but is not in %%desc", sc->name);
		}
	}
	ck_assert(any_stat);
}
END_TEST

START_TEST(test_policy_consistency)
{
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);
		bool has_fd = false;

		if (!sc)
			continue;
		for (unsigned i = 0; i < sc->nargs; i++)
			has_fd |= sc->args[i].kind == ARG_FD;
		if (sc->policy == POL_FD)
			ck_assert_msg(has_fd, "%s is routed by fd but takes none", sc->name);
		if (sc->policy == POL_OPEN)
			ck_assert_msg(sc->ret == RET_FD, "%s opens but returns no fd", sc->name);
		if (sc->policy == POL_EXIT)
			ck_assert_msg(sc->ret == RET_NONE, "%s exits but returns", sc->name);
	}
}
END_TEST

/* The kinds' lines agree with themselves: content is compared exactly
 * when it is read, an output is what the platform gives a buffer of its
 * own and copies back, and a pure output is compared by presence. */
START_TEST(test_argkinds_consistent)
{
	for (int k = ARG_NONE + 1; k < ARG_KIND_COUNT; k++) {
		const struct argkind_info *ki = argkind_get((enum argkind)k);
		bool buffer = ki->pass == PASS_INOUT || ki->pass == PASS_OUTBUF ||
			      ki->pass == PASS_OUTSTRUCT ||
			      ki->pass == PASS_IOV_OUT ||
			      ki->pass == PASS_SOCKADDR_OUT;

		ck_assert_ptr_nonnull(ki->name);
		ck_assert_msg((ki->cmp == CMP_CONTENT) == (ki->read != RD_NONE),
			      "%s: content compared but not read, or read and not compared",
			      ki->name);
		ck_assert_msg(buffer == (ki->out != OUT_NONE),
			      "%s: copied out without a buffer of the platform's, or the reverse",
			      ki->name);
		ck_assert_msg((ki->cmp == CMP_PRESENCE) ==
				      (ki->read == RD_NONE && ki->out != OUT_NONE),
			      "%s: an output is compared by presence only", ki->name);
		ck_assert_msg(!ki->int32 || ki->cmp == CMP_VALUE,
			      "%s: 32 bits of what?", ki->name);
		ck_assert(argkind_has_content((enum argkind)k) == (ki->read != RD_NONE));
	}
	ck_assert_str_eq(argkind_get(ARG_PATH)->name, "PATH");
	ck_assert_int_eq(argkind_get(ARG_PTR)->pass, PASS_NEVER);
	ck_assert_int_eq(argkind_get(ARG_KIND_COUNT)->read, RD_NONE);
}
END_TEST

/* Every row marked SPECIAL has the policy's rule for it, and no row
 * names a hook that neither the policy nor the platform has: such a
 * call would quietly run as if it had no hook. */
START_TEST(test_hooks_have_routines)
{
	bool used[HOOK_COUNT] = { false };

	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);

		if (!sc)
			continue;
		ck_assert_uint_lt(sc->hook, HOOK_COUNT);
		used[sc->hook] = true;
		if (sc->policy == POL_SPECIAL)
			ck_assert_msg(policy_has_rule(nr),
				      "%s is SPECIAL but hook %s has no rule in the policy",
				      sc->name, syscall_hook_name(sc->hook));
		if (sc->hook == HOOK_none)
			ck_assert_msg(!policy_has_rule(nr) && !platform_has_routine(nr),
				      "%s has no hook but routines", sc->name);
		else
			ck_assert_msg(policy_has_rule(nr) || platform_has_routine(nr),
				      "%s: hook %s has no routine anywhere", sc->name,
				      syscall_hook_name(sc->hook));
	}
	for (int h = 1; h < HOOK_COUNT; h++)
		ck_assert_msg(used[h], "hook %s is named by no call",
			      syscall_hook_name((enum hook)h));
	/* a rule of the policy runs only for SPECIAL rows: a hook whose
	 * rule is the policy's is not put on a row of another policy */
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		const struct syscall *sc = syscall_get(nr);

		if (sc && sc->policy != POL_SPECIAL)
			ck_assert_msg(!policy_has_rule(nr),
				      "%s has a rule of the policy that never runs (policy not SPECIAL)",
				      sc->name);
	}
}
END_TEST

/* The entry named name, failing the test if there is none. */
static const struct syscall *get(const char *name)
{
	const struct syscall *sc = syscall_get(syscall_lookup(name));

	ck_assert_msg(sc, "no entry for %s", name);
	return sc;
}

/* Checks kind, len and aux of argument i of the call named name. */
static void check_arg(const char *name, unsigned i, enum argkind kind, unsigned len,
		      unsigned aux)
{
	const struct syscall *sc = get(name);

	ck_assert_msg(i < sc->nargs, "%s: no arg %u", name, i);
	ck_assert_msg(sc->args[i].kind == kind, "%s: arg %u kind %u, want %u", name, i,
		      sc->args[i].kind, kind);
	ck_assert_msg(sc->args[i].len == len, "%s: arg %u len %u, want %u", name, i,
		      sc->args[i].len, len);
	if (kind == ARG_FLAGS || kind == ARG_INSTRUCT || kind == ARG_OUTSTRUCT ||
	    kind == ARG_IOSTRUCT)
		ck_assert_msg(sc->args[i].aux == aux, "%s: arg %u aux %u, want %u", name, i,
			      sc->args[i].aux, aux);
}

START_TEST(test_spot_checks)
{
	check_arg("read", 0, ARG_FD, ARG_NOLEN, 0);
	check_arg("read", 1, ARG_OUTBUF, 2, 0);
	check_arg("read", 2, ARG_ULONG, ARG_NOLEN, 0);
	check_arg("write", 1, ARG_INBUF, 2, 0);
	check_arg("openat", 0, ARG_DIRFD, ARG_NOLEN, 0);
	check_arg("openat", 1, ARG_PATH, ARG_NOLEN, 0);
	check_arg("openat", 2, ARG_FLAGS, ARG_NOLEN, XS_OPEN);
	check_arg("openat", 3, ARG_MODE, ARG_NOLEN, 0);
	check_arg("fstat", 1, ARG_OUTSTRUCT, ARG_NOLEN, ST_STAT);
	check_arg("clock_gettime", 1, ARG_OUTSTRUCT, ARG_NOLEN, ST_TIMESPEC);
	check_arg("nanosleep", 0, ARG_INSTRUCT, ARG_NOLEN, ST_TIMEOUT);
	check_arg("nanosleep", 1, ARG_OUTSTRUCT, ARG_NOLEN, ST_TIMESPEC);
	check_arg("getrandom", 0, ARG_OUTBUF, 1, 0);
	check_arg("readlink", 1, ARG_OUTBUF, 2, 0);
	check_arg("getcwd", 0, ARG_OUTBUF, 1, 0);
	check_arg("getdents64", 1, ARG_OUTBUF, 2, 0);
	check_arg("pipe2", 0, ARG_OUTSTRUCT, ARG_NOLEN, ST_INT2);
	check_arg("rt_sigprocmask", 1, ARG_INSTRUCT, ARG_NOLEN, ST_SIGSET);
	check_arg("rt_sigprocmask", 2, ARG_OUTSTRUCT, ARG_NOLEN, ST_SIGSET);
	check_arg("rt_sigaction", 1, ARG_INSTRUCT, ARG_NOLEN, ST_SIGACTION);
	check_arg("rt_sigaction", 2, ARG_OUTSTRUCT, ARG_NOLEN, ST_SIGACTION);
	check_arg("ioctl", 1, ARG_FLAGS, ARG_NOLEN, XS_IOCTL);
	check_arg("fcntl", 1, ARG_FLAGS, ARG_NOLEN, XS_FCNTL);
	check_arg("mmap", 2, ARG_FLAGS, ARG_NOLEN, XS_PROT);
	check_arg("mmap", 3, ARG_FLAGS, ARG_NOLEN, XS_MAP);
	check_arg("mmap", 4, ARG_FD, ARG_NOLEN, 0);
	check_arg("poll", 0, ARG_IOSTRUCT, 1, ST_POLLFD);
	check_arg("poll", 2, ARG_MSECS, ARG_NOLEN, 0);
	check_arg("writev", 1, ARG_IOV_IN, 2, 0);
	check_arg("readv", 1, ARG_IOV_OUT, 2, 0);
	check_arg("connect", 1, ARG_SOCKADDR, 2, 0);
	check_arg("accept4", 1, ARG_SOCKADDR_OUT, 2, 0);
	check_arg("execve", 1, ARG_STRARRAY, ARG_NOLEN, 0);
	check_arg("kill", 0, ARG_PID, ARG_NOLEN, 0);
	check_arg("kill", 1, ARG_SIGNAL, ARG_NOLEN, 0);

	ck_assert_uint_eq(get("read")->policy, POL_FD);
	ck_assert_uint_eq(get("read")->ret, RET_SIZE);
	ck_assert_uint_eq(get("openat")->policy, POL_OPEN);
	ck_assert_uint_eq(get("openat")->ret, RET_FD);
	ck_assert_uint_eq(get("getrandom")->policy, POL_ONCE);
	ck_assert_uint_eq(get("clock_gettime")->policy, POL_ONCE);
	ck_assert_uint_eq(get("close")->policy, POL_SPECIAL);
	ck_assert_uint_eq(get("newfstatat")->policy, POL_SPECIAL);
	ck_assert_uint_eq(get("exit_group")->policy, POL_EXIT);
	ck_assert_uint_eq(get("exit_group")->ret, RET_NONE);
	ck_assert_uint_eq(get("getpid")->policy, POL_ID);
	ck_assert_uint_eq(get("getpid")->classes, CL_PURE | CL_LOCAL);
	/* no meeting point: no effect outside the variant (local.h) */
	ck_assert(get("clock_gettime")->classes & CL_LOCAL);
	ck_assert(get("brk")->classes & CL_LOCAL);
	ck_assert(get("getppid")->classes & CL_LOCAL);
	/* no meeting point on a plain local file only */
	ck_assert_uint_eq(get("read")->classes & (CL_LOCAL | CL_PLAIN), CL_PLAIN);
	ck_assert(!(get("openat")->classes & (CL_LOCAL | CL_PLAIN)));
	/* effects outside, or a result the policy routes: they meet */
	ck_assert(!(get("write")->classes & (CL_LOCAL | CL_PLAIN)));
	ck_assert(!(get("getpgrp")->classes & CL_LOCAL));
	ck_assert(!(get("rt_sigprocmask")->classes & CL_LOCAL));
	ck_assert_uint_eq(get("set_tid_address")->policy, POL_SETID);
	ck_assert_uint_eq(get("execve")->policy, POL_EXEC);
	ck_assert_uint_eq(get("clone3")->policy, POL_PROCESS);
	ck_assert_uint_eq(get("unlinkat")->policy, POL_PLATFORM);
	ck_assert_uint_eq(get("mprotect")->policy, POL_VARIANT);
	ck_assert_uint_eq(get("mmap")->policy, POL_SPECIAL);
	ck_assert_uint_eq(get("mmap")->ret, RET_ADDR);
	ck_assert_uint_eq(get("rt_sigreturn")->nargs, 0);
	ck_assert_uint_eq(get("mmap")->nargs, 6);
}
END_TEST

Suite *syscall_suite(void)
{
	Suite *s = suite_create("syscall");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_every_header_call_is_in_table);
	tcase_add_test(tc, test_table_has_nothing_else);
	tcase_add_test(tc, test_lookup_round_trip);
	tcase_add_test(tc, test_entry_shape);
	tcase_add_test(tc, test_len_indices);
	tcase_add_test(tc, test_aux_in_range);
	tcase_add_test(tc, test_structs);
	tcase_add_test(tc, test_xlat_format);
	tcase_add_test(tc, test_classes);
	tcase_add_test(tc, test_policy_consistency);
	tcase_add_test(tc, test_hooks_have_routines);
	tcase_add_test(tc, test_argkinds_consistent);
	tcase_add_test(tc, test_spot_checks);
	suite_add_tcase(s, tc);
	return s;
}
