/* The platform's socket calls: sendmsg, recvmsg, sendmmsg, recvmmsg
 * with their structs rebuilt from copies (names, control data,
 * credentials, descriptors passed), AF_UNIX names as the program sees
 * them (epoll is platform_epoll.c's).  The general way and the shared
 * helpers are platform.c's (platform_int.h). */
#include "platform_int.h"
#include "args.h"
#include "mem.h"
#include "session_int.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

/* unix_view, the result (when rewritten) in out. */
static const void *unix_view_into(struct vset *set, struct pcall *pc,
				  struct sockaddr_un *out, const void *sa,
				  size_t *len)
{
	const size_t at = offsetof(struct sockaddr_un, sun_path);
	const struct sockaddr_un *in = sa;
	char path[sizeof(in->sun_path) + 1];
	int n;

	if (!sa || *len <= at || *len > sizeof(*in) ||
	    in->sun_family != AF_UNIX || in->sun_path[0] == '\0')
		return sa;
	/* a name in the file system: found and made with its rights */
	plat_variant_rights(set->v[0].pid, &pc->job.creds);
	if (in->sun_path[0] == '/')
		return sa;
	memcpy(path, in->sun_path, *len - at);
	path[*len - at] = '\0';
	memset(out, 0, sizeof(*out));
	out->sun_family = AF_UNIX;
	n = snprintf(out->sun_path, sizeof(out->sun_path), "/proc/%d/cwd/%s",
		     (int)set->v[0].pid, path);
	if (n < 0 || (size_t)n >= sizeof(out->sun_path))
		return sa;
	*len = at + (size_t)n + 1;
	return out;
}

/* A relative AF_UNIX address names a file in the variant's working
 * directory, not the monitor's: rewritten through /proc/PID/cwd into
 * buffer slot (when the result fits in sun_path; else left as it is).
 * Returns the address to pass; *len is its length. */
const void *plat_unix_view(struct vset *set, struct pcall *pc, int slot,
			     const void *sa, size_t *len)
{
	return unix_view_into(set, pc, (struct sockaddr_un *)plat_buf(
		pc, slot, sizeof(struct sockaddr_un)), sa, len);
}

/* Whether pid is one of the program's processes (some variant's). */
static bool program_pid(const struct session *s, pid_t pid)
{
	if (events_v0_pid(s, pid) != pid)
		return true;
	for (int k = 0; k < s->nsets; k++)
		if (s->sets[k]->v[0].pid == pid)
			return true;
	return false;
}

/* The reverse of unix_view, for addresses the kernel gives back (a
 * sender's, a peer's, the socket's own): a name unix_view rewrote is
 * shown as the program gave it, and *len shrinks to match. */
void plat_unix_unview(const struct session *s, void *sa, size_t *len)
{
	const size_t at = offsetof(struct sockaddr_un, sun_path);
	struct sockaddr_un *a = sa;
	size_t plen, skip;
	int pid, end = 0;

	if (!sa || *len <= at + 6 || *len > sizeof(*a) ||
	    a->sun_family != AF_UNIX)
		return;
	plen = strnlen(a->sun_path, *len - at);
	if (plen == *len - at)
		return;		/* not a NUL-terminated name */
	if (sscanf(a->sun_path, "/proc/%d/cwd/%n", &pid, &end) != 1 || !end ||
	    !program_pid(s, pid))
		return;
	skip = (size_t)end;
	memmove(a->sun_path, a->sun_path + skip, plen - skip + 1);
	memset(a->sun_path + plen - skip + 1, 0, skip);
	*len -= skip;
}

/* Credentials a recvmsg brought in (SCM_CREDENTIALS) name a process of
 * the program as variant 0's, as getpid shows it. */
static void received_creds(const struct session *s, struct cmsghdr *h)
{
	struct ucred c;

	if (h->cmsg_len < CMSG_LEN(sizeof(c)))
		return;
	memcpy(&c, CMSG_DATA(h), sizeof(c));
	c.pid = events_v0_pid(s, c.pid);
	memcpy(CMSG_DATA(h), &c, sizeof(c));
}

