/* The platform: runs a call once, in the monitor, for every variant.
 *
 * Arguments are translated by kind: platform numbers become the monitor's
 * real descriptors, paths are resolved as the variant sees them, input
 * contents come from variant 0 (all variants agree, or this would not
 * run), output buffers live here and are copied into every variant.
 * Preparing and finishing run in the tracer; the monitor's call between
 * them runs in the tracer or on a worker (see platform.h).
 */
#include "platform_int.h"
#include "args.h"
#include "mem.h"
#include "policy.h"
#include "session_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/sockios.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <poll.h>
#include <linux/capability.h>
#include <libiberty.h>
#include <termios.h>
#include <unistd.h>

/* An ioctl request the platform can carry out: sizes of what it reads
 * and writes through its third argument. */
struct ioctl_rule {
	unsigned long req;	/* the request */
	unsigned short in;	/* bytes read from the variant */
	unsigned short out;	/* bytes written back */
	bool noarg;		/* the third argument is not a pointer */
	bool waits;		/* it waits for output to drain */
};

/* The kernel's struct termios is 36 bytes on x86-64. */
static const struct ioctl_rule ioctl_rules[] = {
	{ TCGETS, 0, 36, false, false },    { TCSETS, 36, 0, false, false },
	{ TCSETSW, 36, 0, false, true },    { TCSETSF, 36, 0, false, true },
	{ TIOCGWINSZ, 0, 8, false, false }, { TIOCSWINSZ, 8, 0, false, false },
	{ FIONREAD, 0, 4, false, false },   { FIONBIO, 4, 0, false, false },
	{ TIOCGPGRP, 0, 4, false, false },  { FIOCLEX, 0, 0, true, false },
	{ FIONCLEX, 0, 0, true, false },    { TCFLSH, 0, 0, true, false },
	{ TCXONC, 0, 0, true, false },      { TCSBRK, 0, 0, true, true },
	{ TIOCOUTQ, 0, 4, false, false },
	/* O_ASYNC, as nginx sets it on each worker's channel: harmless
	 * here, the real descriptor has no owner to signal (F_SETOWN) */
	{ FIOASYNC, 4, 0, false, false },
	/* a network interface's, by name or index: a struct ifreq (40
	 * bytes) in and out, as if_nametoindex and if_indextoname ask */
	{ SIOCGIFINDEX, 40, 40, false, false }, { SIOCGIFNAME, 40, 40, false, false },
	{ SIOCGIFFLAGS, 40, 40, false, false }, { SIOCGIFMTU, 40, 40, false, false },
	{ SIOCGIFADDR, 40, 40, false, false },  { SIOCGIFNETMASK, 40, 40, false, false },
	{ SIOCGIFBRDADDR, 40, 40, false, false }, { SIOCGIFHWADDR, 40, 40, false, false },
	{ TIOCGPTN, 0, 4, false, false },   { TIOCSPTLCK, 4, 0, false, false },
};

struct call *plat_lead(struct vset *set)
{
	return &set->v[0].call;
}

unsigned char *plat_buf(struct pcall *pc, int slot, size_t n)
{
	argval_reserve(&pc->buf[slot], n ? n : 1);
	return pc->buf[slot].data;
}

void plat_note(struct pcall *pc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pc->note, sizeof(pc->note), fmt, ap);
	va_end(ap);
}

/* The monitor's call: nr with arguments a. */
bool plat_call(struct pcall *pc, long nr, const unsigned long *a)
{
	pc->job.nr = nr;
	memcpy(pc->job.a, a, sizeof(pc->job.a));
	return true;
}

/* Writes len bytes of out at addr in every variant, as the program's
 * own store would: a page it may not write gets EFAULT, never a forced
 * write through its protections. */
static long store_all(struct session *s, struct vset *set, const unsigned long *addr,
		      const void *out, size_t len)
{
	for (int k = 0; k < s->n; k++) {
		if (!len || !addr[k])
			continue;
		if (mem_store(set->v[k].pid, addr[k], out, len) == -1)
			return -EFAULT;
	}
	return 0;
}

/* Writes len bytes of out into argument i's buffer in every variant. */
long plat_copy_out(struct session *s, struct vset *set, int i, const void *out, size_t len)
{
	unsigned long addr[MAX_VARIANTS];

	for (int k = 0; k < s->n; k++)
		addr[k] = set->v[k].call.args[i];
	return store_all(s, set, addr, out, len);
}

/* Scatters len bytes over the iovec array (iov, cnt) of variant pid. */
long plat_scatter_one(pid_t pid, unsigned long iov, unsigned long cnt,
			const unsigned char *out, size_t len)
{
	size_t done = 0;

	for (unsigned long j = 0; j < cnt && done < len; j++) {
		struct iovec one;
		size_t n;

		if (mem_read(pid, iov + j * sizeof(one), &one, sizeof(one)) !=
		    sizeof(one))
			return -EFAULT;
		n = one.iov_len < len - done ? one.iov_len : len - done;
		if (mem_store(pid, (unsigned long)one.iov_base, out + done,
			      n) == -1)
			return -EFAULT;
		done += n;
	}
	return 0;
}

/* Scatters len bytes over the iovec array of argument i, per variant. */
static long scatter(struct session *s, struct vset *set, int i, const unsigned char *out,
		    size_t len)
{
	for (int k = 0; k < s->n; k++) {
		struct variant *v = &set->v[k];
		long e = plat_scatter_one(v->pid, v->call.args[i],
				     args_len(&v->call, i), out, len);

		if (e)
			return e;
	}
	return 0;
}

/* Keeps what the call wrote, for renderings of variant 0's call. */
void plat_keep_output(struct vset *set, int i, const void *out, size_t len)
{
	struct argval *v = &plat_lead(set)->val[i];
	size_t n = len < 256 ? len : 256;

	if (!out)
		return;
	argval_reserve(v, n);
	if (n)	/* nothing read (end of file): the buffer may be NULL */
		memcpy(v->data, out, n);
	v->len = n;
	v->cut = n < len;
	v->read = true;
	v->err = 0;
}

/* Binds a new real descriptor to the lowest free platform number. */
long plat_bind_new(struct vset *set, int realfd, const char *path,
		     int flags)
{
	fcntl(realfd, F_SETFD, FD_CLOEXEC);
	return pmap_did_open(set->fds, pfile_new(realfd, path, flags, false),
			     flags);
}

