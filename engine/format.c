/* strace-style rendering of calls, arguments and results. */
#include "format.h"
#include "args.h"
#include "format_int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

void outf(struct out *o, const char *fmt, ...)
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

/* The escapes strace gives by letter. */
static char escape_letter(unsigned char c)
{
	switch (c) {
	case '"': return '"';
	case '\\': return '\\';
	case '\f': return 'f';
	case '\n': return 'n';
	case '\r': return 'r';
	case '\t': return 't';
	case '\v': return 'v';
	default: return 0;
	}
}

void put_bytes(struct out *o, const unsigned char *p, size_t len, size_t max,
	       bool cut, bool hex)
{
	size_t n = len < max ? len : max;

	outf(o, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (hex)
			outf(o, "\\x%02x", c);
		else if (escape_letter(c))
			outf(o, "\\%c", escape_letter(c));
		else if (c >= 0x20 && c < 0x7f)
			outf(o, "%c", c);
		else if (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '7')
			outf(o, "\\%03o", c);
		else
			outf(o, "\\%o", c);
	}
	outf(o, "\"%s", n < len || cut ? "..." : "");
}

size_t format_bytes(const unsigned char *p, size_t len, size_t max, bool cut,
		    char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	if (size)
		buf[0] = '\0';
	put_bytes(&o, p, len, max, cut, false);
	return o.at;
}