/* Descriptors a recvmsg brought in (SCM_RIGHTS) became the monitor's:
 * each becomes a platform number, which the control data then names.
 * Credentials are shown as the program's (received_creds). */
static void received_fds(const struct session *s, struct vset *set,
			 struct msghdr *m, bool cloexec)
{
	for (struct cmsghdr *h = CMSG_FIRSTHDR(m); h; h = CMSG_NXTHDR(m, h)) {
		int *fds = (int *)CMSG_DATA(h);
		size_t n = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);

		if (h->cmsg_level == SOL_SOCKET &&
		    h->cmsg_type == SCM_CREDENTIALS)
			received_creds(s, h);
		if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
			continue;
		for (size_t i = 0; i < n; i++)
			fds[i] = (int)plat_bind_new(set, fds[i], "received",
					       O_RDWR | (cloexec ? O_CLOEXEC : 0));
	}
}

/* Room a sent message's control data gets for credentials of its own. */
#define CREDS_ROOM CMSG_SPACE(sizeof(struct ucred))

/* A message sent on a Unix socket carries its sender's credentials to
 * a peer that asked for them (SO_PASSCRED): the kernel would attach the
 * monitor's, so the platform attaches the program's (variant 0's pid,
 * as getpid shows it) where the program gave none.  m's control data
 * has CREDS_ROOM bytes to spare after it. */
static void own_creds(const struct session *s, struct vset *set,
		      const struct pfile *pf, struct msghdr *m,
		      unsigned char *room)
{
	struct ucred c = { .pid = plat_caller(s, set) };
	struct cmsghdr *h;

	/* unprivileged, the monitor may attach only its own: the kernel's */
	if (!pf->unix_socket || !plat_may_lend_creds())
		return;
	for (h = CMSG_FIRSTHDR(m); h; h = CMSG_NXTHDR(m, h))
		if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_CREDENTIALS)
			return;
	plat_program_ids(s, c.pid, &c);
	if (!m->msg_control)
		m->msg_control = room;
	h = (struct cmsghdr *)((unsigned char *)m->msg_control +
			       CMSG_ALIGN(m->msg_controllen));
	memset(h, 0, CREDS_ROOM);
	h->cmsg_len = CMSG_LEN(sizeof(c));
	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_CREDENTIALS;
	memcpy(CMSG_DATA(h), &c, sizeof(c));
	m->msg_controllen = CMSG_ALIGN(m->msg_controllen) + CREDS_ROOM;
}

bool plat_unix_send(struct session *s, struct vset *set, struct pcall *pc,
		    const struct pfile *pf, const unsigned long *a)
{
	const struct call *c = plat_lead(set);
	struct msghdr *m = (struct msghdr *)plat_buf(pc, PBUF_LEN,
						     sizeof(*m) + CREDS_ROOM);
	unsigned long b[6] = { 0 };
	bool to = c->nr == SYS_sendto;

	memset(m, 0, sizeof(*m));
	/* writev's data is one iovec already (the general way's) */
	pc->iov[0] = c->nr == SYS_writev ? *(const struct iovec *)a[1] :
		     (struct iovec){ (void *)a[1], a[2] };
	m->msg_iov = &pc->iov[0];
	m->msg_iovlen = 1;
	if (to && a[4]) {
		m->msg_name = (void *)a[4];
		m->msg_namelen = (socklen_t)a[5];
	}
	own_creds(s, set, pf, m, (unsigned char *)(m + 1));
	b[0] = a[0];
	b[1] = (unsigned long)m;
	b[2] = to ? a[3] : 0;
	return plat_call(pc, SYS_sendmsg, b);
}

/* Descriptors a sendmsg passes (SCM_RIGHTS) are the program's numbers:
 * a platform number becomes its real descriptor, a local one the
 * monitor's copy of variant 0's (pidfd_getfd), closed after the call.
 * Returns 0 or -errno. */
