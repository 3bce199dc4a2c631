/* The file policy: where the call at hand runs.
 *
 * Read-only opens of regular files run in every variant (so mmap of
 * shared libraries works); opens for writing, special files and every
 * call on a platform number run once, in the platform.  See DESIGN.md,
 * "The file policy".
 */
#ifndef MVDB_POLICY_H
#define MVDB_POLICY_H

#include <stdbool.h>

#include "session.h"


/* Large anonymous mappings are aligned to this in every variant. */
#define MMAP_ALIGN 0x10000ul

/* An anonymous mmap with these arguments is placed at an address
 * aligned to the returned value in every variant (its length grown by
 * it first, the result moved up), or 0. */
unsigned long policy_mmap_align(const unsigned long args[]);
/* What getppid answers in set's variants: the parent set's variant 0,
 * or 0 when each variant asks for itself. */
pid_t policy_parent_pid(const struct session *s, const struct vset *set);
/* Decides for the call at hand of set's variants (which agree). */
void policy_decide(struct session *s, struct vset *set, struct decision *d);
/* Whether call nr has a rule of its own in the policy (its hook's). */
bool policy_has_rule(long nr);
/* Just before the call runs: lets go of the numbers it closes. */
void policy_apply(struct session *s, struct vset *set,
		  const struct decision *d);
/* After set's call ran in its variants: updates the fd tables from the
 * results (did_open, did_dup, did_close). */
void policy_finish(struct session *s, struct vset *set);
/* After variant v of set exec'd: descriptors marked close-on-exec go
 * away. */
void policy_exec(struct vset *set, struct variant *v);

/* The variants create a temporary file (an exclusive create) under names
 * that differ only in the random part of the last component (glibc mixes
 * the address layout into it): variant d->b gets variant 0's name, in
 * its own memory too, so it goes on using it.  Returns true when it did,
 * with note saying so. */
bool policy_unify_tempname(struct session *s, struct vset *set,
			   const struct divergence *d, char *note, size_t size);
/* Before set's variants are compared: a path of a variant's call that is
 * a temporary name it was given variant 0's for (policy_unify_tempname)
 * becomes variant 0's again. */
void policy_same_tempnames(struct session *s, struct vset *set);

/* The same name's other half: some variants draw random bytes again
 * (getrandom) where the others already create the file, because the value
 * they drew from the address layout fell out of range.  Lets those
 * variants draw alone (resumed; they come back at the create).  Returns
 * true when it did. */
bool policy_tempname_retry(struct session *s, struct vset *set,
			   const struct divergence *d);

/* Resolves path (argument of the call at hand, relative to dirfd, which
 * may be AT_FDCWD) as variant v sees it into buf: a path the monitor can
 * use (through /proc/PID/cwd or /proc/PID/fd/N), and into show, when not
 * NULL, the path a person would expect. */
void policy_resolve(const struct session *s, const struct variant *v,
		    int dirfd, const char *path, char *buf, size_t size,
		    char *show, size_t showsize);
/* Whether pid is the monitor or one of its threads. */
bool policy_is_monitor(pid_t pid);

#endif
