/* The platform: runs a call once, in the monitor, for every variant.
 *
 * Arguments are translated by kind: platform numbers become the monitor's
 * real descriptors, paths are resolved as the variant sees them, input
 * contents come from variant 0 (all variants agree, or this would not
 * run), output buffers live here and are copied into every variant.
 */
#include "platform.h"
#include "args.h"
#include "mem.h"
#include "policy.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

/* An ioctl request the platform can carry out: sizes of what it reads
 * and writes through its third argument. */
struct ioctl_rule {
	unsigned long req;	/* the request */
	unsigned short in;	/* bytes read from the variant */
	unsigned short out;	/* bytes written back */
	bool noarg;		/* the third argument is not a pointer */
};

/* The kernel's struct termios is 36 bytes on x86-64. */
static const struct ioctl_rule ioctl_rules[] = {
	{ TCGETS, 0, 36, false },     { TCSETS, 36, 0, false },
	{ TCSETSW, 36, 0, false },    { TCSETSF, 36, 0, false },
	{ TIOCGWINSZ, 0, 8, false },  { TIOCSWINSZ, 8, 0, false },
	{ FIONREAD, 0, 4, false },    { FIONBIO, 4, 0, false },
	{ TIOCGPGRP, 0, 4, false },   { FIOCLEX, 0, 0, true },
	{ FIONCLEX, 0, 0, true },     { TCFLSH, 0, 0, true },
	{ TCXONC, 0, 0, true },       { TCSBRK, 0, 0, true },
};

static struct call *lead(struct session *s)
{
	return &s->v[0].call;
}

static unsigned char *pbuf(struct session *s, int slot, size_t n)
{
	argval_reserve(&s->pbuf[slot], n ? n : 1);
	return s->pbuf[slot].data;
}

