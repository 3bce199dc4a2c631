/* Credentials of Unix sockets: the kernel takes a socket's from the
 * process that makes the socketpair, listen or connect call, and
 * attaches a sender's to what it sends; that process is the monitor.
 * Each platform socket keeps whose call it stood for (cred_pid) and
 * whose credentials its peer holds (peer_pid), and getsockopt
 * (SO_PEERCRED) shows the program's process, with its ids. */
#include "platform_int.h"
#include "session_int.h"

#include <linux/capability.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

pid_t plat_caller(const struct session *s, const struct vset *set)
{
	return set_get(s, set->group)->v[0].pid;
}

void plat_program_ids(const struct session *s, pid_t pid, struct ucred *c)
{
	char path[64], line[256];
	unsigned long id;
	FILE *f;

	c->uid = getuid();
	c->gid = getgid();
	if (!s->rights_changed)
		return;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Uid: %lu", &id) == 1)
			c->uid = (uid_t)id;
		else if (sscanf(line, "Gid: %lu", &id) == 1)
			c->gid = (gid_t)id;
	}
	if (f)
		fclose(f);
}

bool plat_may_lend_creds(void)
{
	static int may = -1;	/* not asked yet */
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (may < 0)
		may = syscall(SYS_capget, &h, d) == 0 &&
		      (d[CAP_SYS_ADMIN / 32].effective &
		       (1u << (CAP_SYS_ADMIN % 32)));
	return may;
}

void plat_pair_made(const struct session *s, struct vset *set,
		    const int nums[2])
{
	for (int i = 0; i < 2; i++) {
		struct pfile *pf = pmap_get(set->fds, nums[i]);

		if (pf)
			pf->cred_pid = pf->peer_pid = plat_caller(s, set);
	}
}

/* The platform's AF_UNIX socket for which test holds, in any set. */
static struct pfile *unix_find(const struct session *s,
			       bool (*test)(const struct pfile *, const void *),
			       const void *arg)
{
	for (int k = 0; k < s->nsets; k++) {
		const struct pmap *pm = s->sets[k]->fds;

		for (int i = 0; i < pm->nlow + pm->nslots; i++) {
			struct pfile *pf = pmap_at(pm, i);

			if (pf && pf->unix_socket && test(pf, arg))
				return pf;
		}
	}
	return NULL;
}

/* A socket address and its length. */
struct sockname {
	struct sockaddr_un a;	/* the address */
	socklen_t len;		/* its length */
};

/* Whether pf listens under name arg (a struct sockname). */
static bool listens_as(const struct pfile *pf, const void *arg)
{
	const struct sockname *want = arg;
	struct sockname got = { .len = sizeof(got.a) };
	int on = 0;
	socklen_t ol = sizeof(on);

	return getsockopt(pf->realfd, SOL_SOCKET, SO_ACCEPTCONN, &on, &ol) == 0 &&
	       on && getsockname(pf->realfd, (struct sockaddr *)&got.a,
				 &got.len) == 0 &&
	       got.len == want->len && memcmp(&got.a, &want->a, got.len) == 0;
}

/* Whether pf is the socket of inode arg (an ino_t). */
static bool is_inode(const struct pfile *pf, const void *arg)
{
	struct stat st;

	return fstat(pf->realfd, &st) == 0 && st.st_ino == *(const ino_t *)arg;
}

