/* Shared memory of the program: one copy per variant.
 *
 * A file under /dev/shm (shm_open, sem_open, Python's multiprocessing)
 * is memory the program's processes share, not output.  Each variant
 * opens its own file, as it does a file it only reads, so that a
 * MAP_SHARED mapping of it works inside the variant: variant 0 under the
 * name the program gives (the one the world sees), variant k > 0 under
 * the same name in a directory of its own, /dev/shm/.mvdb-PID-k, PID
 * being the monitor's.  The processes of one variant share their
 * copy; the variants never share memory with one another.
 */
#ifndef MVDB_SHM_H
#define MVDB_SHM_H

#include <stdbool.h>

#include "session.h"

/* Whether path, as a program passes it, names a shared memory object:
 * an absolute path under /dev/shm/ without "..", outside the variants'
 * own directories. */
bool shm_names(const char *path);
/* Whether path names a directory mvdb keeps a variant's copies in: a
 * program never does (it would reach another variant's memory). */
bool shm_private(const char *path);
/* Before variant v's call runs: its path arguments that name shared
 * memory name its own copy instead (written below its stack's red
 * zone, the argument registers pointed there).  Variant 0 keeps its
 * own.  0, or -1 with errno when v's stack could not take them. */
int shm_redirect(struct variant *v);
/* At v's exit stop: the argument registers shm_redirect changed hold
 * the program's pointers again. */
void shm_restore(struct variant *v);
/* The session ends: the copies of variants 1..n-1 go, and those a
 * killed monitor left behind. */
void shm_cleanup(int n);

#endif