static long passed_fds(struct vset *set, struct pcall *pc, struct msghdr *m)
{
	int pidfd = -1;
	long e = 0;

	for (struct cmsghdr *h = CMSG_FIRSTHDR(m); h && !e;
	     h = CMSG_NXTHDR(m, h)) {
		int *fds = (int *)CMSG_DATA(h);
		size_t n = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);

		if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
			continue;
		for (size_t i = 0; i < n && !e; i++) {
			const struct pfile *pf = pmap_get(set->fds, fds[i]);
			int copy;

			if (pf) {
				fds[i] = pf->realfd;
				continue;
			}
			if (pidfd < 0)
				pidfd = (int)syscall(SYS_pidfd_open, set->v[0].pid, 0);
			copy = pidfd < 0 || pc->ntaken == PCALL_TAKEN_MAX ? -1 :
			       (int)syscall(SYS_pidfd_getfd, pidfd, fds[i], 0);
			if (copy < 0) {
				e = -EBADF;
				break;
			}
			pc->taken[pc->ntaken++] = copy;
			fds[i] = copy;
		}
	}
	if (pidfd >= 0)
		close(pidfd);
	return e;
}

/* sendmsg, recvmsg: the msghdr is rebuilt in the monitor from what
 * args_fetch read (name, control data, data); received data, name and
 * control data are copied into every variant's own buffers. */
static long finish_msg(struct session *s, struct vset *set, struct pcall *pc)
{
	struct msghdr *m = (struct msghdr *)pc->buf[1].data;
	bool recv = plat_lead(set)->nr == SYS_recvmsg;
	long r = pc->job.ret;

	for (int i = 0; i < pc->ntaken; i++)
		close(pc->taken[i]);
	pc->ntaken = 0;
	if (r < 0 || !recv)
		return r;
	received_fds(s, set, m, plat_lead(set)->args[2] & MSG_CMSG_CLOEXEC);
	if (m->msg_name) {
		size_t n = m->msg_namelen;

		plat_unix_unview(s, m->msg_name, &n);
		m->msg_namelen = (socklen_t)n;
	}
	for (int k = 0; k < s->n; k++) {
		struct variant *v = &set->v[k];
		struct msgparts p;
		struct msghdr vm;
		unsigned long at = v->call.args[1];
		long e;

		args_msghdr_parts(&v->call.val[1], false, &p);
		memcpy(&vm, v->call.val[1].data, sizeof(vm));
		e = plat_scatter_one(v->pid, p.iov, p.iovlen, m->msg_iov->iov_base,
				(size_t)r);
		if (!e && p.name_at && m->msg_namelen)
			e = mem_store(v->pid, p.name_at, m->msg_name,
				      m->msg_namelen < p.namelen ?
				      m->msg_namelen : p.namelen);
		if (!e && p.control_at && m->msg_controllen)
			e = mem_store(v->pid, p.control_at, m->msg_control,
				      m->msg_controllen);
		vm.msg_namelen = m->msg_namelen;
		vm.msg_controllen = m->msg_controllen;
		vm.msg_flags = m->msg_flags;
		if (!e)
			e = mem_store(v->pid, at, &vm, sizeof(vm));
		if (e)
			return -EFAULT;
	}
	return r;
}