const char *format_signal(int sig, char *buf, size_t size)
{
	const char *name = sig > 0 ? xlat_name(XS_SIGNAL, (unsigned)sig) : NULL;

	if (name)
		snprintf(buf, size, "%s", name);
	else if (sig > 32 && sig <= 64)
		snprintf(buf, size, "SIGRT_%d", sig - 32);
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

static void put_fd(struct out *o, long fd, const struct pmap *pm,
		   const char *path)
{
	const struct pfile *pf = pm && !path ? pmap_get(pm, fd) : NULL;

	if (path)
		outf(o, "%ld<platform:%s>", fd, path);
	else if (pf && fd >= pm->offset)
		outf(o, "%ld<platform:%s>", fd, pf->path);
	else
		outf(o, "%ld", fd);
}

/* As strace's numeric umode_t: at least three octal digits. */
static void put_mode(struct out *o, unsigned long m)
{
	outf(o, "%#03lo", m & 07777);
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

/* An exec's environment as strace shows it without -v: its address and
 * how many strings it holds ("/\* 37 vars *\/"; "37+" when mvdb read
 * only part of them). */
static void put_environ(struct out *o, unsigned long addr,
			const struct argval *v)
{
	int n = 0;

	for (size_t at = 0; at < v->len; at++)
		n += v->data[at] == '\0';
	outf(o, "%#lx /* %d%s var%s */", addr, n, v->cut ? "+" : "",
	     n == 1 && !v->cut ? "" : "s");
}

/* How fcntl's third argument and its result read, by command. */
enum fcntlshow {
	FS_NONE,	/* no argument (strace leaves it out) */
	FS_INT,		/* a number */
	FS_HEX,		/* a number in hex: strace's default */
	FS_FDFLAGS,	/* FD_CLOEXEC */
	FS_OPENFLAGS,	/* O_* flags */
	FS_SIGNAL,	/* a signal */
	FS_LOCKTYPE,	/* F_RDLCK, F_WRLCK, F_UNLCK */
	FS_FLOCK,	/* a struct flock */
};

/* One command's way, as strace's fcntl decoder. */
struct fcntlway {
	int cmd;		/* F_* */
	unsigned char arg;	/* enum fcntlshow of the argument */
	unsigned char ret;	/* and of the result */
};

static const struct fcntlway fcntl_ways[] = {
	{ F_DUPFD, FS_INT, FS_INT },	    { F_DUPFD_CLOEXEC, FS_INT, FS_INT },
	{ F_GETFD, FS_NONE, FS_FDFLAGS },   { F_SETFD, FS_FDFLAGS, FS_INT },
	{ F_GETFL, FS_NONE, FS_OPENFLAGS }, { F_SETFL, FS_OPENFLAGS, FS_INT },
	{ F_GETLK, FS_FLOCK, FS_INT },	    { F_SETLK, FS_FLOCK, FS_INT },
	{ F_SETLKW, FS_FLOCK, FS_INT },	    { F_OFD_GETLK, FS_FLOCK, FS_INT },
	{ F_OFD_SETLK, FS_FLOCK, FS_INT },  { F_OFD_SETLKW, FS_FLOCK, FS_INT },
	{ F_GETOWN, FS_NONE, FS_INT },	    { F_SETOWN, FS_INT, FS_INT },
	{ F_GETSIG, FS_NONE, FS_SIGNAL },   { F_SETSIG, FS_SIGNAL, FS_INT },
	{ F_GETLEASE, FS_NONE, FS_LOCKTYPE }, { F_SETLEASE, FS_LOCKTYPE, FS_INT },
	{ F_GETPIPE_SZ, FS_NONE, FS_INT },  { F_SETPIPE_SZ, FS_INT, FS_INT },
	{ F_GET_SEALS, FS_NONE, FS_HEX },
};

/* fcntl's way for c's command, or NULL when c is not fcntl-like (its
 * second argument a command of XS_FCNTL). */
static const struct fcntlway *fcntl_way(const struct call *c)
{
	static const struct fcntlway other = { -1, FS_HEX, FS_INT };

	if (!c->sc || c->sc->nargs < 3 || !args_is_fcntl_arg(c, 2))
		return NULL;
	for (size_t i = 0; i < sizeof(fcntl_ways) / sizeof(fcntl_ways[0]); i++)
		if (fcntl_ways[i].cmd == (int)c->args[1])
			return &fcntl_ways[i];
	return &other;
}

static void put_flock(struct out *o, const struct argval *v, unsigned long x)
{
	struct flock fl;
	char tmp[64];

	if (!v->read || v->err || v->len < sizeof(fl)) {
		outf(o, "%#lx", x);
		return;
	}
	memcpy(&fl, v->data, sizeof(fl));
	xlat_format(XS_LOCK_TYPE, (unsigned short)fl.l_type, tmp, sizeof(tmp));
	outf(o, "{l_type=%s, l_whence=", tmp);
	xlat_format(XS_SEEK, (unsigned short)fl.l_whence, tmp, sizeof(tmp));
	outf(o, "%s, l_start=%lld, l_len=%lld}", tmp, (long long)fl.l_start,
	     (long long)fl.l_len);
}

static void put_fcntl_arg(struct out *o, const struct call *c,
			  enum fcntlshow show)
{
	unsigned long x = c->args[2];
	char tmp[512];

	switch (show) {
	case FS_INT:
		outf(o, "%d", (int)x);
		break;
	case FS_FDFLAGS:
		xlat_format(XS_FD_FLAGS, (unsigned)x, tmp, sizeof(tmp));
		outf(o, "%s", tmp);
		break;
	case FS_OPENFLAGS:
		xlat_format(XS_OPEN, (unsigned)x, tmp, sizeof(tmp));
		outf(o, "%s", tmp);
		break;
	case FS_SIGNAL:
		outf(o, "%s", format_signal((int)x, tmp, sizeof(tmp)));
		break;
	case FS_LOCKTYPE:
		xlat_format(XS_LOCK_TYPE, (unsigned)x, tmp, sizeof(tmp));
		outf(o, "%s", tmp);
		break;
	case FS_FLOCK:
		put_flock(o, &c->val[2], x);
		break;
	default:
		outf(o, "%#lx", x);
		break;
	}
}

int format_nargs(const struct call *c)
{
	const struct fcntlway *w = fcntl_way(c);
	int nargs;

	if (!c->sc)
		return SYSCALL_MAX_ARGS;
	nargs = c->sc->nargs;
	/* As strace: open's mode only where the flags create. */
	if (nargs >= 2 && args_mode_unused(c, nargs - 1))
		nargs--;
	/* fcntl's argument only where the command takes one */
	if (w && w->arg == FS_NONE)
		nargs = 2;
	return nargs;
}

/* Argument i of c; fdpath: the platform file a recorded fd argument
 * named (then pm is not asked), or NULL. */
static size_t arg_text(const struct call *c, int i, const struct pmap *pm,
		       const char *fdpath, size_t strsize, char *buf,
		       size_t size)
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
	case ARG_MSECS:
		outf(&o, "%d", (int)x);
		break;
	case ARG_UINT:
		outf(&o, "%u", (unsigned)x);
		break;
	case ARG_LONG:
		outf(&o, "%ld", (long)x);
		break;
	case ARG_ULONG:
		if (args_is_fcntl_arg(c, i))
			put_fcntl_arg(&o, c, fcntl_way(c)->arg);
		else
			outf(&o, "%lu", x);
		break;
	case ARG_HEX:
		outf(&o, "%#lx", x);
		break;
	case ARG_HEX32:
		outf(&o, "%#x", (unsigned)x);
		break;
	case ARG_MODE:
		put_mode(&o, x);
		break;
	case ARG_FD:
		put_fd(&o, (int)x, pm, fdpath);
		break;
	case ARG_DIRFD:
		if ((int)x == AT_FDCWD)
			outf(&o, "AT_FDCWD");
		else
			put_fd(&o, (int)x, pm, fdpath);
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
	case ARG_MSGBUF:
	case ARG_IOV_IN:
	case ARG_SOCKADDR:
	case ARG_OUTBUF:
	case ARG_SOCKADDR_OUT:
		if (!x) {
			outf(&o, "NULL");
		} else if (!v->read || v->err) {
			outf(&o, "%#lx", x);
		} else if (a->kind == ARG_SOCKADDR ||
			   a->kind == ARG_SOCKADDR_OUT) {
			if (!put_sockaddr(&o, v->data, v->len))
				outf(&o, "%#lx", x);
		} else if (a->kind == ARG_OUTBUF) {
			put_buffer(&o, a->aux, x, v->data, v->len, v->cut,
				   strsize);
		} else {
			/* strace never cuts a path; other strings and
			 * buffers are cut at strsize */
			outf(&o, a->kind == ARG_IOV_IN ? "[" : "");
			put_bytes(&o, v->data, v->len,
				  a->kind == ARG_PATH ? v->len : strsize,
				  v->cut, false);
			outf(&o, a->kind == ARG_IOV_IN ? "]" : "");
		}
		break;
	case ARG_STRARRAY:
		if (x && v->read && !v->err && i > 0 &&
		    c->sc->args[i - 1].kind == ARG_STRARRAY)
			put_environ(&o, x, v);	/* the second: exec's envp */
		else if (x && v->read && !v->err)
			put_strarray(&o, v, strsize);
		else
			outf(&o, x ? "%#lx" : "NULL", x);
		break;
	case ARG_INSTRUCT:
	case ARG_OUTSTRUCT:
	case ARG_IOSTRUCT:
		if (!x)
			outf(&o, "NULL");
		else if (!v->read || v->err ||
			 !put_struct(&o, a->aux, v->data, v->len, strsize))
			outf(&o, "%#lx", x);
		break;
	default:
		outf(&o, x ? "%#lx" : "NULL", x);
		break;
	}
	return o.at;
}

