/* Temporary names made from the address layout.
 *
 * glibc's mkstemp and mkdtemp (and gnulib's, as `mktemp` has them) mix
 * a stack address into their random part, and Python names its .pyc
 * temporaries after an object's id, so under ASLR the variants create
 * the same temporary file under names that differ.  mvdb gives every variant variant 0's name, in its own memory
 * too, and remembers the swap so that later calls naming the variant's
 * own name (Python's rename into place) get variant 0's as well.
 */
#ifndef MVDB_TEMPNAMES_H
#define MVDB_TEMPNAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

/* The variants create a temporary file, directory or link (an exclusive
 * create: open with O_CREAT | O_EXCL, mkdir, link, symlink, mknod)
 * under names that differ only in the random part of the last component
 * (glibc mixes the address layout into it): variant d->b gets variant
 * 0's name, in its own memory too, so it goes on using it.  Returns true when it did,
 * with note saying so. */
bool tempname_unify(struct session *s, struct vset *set,
		    const struct divergence *d, char *note, size_t size);
/* Before set's variants are compared: a path of a variant's call that is
 * a temporary name it was given variant 0's for (tempname_unify)
 * becomes variant 0's again. */
void tempname_same(struct session *s, struct vset *set);

/* The same name's other half: some variants draw random bytes again
 * (getrandom) where the others already create the file, because the value
 * they drew from the address layout fell out of range.  Lets those
 * variants draw alone (resumed; they come back at the create).  Returns
 * true when it did. */
bool tempname_retry(struct session *s, struct vset *set,
		    const struct divergence *d);

#endif