bool plat_msg(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	struct call *c = plat_lead(set);
	struct pfile *pf = pmap_get(set->fds, (int)c->args[0]);
	bool recv = c->nr == SYS_recvmsg;
	struct msgparts p;
	struct msghdr *m;
	unsigned long a[6] = { 0 };

	if (!pf || c->val[1].err || c->val[1].len < sizeof(*m)) {
		*ret = pf ? -EFAULT : -EBADF;
		return false;
	}
	args_msghdr_parts(&c->val[1], !recv, &p);
	m = (struct msghdr *)plat_buf(pc, 1, sizeof(*m));
	memset(m, 0, sizeof(*m));
	if (recv) {
		size_t total = 0;

		for (unsigned long j = 0; j < p.iovlen && j < IOV_MAX_READ; j++) {
			struct iovec one;

			if (mem_read(set->v[0].pid, p.iov + j * sizeof(one), &one,
				     sizeof(one)) != sizeof(one)) {
				*ret = -EFAULT;
				return false;
			}
			total += one.iov_len;
		}
		if (total > ARG_READ_MAX)
			total = ARG_READ_MAX;
		pc->iov[0] = (struct iovec){ plat_buf(pc, 2, total), total };
		m->msg_name = p.name_at ? plat_buf(pc, PBUF_EXTRA, MSG_NAME_MAX) : NULL;
		/* room for the whole name: see full_names */
		m->msg_namelen = p.name_at ? MSG_NAME_MAX : 0;
		m->msg_control = p.control_at ? plat_buf(pc, PBUF_LEN, p.controllen) : NULL;
		m->msg_controllen = p.control_at ? p.controllen : 0;
	} else {
		pc->iov[0] = (struct iovec){ (void *)p.data, p.datalen };
		if (p.namelen) {
			size_t n = p.namelen;

			m->msg_name = (void *)plat_unix_view(set, pc, PBUF_REAL,
							p.name, &n);
			m->msg_namelen = (socklen_t)n;
		}
		pc->ntaken = 0;
		if (p.controllen) {
			m->msg_control = plat_buf(pc, PBUF_LEN,
					      CMSG_ALIGN(p.controllen) + CREDS_ROOM);
			memcpy(m->msg_control, p.control, p.controllen);
			m->msg_controllen = p.controllen;
			*ret = passed_fds(set, pc, m);
			if (*ret) {
				for (int i = 0; i < pc->ntaken; i++)
					close(pc->taken[i]);
				pc->ntaken = 0;
				return false;
			}
		}
		own_creds(s, set, pf, m, plat_buf(pc, PBUF_LEN, CREDS_ROOM));
	}
	m->msg_iov = &pc->iov[0];
	m->msg_iovlen = 1;
	pc->may_wait = pf->waits;
	pc->finish = finish_msg;
	a[0] = (unsigned long)pf->realfd;
	a[1] = (unsigned long)m;
	a[2] = c->args[2];
	return plat_call(pc, c->nr, a);
}

/* sendmmsg, recvmmsg: the mmsghdr array is rebuilt in the monitor, each
 * entry as plat_msg rebuilds a msghdr, for the entries args_fetch read
 * (at most MMSG_MAX: the call may do fewer than asked, and says so).
 * buf[1] holds the array, its iovecs and room for each entry's name;
 * buf[PBUF_LEN] the control data and, for recvmmsg, the data. */
struct mmsg_room {
	struct mmsghdr *mm;	/* the monitor's array */
	struct iovec *iov;	/* one iovec an entry */
	unsigned char *names;	/* MSG_NAME_MAX bytes an entry */
};

static struct mmsg_room mmsg_room(struct pcall *pc, size_t n)
{
	size_t each = sizeof(struct mmsghdr) + sizeof(struct iovec) +
		      MSG_NAME_MAX;
	unsigned char *b = plat_buf(pc, 1, n * each);

	return (struct mmsg_room){
		(struct mmsghdr *)b,
		(struct iovec *)(b + n * sizeof(struct mmsghdr)),
		b + n * (sizeof(struct mmsghdr) + sizeof(struct iovec)),
	};
}

/* Bytes the iovec array (iov, cnt) of variant pid holds, or -EFAULT. */
static long iov_total(pid_t pid, unsigned long iov, unsigned long cnt)
{
	size_t total = 0;

	for (unsigned long j = 0; j < cnt && j < IOV_MAX_READ; j++) {
		struct iovec one;

		if (mem_read(pid, iov + j * sizeof(one), &one, sizeof(one)) !=
		    sizeof(one))
			return -EFAULT;
		total += one.iov_len;
	}
	return total > ARG_READ_MAX ? ARG_READ_MAX : (long)total;
}

/* Sizes an entry of recvmmsg's needs in the pool, or -EFAULT. */
static long mmsg_recv_size(pid_t pid, const struct msgparts *p)
{
	long data = iov_total(pid, p->iov, p->iovlen);

	return data < 0 ? data : data + (long)p->controllen;
}

