/* Looking into stopped variants. */
#include "inspect.h"
#include "session_int.h"
#include "format.h"
#include "mem.h"
#include "ptrace.h"
#include "sockdesc.h"

#include <dirent.h>
#include <linux/futex.h>
#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Who variant v of set is in messages: "variant 1", "set 2 variant 1". */
static void who(int set, int v, char *buf, size_t size)
{
	if (set > 0)
		snprintf(buf, size, "set %d variant %d", set, v);
	else
		snprintf(buf, size, "variant %d", v);
}

/* Variant v of set id, or NULL with err.  stopped: it must be stopped
 * (ptrace reads only a stopped tracee), else only alive. */
static const struct variant *find_variant(const struct session *s, int set,
					  int v, bool stopped,
					  struct error *err, char *name,
					  size_t size)
{
	const struct variant *var;

	who(set, v, name, size);
	if (!session_set(s, set)) {
		error_set(err, ERR_USAGE, set >= 0 && set < s->made ?
			  "set %d ended and is forgotten (see \"info sets\")" :
			  "there is no set %d (see \"info sets\")", set);
		return NULL;
	}
	if (v < 0 || v >= s->n) {
		error_set(err, ERR_USAGE,
			  "there is no variant %d (variants are 0 to %d)", v,
			  s->n - 1);
		return NULL;
	}
	var = &session_set(s, set)->v[v];
	if (var->state == VS_EXITED || var->state == VS_KILLED ||
	    var->state == VS_NEW) {
		error_set(err, ERR_STATE, "%s is not running", name);
		return NULL;
	}
	if (stopped && var->state == VS_RUNNING && !var->paused) {
		error_set(err, ERR_STATE,
			  "%s is running, not stopped: its registers are read at a stop",
			  name);
		return NULL;
	}
	return var;
}

/* Position and flags from a fdinfo file. */
static void read_fdinfo(const char *path, long long *pos, int *flags)
{
	FILE *f = fopen(path, "re");
	char line[256];

	*pos = -1;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "pos:", 4) == 0)
			*pos = strtoll(line + 4, NULL, 10);
		else if (strncmp(line, "flags:", 6) == 0)
			*flags = (int)strtol(line + 6, NULL, 8);
	}
	fclose(f);
}

static int by_num(const void *a, const void *b)
{
	const struct fdrow *x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

int inspect_fds(const struct session *s, int v, struct fdrow **rows,
		struct error *err)
{
	return inspect_set_fds(s, s->cur, v, rows, err);
}

int inspect_set_fds(const struct session *s, int set, int v,
		    struct fdrow **rows, struct error *err)
{
	const struct variant *var;
	const struct pmap *pm;
	char dir[64], name[32];
	DIR *d;
	struct dirent *e;
	int n = 0, cap = 16;
	struct fdrow *r;

	var = find_variant(s, set, v, false, err, name, sizeof(name));
	if (!var)
		return -1;
	pm = session_set(s, set)->fds;
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)var->pid);
	d = opendir(dir);
	if (!d)
		return error_set(err, ERR_SYSTEM, "%s: cannot list %s: %s",
				 name, dir, strerror(errno));
	r = XNEWVEC(struct fdrow, cap);
	while ((e = readdir(d))) {
		char link[128], info[128];
		int num;
		ssize_t len;
		const struct lfile *lf;

		if (e->d_name[0] == '.')
			continue;
		num = atoi(e->d_name);
		if (pmap_get(pm, num))
			continue;	/* the platform's number wins */
		if (n == cap)
			r = XRESIZEVEC(struct fdrow, r, cap *= 2);
		memset(&r[n], 0, sizeof(r[n]));
		r[n].num = num;
		r[n].realfd = num;
		snprintf(link, sizeof(link), "%s/%d", dir, num);
		len = readlink(link, r[n].path, sizeof(r[n].path) - 1);
		r[n].path[len > 0 ? len : 0] = '\0';
		snprintf(info, sizeof(info), "/proc/%d/fdinfo/%d", (int)var->pid,
			 num);
		read_fdinfo(info, &r[n].offset, &r[n].flags);
		lf = ltable_get(var->lt, num);
		r[n].tracked = lf != NULL;
		n++;
	}
	closedir(d);
	for (long num = 0; num < pm->offset + pm->nslots; num++) {
		const struct pfile *pf = pmap_get(pm, num);
		char info[64];

		if (!pf)
			continue;
		if (n == cap)
			r = XRESIZEVEC(struct fdrow, r, cap *= 2);
		memset(&r[n], 0, sizeof(r[n]));
		r[n].num = (int)num;
		r[n].platform = true;
		r[n].realfd = pf->realfd;
		r[n].flags = pf->flags;
		/* a socket by its kind and addresses, as strace -yy */
		if (!sockdesc_describe(s, pf->realfd, r[n].path,
				       sizeof(r[n].path)))
			snprintf(r[n].path, sizeof(r[n].path), "%s", pf->path);
		snprintf(info, sizeof(info), "/proc/self/fdinfo/%d", pf->realfd);
		{
			int ignored = 0;

			read_fdinfo(info, &r[n].offset, &ignored);
		}
		r[n].tracked = true;
		n++;
	}
	qsort(r, (size_t)n, sizeof(*r), by_num);
	*rows = r;
	return n;
}