size_t format_arg(const struct call *c, int i, const struct pmap *pm,
		  size_t strsize, char *buf, size_t size)
{
	return arg_text(c, i, pm, NULL, strsize, buf, size);
}

/* A successful fcntl's result, as strace: "0x8000 (flags O_RDONLY|O_LARGEFILE)". */
static size_t format_fcntl_ret(const struct call *c, enum fcntlshow show,
			       char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	unsigned long r = (unsigned long)c->ret;
	char tmp[512];

	switch (show) {
	case FS_FDFLAGS:
		if (!r)
			break;
		xlat_format(XS_FD_FLAGS, r, tmp, sizeof(tmp));
		outf(&o, "%#lx (flags %s)", r, tmp);
		return o.at;
	case FS_OPENFLAGS:
		xlat_format(XS_OPEN, r, tmp, sizeof(tmp));
		outf(&o, "%#lx (flags %s)", r, tmp);
		return o.at;
	case FS_LOCKTYPE:
		xlat_format(XS_LOCK_TYPE, r, tmp, sizeof(tmp));
		outf(&o, "%#lx (%s)", r, tmp);
		return o.at;
	case FS_SIGNAL:
		if (!r)
			break;
		outf(&o, "%ld (%s)", (long)r, format_signal((int)r, tmp,
							     sizeof(tmp)));
		return o.at;
	case FS_HEX:
		outf(&o, "%#lx", r);
		return o.at;
	default:
		break;
	}
	outf(&o, "%ld", (long)r);
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
	if (fcntl_way(c))
		return format_fcntl_ret(c, fcntl_way(c)->ret, buf, size);
	return (size_t)snprintf(buf, size, "%ld", r);
}

