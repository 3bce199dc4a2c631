/* Argument contents: what compare, the platform and renderings look at. */
#include "args.h"
#include "ioctls.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

void argval_reserve(struct argval *v, size_t n)
{
	if (n <= v->cap)
		return;
	if (n < 256)
		n = 256;
	v->data = xrealloc(v->data, n);
	v->cap = n;
}

int args_cloexec(const struct call *c)
{
	for (int i = c->sc ? c->sc->nargs - 1 : -1; i >= 0; i--)
		if (c->sc->args[i].kind == ARG_FLAGS)
			return (int)(c->args[i] & O_CLOEXEC);
	return 0;
}

bool args_len_by_pointer(const struct call *c, int i)
{
	unsigned len = c->sc->args[i].len;

	return len < SYSCALL_MAX_ARGS &&
	       c->sc->args[len].kind == ARG_IOSTRUCT &&
	       c->sc->args[len].aux == ST_SOCKLEN;
}

unsigned long args_len(const struct call *c, int i)
{
	unsigned len = c->sc->args[i].len;
	unsigned n;

	if (len == ARG_NOLEN || len >= SYSCALL_MAX_ARGS)
		return 0;
	if (c->sc->args[i].kind == ARG_MSGBUF)
		return c->args[len] + sizeof(long);
	if (!args_len_by_pointer(c, i))
		return c->args[len];
	/* the socklen_t it points to, as read before the call */
	if (!c->args[len] || !c->val[len].read || c->val[len].len < sizeof(n))
		return 0;
	memcpy(&n, c->val[len].data, sizeof(n));
	return n;
}

static void read_bytes(pid_t pid, unsigned long addr, size_t n,
		       struct argval *v)
{
	ssize_t got;

	v->cut = n > ARG_READ_MAX;
	if (v->cut)
		n = ARG_READ_MAX;
	argval_reserve(v, n);
	got = mem_read(pid, addr, v->data, n);
	if (got < 0) {
		v->err = errno;
		return;
	}
	if ((size_t)got < n)
		v->err = EFAULT;
	v->len = (size_t)got;
}

static void read_string(pid_t pid, unsigned long addr, struct argval *v)
{
	ssize_t got;

	argval_reserve(v, PATH_MAX);
	got = mem_read_string(pid, addr, (char *)v->data, PATH_MAX);
	if (got < 0) {
		v->err = errno;
		return;
	}
	v->len = (size_t)got;
	v->cut = got == PATH_MAX;
}

/* Gathers the buffers of an iovec array into one run of bytes. */
static void read_iov(pid_t pid, unsigned long addr, unsigned long cnt,
		     struct argval *v)
{
	struct iovec iov[IOV_MAX_READ];
	size_t total = v->len;	/* appended after what v holds */
	ssize_t got;

	if (cnt > IOV_MAX_READ) {
		cnt = IOV_MAX_READ;
		v->cut = true;
	}
	got = mem_read(pid, addr, iov, cnt * sizeof(iov[0]));
	if (got != (ssize_t)(cnt * sizeof(iov[0]))) {
		v->err = got < 0 ? errno : EFAULT;
		return;
	}
	for (unsigned long i = 0; i < cnt; i++) {
		size_t n = iov[i].iov_len;

		if (total + n > ARG_READ_MAX) {
			n = ARG_READ_MAX - total;
			v->cut = true;
		}
		argval_reserve(v, total + n);
		got = mem_read(pid, (unsigned long)iov[i].iov_base,
			       v->data + total, n);
		if (got != (ssize_t)n) {
			v->err = got < 0 ? errno : EFAULT;
			if (got > 0)
				total += (size_t)got;
			break;
		}
		total += n;
		if (v->cut)
			break;
	}
	v->len = total;
}

