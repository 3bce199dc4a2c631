/* Rendering calls in strace's style: name(arg, ...) = result. */
#ifndef MVDB_FORMAT_H
#define MVDB_FORMAT_H

#include <stddef.h>

#include "session.h"

/* Renders argument i of c into buf; pm annotates platform fds
 * ("257<platform:/tmp/out>"); strsize bounds strings and buffers. */
size_t format_arg(const struct call *c, int i, const struct pmap *pm,
		  size_t strsize, char *buf, size_t size);
/* How many of c's arguments strace shows: open's mode only where the
 * flags create, fcntl's argument only where the command takes one. */
int format_nargs(const struct call *c);
/* Renders the whole call, with " = result" when c->done. */
size_t format_call(const struct call *c, const struct pmap *pm,
		   size_t strsize, char *buf, size_t size);

#define FORMAT_SPAN_NAME -1	/* fmtspan.arg: the call's name */
#define FORMAT_SPAN_RET -2	/* fmtspan.arg: the result */
#define FORMAT_MARK_OPEN ">>"	/* before an argument that differs */
#define FORMAT_MARK_CLOSE "<<"	/* and after it */
#define FORMAT_MARK_RET (1u << (SYSCALL_MAX_ARGS + 1)) /* fmtcall.mark: the
							 result differs */

/* A part of a rendered call. */
struct fmtspan {
	int start, len;	/* bytes of the rendering */
	int arg;	/* argument index, FORMAT_SPAN_NAME or FORMAT_SPAN_RET */
};

/* How format_call_with renders a call, and where it says the parts
 * went. */
struct fmtcall {
	const struct pmap *pm;		/* platform fds of the call at hand
					   (annotates "256<platform:...>"), or
					   NULL */
	const char *const *fdpath;	/* or, of a recorded call, per argument
					   the platform file it named (NULL:
					   none); then pm is not asked */
	size_t strsize;			/* bytes of strings and buffers */
	unsigned mark;			/* bit i: argument i differs, shown
					   between FORMAT_MARK_OPEN and _CLOSE */
	struct fmtspan *span;		/* where each part went, or NULL */
	int maxspan;			/* room in span */
	int nspan;			/* spans filled (set by the call) */
};
/* The one renderer of calls: format_call, marks and spans as how asks. */
size_t format_call_with(const struct call *c, struct fmtcall *how, char *buf,
			size_t size);
/* Renders variant v's call of a recorded step (its result, " = ?" for a
 * call that never returns, the decision's note), or the state it
 * recorded; mark as fmtcall.mark. */
size_t format_record(const struct histent *h, int v, size_t strsize,
		     unsigned mark, char *buf, size_t size);
/* A variant's state in words ("at a call", "exited", "interrupted where
 * it ran"), and as the report's JSON names it ("syscall", "exited"). */
const char *format_state_words(const struct variant *v);
const char *format_state_key(enum vstate st);
/* Renders the exec that starts a program as strace's first line:
 * 'execve("/usr/bin/ls", ["ls"], 0x7ffd... /\* 40 vars *\/) = 0'. */
size_t format_exec(const char *exe, char *const argv[], char *const envp[],
		   size_t strsize, char *buf, size_t size);
/* Renders a result: "3", "0x7f..." or "-1 ENOENT (No such file or
 * directory)". */
size_t format_ret(const struct call *c, char *buf, size_t size);
/* Renders bytes as a C string literal, at most max bytes of them, with
 * "..." after the quote when cut. */
size_t format_bytes(const unsigned char *p, size_t len, size_t max, bool cut,
		    char *buf, size_t size);
/* "SIGSEGV", or the number. */
const char *format_signal(int sig, char *buf, size_t size);
/* A variant's state that is not a call, as strace shows it and more:
 * "--- SIGSEGV {si_code=SEGV_MAPERR, si_addr=0x10} at 0x401136
 * (prog+0x1136) ---", "+++ exited with 1 +++", "+++ killed by SIGSEGV
 * (core dumped) +++"; "" for a variant at a call or running. */
size_t format_state(const struct variant *v, char *buf, size_t size);

#endif