static void set_note(char *note, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_note(char *note, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(note, size, fmt, ap);
	va_end(ap);
}

/* Writes len bytes of out into argument i's buffer in every variant. */
static long copy_out(struct session *s, int i, const void *out, size_t len)
{
	for (int k = 0; k < s->n; k++) {
		struct variant *v = &s->v[k];

		if (!len || !v->call.args[i])
			continue;
		if (mem_write(v->pid, v->call.args[i], out, len) == -1)
			return -EFAULT;
	}
	return 0;
}

/* Scatters len bytes over the iovec array of argument i, per variant. */
static long scatter(struct session *s, int i, const unsigned char *out,
		    size_t len)
{
	for (int k = 0; k < s->n; k++) {
		struct variant *v = &s->v[k];
		unsigned long cnt = args_len(&v->call, i);
		size_t done = 0;

		for (unsigned long j = 0; j < cnt && done < len; j++) {
			struct iovec iov;
			size_t n;

			if (mem_read(v->pid, v->call.args[i] + j * sizeof(iov),
				     &iov, sizeof(iov)) != sizeof(iov))
				return -EFAULT;
			n = iov.iov_len < len - done ? iov.iov_len : len - done;
			if (mem_write(v->pid, (unsigned long)iov.iov_base,
				      out + done, n) == -1)
				return -EFAULT;
			done += n;
		}
	}
	return 0;
}

/* Keeps what the call wrote, for renderings of variant 0's call. */
static void keep_output(struct session *s, int i, const void *out, size_t len)
{
	struct argval *v = &lead(s)->val[i];
	size_t n = len < 256 ? len : 256;

	if (!out)
		return;
	argval_reserve(v, n);
	memcpy(v->data, out, n);
	v->len = n;
	v->cut = n < len;
	v->read = true;
	v->err = 0;
}

/* Binds a new real descriptor to the lowest free platform number. */
static long bind_new(struct session *s, int realfd, const char *path,
		     int flags)
{
	long num = pmap_free_number(s->pm);

	fcntl(realfd, F_SETFD, FD_CLOEXEC);
	pmap_bind(s->pm, num, pfile_new(realfd, path, flags, false));
	pmap_set_cloexec(s->pm, num, flags & O_CLOEXEC);
	return num;
}

static const char *name_of(const struct call *c)
{
	return c->sc->name;
}

static bool named(const struct call *c, const char *n)
{
	return strcmp(c->sc->name, n) == 0;
}

static long run_open(struct session *s, char *note, size_t notesize)
{
	struct call *c = lead(s);
	int p = -1, dfd = -1, fl = -1, md = -1;
	char real[PATH_MAX + 64], show[PATH_MAX + 64];
	int flags, fd;
	unsigned mode = 0;

	for (int i = 0; i < c->sc->nargs; i++) {
		switch (c->sc->args[i].kind) {
		case ARG_PATH: p = i; break;
		case ARG_DIRFD: dfd = i; break;
		case ARG_FLAGS: fl = i; break;
		case ARG_MODE: md = i; break;
		default: break;
		}
	}
	if (p < 0 || !c->val[p].read || c->val[p].err)
		return -EFAULT;
	if (named(c, "creat"))
		flags = O_WRONLY | O_CREAT | O_TRUNC;
	else if (named(c, "openat2")) {
		unsigned long how[3] = { 0 };
		int j = 2;

		if (c->val[j].len >= sizeof(how))
			memcpy(how, c->val[j].data, sizeof(how));
		flags = (int)how[0];
		mode = (unsigned)how[1];
	} else
		flags = fl >= 0 ? (int)c->args[fl] : O_RDONLY;
	if (md >= 0)
		mode = (unsigned)c->args[md];
	policy_resolve(s, &s->v[0], dfd >= 0 ? (int)c->args[dfd] : AT_FDCWD,
		       (const char *)c->val[p].data, real, sizeof(real), show,
		       sizeof(show));
	fd = open(real, flags | O_CLOEXEC, mode);
	if (fd == -1)
		return -errno;
	set_note(note, notesize, "opened by the platform: %s", show);
	return bind_new(s, fd, show, flags);
}

static long run_close(struct session *s, char *note, size_t notesize)
{
	(void)note;
	(void)notesize;
	pmap_unbind(s->pm, (int)lead(s)->args[0]);
	return 0;
}

static long run_dup(struct session *s, char *note, size_t notesize)
{
	struct call *c = lead(s);
	int old = (int)c->args[0];
	struct pfile *pf = pmap_get(s->pm, old);
	long num;

	(void)note;
	(void)notesize;
	if (!pf)
		return -EBADF;
	if (c->sc->nargs == 1) {
		num = pmap_free_number(s->pm);
	} else {
		num = (int)c->args[1];
		if (num == old)
			return named(c, "dup3") ? -EINVAL : num;
		pmap_unbind(s->pm, num);
	}
	pmap_bind(s->pm, num, pf);
	if (named(c, "dup3"))
		pmap_set_cloexec(s->pm, num, c->args[2] & O_CLOEXEC);
	return num;
}

static long run_fcntl(struct session *s, char *note, size_t notesize)
{
	struct call *c = lead(s);
	struct pfile *pf = pmap_get(s->pm, (int)c->args[0]);
	int cmd = (int)c->args[1];
	long r;

	if (!pf)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: {
		long num = pmap_free_number(s->pm);

		pmap_bind(s->pm, num, pf);
		pmap_set_cloexec(s->pm, num, cmd == F_DUPFD_CLOEXEC);
		return num;
	}
	case F_GETFD:
		return pmap_cloexec(s->pm, (int)c->args[0]) ? FD_CLOEXEC : 0;
	case F_SETFD:
		pmap_set_cloexec(s->pm, (int)c->args[0],
				 c->args[2] & FD_CLOEXEC);
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW: {
		struct flock fl;

		if (mem_read(s->v[0].pid, c->args[2], &fl, sizeof(fl)) !=
		    sizeof(fl))
			return -EFAULT;
		r = fcntl(pf->realfd, cmd, &fl);
		if (r == -1)
			return -errno;
		return copy_out(s, 2, &fl, sizeof(fl)) ?: r;
	}
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
		r = fcntl(pf->realfd, cmd, (long)c->args[2]);
		return r == -1 ? -errno : r;
	default:
		set_note(note, notesize,
			 "fcntl command %d on a platform fd is not supported",
			 cmd);
		return -EINVAL;
	}
}

static long run_ioctl(struct session *s, char *note, size_t notesize)
{
	struct call *c = lead(s);
	struct pfile *pf = pmap_get(s->pm, (int)c->args[0]);
	unsigned long req = (unsigned)c->args[1];
	const struct ioctl_rule *rule = NULL;
	unsigned char buf[64];
	long r;

	if (!pf)
		return -EBADF;
	for (size_t i = 0; i < sizeof(ioctl_rules) / sizeof(ioctl_rules[0]); i++)
		if (ioctl_rules[i].req == req)
			rule = &ioctl_rules[i];
	if (!rule) {
		set_note(note, notesize,
			 "ioctl %#lx on platform fd %d (%s) is not supported: ENOTTY",
			 req, (int)c->args[0], pf->path);
		return -ENOTTY;
	}
	if (rule->noarg) {
		r = ioctl(pf->realfd, req, (long)c->args[2]);
		return r == -1 ? -errno : r;
	}
	memset(buf, 0, sizeof(buf));
	if (rule->in && mem_read(s->v[0].pid, c->args[2], buf, rule->in) !=
				rule->in)
		return -EFAULT;
	r = ioctl(pf->realfd, req, buf);
	if (r == -1)
		return -errno;
	if (rule->out) {
		keep_output(s, 2, buf, rule->out);
		if (copy_out(s, 2, buf, rule->out))
			return -EFAULT;
	}
	return r;
}

