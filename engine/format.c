/* strace-style rendering of calls, arguments and results. */
#include "format.h"
#include "args.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* A bounded appender: keeps buf NUL-terminated, counts everything. */
struct out {
	char *buf;	/* destination */
	size_t size;	/* its size */
	size_t at;	/* characters produced so far */
};

static void outf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void outf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->at < o->size ? o->size - o->at : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->at : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->at += (size_t)n;
}

size_t format_bytes(const unsigned char *p, size_t len, size_t max, bool cut,
		    char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	size_t n = len < max ? len : max;

	if (size)
		buf[0] = '\0';
	outf(&o, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		switch (c) {
		case '"':
			outf(&o, "\\\"");
			break;
		case '\\':
			outf(&o, "\\\\");
			break;
		case '\n':
			outf(&o, "\\n");
			break;
		case '\t':
			outf(&o, "\\t");
			break;
		case '\r':
			outf(&o, "\\r");
			break;
		default:
			if (c >= 0x20 && c < 0x7f)
				outf(&o, "%c", c);
			else if (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7')
				outf(&o, "\\%03o", c);
			else
				outf(&o, "\\%o", c);
		}
	}
	outf(&o, "\"%s", n < len || cut ? "..." : "");
	return o.at;
}

const char *format_signal(int sig, char *buf, size_t size)
{
	const char *abbr = sig > 0 ? sigabbrev_np(sig) : NULL;

	if (abbr)
		snprintf(buf, size, "SIG%s", abbr);
	else if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		snprintf(buf, size, "SIGRT_%d", sig - SIGRTMIN);
	else
		snprintf(buf, size, "%d", sig);
	return buf;
}

/* si_code of a siginfo by name, for signal sig. */
static void put_si_code(struct out *o, int sig, int code)
{
	enum flagset set = XS_SI_CODE;
	const char *name;

	if (code > 0 && code != 0x80) {
		switch (sig) {
		case SIGSEGV: set = XS_SI_SEGV; break;
		case SIGBUS: set = XS_SI_BUS; break;
		case SIGILL: set = XS_SI_ILL; break;
		case SIGFPE: set = XS_SI_FPE; break;
		case SIGTRAP: set = XS_SI_TRAP; break;
		default: break;
		}
	}
	name = xlat_name(set, (unsigned)code);
	if (name)
		outf(o, "%s", name);
	else
		outf(o, "%d", code);
}

/* Whether a fault's siginfo holds the address it happened at. */
static bool has_addr(int sig, int code)
{
	return code > 0 && code != 0x80 &&
	       (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		sig == SIGFPE || sig == SIGTRAP);
}

size_t format_state(const struct variant *v, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	char sig[32];

	if (size)
		buf[0] = '\0';
	switch (v->state) {
	case VS_SIGNAL:
		outf(&o, "--- %s", format_signal(v->sig, sig, sizeof(sig)));
		if (v->fault.si_signo == v->sig) {
			outf(&o, " {si_code=");
			put_si_code(&o, v->sig, v->fault.si_code);
			if (has_addr(v->sig, v->fault.si_code))
				outf(&o, v->fault.si_addr ? ", si_addr=%p" :
							    ", si_addr=NULL",
				     v->fault.si_addr);
			outf(&o, "}");
		}
		if (v->fault_ip)
			outf(&o, " at %#lx", v->fault_ip);
		if (v->fault_where[0])
			outf(&o, " (%s)", v->fault_where);
		outf(&o, " ---");
		break;
	case VS_EXITED:
		outf(&o, "+++ exited with %d +++", v->code);
		break;
	case VS_KILLED:
		outf(&o, "+++ killed by %s%s +++",
		     format_signal(v->sig, sig, sizeof(sig)),
		     v->core ? " (core dumped)" : "");
		break;
	default:
		break;
	}
	return o.at;
}

static void put_fd(struct out *o, long fd, const struct pmap *pm)
{
	const struct pfile *pf = pm ? pmap_get(pm, fd) : NULL;

	if (pf && fd >= pm->offset)
		outf(o, "%ld<platform:%s>", fd, pf->path);
	else
		outf(o, "%ld", fd);
}

static void put_mode(struct out *o, unsigned long m)
{
	outf(o, "0%lo", m & 07777);
}

static void put_stat(struct out *o, const struct stat *st)
{
	const char *type = S_ISREG(st->st_mode)  ? "S_IFREG" :
			   S_ISDIR(st->st_mode)  ? "S_IFDIR" :
			   S_ISCHR(st->st_mode)  ? "S_IFCHR" :
			   S_ISBLK(st->st_mode)  ? "S_IFBLK" :
			   S_ISFIFO(st->st_mode) ? "S_IFIFO" :
			   S_ISLNK(st->st_mode)  ? "S_IFLNK" :
			   S_ISSOCK(st->st_mode) ? "S_IFSOCK" : "0";

	outf(o, "{st_mode=%s|0%o, st_size=%lld, ...}", type,
	     st->st_mode & 07777, (long long)st->st_size);
}

/* Structs mvdb knows how to show; the rest appear as their address. */
static bool put_struct(struct out *o, enum structid id, const struct argval *v)
{
	if (!v->read || v->err || v->len < struct_size(id))
		return false;
	switch (id) {
	case ST_TIMESPEC: {
		struct timespec ts;

		memcpy(&ts, v->data, sizeof(ts));
		outf(o, "{tv_sec=%lld, tv_nsec=%ld}", (long long)ts.tv_sec,
		     ts.tv_nsec);
		return true;
	}
	case ST_INT2: {
		int fds[2];

		memcpy(fds, v->data, sizeof(fds));
		outf(o, "[%d, %d]", fds[0], fds[1]);
		return true;
	}
	case ST_STAT: {
		struct stat st;

		memcpy(&st, v->data, sizeof(st));
		put_stat(o, &st);
		return true;
	}
	default:
		return false;
	}
}

static void put_strarray(struct out *o, const struct argval *v, size_t strsize)
{
	size_t at = 0;
	int count = 0;
	char tmp[256];

	outf(o, "[");
	while (at < v->len) {
		size_t n = strnlen((const char *)v->data + at, v->len - at);

		if (count == 32) {
			outf(o, ", ...");
			break;
		}
		format_bytes(v->data + at, n, strsize, false, tmp, sizeof(tmp));
		outf(o, "%s%s", count ? ", " : "", tmp);
		at += n + 1;
		count++;
	}
	outf(o, "]");
}

size_t format_arg(const struct call *c, int i, const struct pmap *pm,
		  size_t strsize, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	const struct argspec *a = &c->sc->args[i];
	const struct argval *v = &c->val[i];
	unsigned long x = c->args[i];
	char tmp[1024];

	if (size)
		buf[0] = '\0';
	switch (a->kind) {
	case ARG_INT:
		outf(&o, "%d", (int)x);
		break;
	case ARG_UINT:
		outf(&o, "%u", (unsigned)x);
		break;
	case ARG_LONG:
		outf(&o, "%ld", (long)x);
		break;
	case ARG_ULONG:
		outf(&o, "%lu", x);
		break;
	case ARG_HEX:
		outf(&o, "%#lx", x);
		break;
	case ARG_MODE:
		put_mode(&o, x);
		break;
	case ARG_FD:
		put_fd(&o, (int)x, pm);
		break;
	case ARG_DIRFD:
		if ((int)x == AT_FDCWD)
			outf(&o, "AT_FDCWD");
		else
			put_fd(&o, (int)x, pm);
		break;
	case ARG_FLAGS:
		xlat_format(a->aux, (unsigned)x, tmp, sizeof(tmp));
		outf(&o, "%s", tmp);
		break;
	case ARG_SIGNAL:
		outf(&o, "%s", format_signal((int)x, tmp, sizeof(tmp)));
		break;
	case ARG_PID:
		outf(&o, "%d", (int)x);
		break;
	case ARG_PATH:
	case ARG_STR:
	case ARG_INBUF:
	case ARG_IOV_IN:
	case ARG_SOCKADDR:
	case ARG_OUTBUF:
		if (!x) {
			outf(&o, "NULL");
		} else if (v->read && !v->err) {
			/* strace never cuts a path; other strings and
			 * buffers are cut at strsize */
			format_bytes(v->data, v->len,
				     a->kind == ARG_PATH ? v->len : strsize,
				     v->cut, tmp, sizeof(tmp));
			outf(&o, a->kind == ARG_IOV_IN ? "[%s]" : "%s", tmp);
		} else {
			outf(&o, "%#lx", x);
		}
		break;
	case ARG_STRARRAY:
		if (x && v->read && !v->err)
			put_strarray(&o, v, strsize);
		else
			outf(&o, x ? "%#lx" : "NULL", x);
		break;
	case ARG_INSTRUCT:
	case ARG_OUTSTRUCT:
	case ARG_IOSTRUCT:
		if (!x)
			outf(&o, "NULL");
		else if (!put_struct(&o, a->aux, v))
			outf(&o, "%#lx", x);
		break;
	default:
		outf(&o, x ? "%#lx" : "NULL", x);
		break;
	}
	return o.at;
}

size_t format_ret(const struct call *c, char *buf, size_t size)
{
	long r = c->ret;
	enum retkind k = c->sc ? c->sc->ret : RET_INT;

	static const char *const restarts[] = {
		"ERESTARTSYS (To be restarted if SA_RESTART is set)",
		"ERESTARTNOINTR (To be restarted)",
		"ERESTARTNOHAND (To be restarted if no handler)",
		"ENOIOCTLCMD (Unknown ioctl)",
		"ERESTART_RESTARTBLOCK (Interrupted by signal)",
	};

	if (r <= -512 && r >= -516)
		return (size_t)snprintf(buf, size, "? %s", restarts[-r - 512]);
	if (r < 0 && r >= -4095) {
		const char *name = strerrorname_np((int)-r);

		return (size_t)snprintf(buf, size, "-1 %s (%s)",
					name ? name : "E?", strerror((int)-r));
	}
	if (k == RET_ADDR || k == RET_HEX)
		return (size_t)snprintf(buf, size, "%#lx", (unsigned long)r);
	return (size_t)snprintf(buf, size, "%ld", r);
}

size_t format_call(const struct call *c, const struct pmap *pm,
		   size_t strsize, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	char tmp[CALL_TEXT_MAX];

	if (size)
		buf[0] = '\0';
	if (!c->sc) {
		outf(&o, "syscall_%ld(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)",
		     c->nr, c->args[0], c->args[1], c->args[2], c->args[3],
		     c->args[4], c->args[5]);
	} else {
		int nargs = c->sc->nargs;

		/* As strace: open's mode only where the flags create. */
		if (nargs >= 2 && c->sc->args[nargs - 1].kind == ARG_MODE &&
		    c->sc->args[nargs - 2].kind == ARG_FLAGS &&
		    c->sc->args[nargs - 2].aux == XS_OPEN &&
		    !(c->args[nargs - 2] & O_CREAT) &&
		    (c->args[nargs - 2] & __O_TMPFILE) != __O_TMPFILE)
			nargs--;
		outf(&o, "%s(", c->sc->name);
		for (int i = 0; i < nargs; i++) {
			format_arg(c, i, pm, strsize, tmp, sizeof(tmp));
			outf(&o, "%s%s", i ? ", " : "", tmp);
		}
		outf(&o, ")");
	}
	if (c->done) {
		format_ret(c, tmp, sizeof(tmp));
		outf(&o, " = %s", tmp);
	}
	return o.at;
}
