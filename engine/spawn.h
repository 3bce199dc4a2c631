/* Starting variants. */
#ifndef MVDB_SPAWN_H
#define MVDB_SPAWN_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "error.h"

/* How to start one variant. */
struct spawnreq {
	int index;		/* variant number, for messages */
	const char *exe;	/* resolved path of the binary */
	char **argv;		/* its arguments (argv[0] included) */
	int fd_offset;		/* its RLIMIT_NOFILE: local fds stay below */
	int no_aslr;		/* start without address randomisation */
	bool fast_reads;	/* its filter lets plain calls through
				   (fastread.c) */
	pid_t monitor;		/* the monitor's pid (the child checks it) */
	const sigset_t *mask;	/* the signal mask mvdb was started with */
	const struct sigaction *sigpipe; /* and SIGPIPE's disposition (the
					   monitor ignores it) */
	const sigset_t *ignored; /* signals ignored when mvdb started (the
				   front end may catch them since) */
	unsigned closed;	/* bit i: standard stream i starts closed */
	bool new_session;	/* lead a session of its own (setsid), as a
				   program started on a terminal of its own
				   does; else only a process group */
	int ctty;		/* the monitor's descriptor of a terminal the
				   variant takes as its controlling terminal
				   (when no session has it), or -1 */
};

/* The path of prog as exec would find it (PATH search), newly allocated,
 * or NULL with err (ERR_NOTFOUND, ERR_NOEXEC). */
char *spawn_find(const char *prog, struct error *err);
/* Forks, traces and execs one variant; returns its pid stopped at the
 * exec event, or -1 with err (an exec failure is an error, never a
 * divergence). */
pid_t spawn_variant(const struct spawnreq *req, struct error *err);

#endif
