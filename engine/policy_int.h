/* What the policy's files share (policy.c, fdpolicy.c, lookup.c,
 * ownproc.c, tempnames.c):
 * the call at hand, how a decision refuses, and the descriptor rules
 * policy.c dispatches to. */
#ifndef MVDB_POLICY_INT_H
#define MVDB_POLICY_INT_H

#include "policy.h"
#include "session.h"

/* Variant 0's call: the one the variants agreed on. */
const struct call *policy_lead(const struct vset *set);
/* Index of the first argument of c of kind k, or -1. */
int policy_find_arg(const struct call *c, enum argkind k);
/* Whether fd is one of set's platform numbers. */
bool policy_is_platform(const struct vset *set, long fd);
/* Decides that the call fails with err in every variant, and why. */
void policy_fail(struct decision *d, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Routes by the call's fd arguments: any platform number sends the call
 * to the platform; a number at or above the offset that the platform
 * does not hold is EBADF. */
void policy_route_fds(const struct vset *set, struct decision *d);

/* Path calls that look at a file (lookup.c), and what a readlink of a
 * link under /proc that names the caller's own process gave each
 * variant. */
void lookup_decide(struct session *s, struct vset *set, struct decision *d);
void lookup_finish(struct session *s, struct vset *set, struct variant *v);

/* What a read of variant v's number fd under /proc is (ownproc.c):
 * none of these, a file variant 0 reads once for every variant (a
 * process's counts, the system's), or a process's stat (each reads its
 * own, then finishes with ownproc_finish_stat). */
enum ownproc { OWNPROC_NONE, OWNPROC_ONCE, OWNPROC_STAT };
enum ownproc ownproc_kind(const struct session *s, const struct variant *v,
			  long fd);
/* After every variant read its own stat: variant v's becomes variant
 * 0's with v's own addresses. */
void ownproc_finish_stat(struct session *s, struct vset *set,
			 struct variant *v);

/* The open flags of an open-family call (openat2's from its struct),
 * or 0 for another call. */
int fdpolicy_open_flags(const struct call *c);
/* A call whose paths all name shared memory (shm.h): each variant
 * makes it on its own copy.  True when it decided so. */
bool fdpolicy_shm(struct session *s, struct vset *set, struct decision *d);
/* The open family: read-only files each variant's, others the
 * platform's. */
void fdpolicy_open(struct session *s, struct vset *set, struct decision *d);
/* After an open ran in variant v: its new local fd's path. */
/* The own-/proc open of set's call (decision.own_proc): made without
 * creating or truncating, and what each variant opened looked at. */
void fdpolicy_own_proc_enter(struct session *s, struct vset *set);
void fdpolicy_own_proc_done(struct session *s, struct vset *set,
			    struct variant *v);
void fdpolicy_finish_open(struct session *s, struct variant *v);
/* After another call made variant v a local fd. */
void fdpolicy_finish_newfd(struct session *s, struct variant *v);
/* Whether c reads a signalfd of the variant's own (fd table lt). */
bool fdpolicy_reads_signalfd(const struct call *c, const struct ltable *lt);
/* After variant v read its signalfd: senders' ids as variant 0's. */
void fdpolicy_finish_signalfd(struct session *s, struct variant *v);
/* close and close_range: the platform's numbers are let go of. */
void fdpolicy_close(struct session *s, struct vset *set, struct decision *d);
void fdpolicy_close_range(struct session *s, struct vset *set,
			  struct decision *d);
/* dup, dup2, dup3 and F_DUPFD: the number the copy gets. */
void fdpolicy_dup(struct session *s, struct vset *set, struct decision *d);
void fdpolicy_finish_dup(struct session *s, struct vset *set,
			 struct variant *v);
/* fcntl: routed by its fd; F_DUPFD as dup. */
void fdpolicy_fcntl(struct session *s, struct vset *set, struct decision *d);
void fdpolicy_finish_fcntl(struct session *s, struct vset *set,
			   struct variant *v);

#endif
