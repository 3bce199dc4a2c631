/* File descriptor tables: each variant's local fds and the platform's.
 *
 * A local fd is one a variant opened itself; its number is below the
 * offset.  A platform fd is held by the monitor; the variants see it as
 * offset + slot (slot: the lowest free), or under a low number the
 * platform owns (the standard streams, or a dup2 of a platform fd onto a
 * low number).  Numbers are the same in every variant of a set, so the
 * platform's map is one per set; local tables are one per variant.
 */
#ifndef MVDB_FDTABLE_H
#define MVDB_FDTABLE_H

#include <stdbool.h>
#include <sys/types.h>

/* An epoll instance's registration of the program's fd: the data each
 * variant gave (often a pointer into its own memory, which differs
 * between variants), handed back to each from epoll_wait.  The
 * monitor's own registration carries fd as its data. */
struct epoll_reg {
	int fd;			/* the program's number it registered */
	int file;		/* the monitor's descriptor of the file
				   watched (its pfile's realfd) */
	int own;		/* a copy of file registered in its place,
				   owned: the kernel keys registrations on
				   (file, descriptor), and another number of
				   the program's for the same file (a dup)
				   holds file already; -1 when none */
	unsigned long long data[8]; /* by variant index (MAX_VARIANTS) */
};

/* A file the platform holds for the variants.  Owned by the platform
 * map; freed when the last number that names it is closed. */
struct pfile {
	int realfd;	/* the monitor's descriptor */
	char *path;	/* as the variants named it, resolved; owned */
	int flags;	/* open flags the variants asked for */
	int refs;	/* numbers that name it */
	bool borrowed;	/* the monitor's own stream: never closed */
	bool waits;	/* calls on it may wait (not a regular file or a
			   directory): they run on a worker */
	bool chardev;	/* a character device: a terminal may be one,
			   a socket or pipe never */
	bool regular;	/* a regular file: writes meet the program's
			   file-size limit */
	bool unix_socket;	/* an AF_UNIX socket: what it sends carries
				   the program's credentials */
	pid_t cred_pid;		/* an AF_UNIX socket: the program's process
				   (variant 0's pid) whose call gave it the
				   credentials a peer sees (socketpair,
				   listen, connect: the kernel saw the
				   monitor's); 0 when none did */
	pid_t peer_pid;		/* and its peer's, as SO_PEERCRED shows it
				   (socketpair, accept, connect to a platform
				   listener); 0 when unknown */
	int owner;	/* the process F_SETOWN named, as the program numbers
			   it; kept, never given to the kernel: SIGIO would
			   reach one variant of the set only */
	struct epoll_reg *regs;	/* an epoll instance's registrations; owned */
	int nregs;		/* how many */
};

/* The platform's numbers for one variant set. */
struct pmap {
	int offset;		/* first slot number (256 by default) */
	int nlow;		/* size of low[] (= offset) */
	struct pfile **low;	/* numbers below the offset it owns, or NULL */
	int nslots;		/* size of slots[] */
	struct pfile **slots;	/* offset + i, or NULL when free */
	bool *low_cloexec;	/* close-on-exec of each low number */
	bool *slot_cloexec;	/* and of each slot: a property of the
				   number, not of the file it names */
};

/* One local fd as the engine tracked it. */
struct lfile {
	bool open;	/* in use */
	int flags;	/* open flags */
	char *path;	/* as opened (resolved when known); owned */
	bool plain;	/* a regular file or directory of a disk file
			   system: reading it waits for nothing and
			   changes nothing outside the variant */
};

/* One variant's local fds. */
struct ltable {
	int size;		/* = offset */
	struct lfile *fds;	/* indexed by number */
	bool fast;		/* the variant's filter lets its plain calls
				   on numbers 3 up to the offset through
				   without a stop (fastread.c) */
};

void pmap_init(struct pmap *pm, int offset);
/* Closes every file the map owns (not borrowed ones) and frees it. */
void pmap_free(struct pmap *pm);
/* The file a number names, or NULL when the platform does not own it. */
struct pfile *pmap_get(const struct pmap *pm, long num);
/* The file of the i-th number the map can hold (low numbers first), for
 * i below nlow + nslots; NULL when it names none.  Files named twice
 * come twice. */
struct pfile *pmap_at(const struct pmap *pm, int i);
/* Binds num to pf (taking a reference), close-on-exec off; num must be
 * free. */
void pmap_bind(struct pmap *pm, long num, struct pfile *pf);
/* Close-on-exec of a number the platform owns. */
void pmap_set_cloexec(struct pmap *pm, long num, bool on);
bool pmap_cloexec(const struct pmap *pm, long num);
/* Sets close-on-exec on every number from lo to hi that pm binds. */
void pmap_cloexec_range(struct pmap *pm, long lo, long hi);
/* The number of the lowest free slot (offset + slot). */
long pmap_free_number(const struct pmap *pm);
/* Unbinds num; closes the file when no number names it any more. */
void pmap_unbind(struct pmap *pm, long num);
/* A new file for realfd (owned by the map from its first bind). */
struct pfile *pfile_new(int realfd, const char *path, int flags,
			bool borrowed);

void ltable_init(struct ltable *lt, int offset);
void ltable_free(struct ltable *lt);
const struct lfile *ltable_get(const struct ltable *lt, long num);

/* What the program did to its descriptors, applied to the tables: the
 * one place that knows how numbers come and go.  A platform map is its
 * set's (all variants); a local table is one variant's. */

/* The platform opened pf for the program: bound to the lowest free
 * slot, close-on-exec as its open flags say.  Returns the number. */
long pmap_did_open(struct pmap *pm, struct pfile *pf, int flags);
/* num became a copy of the platform's pf (dup, dup2, dup3, F_DUPFD):
 * what num named before is let go of first. */
void pmap_did_dup(struct pmap *pm, struct pfile *pf, long num, bool cloexec);
/* A variant opened num itself (open, socket, accept, ...). */
void ltable_did_open(struct ltable *lt, long num, const char *path, int flags);
/* num became a copy of the variant's own from (dup, dup2, dup3,
 * F_DUPFD). */
void ltable_did_dup(struct ltable *lt, long from, long num);
/* Whether variant pid's descriptor num is a plain file (lfile.plain):
 * asked of the kernel once, when it is opened. */
bool ltable_plain(pid_t pid, long num);
/* Sets num's lfile.plain. */
void ltable_did_learn(struct ltable *lt, long num, bool plain);
/* The variant closed num. */
void ltable_did_close(struct ltable *lt, long num);
/* Numbers lo..hi were closed (close, close_range): the platform lets go
 * of those it owns, and each of the n local tables of those below the
 * offset. */
void fdtable_did_close(struct pmap *pm, struct ltable *const *lts, int n,
		       long lo, long hi);
/* A variant exec'd: its close-on-exec numbers go from lt, and from pm
 * when platform is true (once per set, not per variant). */
void fdtable_did_exec(struct pmap *pm, struct ltable *lt, bool platform);
/* A forked child's tables begin as copies of its parent's: the map's
 * files are shared (references taken, nothing dup'd). */
void pmap_did_fork(struct pmap *child, const struct pmap *parent);
void ltable_did_fork(struct ltable *child, const struct ltable *parent);

#endif