void args_msghdr_parts(const struct argval *v, bool input, struct msgparts *p)
{
	struct msghdr m;
	size_t at = sizeof(m);

	memset(p, 0, sizeof(*p));
	if (v->len < sizeof(m))
		return;
	memcpy(&m, v->data, sizeof(m));
	p->iov = (unsigned long)m.msg_iov;
	p->iovlen = m.msg_iovlen;
	p->flags = m.msg_flags;
	p->namelen = m.msg_name ? (m.msg_namelen < MSG_NAME_MAX ?
				   m.msg_namelen : MSG_NAME_MAX) : 0;
	p->controllen = m.msg_control ? (m.msg_controllen < MSG_CONTROL_MAX ?
					 m.msg_controllen : MSG_CONTROL_MAX) : 0;
	p->name_at = (unsigned long)m.msg_name;
	p->control_at = (unsigned long)m.msg_control;
	if (!input)
		return;
	p->name = v->data + at;
	at += p->namelen;
	p->control = v->data + at;
	at += p->controllen;
	p->data = v->data + at;
	p->datalen = v->len > at ? v->len - at : 0;
}

/* A msghdr: the struct, and for sendmsg what it points to (name,
 * control data, the iovecs' data), so variants compare by content and
 * the platform never follows a variant's pointer. */
static void read_msghdr(pid_t pid, unsigned long addr, struct argval *v,
			bool input)
{
	struct msgparts p;
	size_t at;

	read_bytes(pid, addr, sizeof(struct msghdr), v);
	if (v->err || !input)
		return;
	args_msghdr_parts(v, false, &p);
	at = v->len;
	argval_reserve(v, at + p.namelen + p.controllen);
	if ((p.namelen && mem_read(pid, p.name_at, v->data + at, p.namelen) !=
				  (ssize_t)p.namelen) ||
	    (p.controllen && mem_read(pid, p.control_at, v->data + at + p.namelen,
				      p.controllen) != (ssize_t)p.controllen)) {
		v->err = EFAULT;
		return;
	}
	v->len = at + p.namelen + p.controllen;
	if (p.iovlen)
		read_iov(pid, p.iov, p.iovlen, v);
}

