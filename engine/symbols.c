/* Symbols through a sandboxed helper process.  The monitor's side
 * carries each call of a view over a socket and checks what comes back;
 * the helper's side (forked per view) opens what it may read, shuts
 * itself in with seccomp and answers with symread.c, asking the monitor
 * for every byte of the variant's memory it needs.  See symbols.h. */
#include "mem.h"
#include "symbols.h"
#include "symread.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define ANSWER_MS 20000		/* the longest the helper may take to say
				   anything (reading a large library's
				   debug information takes a second) */
#define MEM_MAX 64		/* bytes of one memory read it may ask for */
#define MODULES_MAX 4096	/* objects one process may list */
#define HELPER_AS (4UL << 30)	/* its address space beyond the monitor's
				   (files are mapped; a sanitizer's shadow
				   is already reserved) */
#define HELPER_CPU_S 60		/* and its processor time */

/* What goes over the socket: a head, then len bytes. */
enum wire {
	W_LOOKUP = 1,	/* monitor: unsigned long addr */
	W_BACKTRACE,	/* monitor: struct stackq */
	W_MODULES,	/* monitor: nothing */
	W_MEM,		/* helper: struct memq, during any of those */
	W_MEMDATA,	/* monitor: struct memdata, the answer */
	W_DONE,		/* helper: the answer (see each call) */
};

struct head {
	uint32_t kind;	/* enum wire */
	uint32_t len;	/* bytes that follow */
};

/* A backtrace asked for. */
struct stackq {
	struct user_regs_struct regs;	/* frame 0's, from the stop */
	int32_t max;			/* frames wanted, 1..FRAMES_MAX */
};

/* A read of the variant's memory the helper asks for. */
struct memq {
	uint64_t addr;	/* where */
	uint32_t len;	/* bytes, at most MEM_MAX */
};

/* And its answer. */
struct memdata {
	int32_t ok;			/* every byte was read */
	unsigned char bytes[MEM_MAX];	/* the first len of them */
};

/* The helper's first answer, a backtrace's and a module list's head. */
struct status {
	int32_t n;			/* frames or modules; -1: failed */
	char msg[ERROR_MSG_MAX];	/* then why */
};

/* A lookup's answer. */
struct lookup {
	int32_t found;		/* an object is mapped there */
	struct symbol sym;	/* what is known of the address */
};

struct symbols {
	pid_t pid;	/* the process viewed */
	pid_t helper;	/* its reader, or 0 once gone */
	int fd;		/* the socket to it */
};

static bool send_msg(int fd, uint32_t kind, const void *a, size_t alen,
		     const void *b, size_t blen)
{
	struct head h = { kind, (uint32_t)(alen + blen) };
	struct iovec iov[3] = {
		{ &h, sizeof(h) }, { (void *)a, alen }, { (void *)b, blen },
	};
	size_t left = sizeof(h) + alen + blen;
	int at = 0;

	while (left) {
		ssize_t n = writev(fd, iov + at, 3 - at);

		if (n <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			return false;
		}
		left -= (size_t)n;
		while (at < 3 && (size_t)n >= iov[at].iov_len)
			n -= (ssize_t)iov[at++].iov_len;
		if (at < 3) {
			iov[at].iov_base = (char *)iov[at].iov_base + n;
			iov[at].iov_len -= (size_t)n;
		}
	}
	return true;
}