/* The peer's inode a socket diagnostics answer names; 0 when none. */
static ino_t diag_peer(const struct nlmsghdr *nh)
{
	const struct unix_diag_msg *m = NLMSG_DATA(nh);
	const struct rtattr *at = (const struct rtattr *)(m + 1);
	int len = (int)(nh->nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
	uint32_t peer = 0;

	for (; RTA_OK(at, len); at = RTA_NEXT(at, len))
		if (at->rta_type == UNIX_DIAG_PEER &&
		    RTA_PAYLOAD(at) >= sizeof(peer))
			memcpy(&peer, RTA_DATA(at), sizeof(peer));
	return peer;
}

/* The inode of a Unix socket's peer, as the kernel's socket diagnostics
 * give it (nothing else names it); 0 when unknown. */
static ino_t unix_peer_inode(int fd)
{
	struct {
		struct nlmsghdr nh;
		struct unix_diag_req r;
	} req = { .nh = { .nlmsg_len = sizeof(req),
			  .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			  .nlmsg_flags = NLM_F_REQUEST },
		  .r = { .sdiag_family = AF_UNIX, .udiag_states = ~0u,
			 .udiag_show = UDIAG_SHOW_PEER,
			 .udiag_cookie = { ~0u, ~0u } } };
	union {
		struct nlmsghdr nh;
		char bytes[1024];
	} ans;
	struct stat st;
	ssize_t n = -1;
	int nl;

	if (fstat(fd, &st))
		return 0;
	req.r.udiag_ino = (uint32_t)st.st_ino;
	nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (nl >= 0 && send(nl, &req, sizeof(req), 0) == sizeof(req))
		n = recv(nl, &ans, sizeof(ans), 0);
	if (nl >= 0)
		close(nl);
	if (n <= 0 || !NLMSG_OK(&ans.nh, (size_t)n) ||
	    ans.nh.nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return 0;
	return diag_peer(&ans.nh);
}

/* A connection the program's socket pf made: its peer holds the
 * credentials of the listener, when the listener is the platform's. */
static pid_t listener_pid(const struct session *s, const struct pfile *pf)
{
	struct sockname peer = { .len = sizeof(peer.a) };
	const struct pfile *l;

	if (getpeername(pf->realfd, (struct sockaddr *)&peer.a, &peer.len) ||
	    peer.len <= sizeof(sa_family_t))
		return 0;
	l = unix_find(s, listens_as, &peer);
	return l ? l->cred_pid : 0;
}

/* A connection the program accepted (pf): its peer holds the
 * credentials of the platform's socket that connected, if it is one. */
static pid_t connector_pid(const struct session *s, const struct pfile *pf)
{
	ino_t peer = unix_peer_inode(pf->realfd);
	const struct pfile *c = peer ? unix_find(s, is_inode, &peer) : NULL;

	return c ? c->cred_pid : 0;
}

/* getsockopt(SO_PEERCRED) answered with the monitor's credentials: the
 * program's process they stand for instead (the peer's, a listener's
 * own, or the caller's when mvdb knows no better), with its ids. */
static void peer_creds(const struct session *s, struct vset *set,
		       const struct pfile *pf, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	void *out = (void *)pc->job.a[3];
	struct ucred u;

	if (c->args[1] != SOL_SOCKET || c->args[2] != SO_PEERCRED || !out ||
	    pc->outlen[3] < sizeof(u))
		return;
	memcpy(&u, out, sizeof(u));
	if (u.pid != getpid())
		return;
	u.pid = pf->peer_pid ? pf->peer_pid :
		pf->cred_pid ? pf->cred_pid : plat_caller(s, set);
	plat_program_ids(s, u.pid, &u);
	memcpy(out, &u, sizeof(u));
}

/* What listen, connect and accept did to a Unix socket's credentials,
 * kept; what getsockopt shows of them, translated. */
static long finish_sock(struct session *s, struct vset *set, struct pcall *pc)
{
	const struct call *c = plat_lead(set);
	struct pfile *pf = pmap_get(set->fds, (int)c->args[0]), *got;
	long r;

	if (!pf || !pf->unix_socket || pc->job.ret < 0)
		return plat_finish_generic(s, set, pc);
	if (c->nr == SYS_getsockopt)
		peer_creds(s, set, pf, pc);
	r = plat_finish_generic(s, set, pc);
	if (r < 0)
		return r;
	if (c->nr == SYS_connect)
		pf->peer_pid = listener_pid(s, pf);
	got = c->nr == SYS_accept || c->nr == SYS_accept4 ?
	      pmap_get(set->fds, r) : NULL;
	if (got) {
		got->cred_pid = pf->cred_pid;
		got->peer_pid = connector_pid(s, got);
	}
	return r;
}

/* connect, listen, accept, accept4, getsockopt: the general way, then
 * finish_sock.  A listen or connect gives the socket the caller's
 * credentials before the monitor's call: a peer may accept before this
 * call's finish. */
bool plat_sock(struct session *s, struct vset *set, struct pcall *pc, long *ret)
{
	const struct call *c = plat_lead(set);
	struct pfile *pf = pmap_get(set->fds, (int)c->args[0]);

	if (!plat_generic(s, set, pc, ret))
		return false;
	if (pf && pf->unix_socket &&
	    (c->nr == SYS_listen || c->nr == SYS_connect))
		pf->cred_pid = plat_caller(s, set);
	pc->finish = finish_sock;
	return true;
}