/* pipe, pipe2, socketpair: two new descriptors, both the platform's. */
static long run_pair(struct session *s, char *note, size_t notesize)
{
	struct call *c = lead(s);
	int fds[2], nums[2];
	long r;
	int out = named(c, "socketpair") ? 3 : 0;
	bool cloexec = named(c, "socketpair") ? c->args[1] & SOCK_CLOEXEC :
		       named(c, "pipe2") ? c->args[1] & O_CLOEXEC : false;

	(void)note;
	(void)notesize;
	if (named(c, "socketpair"))
		r = socketpair((int)c->args[0], (int)c->args[1] | SOCK_CLOEXEC,
			       (int)c->args[2], fds);
	else
		r = pipe2(fds, (named(c, "pipe2") ? (int)c->args[1] : 0) |
				       O_CLOEXEC);
	if (r == -1)
		return -errno;
	nums[0] = (int)bind_new(s, fds[0], named(c, "socketpair") ?
				"socket" : "pipe:[read]",
				O_RDWR | (cloexec ? O_CLOEXEC : 0));
	nums[1] = (int)bind_new(s, fds[1], named(c, "socketpair") ?
				"socket" : "pipe:[write]",
				O_RDWR | (cloexec ? O_CLOEXEC : 0));
	keep_output(s, out, nums, sizeof(nums));
	return copy_out(s, out, nums, sizeof(nums));
}