/* Reads len bytes; ms >= 0: each wait at most that long. */
static bool recv_all(int fd, void *buf, size_t len, int ms)
{
	char *p = buf;

	while (len) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (ms >= 0 && poll(&pfd, 1, ms) != 1) {
			if (errno == EINTR)
				continue;
			return false;
		}
		n = read(fd, p, len);
		if (n <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

/* The filter's instructions; jumps are relative to the instruction
 * after them, JEQ_TO's to instruction number `to` from number n. */
#define STMT(code, k) ((struct sock_filter)BPF_STMT((code), (k)))
#define JUMP(code, k, jt, jf) \
	((struct sock_filter)BPF_JUMP((code), (k), (jt), (jf)))
#define JEQ_TO(val, to) JUMP(BPF_JMP | BPF_JEQ | BPF_K, (val), \
			     (unsigned char)((to) - n - 1), 0)
#define LD(off) STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define RET(what) STMT(BPF_RET | BPF_K, (what))
#define ARG(i) (offsetof(struct seccomp_data, args) + (i) * sizeof(uint64_t))
#define DENY (SECCOMP_RET_ERRNO | EPERM)

int symbols_sandbox(int debug_dir)
{
	/* What reading files, allocating and talking over the socket
	 * take; nothing that opens, writes a file, signals or traces. */
	static const int simple[] = {
		SYS_read, SYS_write, SYS_writev, SYS_close, SYS_fstat,
		SYS_newfstatat, SYS_lseek, SYS_pread64, SYS_munmap,
		SYS_mremap, SYS_madvise, SYS_brk, SYS_exit, SYS_exit_group,
		SYS_rt_sigreturn, SYS_rt_sigprocmask, SYS_futex, SYS_dup,
		SYS_fcntl, SYS_poll, SYS_getpid, SYS_clock_gettime,
		SYS_gettid, SYS_readlink, SYS_sysinfo, SYS_sigaltstack,
		SYS_sched_yield,
	};
	enum { NSIMPLE = sizeof(simple) / sizeof(simple[0]) };
	enum {
		FIRST = 7,			/* the simple calls' jumps */
		DEFAULT = FIRST + NSIMPLE,	/* RET DENY */
		ALLOWED = DEFAULT + 1,		/* RET ALLOW */
		PROT = ALLOWED + 1,		/* mmap, mprotect: 4 */
		OPEN = PROT + 4,		/* openat: 6 */
		LEN = OPEN + 6,
	};
	struct sock_filter f[LEN];
	struct sock_fprog prog = { .len = LEN, .filter = f };
	int n = 0;

	f[n++] = LD(offsetof(struct seccomp_data, arch));
	f[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
	f[n++] = RET(SECCOMP_RET_KILL_PROCESS);
	f[n++] = LD(offsetof(struct seccomp_data, nr));
	f[n] = JEQ_TO(SYS_mmap, PROT), n++;
	f[n] = JEQ_TO(SYS_mprotect, PROT), n++;
	f[n] = JEQ_TO(SYS_openat, OPEN), n++;
	for (int i = 0; i < NSIMPLE; i++)
		f[n] = JEQ_TO((unsigned)simple[i], ALLOWED), n++;
	f[n++] = RET(DENY);
	f[n++] = RET(SECCOMP_RET_ALLOW);
	/* PROT: memory, never executable */
	f[n++] = LD(ARG(2));
	f[n++] = JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 1);
	f[n++] = RET(DENY);
	f[n++] = RET(SECCOMP_RET_ALLOW);
	/* OPEN: under /usr/lib/debug only, read-only, without waiting */
	f[n++] = LD(ARG(0));
	f[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)debug_dir, 0, 3);
	f[n++] = LD(ARG(2));
	f[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYMREAD_OPEN_FLAGS, 0, 1);
	f[n++] = RET(SECCOMP_RET_ALLOW);
	f[n++] = RET(DENY);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* Memory of the process, read by the monitor for the helper. */
static bool mem_from_monitor(void *ctx, unsigned long addr, void *buf,
			     size_t len)
{
	int fd = *(int *)ctx;
	struct memq q = { addr, (uint32_t)len };
	struct memdata d;
	struct head h;

	if (len > MEM_MAX ||
	    !send_msg(fd, W_MEM, &q, sizeof(q), NULL, 0) ||
	    !recv_all(fd, &h, sizeof(h), -1) || h.kind != W_MEMDATA ||
	    h.len != sizeof(d) || !recv_all(fd, &d, sizeof(d), -1))
		_exit(1);	/* the monitor is gone or confused */
	if (!d.ok)
		return false;
	memcpy(buf, d.bytes, len);
	return true;
}

static void serve(struct symread *r, int fd)
{
	for (;;) {
		struct head h;

		if (!recv_all(fd, &h, sizeof(h), -1))
			return;
		if (h.kind == W_LOOKUP && h.len == sizeof(unsigned long)) {
			unsigned long addr;
			struct lookup l;

			if (!recv_all(fd, &addr, sizeof(addr), -1))
				return;
			l.found = symread_lookup(r, addr, &l.sym);
			send_msg(fd, W_DONE, &l, sizeof(l), NULL, 0);
		} else if (h.kind == W_BACKTRACE && h.len == sizeof(struct stackq)) {
			struct stackq q;
			struct status st = { 0 };
			struct error err = { 0 };
			struct frame *frames;

			if (!recv_all(fd, &q, sizeof(q), -1) || q.max < 1 ||
			    q.max > FRAMES_MAX)
				return;
			frames = XCNEWVEC(struct frame, q.max);
			st.n = symread_backtrace(r, &q.regs, frames, q.max, &err);
			snprintf(st.msg, sizeof(st.msg), "%s", err.msg);
			send_msg(fd, W_DONE, &st, sizeof(st), frames,
				 st.n > 0 ? (size_t)st.n * sizeof(*frames) : 0);
			free(frames);
		} else if (h.kind == W_MODULES && h.len == 0) {
			struct module *mods = NULL;
			struct status st = { 0 };

			st.n = symread_modules(r, &mods);
			if (st.n > MODULES_MAX)
				st.n = MODULES_MAX;
			send_msg(fd, W_DONE, &st, sizeof(st), mods,
				 (size_t)st.n * sizeof(*mods));
			free(mods);
		} else {
			return;
		}
	}
}

/* The address space the helper may have: what it has (a copy of the
 * monitor's) and HELPER_AS more. */
static rlim_t address_space(void)
{
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	if (f) {
		if (fscanf(f, "%lu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + HELPER_AS;
}

/* The helper: the socket is all it keeps of the monitor's descriptors;
 * what it will read is opened before the sandbox closes every other
 * way; then it answers until the monitor hangs up. */
static void helper(int fd, pid_t pid)
{
	struct status st = { 0 };
	struct error err = { 0 };
	struct symread *r = NULL;
	struct rlimit as;
	struct rlimit cpu = { HELPER_CPU_S, HELPER_CPU_S };
	struct rlimit none = { 0, 0 };
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);	/* Ctrl-C is the monitor's */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (fd > 0)
		close_range(0, (unsigned)fd - 1, 0);
	close_range((unsigned)fd + 1, ~0U, 0);
	as.rlim_cur = as.rlim_max = address_space();
	setrlimit(RLIMIT_AS, &as);
	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_CORE, &none);
	setrlimit(RLIMIT_FSIZE, &none);
	if (!symread_prepare(pid, &err)) {
		st.n = -1;
	} else if (symbols_sandbox(symread_debug_dir()) == -1) {
		/* never read unsandboxed */
		st.n = -1;
		error_set(&err, ERR_SYSTEM, "cannot sandbox the symbol reader: %s",
			  strerror(errno));
	} else if (!(r = symread_open(mem_from_monitor, &fd, &err))) {
		st.n = -1;
	}
	snprintf(st.msg, sizeof(st.msg), "%s", err.msg);
	if (send_msg(fd, W_DONE, &st, sizeof(st), NULL, 0) && r)
		serve(r, fd);
	_exit(0);
}

static void helper_gone(struct symbols *sy)
{
	if (!sy->helper)
		return;
	kill(sy->helper, SIGKILL);
	waitpid(sy->helper, NULL, 0);
	close(sy->fd);
	sy->helper = 0;
	sy->fd = -1;
}

/* Sends a call (kind 0: none, the first answer is awaited) and reads
 * its answer, serving the helper's memory reads meanwhile: the answer (len in *len, at least min and at most max
 * bytes; the caller frees it), or NULL when the helper failed (it is
 * then gone). */
static void *ask(struct symbols *sy, uint32_t kind, const void *q,
		 size_t qlen, size_t min, size_t max, size_t *len)
{
	struct head h;

	if (!sy->helper || (kind && !send_msg(sy->fd, kind, q, qlen, NULL, 0)))
		goto gone;
	for (;;) {
		if (!recv_all(sy->fd, &h, sizeof(h), ANSWER_MS))
			goto gone;
		if (h.kind == W_MEM && h.len == sizeof(struct memq)) {
			struct memq m;
			struct memdata d = { 0 };

			if (!recv_all(sy->fd, &m, sizeof(m), ANSWER_MS))
				goto gone;
			d.ok = m.len <= MEM_MAX &&
			       mem_read(sy->pid, m.addr, d.bytes, m.len) ==
				       (ssize_t)m.len;
			if (!send_msg(sy->fd, W_MEMDATA, &d, sizeof(d), NULL, 0))
				goto gone;
			continue;
		}
		if (h.kind != W_DONE || h.len < min || h.len > max)
			goto gone;
		break;
	}
	{
		void *answer = xmalloc(h.len ? h.len : 1);

		if (!recv_all(sy->fd, answer, h.len, ANSWER_MS)) {
			free(answer);
			goto gone;
		}
		*len = h.len;
		return answer;
	}
gone:
	helper_gone(sy);
	return NULL;
}

/* What the helper said is text only where it ends. */
#define END(a) ((a)[sizeof(a) - 1] = '\0')

static void check_symbol(struct symbol *s)
{
	END(s->func);
	END(s->alias);
	END(s->object);
	END(s->file);
}

struct symbols *symbols_open(pid_t pid, struct error *err)
{
	struct symbols *sy;
	struct status *st;
	size_t len;
	int sv[2];
	pid_t h;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		error_set(err, ERR_SYSTEM, "cannot read symbols: %s",
			  strerror(errno));
		return NULL;
	}
	h = fork();
	if (h == 0) {
		close(sv[0]);
		helper(sv[1], pid);
	}
	close(sv[1]);
	if (h == -1) {
		error_set(err, ERR_SYSTEM, "cannot read symbols: %s",
			  strerror(errno));
		close(sv[0]);
		return NULL;
	}
	sy = XCNEW(struct symbols);
	sy->pid = pid;
	sy->helper = h;
	sy->fd = sv[0];
	st = ask(sy, 0, NULL, 0, sizeof(*st), sizeof(*st), &len);
	if (!st || st->n < 0) {
		if (st)
			END(st->msg);
		error_set(err, ERR_SYSTEM, "%s", st ? st->msg :
			  "cannot read symbols: the reader failed");
		free(st);
		symbols_close(sy);
		return NULL;
	}
	free(st);
	return sy;
}

void symbols_close(struct symbols *sy)
{
	if (!sy)
		return;
	helper_gone(sy);
	free(sy);
}

bool symbols_lookup(struct symbols *sy, unsigned long addr,
		    struct symbol *out)
{
	size_t len;
	struct lookup *l = ask(sy, W_LOOKUP, &addr, sizeof(addr), sizeof(*l),
			       sizeof(*l), &len);
	bool found = l && l->found;

	memset(out, 0, sizeof(*out));
	if (l) {
		*out = l->sym;
		check_symbol(out);
	}
	out->addr = addr;
	free(l);
	return found;
}

int symbols_backtrace(struct symbols *sy, const struct user_regs_struct *regs,
		      struct frame *frames, int max, struct error *err)
{
	struct stackq q = { .regs = *regs };
	struct status *st;
	size_t len;
	int n;

	if (max <= 0)
		return 0;
	q.max = max < FRAMES_MAX ? max : FRAMES_MAX;
	st = ask(sy, W_BACKTRACE, &q, sizeof(q), sizeof(*st),
		 sizeof(*st) + (size_t)q.max * sizeof(*frames), &len);
	if (!st)
		return error_set(err, ERR_SYSTEM,
				 "cannot unwind pid %d: the symbol reader failed",
				 (int)sy->pid);
	n = st->n;
	if (n <= 0 || n > q.max ||
	    len != sizeof(*st) + (size_t)n * sizeof(*frames)) {
		END(st->msg);
		error_set(err, ERR_SYSTEM, "%s",
			  n < 0 ? st->msg : "cannot unwind: a malformed answer");
		free(st);
		return -1;
	}
	memcpy(frames, st + 1, (size_t)n * sizeof(*frames));
	for (int i = 0; i < n; i++) {
		check_symbol(&frames[i].sym);
		END(frames[i].args);
		frames[i].known &= (1u << FRAME_REG_COUNT) - 1;
	}
	free(st);
	return n;
}

int symbols_modules(struct symbols *sy, struct module **mods)
{
	size_t len;
	struct status *st = ask(sy, W_MODULES, NULL, 0, sizeof(*st),
				sizeof(*st) + MODULES_MAX * sizeof(**mods),
				&len);
	int n = st ? st->n : 0;

	*mods = NULL;
	if (!st || n <= 0 || len != sizeof(*st) + (size_t)n * sizeof(**mods)) {
		free(st);
		return 0;
	}
	*mods = XNEWVEC(struct module, n);
	memcpy(*mods, st + 1, (size_t)n * sizeof(**mods));
	for (int i = 0; i < n; i++)
		END((*mods)[i].name);
	free(st);
	return n;
}

int symbols_stack(pid_t pid, const struct user_regs_struct *regs,
		  struct frame *frames, int max, struct error *err)
{
	struct symbols *sy = symbols_open(pid, err);
	int n;

	if (!sy)
		return -1;
	n = symbols_backtrace(sy, regs, frames, max, err);
	symbols_close(sy);
	return n;
}

void symbols_short(const struct symbol *sym, char *buf, size_t size)
{
	if (sym->func[0] && sym->off)
		snprintf(buf, size, "<%s+%lu>", sym->func, sym->off);
	else if (sym->func[0])
		snprintf(buf, size, "<%s>", sym->func);
	else if (size)
		buf[0] = '\0';
}

void symbols_frame_text(const struct frame *f, bool args, char *buf,
			size_t size)
{
	const struct symbol *s = &f->sym;
	const char *func = s->func[0] ? s->func : "??";
	const char *a = !f->args[0] ? "" : args ? f->args : "...";

	if (s->file[0])
		snprintf(buf, size, "%s (%s) at %s:%d", func, a, s->file,
			 s->line);
	else if (s->object[0])
		snprintf(buf, size, "%s (%s) from %s", func, a, s->object);
	else
		snprintf(buf, size, "%s (%s)", func, a);
}
