/* strace-style rendering of the structs and buffers calls fill in, as
 * strace shows them without -v: the fields it shows, then "...". */
#include "format_int.h"

#include <arpa/inet.h>
#include <linux/stat.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <time.h>

#define KSA_RESTORER 0x04000000	/* the kernel's, not in glibc's headers */

/* The kernel's struct sigaction on x86-64 (not glibc's). */
struct ksigaction {
	unsigned long handler;	/* SIG_DFL, SIG_IGN or a function */
	unsigned long flags;	/* SA_* */
	unsigned long restorer;	/* with SA_RESTORER */
	uint64_t mask;		/* signals 1..64, bit n-1 for signal n */
};

void put_symbolic_mode(struct out *o, unsigned mode)
{
	static const struct {
		unsigned type;	/* S_IFMT bits */
		const char *name;
	} types[] = {
		{ S_IFREG, "S_IFREG" }, { S_IFSOCK, "S_IFSOCK" },
		{ S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
		{ S_IFDIR, "S_IFDIR" }, { S_IFBLK, "S_IFBLK" },
		{ S_IFCHR, "S_IFCHR" },
	};
	const char *type = "";

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if ((mode & S_IFMT) == types[i].type)
			type = types[i].name;
	if ((mode & S_IFMT) && !type[0]) {
		outf(o, "%#03o", mode);
		return;
	}
	outf(o, "%s%s%s%s%s%#03o", type, type[0] ? "|" : "",
	     mode & S_ISUID ? "S_ISUID|" : "", mode & S_ISGID ? "S_ISGID|" : "",
	     mode & S_ISVTX ? "S_ISVTX|" : "",
	     mode & ~(S_IFMT | S_ISUID | S_ISGID | S_ISVTX));
}

static void put_flags(struct out *o, enum flagset set, unsigned long v)
{
	char tmp[512];

	xlat_format(set, v, tmp, sizeof(tmp));
	outf(o, "%s", tmp);
}

/* st_rdev for devices, st_size for the rest, as strace. */
static void put_stat(struct out *o, const struct stat *st)
{
	outf(o, "{st_mode=");
	put_symbolic_mode(o, st->st_mode);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		outf(o, ", st_rdev=makedev(%#x, %#x)", major(st->st_rdev),
		     minor(st->st_rdev));
	else
		outf(o, ", st_size=%lld", (long long)st->st_size);
	outf(o, ", ...}");
}

static void put_statx(struct out *o, const struct statx *sx)
{
	outf(o, "{stx_mask=");
	put_flags(o, XS_STATX_MASK, sx->stx_mask);
	outf(o, ", stx_attributes=");
	put_flags(o, XS_STATX_ATTR, sx->stx_attributes);
	if (sx->stx_mask & (STATX_TYPE | STATX_MODE)) {
		outf(o, ", stx_mode=");
		put_symbolic_mode(o, sx->stx_mode);
	}
	if (sx->stx_mask & STATX_SIZE)
		outf(o, ", stx_size=%llu", (unsigned long long)sx->stx_size);
	outf(o, ", ...}");
}

/* strace's rlim64: infinity by name, multiples of 1024 as N*1024. */
static void put_rlim(struct out *o, uint64_t v)
{
	if (v == UINT64_MAX)
		outf(o, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		outf(o, "%llu*1024", (unsigned long long)(v / 1024));
	else
		outf(o, "%llu", (unsigned long long)v);
}

/* A signal set as strace: names without SIG, the complement (~[...])
 * when two thirds or more are set. */
static void put_sigmask(struct out *o, uint64_t mask)
{
	char sep = '[';

	if (__builtin_popcountll(mask) >= 64 * 2 / 3) {
		mask = ~mask;
		outf(o, "~");
	}
	for (int i = 0; i < 64; i++) {
		const char *nm = xlat_name(XS_SIGNAL, (unsigned long)i + 1);

		if (!(mask & (1ull << i)))
			continue;
		if (nm)
			outf(o, "%c%s", sep, nm + 3);
		else
			outf(o, "%cRT_%d", sep, i + 1 - 32);
		sep = ' ';
	}
	outf(o, "%s]", sep == '[' ? "[" : "");
}

static void put_sigaction(struct out *o, const struct ksigaction *sa)
{
	outf(o, "{sa_handler=");
	if (sa->handler == (unsigned long)SIG_DFL)
		outf(o, "SIG_DFL");
	else if (sa->handler == (unsigned long)SIG_IGN)
		outf(o, "SIG_IGN");
	else
		outf(o, "%#lx", sa->handler);
	outf(o, ", sa_mask=");
	put_sigmask(o, sa->mask);
	outf(o, ", sa_flags=");
	put_flags(o, XS_SA, sa->flags);
	if (sa->flags & KSA_RESTORER)
		outf(o, ", sa_restorer=%#lx", sa->restorer);
	outf(o, "}");
}

static void put_sysinfo(struct out *o, const struct sysinfo *si)
{
	outf(o, "{uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, "
		"freeram=%lu, sharedram=%lu, bufferram=%lu, totalswap=%lu, "
		"freeswap=%lu, procs=%u, totalhigh=%lu, freehigh=%lu, "
		"mem_unit=%u}",
	     si->uptime, si->loads[0], si->loads[1], si->loads[2],
	     si->totalram, si->freeram, si->sharedram, si->bufferram,
	     si->totalswap, si->freeswap, (unsigned)si->procs, si->totalhigh,
	     si->freehigh, si->mem_unit);
}

static void put_field_string(struct out *o, const char *name, const char *s,
			     size_t size, size_t strsize)
{
	outf(o, "%s=", name);
	put_bytes(o, (const unsigned char *)s, strnlen(s, size), strsize, false,
		  false);
}

bool put_struct(struct out *o, enum structid id, const unsigned char *data,
		size_t len, size_t strsize)
{
	if (len < struct_size(id))
		return false;
	switch (id) {
	case ST_TIMESPEC:
	case ST_TIMEOUT: {
		struct timespec ts;

		memcpy(&ts, data, sizeof(ts));
		outf(o, "{tv_sec=%lld, tv_nsec=%ld}", (long long)ts.tv_sec,
		     ts.tv_nsec);
		return true;
	}
	case ST_TIMEVAL:
	case ST_TIMEOUT_TV: {
		struct { long sec, usec; } tv;

		memcpy(&tv, data, sizeof(tv));
		outf(o, "{tv_sec=%ld, tv_usec=%ld}", tv.sec, tv.usec);
		return true;
	}
	case ST_INT2: {
		int fds[2];

		memcpy(fds, data, sizeof(fds));
		outf(o, "[%d, %d]", fds[0], fds[1]);
		return true;
	}
	case ST_STAT: {
		struct stat st;

		memcpy(&st, data, sizeof(st));
		put_stat(o, &st);
		return true;
	}
	case ST_STATX: {
		struct statx sx;

		memcpy(&sx, data, sizeof(sx));
		put_statx(o, &sx);
		return true;
	}
	case ST_RLIMIT: {
		uint64_t rl[2];

		memcpy(rl, data, sizeof(rl));
		outf(o, "{rlim_cur=");
		put_rlim(o, rl[0]);
		outf(o, ", rlim_max=");
		put_rlim(o, rl[1]);
		outf(o, "}");
		return true;
	}
	case ST_SIGSET: {
		uint64_t mask;

		memcpy(&mask, data, sizeof(mask));
		put_sigmask(o, mask);
		return true;
	}
	case ST_SIGACTION: {
		struct ksigaction sa;

		memcpy(&sa, data, sizeof(sa));
		put_sigaction(o, &sa);
		return true;
	}
	case ST_SYSINFO: {
		struct sysinfo si;

		memcpy(&si, data, sizeof(si));
		put_sysinfo(o, &si);
		return true;
	}
	case ST_UTSNAME: {
		struct utsname u;

		memcpy(&u, data, sizeof(u));
		outf(o, "{");
		put_field_string(o, "sysname", u.sysname, sizeof(u.sysname),
				 strsize);
		outf(o, ", ");
		put_field_string(o, "nodename", u.nodename, sizeof(u.nodename),
				 strsize);
		outf(o, ", ...}");
		return true;
	}
	default:
		return false;
	}
}

bool put_sockaddr(struct out *o, const unsigned char *data, size_t len)
{
	sa_family_t fam;
	char addr[INET6_ADDRSTRLEN];

	if (len < sizeof(fam))
		return false;
	memcpy(&fam, data, sizeof(fam));
	if (fam == AF_UNIX) {
		size_t at = offsetof(struct sockaddr_un, sun_path);
		size_t n = len > at ? len - at : 0;
		const unsigned char *path = data + at;

		outf(o, "{sa_family=AF_UNIX");
		if (n && path[0] == '\0') {
			/* abstract: a name of n - 1 bytes after the NUL */
			outf(o, ", sun_path=@");
			put_bytes(o, path + 1, n - 1, n, false, false);
		} else if (n) {
			outf(o, ", sun_path=");
			put_bytes(o, path, strnlen((const char *)path, n), n,
				  false, false);
		}
		outf(o, "}");
		return true;
	}
	if (fam == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;

		memcpy(&in, data, sizeof(in));
		inet_ntop(AF_INET, &in.sin_addr, addr, sizeof(addr));
		outf(o, "{sa_family=AF_INET, sin_port=htons(%u), "
			"sin_addr=inet_addr(\"%s\")}", ntohs(in.sin_port), addr);
		return true;
	}
	if (fam == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;

		memcpy(&in6, data, sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, addr, sizeof(addr));
		outf(o, "{sa_family=AF_INET6, sin6_port=htons(%u), "
			"sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", "
			"&sin6_addr), sin6_scope_id=%u}",
		     ntohs(in6.sin6_port), ntohl(in6.sin6_flowinfo), addr,
		     in6.sin6_scope_id);
		return true;
	}
	return false;
}

/* Entries in a getdents buffer, walked by d_reclen as strace does;
 * hdr is the size of an entry without its name. */
static unsigned count_dirents(const unsigned char *p, size_t len, size_t hdr)
{
	unsigned n = 0;

	while (len >= hdr) {
		unsigned short reclen;

		memcpy(&reclen, p + 16, sizeof(reclen));
		n++;
		if (reclen < hdr)
			reclen = (unsigned short)hdr;
		if (reclen >= len)
			break;
		p += reclen;
		len -= reclen;
	}
	return n;
}

void put_buffer(struct out *o, unsigned show, unsigned long addr,
		const unsigned char *data, size_t len, bool cut,
		size_t strsize)
{
	switch ((enum bufshow)show) {
	case BUF_HEX:
		put_bytes(o, data, len, strsize, cut, true);
		break;
	case BUF_DIRENTS:
	case BUF_DIRENTS64:
		outf(o, "%#lx /* %u entries */", addr,
		     count_dirents(data, len, show == BUF_DIRENTS ? 18 : 19));
		break;
	case BUF_CPUSET: {
		char sep = '[';

		for (size_t i = 0; i < len * 8; i++) {
			if (!(data[i / 8] & (1u << (i % 8))))
				continue;
			outf(o, "%c%zu", sep, i);
			sep = ' ';
		}
		outf(o, "%s]", sep == '[' ? "[" : "");
		break;
	}
	case BUF_STRING:
	default:
		put_bytes(o, data, len, strsize, cut, false);
		break;
	}
}
