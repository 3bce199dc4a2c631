/* The reader of symbols: libdwfl over the code one process mapped.  It
 * parses files and debug information the program chose, so it runs only
 * inside the sandboxed helper process that symbols.c starts, never in
 * the monitor; the helper's memory reads go back to the monitor.
 *
 * In the helper, in this order: symread_prepare reads the process's
 * maps and opens what may be read (before the sandbox closes every other
 * way out), then symread_open builds the view, then lookups, backtraces
 * and module lists, each answered into plain structs (symbols.h). */
#ifndef MVDB_SYMREAD_H
#define MVDB_SYMREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <elfutils/libdwfl.h>

#include "error.h"
#include "symbols.h"

/* Reads len bytes of the process at addr into buf: true when all were
 * read.  The helper asks the monitor (symbols.c). */
typedef bool (*symread_mem)(void *ctx, unsigned long addr, void *buf,
			    size_t len);

/* A view of one process (symread.c builds it, symstack.c unwinds
 * with it). */
struct symread {
	Dwfl *dwfl;	/* its modules (and, once unwinding, its state) */
	symread_mem mem;	/* reads the process's memory */
	void *ctx;		/* for mem */
	bool attached;	/* dwfl_attach_state ran */
	const struct user_regs_struct *regs;	/* frame 0's, while unwinding */
	bool listed;	/* next_thread gave the one thread */
};


/* Opens what the view of pid will read: its maps, keeping only the files
 * mapped executable (the program and what the loader mapped; never a
 * file mapped as data, nor the vDSO, which a variant can write), each
 * such file, and /usr/lib/debug.  False with err when the maps cannot be
 * read.  Once per process: the helper serves one view. */
bool symread_prepare(pid_t pid, struct error *err);
/* The process symread_prepare prepared for. */
pid_t symread_pid(void);
/* The descriptor of /usr/lib/debug that debug information is opened
 * under (the sandbox lets only opens there through), or -1. */
int symread_debug_dir(void);
/* The view prepared; memory is read through mem.  NULL with err. */
struct symread *symread_open(symread_mem mem, void *ctx, struct error *err);
void symread_close(struct symread *r);
bool symread_lookup(struct symread *r, unsigned long addr, struct symbol *out);
int symread_backtrace(struct symread *r, const struct user_regs_struct *regs,
		      struct frame *frames, int max, struct error *err);
int symread_modules(struct symread *r, struct module **mods);

/* Shuts the calling process in: from then on it may read, map (never
 * executable) and close what it has, talk over its descriptors, and
 * open read-only without waiting under debug_dir; every other call
 * fails with EPERM.  0, or -1 with errno.  (symbols.c) */
int symbols_sandbox(int debug_dir);

/* The flags every open under symread_debug_dir uses (the sandbox allows
 * those and no others). */
#define SYMREAD_OPEN_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)

#endif
