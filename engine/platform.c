/* The platform: runs a call once, in the monitor, for every variant.
 *
 * Arguments are translated by kind: platform numbers become the monitor's
 * real descriptors, paths are resolved as the variant sees them, input
 * contents come from variant 0 (all variants agree, or this would not
 * run), output buffers live here and are copied into every variant.
 * Preparing and finishing run in the tracer; the monitor's call between
 * them runs in the tracer or on a worker (see platform.h).  The calls
 * with routines of their own are in platform_fds.c (descriptors),
 * platform_wait.c (poll and select) and platform_net.c (sockets).
 */
#include "platform_int.h"
#include "paths.h"
#include "args.h"
#include "mem.h"
#include "policy.h"
#include "session_int.h"
#include "sockdesc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <linux/capability.h>
#include <libiberty.h>
#include <unistd.h>

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

void plat_name_socket(const struct session *s, struct pfile *pf)
{
	char desc[PATH_MAX];

	if (pf && sockdesc_describe(s, pf->realfd, desc, sizeof(desc))) {
		free(pf->path);
		pf->path = xstrdup(desc);
	}
}

static const char *name_of(const struct call *c)
{
	return c->sc->name;
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

long plat_finish_generic(struct session *s, struct vset *set, struct pcall *pc)
{
	struct call *c = plat_lead(set);
	const struct syscall *sc = c->sc;
	long r = pc->job.ret;

	if (r < 0)
		return r;
	if (sc->ret == RET_FD && paths_fd_is_monitor((int)r)) {
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
	if (sc->ret == RET_FD) {
		r = plat_bind_new(set, (int)r, name_of(c),
				  O_RDWR | args_cloexec(c));
		plat_name_socket(s, pmap_get(set->fds, (int)r));
	} else if (c->nr == SYS_bind || c->nr == SYS_connect ||
		   c->nr == SYS_listen) {
		plat_name_socket(s, pmap_get(set->fds, (int)c->args[0]));
	}
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

bool platform_ready_at_once(struct pcall *pc)
{
	struct job *j = &pc->job;
	unsigned long timeout;
	int at;

	/* where the timeout is, in milliseconds (-1: none) */
	switch (j->nr) {
	case SYS_epoll_wait:
	case SYS_epoll_pwait:
		at = 3;
		break;
	case SYS_poll:
		at = 2;
		break;
	default:
		return false;
	}
	timeout = j->a[at];
	j->a[at] = 0;
	job_call(j);
	j->a[at] = timeout;
	/* with no timeout of its own, that was the call itself */
	return j->ret != 0 || timeout == 0;
}

/* sendfile's in_fd, splice's and copy_file_range's fd_in: the argument
 * of c that is a file the call reads from, and the one that says where
 * (a pointer; NULL: the file's own offset).  False for other calls. */
static bool local_input(const struct call *c, int *fd_at, int *off_at)
{
	switch (c->nr) {
	case SYS_sendfile:
		*fd_at = 1;
		*off_at = 2;
		return true;
	case SYS_splice:
	case SYS_copy_file_range:
		*fd_at = 0;
		*off_at = 1;
		return true;
	default:
		return false;
	}
}

/* The monitor's copy of variant i's descriptor fd (pidfd_getfd: the
 * same open file, its offset shared), or -1. */
static int take_copy(const struct vset *set, int i, int fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, set->v[i].pid, 0);
	int copy = -1;

	if (pidfd >= 0) {
		copy = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
		close(pidfd);
	}
	return copy;
}

/* take_copy when it is a regular file, the only kind a variant opens
 * itself that such a call reads; else -1. */
static int take_regular(const struct vset *set, int i, int fd)
{
	int copy = take_copy(set, i, fd);
	struct stat st;

	if (copy >= 0 && (fstat(copy, &st) != 0 || !S_ISREG(st.st_mode))) {
		close(copy);
		copy = -1;
	}
	return copy;
}

/* After such a call: variant 0's file moved with it; each other
 * variant's own moves as far, when the call used the file's offset. */
static long finish_local_input(struct session *s, struct vset *set,
			       struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	long r = plat_finish_generic(s, set, pc);
	int fd_at, off_at;

	if (r <= 0 || !local_input(c, &fd_at, &off_at) || c->args[off_at])
		return r;
	for (int i = 1; i < s->n; i++) {
		int copy;

		if (!variant_alive(&set->v[i]))
			continue;
		copy = take_regular(set, i, (int)set->v[i].call.args[fd_at]);
		if (copy >= 0) {
			lseek(copy, r, SEEK_CUR);
			close(copy);
		}
	}
	return r;
}

/* A file the program opened read-only (each variant's own, local) as
 * the input of sendfile, splice or copy_file_range into a platform fd
 * (nginx's sendfile of a file to its socket): the platform reads it
 * through variant 0's own open file, so its offset moves as natively,
 * and finish_local_input moves the others' as far.  True with *real
 * the monitor's copy (closed after the call). */
static bool take_local_input(struct vset *set, struct pcall *pc, int i,
			     unsigned long *real)
{
	const struct call *c = plat_lead(set);
	int fd_at, off_at, copy;

	if (!local_input(c, &fd_at, &off_at) || i != fd_at ||
	    pc->ntaken == PCALL_TAKEN_MAX)
		return false;
	copy = take_regular(set, 0, (int)c->args[i]);
	if (copy < 0)
		return false;
	pc->taken[pc->ntaken++] = copy;
	pc->finish = finish_local_input;
	*real = (unsigned long)copy;
	return true;
}

/* A local fd as what a platform call acts on (fchmod, fsetxattr,
 * utimensat(fd, NULL), fchownat(fd, "", AT_EMPTY_PATH), linkat of an
 * O_PATH fd): each variant's fd names the same file, changed once
 * through variant 0's own open file, so its access mode rules as
 * natively.  True with *real the monitor's copy (closed after the
 * call). */
static bool take_object(struct vset *set, struct pcall *pc, int fd,
			unsigned long *real)
{
	int copy;

	if (pc->ntaken == PCALL_TAKEN_MAX || (copy = take_copy(set, 0, fd)) < 0)
		return false;
	pc->taken[pc->ntaken++] = copy;
	*real = (unsigned long)copy;
	return true;
}

/* Whether variant 0's process has a file-size limit (*rl), and then
 * the regular file realfd's size (*st), as within_fsize needs them. */
static bool fsize_limited(const struct vset *set, int realfd,
			  struct rlimit *rl, struct stat *st)
{
	return prlimit(set->v[0].pid, RLIMIT_FSIZE, NULL, rl) == 0 &&
	       rl->rlim_cur != RLIM_INFINITY && fstat(realfd, st) == 0;
}

/* The call would take the file past the limit: EFBIG, and SIGXFSZ
 * for the caller. */
static bool past_fsize(struct pcall *pc, const struct rlimit *rl, long *ret)
{
	pc->raise = SIGXFSZ;
	*ret = -EFBIG;
	plat_note(pc, "past the program's file-size limit (%lu bytes): EFBIG and SIGXFSZ",
		  (unsigned long)rl->rlim_cur);
	return false;
}

/* A write to a regular file meets the program's file-size limit
 * (RLIMIT_FSIZE, `ulimit -f`), which the platform's own is not: as the
 * kernel does, it writes up to the limit, and at the limit fails with
 * EFBIG and the caller gets SIGXFSZ.  *count is the monitor's count of
 * bytes (a[2], or the one iovec's length), pos_at the argument that
 * says where (-1: the file's offset).  False with *ret when it fails. */
static bool within_fsize(struct vset *set, struct pcall *pc, int realfd,
			 unsigned long *count, long pos_at,
			 const unsigned long a[], long *ret)
{
	struct rlimit rl;
	struct stat st;
	long pos;
	int fl;

	if (!fsize_limited(set, realfd, &rl, &st))
		return true;
	fl = fcntl(realfd, F_GETFL);
	if (pos_at >= 0 && (long)a[pos_at] >= 0)
		pos = (long)a[pos_at];
	else if (fl != -1 && (fl & O_APPEND))
		pos = (long)st.st_size;
	else
		pos = (long)lseek(realfd, 0, SEEK_CUR);
	if (pos < 0 || !*count)
		return true;
	if ((rlim_t)pos >= rl.rlim_cur)
		return past_fsize(pc, &rl, ret);
	if (*count > rl.rlim_cur - (rlim_t)pos)
		*count = rl.rlim_cur - (rlim_t)pos;
	return true;
}

/* The writes within_fsize applies to, with where their count and
 * position are; ftruncate and fallocate, which fail at once when they
 * would take the file past the limit. */
static bool fsize_checked(struct vset *set, struct pcall *pc,
			  unsigned long a[], long *ret)
{
	const struct call *c = plat_lead(set);
	const struct pfile *pf = pmap_get(set->fds, (int)c->args[0]);

	/* the limit is read only for a regular file (not /dev/null) */
	if (!pf || !pf->regular)
		return true;
	switch (c->nr) {
	case SYS_write:
		return within_fsize(set, pc, pf->realfd, &a[2], -1, a, ret);
	case SYS_pwrite64:
		return within_fsize(set, pc, pf->realfd, &a[2], 3, a, ret);
	case SYS_writev:
		return within_fsize(set, pc, pf->realfd, &pc->iov[1].iov_len,
				    -1, a, ret);
	case SYS_pwritev:
	case SYS_pwritev2:
		return within_fsize(set, pc, pf->realfd, &pc->iov[1].iov_len,
				    3, a, ret);
	case SYS_ftruncate:
	case SYS_fallocate: {
		/* growing the file (to a length, or, for fallocate unless
		 * it keeps the size, to an offset and a length) past the
		 * limit */
		unsigned long end = c->nr == SYS_ftruncate ? a[1] : a[2] + a[3];
		struct rlimit rl;
		struct stat st;

		if ((c->nr == SYS_fallocate && (a[1] & FALLOC_FL_KEEP_SIZE)) ||
		    !fsize_limited(set, pf->realfd, &rl, &st) ||
		    (long)end < 0 || end <= rl.rlim_cur ||
		    end <= (unsigned long)st.st_size)
			return true;
		return past_fsize(pc, &rl, ret);
	}
	default:
		return true;
	}
}

/* A call that creates a file, directory, node or queue with a mode:
 * the program's file-creation mask applies, as when it makes it itself
 * (chmod's mode is exact, and open's has its own routine). */
static void apply_umask(const struct vset *set, struct pcall *pc,
			const struct call *c, unsigned long *a)
{
	int md = -1;

	switch (c->nr) {
	case SYS_mkdir: case SYS_mknod:
		md = 1;
		break;
	case SYS_mkdirat: case SYS_mknodat: case SYS_mq_open:
		md = 2;
		break;
	default:
		return;
	}
	if (c->nr == SYS_mq_open && !(c->args[1] & O_CREAT))
		return;
	a[md] &= ~(unsigned long)plat_variant_rights(set->v[0].pid,
						     &pc->job.creds);
}

/* vmsplice (a, translated) into a platform pipe, made as a write of
 * the same bytes: vmsplice would leave the pipe holding the monitor's
 * own pages, the copies it reuses for the next call's data, so the
 * reader would get what the monitor put there next (its memory, read by
 * the program).  A pipe's read end (vmsplice into the program's memory)
 * is refused as a write to it would be. */
static bool vmsplice_as_write(struct pcall *pc, const unsigned long a[])
{
	unsigned long w[SYSCALL_MAX_ARGS] = {
		a[0], a[1], a[2],
		(unsigned long)-1L,	/* the file's position: none */
		0,
		a[3] & SPLICE_F_NONBLOCK ? RWF_NOWAIT : 0,
	};

	return plat_call(pc, SYS_pwritev2, w);
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
	pc->finish = plat_finish_generic;
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
			if (!pf && take_local_input(set, pc, i, &a[i]))
				break;
			if (!pf && sc->hook == HOOK_samefile &&
			    take_object(set, pc, (int)c->args[i], &a[i]))
				break;
			if (!pf) {
				plat_note(pc, "%s between a local fd (%d) and a platform fd is not possible",
				     name_of(c), (int)c->args[i]);
				*ret = c->nr == SYS_copy_file_range ? -EXDEV
								   : -EINVAL;
				return false;
			}
			/* terminals only: a socket's calls skip the
			 * look at process groups */
			if (pf->chardev &&
			    !plat_tty_access(s, set, pf->realfd,
					     plat_tty_signal(sc), false, ret))
				return false;
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
				 i + 1 < sc->nargs &&
				 sc->args[i + 1].kind == ARG_PATH &&
				 (!c->args[i + 1] || !c->val[i + 1].len) &&
				 !take_object(set, pc, (int)c->args[i], &a[i])) {
				/* A local fd itself as the object (NULL or
				 * empty path), and no copy of it */
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
			paths_resolve(s, &set->v[0], d, (const char *)v->data,
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
	apply_umask(set, pc, c, a);
	if (!fsize_checked(set, pc, a, ret))
		return false;
	/* Calls on no descriptor that wait by nature (semop, msgrcv, ...):
	 * the class says so. */
	if (sc->classes & CL_IPC)
		pc->may_wait = true;
	/* what a Unix socket sends carries the program's credentials */
	sock = c->nr == SYS_write || c->nr == SYS_writev || c->nr == SYS_sendto ?
	       pmap_get(set->fds, (int)c->args[0]) : NULL;
	if (sock && sock->unix_socket)
		return plat_unix_send(s, set, pc, sock, a);
	if (c->nr == SYS_vmsplice)
		return vmsplice_as_write(pc, a);
	return plat_call(pc, c->nr, a);
}

/* The platform's way of running the calls with a hook (syscalls.def),
 * by hook; the rest go through prep_generic. */
typedef bool prep_fn(struct session *s, struct vset *set, struct pcall *pc,
		     long *ret);
static prep_fn *const preps[HOOK_COUNT] = {
	[HOOK_open] = plat_open,	[HOOK_close] = plat_close,
	[HOOK_dup] = plat_dup,		[HOOK_fcntl] = plat_fcntl,
	[HOOK_ioctl] = plat_ioctl,	[HOOK_pair] = plat_pair,
	[HOOK_msg] = plat_msg,		[HOOK_mmsg] = plat_mmsg,
	[HOOK_poll] = plat_poll,
	[HOOK_select] = plat_select,	[HOOK_epoll] = plat_epoll,
	[HOOK_sock] = plat_sock,	[HOOK_msgrcv] = plat_msgrcv,
	[HOOK_semctl] = plat_semctl,
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
	pc->raise = 0;
	*ret = -ENOSYS;
	return prep ? prep(s, set, pc, ret) : plat_generic(s, set, pc, ret);
}

long platform_finish(struct session *s, struct vset *set)
{
	struct pcall *pc = set->pc;
	long r = pc->finish ? pc->finish(s, set, pc) : pc->job.ret;

	/* copies of variants' descriptors a routine took and kept for
	 * no longer than the call, or took before it failed */
	for (int i = 0; i < pc->ntaken; i++)
		close(pc->taken[i]);
	pc->ntaken = 0;
	return r;
}

void pcall_free(struct pcall *pc)
{
	for (size_t i = 0; i < sizeof(pc->buf) / sizeof(pc->buf[0]); i++) {
		free(pc->buf[i].data);
		pc->buf[i] = (struct argval){ 0 };
	}
}
