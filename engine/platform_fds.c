/* The platform's descriptor calls: opens of files for writing, the
 * POSIX locks each process holds on its own open file description,
 * close, dup, fcntl, ioctl, and the pairs pipe and socketpair make. */
#include "platform_int.h"
#include "args.h"
#include "ioctls.h"
#include "mem.h"
#include "paths.h"
#include "policy.h"
#include "session_int.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static long finish_open(struct session *s, struct vset *set, struct pcall *pc)
{
	long fd = pc->job.ret;

	(void)s;
	if (fd < 0)
		return fd;
	if (paths_fd_is_monitor((int)fd)) {
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

bool plat_open(struct session *s, struct vset *set, struct pcall *pc, long *ret)
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
	paths_resolve(s, &set->v[0], dfd >= 0 ? (int)c->args[dfd] : AT_FDCWD,
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

bool plat_close(struct session *s, struct vset *set, struct pcall *pc, long *ret)
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

bool plat_dup(struct session *s, struct vset *set, struct pcall *pc, long *ret)
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

bool plat_fcntl(struct session *s, struct vset *set, struct pcall *pc, long *ret)
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
		if (!args_content(set->v[0].pid, c, 2, 0, fl, sizeof(*fl))) {
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
		if (!args_content(set->v[0].pid, c, 2, 0,
				  plat_buf(pc, 2, sizeof(struct flock)),
				  sizeof(struct flock))) {
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

static long finish_ioctl(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct ioctl_rule *rule = ioctl_rule(pc->job.a[1]);
	long r = pc->job.ret;

	if (r < 0 || !rule->out)
		return r;
	plat_keep_output(set, 2, pc->buf[2].data, rule->out);
	return plat_copy_out(s, set, 2, pc->buf[2].data, rule->out) ?: r;
}

/* Whether pgid (variant 0's ids) is a process group of the program. */
static bool program_group(const struct session *s, pid_t pgid)
{
	for (int k = 0; pgid > 0 && k < s->nsets; k++)
		if (s->sets[k]->state != SET_ENDED &&
		    getpgid(s->sets[k]->v[0].pid) == pgid)
			return true;
	return false;
}

/* tcgetpgrp and tcsetpgrp (TIOCGPGRP, TIOCSPGRP) on the terminal the
 * program shares with mvdb.  The terminal's own foreground stays
 * mvdb's process group, which reads the terminal for the program and
 * takes Ctrl-C and Ctrl-Z there; the program's foreground is kept
 * here, in its ids (a shell's job control: bash -i finds itself in the
 * foreground, gives the terminal to a job and takes it back), and
 * batch mode passes those keys on to that group.  Returns false with
 * *ret, or true when it is an ordinary ioctl. */
static bool tty_foreground(struct session *s, struct vset *set, int realfd,
			   unsigned long req, long *ret)
{
	struct session_private *p = priv(s);
	pid_t pgid[MAX_VARIANTS];

	if ((req != TIOCGPGRP && req != TIOCSPGRP) || p->fg[0] <= 0 ||
	    s->opened[1] >= 0 || !plat_shared_terminal(realfd))
		return true;
	if (req == TIOCGPGRP) {
		plat_keep_output(set, 2, &p->fg[0], sizeof(p->fg[0]));
		*ret = plat_copy_out(s, set, 2, &p->fg[0], sizeof(p->fg[0]));
		return false;
	}
	for (int i = 0; i < s->n; i++)
		if (mem_read(set->v[i].pid, set->v[i].call.args[2], &pgid[i],
			     sizeof(pgid[i])) != sizeof(pgid[i])) {
			*ret = -EFAULT;
			return false;
		}
	for (int i = 1; i < s->n; i++)
		if (pgid[i] != pgid[0]) {
			/* ids are variant 0's in every variant */
			*ret = -EINVAL;
			return false;
		}
	if (!program_group(s, pgid[0])) {
		*ret = -EPERM;
		return false;
	}
	for (int i = 0; i < s->n; i++)
		p->fg[i] = events_own_pid(s, i, pgid[0]);
	*ret = 0;
	return false;
}

/* Whether ioctl req changes a terminal's settings: from a background
 * process, natively, SIGTTOU stops it first. */
static bool tty_settings(unsigned long req)
{
	switch (req) {
	case TCSETS: case TCSETSW: case TCSETSF: case TCSETA: case TCSETAW:
	case TCSETAF: case TIOCSPGRP: case TCFLSH: case TCXONC:
	case TIOCSWINSZ:
		return true;
	default:
		return false;
	}
}

bool plat_ioctl(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	struct pfile *pf = pmap_get(set->fds, (int)c->args[0]);
	unsigned long req = (unsigned)c->args[1];
	const struct ioctl_rule *rule = ioctl_rule(req);
	unsigned long a[6] = { 0 };
	unsigned char *buf;

	if (!pf) {
		*ret = -EBADF;
		return false;
	}
	if (tty_settings(req) &&
	    !plat_tty_access(s, set, pf->realfd, SIGTTOU, true, ret))
		return false;
	if (!tty_foreground(s, set, pf->realfd, req, ret))
		return false;
	if (req == TIOCSCTTY && isatty(pf->realfd)) {
		/* A terminal the program opened (a pty's slave, after
		 * setsid: forkpty and login_tty) is the platform's, and no
		 * variant holds a descriptor of it to make its own.  The
		 * call is answered as if made, so that the program goes on
		 * with its terminal for input and output; it has no
		 * controlling terminal (no /dev/tty, no job control or
		 * signals from that terminal). */
		plat_note(pc, "TIOCSCTTY on platform fd %d (%s): answered 0, but the variants have no descriptor of it and get no controlling terminal",
			  (int)c->args[0], pf->path);
		*ret = 0;
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
	/* its input as read and compared (args.c), variant 0's */
	if (rule->in && (!c->val[2].read || c->val[2].len != rule->in)) {
		*ret = -EFAULT;
		return false;
	}
	if (rule->in)
		memcpy(buf, c->val[2].data, rule->in);
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
	if (sock) {
		for (int i = 0; i < 2; i++)
			plat_name_socket(s, pmap_get(set->fds, nums[i]));
		plat_pair_made(s, set, nums);
	}
	plat_keep_output(set, out, nums, sizeof(nums));
	return plat_copy_out(s, set, out, nums, sizeof(nums)) ?: 0;
}

bool plat_pair(struct session *s, struct vset *set, struct pcall *pc, long *ret)
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
