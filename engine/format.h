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