static const char *name_of(const struct call *c)
{
	return c->sc->name;
}

bool platform_is_monitor_proc(int fd)
{
	struct statfs fs;
	char link[64], target[PATH_MAX];
	ssize_t n;
	int pid;

	if (fstatfs(fd, &fs) == -1 || fs.f_type != PROC_SUPER_MAGIC)
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return true;	/* a /proc file mvdb cannot name: refuse */
	target[n] = '\0';
	return sscanf(target, "/proc/%d", &pid) == 1 && policy_is_monitor(pid);
}

/* The file-creation mask of the variant's process, and (in *c, set
 * when they differ from the monitor's) the file-system ids and groups
 * it acts with, from /proc: a program that dropped privileges opens
 * files with its own rights, not the monitor's. */
mode_t plat_variant_rights(pid_t pid, struct jobcreds *c)
{
	char path[64], line[1024];
	unsigned mask = 022;
	unsigned long id[4];
	unsigned long long eff;
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct mycaps[2];
	gid_t mine[JOB_GROUPS_MAX];
	int nmine;
	bool groups = false;
	FILE *f;

	c->set = false;
	syscall(SYS_capget, &h, mycaps);
	c->caps[0] = mycaps[0].effective;
	c->caps[1] = mycaps[1].effective;
	c->fsuid = (uid_t)syscall(SYS_setfsuid, -1);
	c->fsgid = (gid_t)syscall(SYS_setfsgid, -1);
	nmine = (int)syscall(SYS_getgroups, JOB_GROUPS_MAX, mine);
	c->ngroups = nmine;
	if (nmine > 0)
		memcpy(c->groups, mine, (size_t)nmine * sizeof(gid_t));
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Umask: %o", &mask) == 1)
			continue;
		if (sscanf(line, "CapEff: %llx", &eff) == 1) {
			c->caps[0] = (unsigned)eff;
			c->caps[1] = (unsigned)(eff >> 32);
		} else if (sscanf(line, "Uid: %lu %lu %lu %lu", &id[0], &id[1], &id[2],
			   &id[3]) == 4)
			c->fsuid = (uid_t)id[3];
		else if (sscanf(line, "Gid: %lu %lu %lu %lu", &id[0], &id[1],
				&id[2], &id[3]) == 4)
			c->fsgid = (gid_t)id[3];
		else if (strncmp(line, "Groups:", 7) == 0) {
			char *at = line + 7, *end;

			groups = true;
			c->ngroups = 0;
			for (unsigned long g = strtoul(at, &end, 10);
			     end != at && c->ngroups < JOB_GROUPS_MAX;
			     at = end, g = strtoul(at, &end, 10))
				c->groups[c->ngroups++] = (gid_t)g;
		}
	}
	if (f)
		fclose(f);
	c->set = nmine < 0 || c->caps[0] != mycaps[0].effective ||
		 c->caps[1] != mycaps[1].effective ||
		 c->fsuid != (uid_t)syscall(SYS_setfsuid, -1) ||
		 c->fsgid != (gid_t)syscall(SYS_setfsgid, -1) ||
		 (groups && (c->ngroups != nmine ||
			     memcmp(c->groups, mine,
				    (size_t)(nmine > 0 ? nmine : 0) *
					    sizeof(gid_t))));
	return (mode_t)mask;
}

static long finish_open(struct session *s, struct vset *set, struct pcall *pc)
{
	long fd = pc->job.ret;

	(void)s;
	if (fd < 0)
		return fd;
	if (platform_is_monitor_proc((int)fd)) {
		close((int)fd);
		plat_note(pc, "%s names the monitor's own /proc entry: EACCES",
		     (const char *)pc->buf[PBUF_SHOW].data);
		return -EACCES;
	}
	plat_note(pc, "opened by the platform: %s",
	     (const char *)pc->buf[PBUF_SHOW].data);
	return plat_bind_new(set, (int)fd, (const char *)pc->buf[PBUF_SHOW].data,
			pc->flags);
}

static bool prep_open(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	int p = -1, dfd = -1, fl = -1, md = -1;
	char *real = (char *)plat_buf(pc, PBUF_REAL, PATH_MAX + 64);
	char *show = (char *)plat_buf(pc, PBUF_SHOW, PATH_MAX + 64);
	unsigned long a[6] = { 0 };
	struct stat st;
	unsigned mode = 0;
	mode_t mask;

	for (int i = 0; i < c->sc->nargs; i++) {
		switch (c->sc->args[i].kind) {
		case ARG_PATH: p = i; break;
		case ARG_DIRFD: dfd = i; break;
		case ARG_FLAGS: fl = i; break;
		case ARG_MODE: md = i; break;
		default: break;
		}
	}
	if (p < 0 || !c->val[p].read || c->val[p].err) {
		*ret = -EFAULT;
		return false;
	}
	if (c->nr == SYS_creat)
		pc->flags = O_WRONLY | O_CREAT | O_TRUNC;
	else if (c->nr == SYS_openat2) {
		unsigned long how[3] = { 0 };

		if (c->val[2].len >= sizeof(how))
			memcpy(how, c->val[2].data, sizeof(how));
		pc->flags = (int)how[0];
		mode = (unsigned)how[1];
	} else
		pc->flags = fl >= 0 ? (int)c->args[fl] : O_RDONLY;
	if (md >= 0)
		mode = (unsigned)c->args[md];
	policy_resolve(s, &set->v[0], dfd >= 0 ? (int)c->args[dfd] : AT_FDCWD,
		       (const char *)c->val[p].data, real, PATH_MAX + 64, show,
		       PATH_MAX + 64);
	/* Created with the program's mask, opened with its rights: not the
	 * monitor's. */
	mask = plat_variant_rights(set->v[0].pid, &pc->job.creds);
	if (pc->flags & O_CREAT)
		mode &= ~mask;
	/* Opening a FIFO or a device may wait (for a peer, a carrier). */
	pc->may_wait = stat(real, &st) == 0 && !S_ISREG(st.st_mode) &&
		       !S_ISDIR(st.st_mode);
	pc->finish = finish_open;
	a[0] = (unsigned long)AT_FDCWD;
	a[1] = (unsigned long)real;
	/* A terminal never becomes the monitor's controlling terminal (a
	 * monitor that leads a session would otherwise take the program's
	 * pseudo-terminal, and its hangup) */
	a[2] = (unsigned long)(pc->flags | O_CLOEXEC | O_NOCTTY);
	a[3] = mode;
	return plat_call(pc, SYS_openat, a);
}