int inspect_regs(const struct session *s, int v, struct user_regs_struct *regs,
		 struct error *err)
{
	return inspect_set_regs(s, s->cur, v, regs, err);
}

int inspect_set_regs(const struct session *s, int set, int v,
		     struct user_regs_struct *regs, struct error *err)
{
	char name[32];
	const struct variant *var = find_variant(s, set, v, true, err, name,
						 sizeof(name));

	if (!var)
		return -1;
	if (standin_regs(var, regs))
		return 0;	/* waits in the platform: as at its call */
	if (pt_getregs(var->pid, regs) == -1)
		return error_set(err, ERR_SYSTEM,
				 "%s: cannot read its registers: %s", name,
				 strerror(errno));
	return 0;
}

/* A register by name and its place in struct user_regs_struct. */
struct regname {
	const char *name;	/* as gdb spells it */
	size_t off;		/* offset in the struct */
	int bits;		/* 64 or 32 (the low half) */
};

#define R(n, f) { n, offsetof(struct user_regs_struct, f), 64 }
#define R32(n, f) { n, offsetof(struct user_regs_struct, f), 32 }
static const struct regname regs_table[] = {
	R("rax", rax), R("rbx", rbx), R("rcx", rcx), R("rdx", rdx),
	R("rsi", rsi), R("rdi", rdi), R("rbp", rbp), R("rsp", rsp),
	R("r8", r8), R("r9", r9), R("r10", r10), R("r11", r11),
	R("r12", r12), R("r13", r13), R("r14", r14), R("r15", r15),
	R("rip", rip), R("eflags", eflags), R("orig_rax", orig_rax),
	R("cs", cs), R("ss", ss), R("ds", ds), R("es", es), R("fs", fs),
	R("gs", gs), R("fs_base", fs_base), R("gs_base", gs_base),
	R("pc", rip), R("sp", rsp), R("fp", rbp),
	R32("eax", rax), R32("ebx", rbx), R32("ecx", rcx), R32("edx", rdx),
	R32("esi", rsi), R32("edi", rdi),
};

const char *const inspect_reg_names[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
	"r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags",
	"orig_rax", "cs", "ss", "ds", "es", "fs", "gs", "fs_base", "gs_base",
	"pc", "sp", "fp", "eax", "ebx", "ecx", "edx", "esi", "edi", NULL,
};

int inspect_reg_offset(const char *name, size_t *off, int *bits)
{
	for (size_t i = 0; i < sizeof(regs_table) / sizeof(regs_table[0]); i++) {
		if (strcmp(regs_table[i].name, name) != 0)
			continue;
		*off = regs_table[i].off;
		if (bits)
			*bits = regs_table[i].bits;
		return 0;
	}
	return -1;
}

int inspect_reg(const struct user_regs_struct *regs, const char *name,
		unsigned long *value, struct error *err)
{
	for (size_t i = 0; i < sizeof(regs_table) / sizeof(regs_table[0]); i++) {
		if (strcmp(regs_table[i].name, name) != 0)
			continue;
		memcpy(value, (const char *)regs + regs_table[i].off,
		       sizeof(*value));
		if (regs_table[i].bits == 32)
			*value &= 0xffffffffu;
		return 0;
	}
	return error_set(err, ERR_USAGE, "no register named '%s' (try rax, rsp, rip, sp, pc, r8..r15)",
			 name);
}

int inspect_set_siginfo(const struct session *s, int set, int v,
			siginfo_t *si, struct error *err)
{
	char name[32];
	const struct variant *var = find_variant(s, set, v, false, err, name,
						 sizeof(name));

	if (!var)
		return -1;
	if (var->state != VS_SIGNAL || var->fault.si_signo != var->sig)
		return error_set(err, ERR_STATE,
				 "%s is not stopped by a signal ($_siginfo is the signal's, at a signal stop)",
				 name);
	*si = var->fault;
	return 0;
}

ssize_t inspect_read(const struct session *s, int v, unsigned long addr,
		     void *buf, size_t len, struct error *err)
{
	return inspect_set_read(s, s->cur, v, addr, buf, len, err);
}

ssize_t inspect_set_read(const struct session *s, int set, int v,
			 unsigned long addr, void *buf, size_t len,
			 struct error *err)
{
	char name[32];
	const struct variant *var = find_variant(s, set, v, false, err, name,
						 sizeof(name));
	ssize_t n;

	if (!var)
		return -1;
	n = mem_read(var->pid, addr, buf, len);
	if (n <= 0 && len > 0)
		return error_set(err, ERR_MEMORY,
				 "%s: cannot access memory at %#lx: %s",
				 name, addr, strerror(n < 0 ? errno : EFAULT));
	return n;
}