size_t format_exec(const char *exe, char *const argv[], char *const envp[],
		   size_t strsize, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	int n = 0;

	if (size)
		buf[0] = '\0';
	outf(&o, "execve(");
	put_bytes(&o, (const unsigned char *)exe, strlen(exe), strlen(exe),
		  false, false);
	outf(&o, ", [");
	for (int i = 0; argv[i]; i++) {
		outf(&o, i ? ", " : "");
		put_bytes(&o, (const unsigned char *)argv[i], strlen(argv[i]),
			  strsize, false, false);
	}
	while (envp && envp[n])
		n++;
	outf(&o, "], %p /* %d var%s */) = 0", (const void *)envp, n,
	     n == 1 ? "" : "s");
	return o.at;
}

/* Appends text to o, as span arg of how when it records spans. */
static void put_part(struct out *o, struct fmtcall *how, const char *text,
		     int arg)
{
	size_t at = o->at;

	outf(o, "%s", text);
	if (how->span && how->nspan < how->maxspan && at < o->size)
		how->span[how->nspan++] = (struct fmtspan){
			.start = (int)at,
			.len = (int)((o->at < o->size ? o->at : o->size - 1) - at),
			.arg = arg,
		};
}

/* Argument i, between ">>" and "<<" when how marks it. */
static void put_arg(struct out *o, struct fmtcall *how, const char *text,
		    int i)
{
	bool mark = how->mark >> i & 1;

	outf(o, "%s%s", i ? ", " : "", mark ? FORMAT_MARK_OPEN : "");
	put_part(o, how, text, i);
	outf(o, "%s", mark ? FORMAT_MARK_CLOSE : "");
}

size_t format_call_with(const struct call *c, struct fmtcall *how, char *buf,
			size_t size)
{
	struct out o = { buf, size, 0 };
	char tmp[CALL_TEXT_MAX];

	if (size)
		buf[0] = '\0';
	how->nspan = 0;
	if (!c->sc) {
		snprintf(tmp, sizeof(tmp), "syscall_%ld", c->nr);
		put_part(&o, how, tmp, FORMAT_SPAN_NAME);
		outf(&o, "(");
		for (int i = 0; i < SYSCALL_MAX_ARGS; i++) {
			snprintf(tmp, sizeof(tmp), "%#lx", c->args[i]);
			put_arg(&o, how, tmp, i);
		}
	} else {
		int nargs = format_nargs(c);

		put_part(&o, how, c->sc->name, FORMAT_SPAN_NAME);
		outf(&o, "(");
		for (int i = 0; i < nargs; i++) {
			arg_text(c, i, how->pm, how->fdpath ? how->fdpath[i] :
				 NULL, how->strsize, tmp, sizeof(tmp));
			put_arg(&o, how, tmp, i);
		}
	}
	outf(&o, ")");
	if (c->done) {
		format_ret(c, tmp, sizeof(tmp));
		bool mark = how->mark & FORMAT_MARK_RET;

		outf(&o, " = %s", mark ? FORMAT_MARK_OPEN : "");
		put_part(&o, how, tmp, FORMAT_SPAN_RET);
		outf(&o, "%s", mark ? FORMAT_MARK_CLOSE : "");
	}
	return o.at;
}

size_t format_call(const struct call *c, const struct pmap *pm,
		   size_t strsize, char *buf, size_t size)
{
	struct fmtcall how = { .pm = pm, .strsize = strsize };

	return format_call_with(c, &how, buf, size);
}

size_t format_record(const struct histent *h, int v, size_t strsize,
		     unsigned mark, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	if (size)
		buf[0] = '\0';
	if (h->nr < 0 || v < 0 || v >= h->n) {
		outf(&o, "%s", h->state);
	} else {
		struct fmtcall how = {
			.fdpath = h->v[v].fdpath,
			.strsize = strsize,
			.mark = mark,
		};

		o.at = format_call_with(&h->v[v].call, &how, buf, size);
		if (h->no_return)
			outf(&o, " = ?");
	}
	if (h->note[0])
		outf(&o, " (%s)", h->note);
	return o.at;
}

/* A variant state by name: for people, and as JSON's key. */
static const struct {
	const char *words;	/* "at a call" */
	const char *key;	/* "syscall" */
} state_names[] = {
	[VS_NEW] = { "not started", "new" },
	[VS_RUNNING] = { "running", "running" },
	[VS_SYSCALL] = { "at a call", "syscall" },
	[VS_SIGNAL] = { "at a fault", "signal" },
	[VS_EXITED] = { "exited", "exited" },
	[VS_KILLED] = { "killed", "killed" },
};

const char *format_state_words(const struct variant *v)
{
	return v->paused ? "interrupted where it ran" : state_names[v->state].words;
}

const char *format_state_key(enum vstate st)
{
	return state_names[st].key;
}