/* The general case: translate by kind, call, copy outputs. */
static long run_generic(struct session *s, char *note, size_t notesize)
{
	struct call *c = lead(s);
	const struct syscall *sc = c->sc;
	unsigned long a[SYSCALL_MAX_ARGS];
	struct iovec iov[SYSCALL_MAX_ARGS];
	size_t outlen[SYSCALL_MAX_ARGS] = { 0 };
	long r;

	memcpy(a, c->args, sizeof(a));
	for (int i = 0; i < sc->nargs; i++) {
		const struct argspec *spec = &sc->args[i];
		struct argval *v = &c->val[i];
		unsigned long len = args_len(c, i);
		struct pfile *pf;

		switch (spec->kind) {
		case ARG_FD:
			pf = pmap_get(s->pm, (int)c->args[i]);
			if (!pf) {
				set_note(note, notesize,
					 "%s between a local fd (%d) and a platform fd is not possible",
					 name_of(c), (int)c->args[i]);
				return named(c, "copy_file_range") ? -EXDEV
								   : -EINVAL;
			}
			a[i] = (unsigned long)pf->realfd;
			break;
		case ARG_DIRFD:
			pf = pmap_get(s->pm, (int)c->args[i]);
			if (pf)
				a[i] = (unsigned long)pf->realfd;
			break;
		case ARG_PATH: {
			char *real = (char *)pbuf(s, i, PATH_MAX + 64);
			int d = i > 0 && sc->args[i - 1].kind == ARG_DIRFD
					? (int)c->args[i - 1] : AT_FDCWD;

			if (!c->args[i])
				break;
			if (v->err)
				return -v->err;
			if (v->len == 0 && d != AT_FDCWD) {
				a[i] = (unsigned long)v->data;
				break;
			}
			policy_resolve(s, &s->v[0], d, (const char *)v->data,
				       real, PATH_MAX + 64, NULL, 0);
			a[i] = (unsigned long)real;
			if (d != AT_FDCWD)
				a[i - 1] = (unsigned long)AT_FDCWD;
			break;
		}
		case ARG_STR:
		case ARG_INBUF:
		case ARG_INSTRUCT:
		case ARG_SOCKADDR:
			if (!c->args[i])
				break;
			if (v->err && !v->len)
				return -v->err;
			a[i] = (unsigned long)v->data;
			if (spec->kind == ARG_INBUF && v->cut)
				a[spec->len] = v->len;
			break;
		case ARG_IOSTRUCT:
			if (!c->args[i])
				break;
			outlen[i] = v->len;
			a[i] = (unsigned long)pbuf(s, i, v->len);
			memcpy((void *)a[i], v->data, v->len);
			break;
		case ARG_IOV_IN:
			iov[i] = (struct iovec){ v->data, v->len };
			a[i] = (unsigned long)&iov[i];
			a[spec->len] = 1;
			break;
		case ARG_OUTBUF:
			if (!c->args[i])
				break;
			outlen[i] = len < ARG_READ_MAX ? len : ARG_READ_MAX;
			a[i] = (unsigned long)pbuf(s, i, outlen[i]);
			if (spec->len != ARG_NOLEN)
				a[spec->len] = outlen[i];
			break;
		case ARG_OUTSTRUCT:
			if (!c->args[i])
				break;
			outlen[i] = struct_size(spec->aux) *
				    (spec->len == ARG_NOLEN ? 1 : len);
			a[i] = (unsigned long)pbuf(s, i, outlen[i]);
			break;
		case ARG_IOV_OUT: {
			size_t total = 0;

			for (unsigned long j = 0; j < len && j < IOV_MAX_READ; j++) {
				struct iovec one;

				if (mem_read(s->v[0].pid, c->args[i] + j * sizeof(one),
					     &one, sizeof(one)) != sizeof(one))
					return -EFAULT;
				total += one.iov_len;
			}
			if (total > ARG_READ_MAX)
				total = ARG_READ_MAX;
			outlen[i] = total;
			iov[i] = (struct iovec){ pbuf(s, i, total), total };
			a[i] = (unsigned long)&iov[i];
			a[spec->len] = 1;
			break;
		}
		case ARG_SOCKADDR_OUT: {
			unsigned *slen = (unsigned *)pbuf(s, SYSCALL_MAX_ARGS, 4);

			if (!c->args[i])
				break;
			*slen = 128;
			if (spec->len != ARG_NOLEN && c->args[spec->len])
				mem_read(s->v[0].pid, c->args[spec->len], slen, 4);
			if (*slen > 128)
				*slen = 128;
			outlen[i] = *slen;
			a[i] = (unsigned long)pbuf(s, i, 128);
			if (spec->len != ARG_NOLEN)
				a[spec->len] = (unsigned long)slen;
			break;
		}
		case ARG_PTR:
		case ARG_STRARRAY:
			if (!c->args[i])
				break;
			set_note(note, notesize,
				 "%s cannot run in the platform: argument %d is an address mvdb cannot translate",
				 name_of(c), i + 1);
			return -ENOSYS;
		default:
			break;
		}
	}
	r = syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (r == -1)
		return -errno;
	if (sc->ret == RET_FD)
		return bind_new(s, (int)r, name_of(c), O_RDWR);
	for (int i = 0; i < sc->nargs; i++) {
		const struct argspec *spec = &sc->args[i];
		size_t n = outlen[i];
		long e = 0;

		switch (spec->kind) {
		case ARG_OUTBUF:
			if (r >= 0 && (size_t)r < n)
				n = (size_t)r;
			keep_output(s, i, (void *)a[i], n);
			e = copy_out(s, i, (void *)a[i], n);
			break;
		case ARG_OUTSTRUCT:
		case ARG_IOSTRUCT:
			keep_output(s, i, (void *)a[i], n);
			e = copy_out(s, i, (void *)a[i], n);
			break;
		case ARG_IOV_OUT:
			if ((size_t)r < n)
				n = (size_t)r;
			e = scatter(s, i, iov[i].iov_base, n);
			break;
		case ARG_SOCKADDR_OUT:
			if (!c->args[i])
				break;
			e = copy_out(s, i, (void *)a[i], n);
			if (!e && spec->len != ARG_NOLEN)
				e = copy_out(s, spec->len, (void *)a[spec->len],
					     sizeof(unsigned));
			break;
		default:
			break;
		}
		if (e)
			return e;
	}
	return r;
}

/* Calls with a routine of their own; the rest go through run_generic. */
struct runner {
	const char *name;	/* the call, as in syscalls.def */
	long (*run)(struct session *s, char *note, size_t notesize);
};

static const struct runner runners[] = {
	{ "open", run_open },	     { "openat", run_open },
	{ "openat2", run_open },     { "creat", run_open },
	{ "close", run_close },    { "dup", run_dup },
	{ "dup2", run_dup },	     { "dup3", run_dup },
	{ "fcntl", run_fcntl },	     { "ioctl", run_ioctl },
	{ "pipe", run_pair },	     { "pipe2", run_pair },
	{ "socketpair", run_pair },
};

/* runners[] by call number, built on first use. */
static const struct runner *runner_by_nr[SYSCALL_NR_LIMIT];
static bool runners_indexed;

long platform_run(struct session *s, char *note, size_t notesize)
{
	long nr = lead(s)->nr;

	if (!runners_indexed) {
		for (size_t i = 0; i < sizeof(runners) / sizeof(runners[0]); i++) {
			long n = syscall_lookup(runners[i].name);

			if (n >= 0)
				runner_by_nr[n] = &runners[i];
		}
		runners_indexed = true;
	}
	if (nr >= 0 && nr < SYSCALL_NR_LIMIT && runner_by_nr[nr])
		return runner_by_nr[nr]->run(s, note, notesize);
	return run_generic(s, note, notesize);
}
