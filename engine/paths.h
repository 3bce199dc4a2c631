/* Paths as a variant means them, and the monitor kept out of their
 * reach.
 *
 * A variant's paths are resolved in its own context: relative ones
 * against its cwd or descriptor, /proc/self and /proc/thread-self as
 * its own entries, /dev/fd/N and /proc/self/fd/N as its descriptor N
 * (the platform's real one for a platform number).  Any path or
 * descriptor that ends at the monitor's own /proc entry is refused by
 * the policy: through it a variant could read or write the monitor's
 * memory.
 */
#ifndef MVDB_PATHS_H
#define MVDB_PATHS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "session.h"

/* The process id of the thread group variant v belongs to. */
pid_t paths_tgid(const struct session *s, const struct variant *v);

/* Resolves path (argument of the call at hand, relative to dirfd, which
 * may be AT_FDCWD) as variant v sees it into buf: a path the monitor can
 * use (through /proc/PID/cwd or /proc/PID/fd/N), and into show, when not
 * NULL, the path a person would expect. */
void paths_resolve(const struct session *s, const struct variant *v,
		   int dirfd, const char *path, char *buf, size_t size,
		   char *show, size_t showsize);

/* The id N of a path "/proc/N/...", read as the kernel reads it (no
 * sign, no leading zero or space), and the length of "/proc/N/" in
 * *len; 0 when path names no id so. */
pid_t paths_proc_id(const char *path, size_t *len);

/* Whether pid is the monitor or one of its threads. */
bool paths_is_monitor(pid_t pid);
/* Whether path is absolute and under /proc/<the monitor or one of its
 * threads>. */
bool paths_names_monitor(const char *path);
/* Whether the monitor's descriptor fd is a /proc file of the monitor's
 * own (or one of /proc it cannot name). */
bool paths_fd_is_monitor(int fd);
/* Whether an open of path from dirfd by variant v of set would reach
 * the monitor's own /proc entry. */
bool paths_reach_monitor(const struct session *s, const struct vset *set,
			 const struct variant *v, long dirfd, const char *path);

/* Before variant v's call is compared: a path naming one of its own
 * threads by its id ("/proc/self/task/T/comm", as glibc's
 * pthread_setname_np writes another thread's name: T is the id the
 * kernel gave the variant's thread) names it by variant 0's
 * counterpart's, as gettid does, in the copy mvdb compares and shows.
 * The variant's own memory keeps its own, which its call uses. */
void paths_tasks_as_variant_0(const struct session *s, struct variant *v);

#endif