/* POSIX record locks belong to a process: two processes of the program
 * contend, a child does not get its parent's, and closing any number of
 * the file lets go of them.  The platform's descriptor is shared by
 * every process that holds the number, so each process set takes its
 * locks through a description of its own (the file reopened), as open
 * file description locks (F_OFD_*), which behave so. */
static struct vset *process_of(struct session *s, const struct vset *set)
{
	return set_get(s, set->group);
}

static int own_description(struct session *s, struct vset *set, const struct pfile *pf)
{
	struct vset *proc = process_of(s, set);
	char path[64];
	struct stat st;
	int fd;

	if (fstat(pf->realfd, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	/* one per file: a process never contends with itself */
	for (int i = 0; i < proc->nlocks; i++)
		if (proc->locks[i].dev == st.st_dev &&
		    proc->locks[i].ino == st.st_ino)
			return proc->locks[i].fd;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", pf->realfd);
	fd = open(path, (pf->flags & O_ACCMODE) | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	proc->locks = XRESIZEVEC(struct plock, proc->locks, proc->nlocks + 1);
	proc->locks[proc->nlocks++] =
		(struct plock){ st.st_dev, st.st_ino, fd };
	return fd;
}

/* Closing any number of the file: the process's locks on it go. */
void platform_drop_locks_of(struct session *s, struct vset *set,
			    const struct stat *st)
{
	struct vset *proc = process_of(s, set);

	for (int i = 0; i < proc->nlocks; i++)
		if (proc->locks[i].dev == st->st_dev &&
		    proc->locks[i].ino == st->st_ino) {
			close(proc->locks[i].fd);
			proc->locks[i--] = proc->locks[--proc->nlocks];
		}
}

static void drop_lock(struct session *s, struct vset *set, const struct pfile *pf)
{
	struct stat st;

	if (process_of(s, set)->nlocks && fstat(pf->realfd, &st) == 0)
		platform_drop_locks_of(s, set, &st);
}

void platform_drop_locks(struct vset *set)
{
	for (int i = 0; i < set->nlocks; i++)
		close(set->locks[i].fd);
	free(set->locks);
	set->locks = NULL;
	set->nlocks = 0;
}

/* F_GETLK: the holder of a conflicting lock, as a pid of the program's
 * (variant 0's), found among the other processes' descriptions: the one
 * that sees no conflict holds it. */
static pid_t lock_holder(struct session *s, struct vset *set, const struct pfile *pf,
			 const struct flock *asked)
{
	const struct vset *me = process_of(s, set);
	struct stat st;

	if (!pf || fstat(pf->realfd, &st) != 0)
		return -1;
	for (int k = 0; k < s->nsets; k++) {
		const struct vset *q = s->sets[k];

		if (q == me || q->thread)
			continue;
		for (int i = 0; i < q->nlocks; i++) {
			struct flock t = *asked;

			if (q->locks[i].dev != st.st_dev ||
			    q->locks[i].ino != st.st_ino)
				continue;
			t.l_pid = 0;
			if (fcntl(q->locks[i].fd, F_OFD_GETLK, &t) == 0 &&
			    t.l_type == F_UNLCK)
				return q->v[0].pid;
		}
	}
	return -1;
}

static long finish_posix_lock(struct session *s, struct vset *set, struct pcall *pc)
{
	struct flock *fl = (struct flock *)pc->buf[2].data;
	const struct flock *asked = (const struct flock *)pc->buf[PBUF_EXTRA].data;
	long r = pc->job.ret;

	if (r < 0 || pc->flags != F_GETLK)
		return r;
	if (fl->l_type != F_UNLCK)
		fl->l_pid = lock_holder(s, set, pmap_get(set->fds, (int)plat_lead(set)->args[0]),
					asked);
	plat_keep_output(set, 2, fl, sizeof(*fl));
	return plat_copy_out(s, set, 2, fl, sizeof(*fl)) ?: r;
}

static bool prep_close(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	const struct pfile *pf = pmap_get(set->fds, (int)plat_lead(set)->args[0]);

	(void)pc;
	if (pf)
		drop_lock(s, set, pf);
	fdtable_did_close(set->fds, NULL, 0, (int)plat_lead(set)->args[0],
			  (int)plat_lead(set)->args[0]);
	*ret = 0;
	return false;
}

/* The number a dup or F_DUPFD (from min up) of a platform fd takes:
 * the lowest free one, which the policy found below the offset (the
 * variants then hold it too), else the lowest free slot from min. */
static long new_number(struct vset *set, long min)
{
	long num = set->dec.hold_low;

	if (num >= 0)
		return num;
	num = pmap_free_number(set->fds);
	while (num < min || pmap_get(set->fds, num))
		num = num < min ? min : num + 1;
	return num;
}

static bool prep_dup(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	int old = (int)c->args[0];
	struct pfile *pf = pmap_get(set->fds, old);
	long num;

	(void)s;
	(void)pc;
	if (!pf) {
		*ret = -EBADF;
		return false;
	}
	if (c->sc->nargs == 1) {
		num = new_number(set, 0);
	} else {
		num = (int)c->args[1];
		if (num == old) {
			*ret = c->nr == SYS_dup3 ? -EINVAL : num;
			return false;
		}
	}
	pmap_did_dup(set->fds, pf, num,
		     c->nr == SYS_dup3 && (c->args[2] & O_CLOEXEC));
	*ret = num;
	return false;
}

static long finish_lock(struct session *s, struct vset *set, struct pcall *pc)
{
	long r = pc->job.ret;

	if (r < 0)
		return r;
	plat_keep_output(set, 2, pc->buf[2].data, sizeof(struct flock));
	return plat_copy_out(s, set, 2, pc->buf[2].data, sizeof(struct flock)) ?: r;
}

/* F_SETOWN_EX and F_GETOWN_EX (glibc's F_GETOWN) on the owner the
 * platform keeps for pf: a thread is kept as its process. */
static long owner_ex(struct session *s, struct vset *set, struct pfile *pf,
		     bool set_it)
{
	struct call *c = plat_lead(set);
	struct f_owner_ex ex;

	if (!set_it) {
		ex.type = pf->owner < 0 ? F_OWNER_PGRP : F_OWNER_PID;
		ex.pid = pf->owner < 0 ? -pf->owner : pf->owner;
		plat_keep_output(set, 2, &ex, sizeof(ex));
		return plat_copy_out(s, set, 2, &ex, sizeof(ex));
	}
	if (mem_read(set->v[0].pid, c->args[2], &ex, sizeof(ex)) != sizeof(ex))
		return -EFAULT;
	if (ex.type != F_OWNER_TID && ex.type != F_OWNER_PID &&
	    ex.type != F_OWNER_PGRP)
		return -EINVAL;
	pf->owner = ex.type == F_OWNER_PGRP ? -ex.pid : ex.pid;
	return 0;
}

static bool prep_fcntl(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	struct pfile *pf = pmap_get(set->fds, (int)c->args[0]);
	int cmd = (int)c->args[1];
	unsigned long a[6] = { 0 };

	if (!pf) {
		*ret = -EBADF;
		return false;
	}
	a[0] = (unsigned long)pf->realfd;
	a[1] = (unsigned long)cmd;
	pc->may_wait = pf->waits;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: {
		long num = new_number(set, (long)(int)c->args[2]);

		pmap_did_dup(set->fds, pf, num, cmd == F_DUPFD_CLOEXEC);
		*ret = num;
		return false;
	}
	case F_SETOWN:
		pf->owner = (int)c->args[2];
		*ret = 0;
		return false;
	case F_GETOWN:
		*ret = pf->owner;
		return false;
	case F_SETOWN_EX:
	case F_GETOWN_EX:
		*ret = owner_ex(s, set, pf, cmd == F_SETOWN_EX);
		return false;
	case F_GETFD:
		*ret = pmap_cloexec(set->fds, (int)c->args[0]) ? FD_CLOEXEC : 0;
		return false;
	case F_SETFD:
		pmap_set_cloexec(set->fds, (int)c->args[0],
				 c->args[2] & FD_CLOEXEC);
		*ret = 0;
		return false;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW: {
		struct flock *fl = (struct flock *)plat_buf(pc, 2, sizeof(*fl));
		int own = own_description(s, set, pf);

		if (own < 0)
			goto shared;	/* not a regular file */
		if (mem_read(set->v[0].pid, c->args[2], fl, sizeof(*fl)) !=
		    sizeof(*fl)) {
			*ret = -EFAULT;
			return false;
		}
		if (fl->l_whence == SEEK_CUR) {
			/* the program's offset, not the own description's */
			fl->l_start += lseek(pf->realfd, 0, SEEK_CUR);
			fl->l_whence = SEEK_SET;
		}
		fl->l_pid = 0;
		memcpy(plat_buf(pc, PBUF_EXTRA, sizeof(*fl)), fl, sizeof(*fl));
		a[0] = (unsigned long)own;
		a[1] = cmd == F_GETLK ? F_OFD_GETLK :
		       cmd == F_SETLK ? F_OFD_SETLK : F_OFD_SETLKW;
		a[2] = (unsigned long)fl;
		pc->flags = cmd;
		pc->may_wait = cmd == F_SETLKW;
		pc->finish = finish_posix_lock;
		return plat_call(pc, SYS_fcntl, a);
	}
	shared:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		if (mem_read(set->v[0].pid, c->args[2], plat_buf(pc, 2, sizeof(struct flock)),
			     sizeof(struct flock)) != sizeof(struct flock)) {
			*ret = -EFAULT;
			return false;
		}
		a[2] = (unsigned long)pc->buf[2].data;
		pc->may_wait |= cmd == F_SETLKW || cmd == F_OFD_SETLKW;
		pc->finish = finish_lock;
		return plat_call(pc, SYS_fcntl, a);
	case F_GETFL:
	case F_SETFL:
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
	case F_GETLEASE:
	case F_SETLEASE:
	case F_NOTIFY:
	case F_GETSIG:
	case F_SETSIG:
	case F_ADD_SEALS:
	case F_GET_SEALS:
		a[2] = c->args[2];
		pc->may_wait = false;
		return plat_call(pc, SYS_fcntl, a);
	default:
		plat_note(pc, "fcntl command %d on a platform fd is not supported", cmd);
		*ret = -EINVAL;
		return false;
	}
}

static const struct ioctl_rule *ioctl_rule(unsigned long req)
{
	for (size_t i = 0; i < sizeof(ioctl_rules) / sizeof(ioctl_rules[0]); i++)
		if (ioctl_rules[i].req == req)
			return &ioctl_rules[i];
	return NULL;
}

static long finish_ioctl(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct ioctl_rule *rule = ioctl_rule(pc->job.a[1]);
	long r = pc->job.ret;

	if (r < 0 || !rule->out)
		return r;
	plat_keep_output(set, 2, pc->buf[2].data, rule->out);
	return plat_copy_out(s, set, 2, pc->buf[2].data, rule->out) ?: r;
}

static bool prep_ioctl(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	struct pfile *pf = pmap_get(set->fds, (int)c->args[0]);
	unsigned long req = (unsigned)c->args[1];
	const struct ioctl_rule *rule = ioctl_rule(req);
	unsigned long a[6] = { 0 };
	unsigned char *buf;

	(void)s;
	if (!pf) {
		*ret = -EBADF;
		return false;
	}
	if (!rule) {
		plat_note(pc, "ioctl %#lx on platform fd %d (%s) is not supported: ENOTTY",
		     req, (int)c->args[0], pf->path);
		*ret = -ENOTTY;
		return false;
	}
	a[0] = (unsigned long)pf->realfd;
	a[1] = req;
	pc->may_wait = rule->waits && pf->waits;
	pc->finish = finish_ioctl;
	if (rule->noarg) {
		a[2] = c->args[2];
		return plat_call(pc, SYS_ioctl, a);
	}
	buf = plat_buf(pc, 2, 64);
	memset(buf, 0, 64);
	if (rule->in && mem_read(set->v[0].pid, c->args[2], buf, rule->in) !=
				rule->in) {
		*ret = -EFAULT;
		return false;
	}
	a[2] = (unsigned long)buf;
	return plat_call(pc, SYS_ioctl, a);
}

/* pipe, pipe2, socketpair: two new descriptors, both the platform's. */
static long finish_pair(struct session *s, struct vset *set, struct pcall *pc)
{
	struct call *c = plat_lead(set);
	int *fds = (int *)pc->buf[PBUF_EXTRA].data;
	int nums[2];
	bool sock = c->nr == SYS_socketpair;
	int out = sock ? 3 : 0;
	int fl = O_RDWR | (pc->flags & O_CLOEXEC);

	if (pc->job.ret < 0)
		return pc->job.ret;
	nums[0] = (int)plat_bind_new(set, fds[0], sock ? "socket" : "pipe:[read]", fl);
	nums[1] = (int)plat_bind_new(set, fds[1], sock ? "socket" : "pipe:[write]", fl);
	plat_keep_output(set, out, nums, sizeof(nums));
	return plat_copy_out(s, set, out, nums, sizeof(nums)) ?: 0;
}

static bool prep_pair(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	unsigned long a[6] = { 0 };
	unsigned long fds = (unsigned long)plat_buf(pc, PBUF_EXTRA, 2 * sizeof(int));

	(void)s;
	(void)ret;
	pc->finish = finish_pair;
	if (c->nr == SYS_socketpair) {
		pc->flags = c->args[1] & SOCK_CLOEXEC ? O_CLOEXEC : 0;
		a[0] = c->args[0];
		a[1] = (unsigned long)((int)c->args[1] | SOCK_CLOEXEC);
		a[2] = c->args[2];
		a[3] = fds;
		return plat_call(pc, SYS_socketpair, a);
	}
	pc->flags = c->nr == SYS_pipe2 ? (int)c->args[1] : 0;
	a[0] = fds;
	a[1] = (unsigned long)(pc->flags | O_CLOEXEC);
	return plat_call(pc, SYS_pipe2, a);
}

/* How many bytes of output argument i the monitor's call filled: its
 * result, or what the socklen_t its length points to says now (the
 * monitor's copy of it). */
static size_t filled(const struct pcall *pc, const struct call *c, int i,
		     long r)
{
	unsigned len = c->sc->args[i].len, n;

	if (!args_len_by_pointer(c, i))
		return (size_t)r;
	if (!pc->job.a[len] || pc->outlen[len] < sizeof(n))
		return 0;
	memcpy(&n, (const void *)pc->job.a[len], sizeof(n));
	return n;
}

/* An address the call gave back, in the program's terms (unix_unview):
 * the monitor's copy of its socklen_t follows, for its own copy-out. */
static void own_name(const struct session *s, struct pcall *pc,
		     const struct call *c, int i, long r)
{
	unsigned len = c->sc->args[i].len, n32;
	size_t n = filled(pc, c, i, r);

	if (!args_len_by_pointer(c, i) || n > SOCKADDR_MAX)
		return;
	plat_unix_unview(s, (void *)pc->job.a[i], &n);
	n32 = (unsigned)n;
	memcpy((void *)pc->job.a[len], &n32, sizeof(n32));
}

/* The general case's outputs: copied into every variant. */
static long finish_generic(struct session *s, struct vset *set, struct pcall *pc)
{
	struct call *c = plat_lead(set);
	const struct syscall *sc = c->sc;
	long r = pc->job.ret;

	if (r < 0)
		return r;
	if (sc->ret == RET_FD && platform_is_monitor_proc((int)r)) {
		close((int)r);
		return -EACCES;
	}
	for (int i = 0; i < sc->nargs; i++) {
		const struct argspec *spec = &sc->args[i];
		void *out = (void *)pc->job.a[i];
		size_t n = pc->outlen[i];
		long e = 0;

		switch ((enum argout)argkind_get(spec->kind)->out) {
		case OUT_RESULT:
			if ((size_t)filled(pc, c, i, r) < n)
				n = (size_t)filled(pc, c, i, r);
			plat_keep_output(set, i, out, n);
			e = plat_copy_out(s, set, i, out, n);
			break;
		case OUT_STRUCT:
			if (!c->args[i])
				break;
			plat_keep_output(set, i, out, n);
			e = plat_copy_out(s, set, i, out, n);
			break;
		case OUT_IOV:
			if ((size_t)r < n)
				n = (size_t)r;
			e = scatter(s, set, i, pc->iov[i].iov_base, n);
			break;
		case OUT_SOCKADDR:
			/* as much of the address as fits; its length
			 * argument is copied back on its own */
			if (!c->args[i])
				break;
			own_name(s, pc, c, i, r);
			if ((size_t)filled(pc, c, i, r) < n)
				n = (size_t)filled(pc, c, i, r);
			e = plat_copy_out(s, set, i, out, n);
			break;
		case OUT_NONE:
			break;
		}
		if (e) {
			if (sc->ret == RET_FD)
				close((int)r);
			return e;
		}
	}
	if (sc->ret == RET_FD)
		return plat_bind_new(set, (int)r, name_of(c), O_RDWR | args_cloexec(c));
	return r;
}

/* An address given back through a socklen_t is taken whole, whatever
 * room the program gave: a name unix_unview shortens must not have been
 * cut at the length of the monitor's longer form of it.  What fits the
 * program's room (outlen) is copied out. */
static void full_names(const struct call *c, struct pcall *pc,
		       unsigned long *a)
{
	static const unsigned room = SOCKADDR_MAX;

	for (int i = 0; i < c->sc->nargs; i++) {
		unsigned len = c->sc->args[i].len;

		if (argkind_get(c->sc->args[i].kind)->pass == PASS_SOCKADDR_OUT &&
		    c->args[i] && args_len_by_pointer(c, i) && a[len] &&
		    pc->outlen[len] >= sizeof(room))
			memcpy((void *)a[len], &room, sizeof(room));
	}
}

/* Whether c on pf cannot wait: a call that waits only where its
 * descriptor blocks, on a descriptor set O_NONBLOCK (as servers keep
 * theirs).  It then runs in the tracer, sparing a worker's two
 * wake-ups: an echo round trip under -n 2 went from 5,200/s to
 * 8,500/s.  The program is stopped, and only the tracer changes a
 * platform descriptor's flags, so they hold until the call. */
static bool answers_at_once(const struct call *c, const struct pfile *pf)
{
	int fl;

	if (!(c->sc->classes & CL_NONBLOCK))
		return false;
	fl = fcntl(pf->realfd, F_GETFL);
	return fl != -1 && (fl & O_NONBLOCK);
}

/* The general case: translate by kind, one monitor call, outputs
 * copied by finish_generic. */
bool plat_generic(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	const struct syscall *sc = c->sc;
	unsigned long a[SYSCALL_MAX_ARGS];
	const struct pfile *sock;

	memcpy(a, c->args, sizeof(a));
	pc->finish = finish_generic;
	for (int i = 0; i < sc->nargs; i++) {
		const struct argspec *spec = &sc->args[i];
		const struct argkind_info *kind = argkind_get(spec->kind);
		struct argval *v = &c->val[i];
		unsigned long len = args_len(c, i);
		struct pfile *pf;

		pc->outlen[i] = 0;
		switch ((enum argpass)kind->pass) {
		case PASS_FD:
			pf = pmap_get(set->fds, (int)c->args[i]);
			if (!pf) {
				plat_note(pc, "%s between a local fd (%d) and a platform fd is not possible",
				     name_of(c), (int)c->args[i]);
				*ret = c->nr == SYS_copy_file_range ? -EXDEV
								   : -EINVAL;
				return false;
			}
			a[i] = (unsigned long)pf->realfd;
			pc->may_wait |= pf->waits && !answers_at_once(c, pf);
			if (pf->borrowed && s->watch.output &&
			    (pf->realfd == s->cfg.stdio[1] ||
			     pf->realfd == s->cfg.stdio[2]))
				s->watch.output(s->watch.ctx);
			break;
		case PASS_DIRFD:
			pf = pmap_get(set->fds, (int)c->args[i]);
			if (pf)
				a[i] = (unsigned long)pf->realfd;
			else if ((int)c->args[i] != AT_FDCWD &&
				 (i + 1 >= sc->nargs ||
				  sc->args[i + 1].kind != ARG_PATH ||
				  !c->args[i + 1] || !c->val[i + 1].len)) {
				/* A local fd itself as the object (NULL or
				 * empty path): the monitor holds no such
				 * descriptor. */
				plat_note(pc, "%s on local fd %d cannot run in the platform",
				     name_of(c), (int)c->args[i]);
				*ret = -EBADF;
				return false;
			}
			break;
		case PASS_PATH: {
			char *real = (char *)plat_buf(pc, i, PATH_MAX + 64);
			int d = i > 0 && sc->args[i - 1].kind == ARG_DIRFD
					? (int)c->args[i - 1] : AT_FDCWD;

			if (!c->args[i])
				break;
			if (v->err) {
				*ret = -v->err;
				return false;
			}
			if (v->len == 0 && d != AT_FDCWD) {
				a[i] = (unsigned long)"";
				break;
			}
			policy_resolve(s, &set->v[0], d, (const char *)v->data,
				       real, PATH_MAX + 64, NULL, 0);
			a[i] = (unsigned long)real;
			if (d != AT_FDCWD)
				a[i - 1] = (unsigned long)AT_FDCWD;
			break;
		}
		case PASS_CONTENT:
		case PASS_INOUT:
			if (c->args[i] && kind->read == RD_STRUCT &&
			    struct_follows(spec->aux)) {
				/* Its addresses are the variant's: the
				 * monitor never follows them. */
				plat_note(pc, "%s cannot run in the platform: its struct %s holds addresses",
				     name_of(c), struct_name(spec->aux));
				*ret = -ENOSYS;
				return false;
			}
			if (!c->args[i])
				break;
			if (v->err && !v->len) {
				*ret = -v->err;
				return false;
			}
			if (kind->pass == PASS_INOUT) {
				pc->outlen[i] = v->len;
				a[i] = (unsigned long)plat_buf(pc, i, v->len);
				memcpy((void *)a[i], v->data, v->len);
				break;
			}
			a[i] = (unsigned long)v->data;
			/* more bytes than mvdb reads: the call gets those */
			if (kind->read == RD_BYTES && v->cut &&
			    spec->len != ARG_NOLEN)
				a[spec->len] = v->len;
			break;
		case PASS_SOCKADDR:
			if (!c->args[i])
				break;
			if (v->err && !v->len) {
				*ret = -v->err;
				return false;
			}
			a[i] = (unsigned long)v->data;
			if (spec->len != ARG_NOLEN) {
				size_t n = len < v->len ? len : v->len;

				a[i] = (unsigned long)plat_unix_view(set, pc, PBUF_EXTRA,
								v->data, &n);
				a[spec->len] = n;
			}
			break;
		case PASS_IOV_IN:
			pc->iov[i] = (struct iovec){ v->data, v->len };
			a[i] = (unsigned long)&pc->iov[i];
			a[spec->len] = 1;
			break;
		case PASS_OUTBUF:
			if (!c->args[i])
				break;
			pc->outlen[i] = len < ARG_READ_MAX ? len : ARG_READ_MAX;
			/* A buffer the program may not write fails before
			 * anything is consumed, as the kernel's copy would. */
			for (int k = 0; k < s->n; k++)
				if (mem_probe_store(set->v[k].pid,
						    set->v[k].call.args[i],
						    pc->outlen[i]) == -1) {
					*ret = -EFAULT;
					return false;
				}
			a[i] = (unsigned long)plat_buf(pc, i, pc->outlen[i]);
			/* a pointer length is passed as the monitor's copy
			 * (its own argument's case) */
			if (spec->len != ARG_NOLEN && !args_len_by_pointer(c, i))
				a[spec->len] = pc->outlen[i];
			break;
		case PASS_OUTSTRUCT:
			if (!c->args[i])
				break;
			pc->outlen[i] = struct_size(spec->aux) *
					(spec->len == ARG_NOLEN ? 1 : len);
			if (pc->outlen[i] > ARG_READ_MAX)
				pc->outlen[i] = ARG_READ_MAX;
			a[i] = (unsigned long)plat_buf(pc, i, pc->outlen[i]);
			break;
		case PASS_IOV_OUT: {
			size_t total = 0;

			for (unsigned long j = 0; j < len && j < IOV_MAX_READ; j++) {
				struct iovec one;

				if (mem_read(set->v[0].pid, c->args[i] + j * sizeof(one),
					     &one, sizeof(one)) != sizeof(one)) {
					*ret = -EFAULT;
					return false;
				}
				total += one.iov_len;
			}
			if (total > ARG_READ_MAX)
				total = ARG_READ_MAX;
			pc->outlen[i] = total;
			pc->iov[i] = (struct iovec){ plat_buf(pc, i, total), total };
			a[i] = (unsigned long)&pc->iov[i];
			a[spec->len] = 1;
			break;
		}
		case PASS_SOCKADDR_OUT:
			/* the address into a buffer of the monitor's; the
			 * socklen_t it is measured by is its own argument,
			 * passed as the monitor's copy (PASS_INOUT) */
			if (!c->args[i])
				break;
			pc->outlen[i] = len < SOCKADDR_MAX ? len : SOCKADDR_MAX;
			a[i] = (unsigned long)plat_buf(pc, i, SOCKADDR_MAX);
			break;
		case PASS_NEVER:
			if (!c->args[i])
				break;
			plat_note(pc, "%s cannot run in the platform: argument $arg%d is an address mvdb cannot translate",
			     name_of(c), i);
			*ret = -ENOSYS;
			return false;
		case PASS_VALUE:
			break;
		}
	}
	full_names(c, pc, a);
	/* Calls on no descriptor that wait by nature (semop, msgrcv, ...):
	 * the class says so. */
	if (sc->classes & CL_IPC)
		pc->may_wait = true;
	/* what a Unix socket sends carries the program's credentials */
	sock = c->nr == SYS_write || c->nr == SYS_sendto ?
	       pmap_get(set->fds, (int)c->args[0]) : NULL;
	if (sock && sock->unix_socket)
		return plat_unix_send(s, set, pc, sock, a);
	return plat_call(pc, c->nr, a);
}

/* poll, ppoll, select, pselect6 naming a platform fd (the policy sends
 * them here): the platform waits on the real descriptors, and on copies
 * of variant 0's own ones (files mostly, always ready); what is ready is
 * written into every variant's array or sets in the program's numbers.
 * The signal mask of ppoll and pselect6 is not the monitor's to take:
 * signals reach a variant when its call is done (mvdb holds them). */

/* The monitor's descriptor for the program's fd, or -1 when variant 0
 * has none. */
static int wait_fd(struct vset *set, struct pcall *pc, int *pidfd, int fd)
{
	const struct pfile *pf = pmap_get(set->fds, fd);
	int *copies, got;

	if (fd < 0)
		return -1;
	if (pf)
		return pf->realfd;
	if (*pidfd < 0)
		*pidfd = (int)syscall(SYS_pidfd_open, set->v[0].pid, 0);
	got = *pidfd < 0 ? -1 : (int)syscall(SYS_pidfd_getfd, *pidfd, fd, 0);
	if (got < 0)
		return -1;
	copies = (int *)pc->buf[PBUF_REAL].data;
	copies[pc->ncopies++] = got;
	return got;
}

static void close_copies(struct pcall *pc)
{
	const int *copies = (const int *)pc->buf[PBUF_REAL].data;

	for (int i = 0; i < pc->ncopies; i++)
		close(copies[i]);
	pc->ncopies = 0;
}

/* A timeout argument (timespec or timeval, 16 bytes) into slot i of
 * the monitor's buffers; false on a bad address.  *waits: the call may
 * wait (no timeout, or one above zero). */
static bool wait_timeout(struct vset *set, struct pcall *pc, int i,
			 unsigned long *a, bool *waits)
{
	const struct call *c = plat_lead(set);
	long *t;

	if (!c->args[i]) {
		*waits = true;
		return true;
	}
	t = (long *)plat_buf(pc, i, 16);
	if (mem_read(set->v[0].pid, c->args[i], t, 16) != 16)
		return false;
	*waits = t[0] || t[1];
	a[i] = (unsigned long)t;
	pc->outlen[i] = 16;
	return true;
}

static long finish_poll(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	struct pollfd *mine = (struct pollfd *)pc->buf[PBUF_EXTRA].data;
	struct pollfd *prog = (struct pollfd *)pc->buf[PBUF_SHOW].data;
	size_t n = c->args[1];
	long r = pc->job.ret, e = 0;

	close_copies(pc);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++)
		prog[i].revents = mine[i].fd == -1 && prog[i].fd >= 0 ?
				  POLLNVAL : mine[i].revents;
	plat_keep_output(set, 0, prog, n * sizeof(*prog));
	e = plat_copy_out(s, set, 0, prog, n * sizeof(*prog));
	if (!e && pc->outlen[2])
		e = plat_copy_out(s, set, 2, pc->buf[2].data, 16);
	return e ?: r + pc->nbad;
}

static bool prep_poll(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	const struct call *c = plat_lead(set);
	size_t n = c->args[1];
	struct pollfd *mine, *prog;
	unsigned long a[6] = { 0 };
	bool ppoll = c->nr == SYS_ppoll, waits;
	int pidfd = -1;

	(void)s;
	pc->finish = finish_poll;
	pc->ncopies = pc->nbad = 0;
	pc->outlen[2] = 0;
	if (n > POLL_FDS_MAX) {
		*ret = -EINVAL;
		return false;
	}
	prog = (struct pollfd *)plat_buf(pc, PBUF_SHOW, n * sizeof(*prog));
	mine = (struct pollfd *)plat_buf(pc, PBUF_EXTRA, n * sizeof(*mine));
	plat_buf(pc, PBUF_REAL, n * sizeof(int));
	if (n && mem_read(set->v[0].pid, c->args[0], prog, n * sizeof(*prog)) !=
		     (ssize_t)(n * sizeof(*prog))) {
		*ret = -EFAULT;
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		mine[i] = prog[i];
		mine[i].revents = 0;
		mine[i].fd = wait_fd(set, pc, &pidfd, prog[i].fd);
		pc->nbad += prog[i].fd >= 0 && mine[i].fd == -1;
	}
	if (pidfd >= 0)
		close(pidfd);
	a[0] = (unsigned long)mine;
	a[1] = n;
	if (ppoll) {
		if (!wait_timeout(set, pc, 2, a, &waits)) {
			close_copies(pc);
			*ret = -EFAULT;
			return false;
		}
		a[4] = 8;
	} else {
		a[2] = c->args[2];
		waits = (int)c->args[2] != 0;
	}
	if (pc->nbad) {
		/* POLLNVAL makes the call return at once */
		static const long zero[2];

		if (ppoll)
			a[2] = (unsigned long)zero;
		else
			a[2] = 0;
		waits = false;
	}
	pc->may_wait = waits;
	return plat_call(pc, ppoll ? SYS_ppoll : SYS_poll, a);
}

/* Bytes of an fd_set of n descriptors, as the kernel copies it. */
static size_t fdset_bytes(size_t n)
{
	return (n + 63) / 64 * 8;
}

static bool bit_of(const unsigned char *set, size_t fd)
{
	return set[fd / 8] >> (fd % 8) & 1;
}

static long finish_select(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	size_t nfds = c->args[0], pbytes = fdset_bytes(nfds);
	const int *map = (const int *)pc->buf[PBUF_SHOW].data;
	unsigned char *mine = pc->buf[PBUF_EXTRA].data;
	size_t mbytes = pc->setbytes;
	long r = pc->job.ret, count = 0, e = 0;

	close_copies(pc);
	if (r < 0)
		return r;
	for (int k = 0; k < 3; k++) {
		unsigned char *bits = plat_buf(pc, 1 + k, pbytes);

		if (!c->args[1 + k])
			continue;
		memset(bits, 0, pbytes);
		for (size_t fd = 0; fd < nfds; fd++)
			if (map[fd] >= 0 && bit_of(mine + k * mbytes, map[fd]) &&
			    bit_of(pc->buf[PBUF_LEN].data + k * pbytes, fd)) {
				bits[fd / 8] |= 1u << (fd % 8);
				count++;
			}
		e = e ?: plat_copy_out(s, set, 1 + k, bits, pbytes);
	}
	if (!e && pc->outlen[4])
		e = plat_copy_out(s, set, 4, pc->buf[4].data, 16);
	return e ?: count;
}

static bool prep_select(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	const struct call *c = plat_lead(set);
	size_t nfds = c->args[0], pbytes, mbytes, top = 0;
	unsigned char *asked, *mine;
	unsigned long a[6] = { 0 };
	int *map, pidfd = -1;
	bool waits;

	(void)s;
	pc->finish = finish_select;
	pc->ncopies = 0;
	pc->outlen[4] = 0;
	if ((int)c->args[0] < 0 || nfds > POLL_FDS_MAX) {
		*ret = -EINVAL;
		return false;
	}
	pbytes = fdset_bytes(nfds);
	/* the program's three sets, then its fds' monitor numbers */
	asked = plat_buf(pc, PBUF_LEN, 3 * pbytes);
	memset(asked, 0, 3 * pbytes);
	map = (int *)plat_buf(pc, PBUF_SHOW, (nfds + 1) * sizeof(int));
	plat_buf(pc, PBUF_REAL, (nfds + 1) * sizeof(int));
	for (int k = 0; k < 3; k++)
		if (c->args[1 + k] &&
		    mem_read(set->v[0].pid, c->args[1 + k], asked + k * pbytes,
			     pbytes) != (ssize_t)pbytes) {
			*ret = -EFAULT;
			return false;
		}
	for (size_t fd = 0; fd < nfds; fd++) {
		map[fd] = -1;
		if (!bit_of(asked, fd) && !bit_of(asked + pbytes, fd) &&
		    !bit_of(asked + 2 * pbytes, fd))
			continue;
		map[fd] = wait_fd(set, pc, &pidfd, (int)fd);
		if (map[fd] < 0) {
			*ret = -EBADF;
			break;
		}
		if ((size_t)map[fd] + 1 > top)
			top = (size_t)map[fd] + 1;
	}
	if (pidfd >= 0)
		close(pidfd);
	if (*ret == -EBADF) {
		close_copies(pc);
		return false;
	}
	mbytes = fdset_bytes(top);
	pc->setbytes = mbytes;
	mine = plat_buf(pc, PBUF_EXTRA, 3 * mbytes + 1);
	memset(mine, 0, 3 * mbytes + 1);
	for (int k = 0; k < 3; k++)
		for (size_t fd = 0; fd < nfds; fd++)
			if (map[fd] >= 0 && bit_of(asked + k * pbytes, fd))
				mine[k * mbytes + map[fd] / 8] |=
					1u << (map[fd] % 8);
	a[0] = top;
	for (int k = 0; k < 3; k++)
		a[1 + k] = c->args[1 + k] ? (unsigned long)(mine + k * mbytes) : 0;
	if (!wait_timeout(set, pc, 4, a, &waits)) {
		close_copies(pc);
		*ret = -EFAULT;
		return false;
	}
	pc->may_wait = waits;
	return plat_call(pc, c->nr == SYS_pselect6 ? SYS_pselect6 : SYS_select, a);
}

/* The platform's way of running the calls with a hook (syscalls.def),
 * by hook; the rest go through prep_generic. */
typedef bool prep_fn(struct session *s, struct vset *set, struct pcall *pc,
		     long *ret);
static prep_fn *const preps[HOOK_COUNT] = {
	[HOOK_open] = prep_open,	[HOOK_close] = prep_close,
	[HOOK_dup] = prep_dup,		[HOOK_fcntl] = prep_fcntl,
	[HOOK_ioctl] = prep_ioctl,	[HOOK_pair] = prep_pair,
	[HOOK_msg] = plat_msg,		[HOOK_mmsg] = plat_mmsg,
	[HOOK_poll] = prep_poll,
	[HOOK_select] = prep_select,	[HOOK_epoll] = plat_epoll,
};

bool platform_has_routine(long nr)
{
	const struct syscall *sc = syscall_get(nr);

	return sc && preps[sc->hook];
}

bool platform_prepare(struct session *s, struct vset *set, long *ret)
{
	struct pcall *pc = set->pc;
	prep_fn *prep = preps[plat_lead(set)->sc->hook];

	pc->may_wait = false;
	/* once the program changed its rights, every platform call acts
	 * with them (fchmod, fchown, mkdirat on a platform fd, ...): read
	 * again after each call that changes them, not at every call */
	if (!s->rights_changed) {
		pc->job.creds.set = false;
	} else if (!pc->rights_known || pc->rights_gen != s->rights_gen) {
		plat_variant_rights(set->v[0].pid, &pc->job.creds);
		pc->rights_known = true;
		pc->rights_gen = s->rights_gen;
	}
	pc->finish = NULL;
	pc->note[0] = '\0';
	pc->flags = 0;
	*ret = -ENOSYS;
	return prep ? prep(s, set, pc, ret) : plat_generic(s, set, pc, ret);
}

long platform_finish(struct session *s, struct vset *set)
{
	struct pcall *pc = set->pc;

	return pc->finish ? pc->finish(s, set, pc) : pc->job.ret;
}

void pcall_free(struct pcall *pc)
{
	for (size_t i = 0; i < sizeof(pc->buf) / sizeof(pc->buf[0]); i++) {
		free(pc->buf[i].data);
		pc->buf[i] = (struct argval){ 0 };
	}
}