/* Entry k of the monitor's array, from the program's entry e: its
 * pieces carved from pool at *at (a sent entry's control data with
 * CREDS_ROOM to spare: own_creds).  Returns 0 or -errno. */
static long mmsg_entry(const struct session *s, struct vset *set,
		       struct pcall *pc, const struct pfile *pf,
		       const struct mmsg_room *room, size_t k,
		       const struct argval *e, bool recv, unsigned char *pool,
		       size_t *at)
{
	struct msghdr *m = &room->mm[k].msg_hdr;
	unsigned char *name = room->names + k * MSG_NAME_MAX;
	struct msgparts p;
	long err;

	args_msghdr_parts(e, !recv, &p);
	memset(&room->mm[k], 0, sizeof(room->mm[k]));
	m->msg_iov = &room->iov[k];
	m->msg_iovlen = 1;
	if (recv) {
		long data = iov_total(set->v[0].pid, p.iov, p.iovlen);

		if (data < 0)
			return data;
		room->iov[k] = (struct iovec){ pool + *at, (size_t)data };
		*at += (size_t)data;
		m->msg_name = p.name_at ? name : NULL;
		m->msg_namelen = p.name_at ? MSG_NAME_MAX : 0;
		m->msg_control = p.control_at ? pool + *at : NULL;
		m->msg_controllen = p.control_at ? p.controllen : 0;
		*at += m->msg_controllen;
		return 0;
	}
	room->iov[k] = (struct iovec){ (void *)p.data, p.datalen };
	if (p.namelen) {
		size_t n = p.namelen;

		m->msg_name = (void *)unix_view_into(set, pc,
						     (struct sockaddr_un *)name,
						     p.name, &n);
		m->msg_namelen = (socklen_t)n;
	}
	if (p.controllen) {
		m->msg_control = pool + *at;
		memcpy(m->msg_control, p.control, p.controllen);
		m->msg_controllen = p.controllen;
		*at += CMSG_ALIGN(p.controllen);
		if ((err = passed_fds(set, pc, m)))
			return err;
	}
	own_creds(s, set, pf, m, pool + *at);
	*at += CREDS_ROOM;
	return 0;
}

/* What recvmmsg's entry k brought into variant v's own entry e: data,
 * name, control data, then the lengths and flags in its msghdr and
 * msg_len beside it. */
static long mmsg_deliver(struct variant *v, const struct argval *e,
			 const struct mmsghdr *got, size_t k)
{
	unsigned long at = v->call.args[1] + k * sizeof(struct mmsghdr);
	const struct msghdr *m = &got->msg_hdr;
	struct mmsghdr vm;
	struct msgparts p;
	long err;

	args_msghdr_parts(e, false, &p);
	memcpy(&vm.msg_hdr, e->data, sizeof(vm.msg_hdr));
	err = plat_scatter_one(v->pid, p.iov, p.iovlen, m->msg_iov->iov_base,
			  got->msg_len);
	if (!err && p.name_at && m->msg_namelen)
		err = mem_store(v->pid, p.name_at, m->msg_name,
				m->msg_namelen < p.namelen ? m->msg_namelen
							   : p.namelen);
	if (!err && p.control_at && m->msg_controllen)
		err = mem_store(v->pid, p.control_at, m->msg_control,
				m->msg_controllen);
	vm.msg_hdr.msg_namelen = m->msg_namelen;
	vm.msg_hdr.msg_controllen = m->msg_controllen;
	vm.msg_hdr.msg_flags = m->msg_flags;
	vm.msg_len = got->msg_len;
	if (!err)
		err = mem_store(v->pid, at, &vm, offsetof(struct mmsghdr, msg_len) +
						      sizeof(vm.msg_len));
	return err ? -EFAULT : 0;
}

