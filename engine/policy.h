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
/* The parent process pid has now, from its /proc stat, or 0. */
pid_t policy_parent_now(pid_t pid);
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


#endif
