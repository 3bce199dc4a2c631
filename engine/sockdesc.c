/* Platform sockets described for the fd tables (sockdesc.h). */
#include "sockdesc.h"
#include "platform_int.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

/* A kind of socket by family, type and protocol (-1: any), as strace
 * names it. */
struct sockkind {
	int family;		/* AF_* */
	int type;		/* SOCK_*, or -1 */
	int protocol;		/* IPPROTO_*, or -1 */
	const char *name;	/* what the table shows */
};

static const struct sockkind kinds[] = {
	{ AF_INET, SOCK_STREAM, IPPROTO_TCP, "TCP" },
	{ AF_INET6, SOCK_STREAM, IPPROTO_TCP, "TCPv6" },
	{ AF_INET, SOCK_DGRAM, IPPROTO_UDP, "UDP" },
	{ AF_INET6, SOCK_DGRAM, IPPROTO_UDP, "UDPv6" },
	{ AF_INET, SOCK_DGRAM, IPPROTO_ICMP, "PING" },
	{ AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6, "PINGv6" },
	{ AF_INET, SOCK_RAW, -1, "RAW" },
	{ AF_INET6, SOCK_RAW, -1, "RAWv6" },
	{ AF_UNIX, -1, -1, "UNIX" },
	{ AF_NETLINK, -1, -1, "NETLINK" },
};

/* Netlink protocols by number, for NETLINK:[...]. */
static const char *const netlink_names[] = {
	[NETLINK_ROUTE] = "ROUTE",	   [NETLINK_SOCK_DIAG] = "SOCK_DIAG",
	[NETLINK_AUDIT] = "AUDIT",	   [NETLINK_KOBJECT_UEVENT] = "KOBJECT_UEVENT",
	[NETLINK_GENERIC] = "GENERIC",
};

static int sockopt_int(int fd, int name)
{
	int v = -1;
	socklen_t l = sizeof(v);

	return getsockopt(fd, SOL_SOCKET, name, &v, &l) == 0 ? v : -1;
}

static const char *kind_name(int family, int type, int protocol)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].family == family &&
		    (kinds[i].type < 0 || kinds[i].type == type) &&
		    (kinds[i].protocol < 0 || kinds[i].protocol == protocol))
			return kinds[i].name;
	return NULL;
}

/* An address as text: host:port, [host6]:port, a Unix name as the
 * program gave it (path, or @ and an abstract name); "" when none. */
static void addr_text(const struct session *s, struct sockaddr_storage *a,
		      socklen_t len, char *buf, size_t size)
{
	const size_t at = offsetof(struct sockaddr_un, sun_path);
	const struct sockaddr_in *in = (const void *)a;
	const struct sockaddr_in6 *in6 = (const void *)a;
	struct sockaddr_un *un = (void *)a;
	char host[INET6_ADDRSTRLEN] = "";
	size_t n = len;

	buf[0] = '\0';
	if (len <= sizeof(sa_family_t))
		return;
	if (a->ss_family == AF_INET) {
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
		snprintf(buf, size, "%s:%u", host, ntohs(in->sin_port));
	} else if (a->ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
		snprintf(buf, size, "[%s]:%u", host, ntohs(in6->sin6_port));
	} else if (a->ss_family == AF_UNIX) {
		plat_unix_unview(s, un, &n);
		if (n <= at)
			return;
		if (un->sun_path[0] == '\0')
			snprintf(buf, size, "@%.*s", (int)(n - at - 1),
				 un->sun_path + 1);
		else
			snprintf(buf, size, "%.*s",
				 (int)strnlen(un->sun_path, n - at), un->sun_path);
	}
}

/* What goes between the brackets: local->peer, local alone, or for a
 * socket with neither (a socketpair's) its inode, as strace shows it. */
static void addrs_text(const struct session *s, int fd, int family, char *buf,
		       size_t size)
{
	struct sockaddr_storage a;
	socklen_t len = sizeof(a);
	char local[160] = "", peer[160] = "";
	struct stat st;

	if (family == AF_NETLINK) {
		int p = sockopt_int(fd, SO_PROTOCOL);

		if (p >= 0 && (size_t)p < sizeof(netlink_names) /
					 sizeof(netlink_names[0]) &&
		    netlink_names[p])
			snprintf(buf, size, "%s", netlink_names[p]);
		else
			snprintf(buf, size, "%d", p);
		return;
	}
	if (getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		addr_text(s, &a, len, local, sizeof(local));
	len = sizeof(a);
	if (getpeername(fd, (struct sockaddr *)&a, &len) == 0)
		addr_text(s, &a, len, peer, sizeof(peer));
	if (peer[0])
		snprintf(buf, size, "%s->%s", local, peer);
	else if (local[0])
		snprintf(buf, size, "%s", local);
	else if (fstat(fd, &st) == 0)
		snprintf(buf, size, "%lu", (unsigned long)st.st_ino);
	else
		buf[0] = '\0';
}

bool sockdesc_describe(const struct session *s, int realfd, char *buf,
		       size_t size)
{
	int family = sockopt_int(realfd, SO_DOMAIN);
	int type = sockopt_int(realfd, SO_TYPE);
	int protocol = sockopt_int(realfd, SO_PROTOCOL);
	const char *kind;
	char addrs[400];

	if (family < 0)
		return false;
	kind = kind_name(family, type, protocol);
	addrs_text(s, realfd, family, addrs, sizeof(addrs));
	if (kind)
		snprintf(buf, size, "%s:[%s]", kind, addrs);
	else
		snprintf(buf, size, "socket:[%s]", addrs);
	return true;
}
