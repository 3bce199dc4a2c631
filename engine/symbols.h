/* Where in the program: symbols, source lines, call stacks and loaded
 * objects of one stopped process, read through elfutils' libdwfl.
 *
 * A struct symbols is a view of one process's memory map at one stop
 * (its modules as /proc/PID/maps lists them); open it at a stop, use it,
 * close it: a later mmap or exec makes it stale.  Unwinding goes through
 * the registers the caller gives and mem_read: no second tracer.
 *
 * The files read are the ones the program mapped executable and their
 * debug information under /usr/lib/debug: the program chose them, so
 * they are parsed (and names demangled) in a helper process of their
 * own, never in the monitor (symread.h).  The helper holds nothing but
 * those files and a socket to the monitor, and a sandbox (seccomp) takes
 * every other call from it: it cannot open, write, signal or trace
 * anything, nor read the variants' memory but through the monitor.
 * What it answers is plain data, checked as it arrives; a helper that
 * dies or stops answering is killed and the view fails, nothing more.
 * The views are built only when a person (or a report) asks for them.
 */
#ifndef MVDB_SYMBOLS_H
#define MVDB_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/user.h>

#include "error.h"

#define SYMBOL_NAME_MAX 256	/* a function's (demangled) name, cut */
#define SYMBOL_PATH_MAX 512	/* an object's or source file's path */
#define FRAMES_MAX 64		/* frames one backtrace unwinds */
#define FRAME_ARGS_MAX 256	/* a frame's arguments as text, cut */

/* A code address as a person reads it. */
struct symbol {
	unsigned long addr;		/* the address asked about */
	char func[SYMBOL_NAME_MAX];	/* its function, demangled; "" unknown */
	char alias[SYMBOL_NAME_MAX];	/* the symbol table's name for it when
					   debug information names it
					   otherwise (write for
					   __GI___libc_write), else "" */
	unsigned long off;		/* addr minus the function's start */
	char object[SYMBOL_PATH_MAX];	/* the file mapped there; "" none */
	unsigned long objoff;		/* addr minus the object's load bias */
	char file[SYMBOL_PATH_MAX];	/* source file, when debug info says */
	int line;			/* its line, or 0 */
};

/* The registers an unwinder recovers, in struct user_regs_struct. */
enum {
	FRAME_REG_COUNT = 17,	/* DWARF x86-64 registers 0..16 */
};

/* One frame of a call stack. */
struct frame {
	unsigned long pc;	/* where it runs (frame 0) or returns to */
	bool activation;	/* pc is where it stopped (frame 0, a signal
				   frame): looked up as is, else pc - 1 */
	struct symbol sym;	/* what is at pc (pc - 1 for a caller) */
	struct user_regs_struct regs;	/* the registers here: those in known
					   recovered, the rest the stop's */
	unsigned int known;	/* bit i: DWARF register i of regs is known */
	char args[FRAME_ARGS_MAX];	/* "fd=1, buf=0x5610..., n=21" as debug
					   information allows ("<optimized
					   out>" where it does not say); ""
					   without it */
};

/* One object loaded in the process. */
struct module {
	char name[SYMBOL_PATH_MAX];	/* its path, or "[vdso]" */
	unsigned long low, high;	/* the addresses it spans */
	bool debuginfo;			/* line information was found */
};

struct symbols;

/* A view of pid's loaded objects, or NULL with err. */
struct symbols *symbols_open(pid_t pid, struct error *err);
void symbols_close(struct symbols *sy);
/* Fills *out for addr; false when no object is mapped there (out still
 * names the address). */
bool symbols_lookup(struct symbols *sy, unsigned long addr,
		    struct symbol *out);
/* "<write+23>" or "" (nothing known), into buf. */
void symbols_short(const struct symbol *sym, char *buf, size_t size);
/* The call stack from regs (the process's registers at the stop): fills
 * up to max frames and returns their count (at least 1: frame 0 comes
 * from regs alone), or -1 with err. */
int symbols_backtrace(struct symbols *sy, const struct user_regs_struct *regs,
		      struct frame *frames, int max, struct error *err);
/* symbols_open, symbols_backtrace and symbols_close in one. */
int symbols_stack(pid_t pid, const struct user_regs_struct *regs,
		  struct frame *frames, int max, struct error *err);
/* What a frame is, as gdb says it, without its address:
 * "main (argc=1, argv=0x7ffd...) at prog.c:20", "write () from
 * /lib/.../libc.so.6"; args: show the arguments (else "..." where
 * there are some). */
void symbols_frame_text(const struct frame *f, bool args, char *buf,
			size_t size);
/* The loaded objects, in address order: returns the count and sets
 * *mods (the caller frees it). */
int symbols_modules(struct symbols *sy, struct module **mods);
/* Reads DWARF register i of a frame into *val; false when the unwinder
 * did not recover it. */
bool symbols_frame_reg(const struct frame *f, int i, unsigned long *val);
/* The DWARF number of a register of struct user_regs_struct by its
 * offset there, or -1 when an unwinder never recovers it. */
int symbols_dwarf_reg(size_t offset);

#endif