char *inspect_maps(const struct session *s, int v, struct error *err)
{
	return inspect_set_maps(s, s->cur, v, err);
}

char *inspect_set_maps(const struct session *s, int set, int v,
		       struct error *err)
{
	char path[64], name[32];
	const struct variant *var = find_variant(s, set, v, false, err, name,
						 sizeof(name));
	char *text;

	if (!var)
		return NULL;
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)var->pid);
	{
		FILE *f = fopen(path, "re");
		size_t len = 0;
		char chunk[4096];
		size_t got;

		if (!f) {
			error_set(err, ERR_SYSTEM, "%s: cannot read %s: %s",
				  name, path, strerror(errno));
			return NULL;
		}
		text = xstrdup("");
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			text = xrealloc(text, len + got + 1);
			memcpy(text + len, chunk, got);
			len += got;
			text[len] = '\0';
		}
		fclose(f);
	}
	return text;
}

bool inspect_mapping(pid_t pid, unsigned long addr, char *buf, size_t size)
{
	char path[64], line[PATH_MAX + 128];
	FILE *f;
	bool found = false;

	if (size)
		buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	while (f && !found && fgets(line, sizeof(line), f)) {
		unsigned long start, end, off;
		int name = 0;

		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %n", &start, &end,
			   &off, &name) < 3 || addr < start || addr >= end)
			continue;
		found = true;
		line[strcspn(line, "\n")] = '\0';
		if (name && line[name] == '/') {
			const char *base = strrchr(line + name, '/') + 1;

			snprintf(buf, size, "%s+%#lx", base, addr - start + off);
		} else if (name && line[name]) {
			snprintf(buf, size, "%s", line + name);
		} else {
			snprintf(buf, size, "an anonymous mapping");
		}
	}
	if (f)
		fclose(f);
	return found;
}

/* The call thread pid is in, from /proc (its tracer may read it): its
 * number and arguments, or -1 when it runs or stands outside a call. */
static long call_in(pid_t pid, unsigned long a[6])
{
	char path[64], line[256];
	long nr = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, "%ld %lx %lx %lx %lx %lx %lx", &nr, &a[0], &a[1],
		   &a[2], &a[3], &a[4], &a[5]) != 7)
		nr = -1;
	fclose(f);
	return nr;
}

/* Whether futex call args a waits with no time limit: for a lock (or a
 * condition) that only another thread or process can give up. */
static bool waits_for_good(const unsigned long a[6])
{
	int op = (int)(a[1] & FUTEX_CMD_MASK);

	return (op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET ||
		op == FUTEX_LOCK_PI || op == FUTEX_LOCK_PI2 ||
		op == FUTEX_WAIT_REQUEUE_PI) && !a[3];
}

/* Whether every live variant of set stands at a call: its rendezvous. */
static bool all_at_calls(const struct vset *set, int n)
{
	for (int i = 0; i < n; i++)
		if (set->v[i].state == VS_RUNNING || set->v[i].state == VS_NEW)
			return false;
	return true;
}

/* inspect_state, and with look, where a variant mvdb let run is: in a
 * call of its own, when it sleeps there. */
static size_t state_text(const struct session *s, const struct vset *set,
			 int i, bool look, char *buf, size_t size)
{
	const struct variant *v = &set->v[i];
	unsigned long a[6];
	long nr = -1;

	/* at a rendezvous some have not reached, or stopped on the way */
	if ((v->state == VS_SYSCALL && !all_at_calls(set, s->n)) ||
	    (v->state == VS_RUNNING && (v->paused || look)))
		nr = call_in(v->pid, a);
	if (nr < 0)
		return (size_t)snprintf(buf, size, "%s", format_state_words(v));
	/* the kernel resuming the call it cut short: that call */
	if (nr == SYS_restart_syscall && v->call.sc)
		nr = v->call.nr;
	if (v->state == VS_SYSCALL)
		return (size_t)snprintf(buf, size, "at %s, waiting",
					syscall_name(nr));
	return (size_t)snprintf(buf, size, "%s %s%s",
				v->paused ? "interrupted in" : "in",
				syscall_name(nr),
				nr == SYS_futex && waits_for_good(a) ?
				" (a lock)" : "");
}

size_t inspect_state(const struct session *s, const struct vset *set, int i,
		     char *buf, size_t size)
{
	return state_text(s, set, i, false, buf, size);
}

size_t inspect_state_now(const struct session *s, const struct vset *set,
			 int i, char *buf, size_t size)
{
	return state_text(s, set, i, true, buf, size);
}

bool inspect_apart(const struct session *s, const struct vset *set)
{
	bool waits = false, away = false;

	if (set->state != SET_RUNNING)
		return false;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (!variant_alive(v))
			continue;
		waits |= v->state == VS_SYSCALL;
		/* not in the set's own call (a leader's wait4, a
		 * stand-in's pause): in code or a call of its own */
		away |= v->state == VS_RUNNING && !v->to_exit && !v->standin;
	}
	return waits && away;
}