static long finish_mmsg(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	struct mmsghdr *mm = (struct mmsghdr *)pc->buf[1].data;
	bool recv = c->nr == SYS_recvmmsg;
	long r = pc->job.ret;

	for (int i = 0; i < pc->ntaken; i++)
		close(pc->taken[i]);
	pc->ntaken = 0;
	if (r < 0)
		return r;
	for (long k = 0; recv && k < r; k++) {
		size_t n = mm[k].msg_hdr.msg_namelen;

		received_fds(s, set, &mm[k].msg_hdr, c->args[3] & MSG_CMSG_CLOEXEC);
		if (mm[k].msg_hdr.msg_name) {
			plat_unix_unview(s, mm[k].msg_hdr.msg_name, &n);
			mm[k].msg_hdr.msg_namelen = (socklen_t)n;
		}
	}
	for (int j = 0; j < s->n; j++) {
		struct variant *v = &set->v[j];
		struct argval e;
		size_t at = 0;

		for (long k = 0; k < r && args_mmsg_next(&v->call.val[1], &at, &e);
		     k++) {
			unsigned long len_at = v->call.args[1] +
					       (unsigned long)k * sizeof(*mm) +
					       offsetof(struct mmsghdr, msg_len);
			long err = recv ? mmsg_deliver(v, &e, &mm[k], (size_t)k) :
				   mem_store(v->pid, len_at, &mm[k].msg_len,
					     sizeof(mm[k].msg_len));

			if (err)
				return -EFAULT;
		}
	}
	if (recv && pc->outlen[4])
		return plat_copy_out(s, set, 4, pc->buf[4].data, 16) ?: r;
	return r;
}

bool plat_mmsg(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	const struct call *c = plat_lead(set);
	struct pfile *pf = pmap_get(set->fds, (int)c->args[0]);
	bool recv = c->nr == SYS_recvmmsg;
	size_t n = args_mmsg_count(&c->val[1]), pool = 0, at = 0, k = 0;
	struct mmsg_room room;
	unsigned long a[6] = { 0 };
	unsigned char *bytes;
	struct argval e;

	if (!pf) {
		*ret = -EBADF;
		return false;
	}
	if (c->args[2] && !n) {
		*ret = -(c->val[1].err ? c->val[1].err : EFAULT);
		return false;
	}
	if (n > c->args[2])
		n = c->args[2];
	/* the pool: each entry's data (recvmmsg) and control data */
	for (size_t off = 0; k < n && args_mmsg_next(&c->val[1], &off, &e); k++) {
		struct msgparts p;
		long need;

		args_msghdr_parts(&e, !recv, &p);
		need = recv ? mmsg_recv_size(set->v[0].pid, &p) :
			      (long)(CMSG_ALIGN(p.controllen) + CREDS_ROOM);
		if (need < 0) {
			*ret = need;
			return false;
		}
		if (k && pool + (size_t)need > ARG_READ_MAX)
			break;	/* the rest another time */
		pool += (size_t)need;
	}
	n = k;
	room = mmsg_room(pc, n);
	bytes = plat_buf(pc, PBUF_LEN, pool);
	pc->outlen[4] = 0;
	if (recv && c->args[4]) {
		long *t = (long *)plat_buf(pc, 4, 16);

		if (!args_content(set->v[0].pid, c, 4, 0, t, 16)) {
			*ret = -EFAULT;
			return false;
		}
		a[4] = (unsigned long)t;
		pc->outlen[4] = 16;
	}
	pc->ntaken = 0;
	for (size_t off = 0, j = 0; j < n && args_mmsg_next(&c->val[1], &off, &e); j++) {
		*ret = mmsg_entry(s, set, pc, pf, &room, j, &e, recv,
				  bytes, &at);
		if (*ret) {
			for (int i = 0; i < pc->ntaken; i++)
				close(pc->taken[i]);
			pc->ntaken = 0;
			return false;
		}
	}
	pc->may_wait = pf->waits;
	pc->finish = finish_mmsg;
	a[0] = (unsigned long)pf->realfd;
	a[1] = (unsigned long)room.mm;
	a[2] = n;
	a[3] = c->args[3];
	return plat_call(pc, c->nr, a);
}