/* Entries are kept 8-byte aligned: their names are read as structs. */
static size_t mmsg_align(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* An mmsghdr array: each entry as read_msghdr reads a msghdr, after
 * its length (a size_t), at most MMSG_MAX entries and, past the first,
 * ARG_READ_MAX bytes in all: the call is then carried out for the
 * entries read, as the kernel may do for fewer than asked. */
static void read_mmsghdrs(pid_t pid, unsigned long addr, unsigned long n,
			  struct argval *v, bool input)
{
	struct argval one = { 0 };
	size_t total = 0;

	if (n > MMSG_MAX)
		n = MMSG_MAX;
	for (unsigned long k = 0; k < n; k++) {
		one.len = 0;
		one.err = 0;
		one.cut = false;
		read_msghdr(pid, addr + k * sizeof(struct mmsghdr), &one, input);
		if (one.err && !k)
			v->err = one.err;
		if (one.err || (k && total + one.len > ARG_READ_MAX))
			break;
		argval_reserve(v, total + sizeof(size_t) + mmsg_align(one.len));
		memcpy(v->data + total, &one.len, sizeof(size_t));
		memcpy(v->data + total + sizeof(size_t), one.data, one.len);
		total += sizeof(size_t) + mmsg_align(one.len);
	}
	free(one.data);
	v->len = total;
}

bool args_mmsg_next(const struct argval *v, size_t *at, struct argval *entry)
{
	size_t n;

	if (*at + sizeof(n) > v->len)
		return false;
	memcpy(&n, v->data + *at, sizeof(n));
	*entry = (struct argval){ .data = v->data + *at + sizeof(n), .len = n,
				  .read = true };
	*at += sizeof(n) + mmsg_align(n);
	return true;
}

size_t args_mmsg_count(const struct argval *v)
{
	struct argval e;
	size_t at = 0, k = 0;

	while (args_mmsg_next(v, &at, &e))
		k++;
	return k;
}

/* The longest string of argv or envp execve takes (MAX_ARG_STRLEN),
 * with its NUL. */
#define ARGSTR_MAX (32 * 4096 + 1)

/* argv and envp: the strings one after another, each with its NUL, each
 * whole: a longer argument than a path (`mkdir -p` of a deep path) is
 * compared to its end, as execve passes it. */
static void read_strarray(pid_t pid, unsigned long addr, struct argval *v)
{
	size_t total = 0;

	for (int i = 0; i < 4096; i++) {
		unsigned long p;
		ssize_t got;

		if (mem_read(pid, addr + i * sizeof(p), &p, sizeof(p)) !=
		    sizeof(p)) {
			v->err = EFAULT;
			break;
		}
		if (!p)
			break;
		if (total + ARGSTR_MAX > v->cap)
			argval_reserve(v, 2 * v->cap > total + ARGSTR_MAX ?
						  2 * v->cap : total + ARGSTR_MAX);
		got = mem_read_string(pid, p, (char *)v->data + total,
				      ARGSTR_MAX);
		if (got < 0) {
			v->err = errno;
			break;
		}
		if ((size_t)got == ARGSTR_MAX) {
			/* longer than execve takes (E2BIG): cut, its NUL
			 * the last byte read */
			total += ARGSTR_MAX;
			v->cut = true;
			break;
		}
		total += (size_t)got + 1;
		if (total > ARG_READ_MAX) {
			v->cut = true;
			break;
		}
	}
	v->len = total;
}

enum fcntlarg args_fcntl_arg(int cmd)
{
	switch (cmd) {
	case F_GETFD:
	case F_GETFL:
	case F_GETOWN:
	case F_GETSIG:
	case F_GETLEASE:
	case F_GETPIPE_SZ:
	case F_GET_SEALS:
		return FCNTL_NOARG;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return FCNTL_FLOCK;
	case F_GETOWN_EX:
	case F_SETOWN_EX:
	case F_GET_RW_HINT:
	case F_SET_RW_HINT:
	case F_GET_FILE_RW_HINT:
	case F_SET_FILE_RW_HINT:
		return FCNTL_OTHER;
	default:
		return FCNTL_INT;
	}
}

bool args_is_fcntl_arg(const struct call *c, int i)
{
	return i > 0 && c->sc->args[i - 1].kind == ARG_FLAGS &&
	       c->sc->args[i - 1].aux == XS_FCNTL;
}

bool args_is_semctl_value(const struct call *c, int i)
{
	return i == 3 && c->sc->args[2].kind == ARG_FLAGS &&
	       c->sc->args[2].aux == XS_SEMCTL &&
	       SEMCTL_CMD(c->args[2]) == SETVAL;
}

bool args_mode_unused(const struct call *c, int i)
{
	unsigned long flags;

	if (i < 1 || c->sc->args[i].kind != ARG_MODE ||
	    c->sc->args[i - 1].kind != ARG_FLAGS ||
	    c->sc->args[i - 1].aux != XS_OPEN)
		return false;
	flags = c->args[i - 1];
	return !(flags & O_CREAT) && (flags & __O_TMPFILE) != __O_TMPFILE;
}

bool args_content(pid_t pid, const struct call *c, int i, size_t off,
		  void *buf, size_t len)
{
	const struct argval *v = &c->val[i];

	if (v->read && !v->err && off + len <= v->len) {
		memcpy(buf, v->data + off, len);
		return true;
	}
	return mem_read(pid, c->args[i] + off, buf, len) == (ssize_t)len;
}

bool args_is_ioctl_arg(const struct call *c, int i)
{
	return i > 0 && c->sc->args[i - 1].kind == ARG_FLAGS &&
	       c->sc->args[i - 1].aux == XS_IOCTL;
}

/* ioctl's third argument: what its request reads through it, when mvdb
 * knows the request (ioctls.c). */
static void read_ioctl_in(pid_t pid, const struct call *c, int i,
			  struct argval *v)
{
	const struct ioctl_rule *rule = ioctl_rule((unsigned)c->args[i - 1]);

	if (!rule || !rule->in || rule->noarg)
		return;
	v->read = true;
	if (c->args[i])
		read_bytes(pid, c->args[i], rule->in, v);
}

void args_fetch(pid_t pid, struct call *c)
{
	if (!c->sc)
		return;
	for (int i = 0; i < c->sc->nargs; i++) {
		const struct argspec *a = &c->sc->args[i];
		struct argval *v = &c->val[i];
		unsigned long addr = c->args[i];
		unsigned long n = args_len(c, i);

		v->len = 0;
		v->err = 0;
		v->cut = false;
		v->read = false;
		if (a->kind == ARG_ULONG && args_is_fcntl_arg(c, i) &&
		    args_fcntl_arg((int)c->args[i - 1]) == FCNTL_FLOCK) {
			v->read = true;
			if (addr)
				read_bytes(pid, addr, sizeof(struct flock), v);
			continue;
		}
		if (args_is_ioctl_arg(c, i)) {
			read_ioctl_in(pid, c, i, v);
			continue;
		}
		if (!argkind_has_content(a->kind))
			continue;
		v->read = true;
		if (!addr)
			continue;
		switch ((enum argread)argkind_get(a->kind)->read) {
		case RD_STRING:
			read_string(pid, addr, v);
			break;
		case RD_BYTES:
			read_bytes(pid, addr, n, v);
			break;
		case RD_STRUCT:
			if (a->aux == ST_MSGHDR) {
				/* sendmsg's (input only) or recvmsg's */
				read_msghdr(pid, addr, v,
					    argkind_get(a->kind)->out == OUT_NONE);
				break;
			}
			if (a->aux == ST_MMSGHDR) {
				/* sendmmsg's entries are its input */
				read_mmsghdrs(pid, addr, n, v,
					      c->nr == SYS_sendmmsg);
				break;
			}
			read_bytes(pid, addr, struct_size(a->aux) *
				   (a->len == ARG_NOLEN ? 1 : n), v);
			break;
		case RD_IOV:
			read_iov(pid, addr, n, v);
			break;
		case RD_STRARRAY:
			read_strarray(pid, addr, v);
			break;
		case RD_NONE:
			break;
		}
	}
}

void args_fetch_outputs(pid_t pid, struct call *c, size_t max)
{
	if (!c->sc || !c->done || c->ret < 0)
		return;
	for (int i = 0; i < c->sc->nargs; i++) {
		const struct argspec *a = &c->sc->args[i];
		struct argval *v = &c->val[i];
		enum argout out = argkind_get(a->kind)->out;
		size_t n;

		if (!c->args[i])
			continue;
		switch (out) {
		case OUT_RESULT:
			n = (size_t)c->ret;
			if (args_len_by_pointer(c, i)) {
				/* filled as far as the socklen_t now says */
				unsigned got = 0;

				if (mem_read(pid, c->args[a->len], &got,
					     sizeof(got)) != sizeof(got))
					continue;
				n = got;
			}
			/* a count of entries or a CPU mask needs it all */
			if (n > max && (a->kind != ARG_OUTBUF ||
					a->aux == BUF_STRING || a->aux == BUF_HEX))
				n = max;
			break;
		case OUT_SOCKADDR: {
			/* as long as the socklen_t now says, at most a
			 * sockaddr_storage */
			unsigned got = 0;

			if (!args_len_by_pointer(c, i) ||
			    mem_read(pid, c->args[a->len], &got, sizeof(got)) !=
				    sizeof(got))
				continue;
			n = got < 128 ? got : 128;
			break;
		}
		case OUT_STRUCT:
			n = struct_size(a->aux) *
			    (a->len == ARG_NOLEN ? 1 : args_len(c, i));
			if (n > max && n > 4096)
				n = 4096;
			break;
		default:
			continue;
		}
		v->len = 0;
		v->err = 0;
		v->cut = out == OUT_RESULT && !args_len_by_pointer(c, i) &&
			 (size_t)c->ret > n;
		v->read = true;
		read_bytes(pid, c->args[i], n, v);
		if (out == OUT_RESULT && !args_len_by_pointer(c, i) &&
		    (size_t)c->ret > n)
			v->cut = true;
	}
}

void args_free(struct call *c)
{
	for (int i = 0; i < SYSCALL_MAX_ARGS; i++) {
		free(c->val[i].data);
		c->val[i] = (struct argval){ 0 };
	}
}
