/* Comparison by argument kind: values by value, contents by content,
 * addresses never (layouts differ between variants on purpose). */
#include "compare.h"
#include "args.h"
#include "fields.h"
#include "ioctls.h"

#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <string.h>

static size_t first_diff(const unsigned char *a, size_t la,
			 const unsigned char *b, size_t lb)
{
	size_t n = la < lb ? la : lb, i = 0;

	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* struct k_sigaction: handler, flags, restorer, mask.  The handler and
 * restorer are addresses; only whether the handler is SIG_DFL, SIG_IGN or
 * a function counts. */
static bool sigaction_equal(const unsigned char *a, const unsigned char *b,
			    size_t *off)
{
	unsigned long ha, hb;

	memcpy(&ha, a, sizeof(ha));
	memcpy(&hb, b, sizeof(hb));
	if (ha > 1)
		ha = 2;
	if (hb > 1)
		hb = 2;
	if (ha != hb) {
		*off = 0;
		return false;
	}
	if (memcmp(a + 8, b + 8, 8) != 0) {
		*off = 8 + first_diff(a + 8, 8, b + 8, 8);
		return false;
	}
	if (memcmp(a + 24, b + 24, 8) != 0) {
		*off = 24 + first_diff(a + 24, 8, b + 24, 8);
		return false;
	}
	return true;
}

/* struct flock by its fields: the kernel reads l_type, l_whence,
 * l_start and l_len, and l_pid only for open file description locks
 * (which want 0); the padding is whatever the stack held. */
static bool flock_equal(const struct argval *a, const struct argval *b,
			int cmd, size_t *off)
{
	static const struct { size_t at, len; } fields[] = {
		{ offsetof(struct flock, l_type), sizeof(short) },
		{ offsetof(struct flock, l_whence), sizeof(short) },
		{ offsetof(struct flock, l_start), sizeof(off_t) },
		{ offsetof(struct flock, l_len), sizeof(off_t) },
		{ offsetof(struct flock, l_pid), sizeof(pid_t) },
	};
	size_t n = sizeof(fields) / sizeof(fields[0]);

	if (a->len < sizeof(struct flock) || b->len < sizeof(struct flock)) {
		*off = first_diff(a->data, a->len, b->data, b->len);
		return a->len == b->len &&
		       (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
	}
	if (cmd != F_OFD_GETLK && cmd != F_OFD_SETLK && cmd != F_OFD_SETLKW)
		n--;	/* l_pid */
	for (size_t k = 0; k < n; k++)
		if (memcmp(a->data + fields[k].at, b->data + fields[k].at,
			   fields[k].len) != 0) {
			*off = fields[k].at;
			return false;
		}
	return true;
}

/* Control data of len bytes, message by message: each one's header and
 * data, never the padding that aligns the next (CMSG_SPACE rounds up,
 * and callers leave those bytes as the stack held them).  *off is
 * where they differ. */
static bool control_equal(const unsigned char *a, const unsigned char *b,
			  size_t len, size_t *off)
{
	size_t at = 0;

	while (at + sizeof(struct cmsghdr) <= len) {
		struct cmsghdr ha;
		size_t n;

		/* a length of its own differs from b's within those bytes */
		memcpy(&ha, a + at, sizeof(ha));
		n = ha.cmsg_len < len - at ? ha.cmsg_len : len - at;
		if (memcmp(a + at, b + at, n) != 0) {
			*off = at + first_diff(a + at, n, b + at, n);
			return false;
		}
		if (ha.cmsg_len < sizeof(ha))
			return true;	/* the kernel stops there too */
		at += CMSG_ALIGN(ha.cmsg_len);
	}
	return true;
}

/* struct pollfd[] by fd and events: revents is the kernel's output,
 * and its input bytes are what the last poll left there (or nothing
 * the program wrote, in a reused array). */
static bool pollfds_equal(const struct argval *a, const struct argval *b,
			  size_t *off)
{
	if (a->len != b->len) {
		*off = a->len < b->len ? a->len : b->len;
		return false;
	}
	for (size_t at = 0; at + 8 <= a->len; at += 8)
		if (memcmp(a->data + at, b->data + at, 6) != 0) {
			*off = at + first_diff(a->data + at, 6, b->data + at, 6);
			return false;
		}
	return true;
}

/* A msghdr: its lengths, and for sendmsg the name, control data and
 * data it points to; never its addresses, nor msg_flags, which the
 * kernel never reads (recvmsg only writes it; nginx leaves stack
 * garbage there).  *off counts from
 * the struct's start, then into the contents after it. */
static bool msghdr_equal(const struct argval *a, const struct argval *b,
			 bool input, size_t *off)
{
	struct msgparts pa, pb;
	size_t n;

	args_msghdr_parts(a, input, &pa);
	args_msghdr_parts(b, input, &pb);
	if (pa.namelen != pb.namelen) {
		*off = 8;
		return false;
	}
	if (pa.iovlen != pb.iovlen) {
		*off = 24;
		return false;
	}
	if (pa.controllen != pb.controllen) {
		*off = 40;
		return false;
	}
	if (!input)
		return true;
	if (memcmp(pa.name, pb.name, pa.namelen) != 0) {
		*off = 56 + first_diff(pa.name, pa.namelen, pb.name, pb.namelen);
		return false;
	}
	if (!control_equal(pa.control, pb.control, pa.controllen, off)) {
		*off += 56 + pa.namelen;
		return false;
	}
	n = pa.datalen < pb.datalen ? pa.datalen : pb.datalen;
	if (pa.datalen != pb.datalen || memcmp(pa.data, pb.data, n) != 0) {
		*off = (size_t)(pa.data - a->data) +
		       first_diff(pa.data, pa.datalen, pb.data, pb.datalen);
		return false;
	}
	return true;
}

/* mmsghdr arrays entry by entry, each as a msghdr; *off is the entry. */
static bool mmsghdrs_equal(const struct argval *a, const struct argval *b,
			   bool input, size_t *off)
{
	struct argval ea, eb;
	size_t at_a = 0, at_b = 0, sub;
	bool more_a, more_b;

	for (*off = 0;; (*off)++) {
		more_a = args_mmsg_next(a, &at_a, &ea);
		more_b = args_mmsg_next(b, &at_b, &eb);
		if (!more_a || !more_b)
			return more_a == more_b;
		if (!msghdr_equal(&ea, &eb, input, &sub))
			return false;
	}
}

/* utimensat's times: where tv_nsec is UTIME_NOW or UTIME_OMIT the
 * kernel ignores tv_sec, and callers leave it as it was. */
static bool times_equal(const unsigned char *a, const unsigned char *b,
			size_t *off)
{
	for (int k = 0; k < 2; k++) {
		long sa, sb, na, nb;

		memcpy(&sa, a + 16 * k, 8);
		memcpy(&sb, b + 16 * k, 8);
		memcpy(&na, a + 16 * k + 8, 8);
		memcpy(&nb, b + 16 * k + 8, 8);
		if (na != nb) {
			*off = 16 * k + 8;
			return false;
		}
		if (na != UTIME_NOW && na != UTIME_OMIT && sa != sb) {
			*off = 16 * k;
			return false;
		}
	}
	return true;
}

/* The bytes of a socket address that mean something: a sockaddr_un's
 * path up to its NUL, an IPv4 address without sin_zero; callers pass
 * whole structs whose tails hold whatever the stack held. */
static size_t sockaddr_len(const struct argval *v)
{
	unsigned short family;

	if (v->len < sizeof(family))
		return v->len;
	memcpy(&family, v->data, sizeof(family));
	switch (family) {
	case 1: /* AF_UNIX: abstract names (leading NUL) use every byte */
		if (v->len > 2 && v->data[2] != '\0')
			return 2 + strnlen((const char *)v->data + 2, v->len - 2);
		return v->len;
	case 2: /* AF_INET: family, port, address */
		return v->len < 8 ? v->len : 8;
	case 10: /* AF_INET6: family, port, flow, address, scope */
		return v->len < 28 ? v->len : 28;
	default:
		return v->len;
	}
}

bool compare_arg(const struct call *a, const struct call *b, int i,
		 size_t *off, char *what, size_t size)
{
	const struct argspec *spec = &a->sc->args[i];
	const struct argkind_info *kind = argkind_get(spec->kind);
	unsigned long x = a->args[i], y = b->args[i];
	const struct argval *va = &a->val[i], *vb = &b->val[i];
	/* ioctl's third argument: a content, by what its request reads
	 * (ioctls.c) */
	bool ioctl_in = args_is_ioctl_arg(a, i) && (va->read || vb->read);
	size_t nfields;

	*off = 0;
	if (args_mode_unused(a, i))
		return true;	/* the flags before it agree: compared first */
	if (kind->int32) {
		x &= 0xffffffffu;
		y &= 0xffffffffu;
	}
	if (args_is_semctl_value(a, i)) {
		if ((int)x == (int)y)
			return true;
		snprintf(what, size, "argument $arg%d (SETVAL's value): %d vs %d",
			 i, (int)x, (int)y);
		return false;
	}
	if (args_is_fcntl_arg(a, i)) {
		switch (args_fcntl_arg((int)a->args[i - 1])) {
		case FCNTL_NOARG:
		case FCNTL_OTHER:
			return true;
		case FCNTL_FLOCK:
			if (flock_equal(va, vb, (int)a->args[i - 1], off))
				return true;
			snprintf(what, size,
				 "argument $arg%d (struct flock) differs at byte %zu",
				 i, *off);
			return false;
		case FCNTL_INT:
			break;
		}
	}
	switch (ioctl_in ? CMP_CONTENT : (enum argcmp)kind->cmp) {
	case CMP_NEVER:
		return true;
	case CMP_PRESENCE:
		if (!x == !y)
			return true;
		snprintf(what, size, "argument $arg%d is NULL in one variant only",
			 i);
		return false;
	case CMP_VALUE:
		if (x == y)
			return true;
		snprintf(what, size, "argument $arg%d: %ld vs %ld", i, (long)x,
			 (long)y);
		return false;
	case CMP_CONTENT:
		break;
	}
	if (!x != !y) {
		snprintf(what, size, "argument $arg%d is NULL in one variant only",
			 i);
		return false;
	}
	if (!x)
		return true;
	if (va->err != vb->err && (!va->len || !vb->len)) {
		snprintf(what, size,
			 "argument $arg%d is readable in one variant only", i);
		return false;
	}
	if (ioctl_in && va->len == vb->len) {
		if (!va->len || ioctl_in_equal((unsigned)a->args[i - 1], va->data,
					       vb->data, va->len, off))
			return true;
		snprintf(what, size,
			 "argument $arg%d (the ioctl's input) differs at byte %zu",
			 i, *off);
		return false;
	}
	if (kind->read == RD_STRUCT && fields_of(a, i, &nfields)) {
		if (fields_equal(a, b, i, off))
			return true;
		snprintf(what, size,
			 "argument $arg%d differs at byte %zu (a field the kernel reads)",
			 i, *off);
		return false;
	}
	if (kind->read == RD_STRUCT && !struct_ptrfree(spec->aux)) {
		if (spec->aux == ST_SIGACTION && va->len >= 32 &&
		    vb->len >= 32 && !sigaction_equal(va->data, vb->data, off)) {
			snprintf(what, size,
				 "argument $arg%d (struct sigaction) differs at byte %zu",
				 i, *off);
			return false;
		}
		if (spec->aux == ST_MSGHDR &&
		    !msghdr_equal(va, vb, kind->out == OUT_NONE, off)) {
			snprintf(what, size,
				 "argument $arg%d (struct msghdr) differs at byte %zu",
				 i, *off);
			return false;
		}
		if (spec->aux == ST_MMSGHDR &&
		    !mmsghdrs_equal(va, vb, a->nr == SYS_sendmmsg, off)) {
			snprintf(what, size,
				 "argument $arg%d (struct mmsghdr) differs in entry %zu",
				 i, *off);
			return false;
		}
		if (spec->aux == ST_TIMESPEC2 && va->len >= 32 &&
		    vb->len >= 32 && !times_equal(va->data, vb->data, off)) {
			snprintf(what, size,
				 "argument $arg%d (struct timespec[2]) differs at byte %zu",
				 i, *off);
			return false;
		}
		return true;
	}
	if (kind->read == RD_STRUCT && spec->aux == ST_POLLFD) {
		if (pollfds_equal(va, vb, off))
			return true;
		snprintf(what, size,
			 "argument $arg%d (struct pollfd) differs at byte %zu",
			 i, *off);
		return false;
	}
	if (spec->kind == ARG_SOCKADDR) {
		size_t la = sockaddr_len(va), lb = sockaddr_len(vb);

		if (la == lb && (la == 0 || memcmp(va->data, vb->data, la) == 0))
			return true;
		*off = first_diff(va->data, la, vb->data, lb);
		snprintf(what, size, "argument $arg%d (socket address) differs at byte %zu",
			 i, *off);
		return false;
	}
	/* An empty content may have no buffer at all. */
	if (va->len == vb->len &&
	    (va->len == 0 || memcmp(va->data, vb->data, va->len) == 0))
		return true;
	*off = first_diff(va->data, va->len, vb->data, vb->len);
	if (va->len != vb->len && *off == (va->len < vb->len ? va->len : vb->len))
		snprintf(what, size,
			 "argument $arg%d: lengths differ (%zu vs %zu bytes)", i,
			 va->len, vb->len);
	else
		snprintf(what, size, "argument $arg%d differs at byte %zu", i,
			 *off);
	return false;
}

static bool stopped_at_call(const struct variant *v)
{
	return v->state == VS_SYSCALL;
}

static void state_words(const struct variant *v, char *buf, size_t size)
{
	switch (v->state) {
	case VS_SYSCALL:
		snprintf(buf, size, "calls %s", syscall_name(v->call.nr));
		break;
	case VS_SIGNAL:
		snprintf(buf, size, "faults with SIG%s", sigabbrev_np(v->sig)
				  ? sigabbrev_np(v->sig) : "?");
		break;
	case VS_EXITED:
		snprintf(buf, size, "exited with status %d", v->code);
		break;
	case VS_KILLED:
		snprintf(buf, size, "was killed by SIG%s",
			 sigabbrev_np(v->sig) ? sigabbrev_np(v->sig) : "?");
		break;
	default:
		snprintf(buf, size, "is not stopped");
		break;
	}
}

static bool same_end(const struct variant *a, const struct variant *b)
{
	if (a->state != b->state)
		return false;
	return a->state == VS_EXITED ? a->code == b->code : a->sig == b->sig;
}

bool compare_variants(const struct variant *v, int n,
		      const unsigned char *ignore, struct divergence *d)
{
	char ignored[NOTE_MAX] = "";

	memset(d, 0, sizeof(*d));
	for (int k = 1; k < n; k++) {
		const struct variant *a = &v[0], *b = &v[k];
		char sa[64], sb[64];

		d->a = 0;
		d->b = k;
		d->arg = -1;
		if (a->state != b->state) {
			d->kind = DIV_STATE;
			state_words(a, sa, sizeof(sa));
			state_words(b, sb, sizeof(sb));
			snprintf(d->what, sizeof(d->what),
				 "variant 0 %s, variant %d %s", sa, k, sb);
			return false;
		}
		if (a->state == VS_SIGNAL && a->sig != b->sig) {
			d->kind = DIV_SIGNAL;
			state_words(a, sa, sizeof(sa));
			state_words(b, sb, sizeof(sb));
			snprintf(d->what, sizeof(d->what),
				 "variant 0 %s, variant %d %s", sa, k, sb);
			return false;
		}
		if ((a->state == VS_EXITED || a->state == VS_KILLED) &&
		    !same_end(a, b)) {
			d->kind = DIV_EXIT;
			state_words(a, sa, sizeof(sa));
			state_words(b, sb, sizeof(sb));
			snprintf(d->what, sizeof(d->what),
				 "variant 0 %s, variant %d %s", sa, k, sb);
			return false;
		}
		if (!stopped_at_call(a))
			continue;
		if (a->call.nr != b->call.nr) {
			d->kind = DIV_SYSCALL;
			snprintf(d->what, sizeof(d->what),
				 "variant 0 calls %s, variant %d calls %s",
				 syscall_name(a->call.nr), k,
				 syscall_name(b->call.nr));
			return false;
		}
		if (!a->call.sc)
			continue;
		for (int i = 0; i < a->call.sc->nargs; i++) {
			if (compare_arg(&a->call, &b->call, i, &d->offset,
					d->what, sizeof(d->what)))
				continue;
			if (ignore && a->call.nr < SYSCALL_NR_LIMIT &&
			    (ignore[a->call.nr] >> i & 1)) {
				snprintf(ignored, sizeof(ignored),
					 "%.140s (ignored)", d->what);
				continue;
			}
			d->kind = DIV_ARG;
			d->arg = i;
			return false;
		}
	}
	memset(d, 0, sizeof(*d));
	snprintf(d->what, sizeof(d->what), "%s", ignored);
	return true;
}

unsigned compare_call_diffs(const struct call *me, const struct call *o,
			    const unsigned char *ignore)
{
	unsigned bits = 0;
	int nargs = me->sc ? me->sc->nargs : SYSCALL_MAX_ARGS;

	if (me->nr != o->nr)
		return COMPARE_DIFF_NAME;
	for (int i = 0; i < nargs; i++) {
		char what[NOTE_MAX];
		size_t off;

		if (ignore && me->nr >= 0 && me->nr < SYSCALL_NR_LIMIT &&
		    (ignore[me->nr] & (1u << i)))
			continue;
		if (!me->sc) {
			if (me->args[i] != o->args[i])
				bits |= 1u << i;
			continue;
		}
		if (!compare_arg(me, o, i, &off, what, sizeof(what)))
			bits |= 1u << i;
	}
	return bits;
}
