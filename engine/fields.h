/* The fields of a struct argument that the kernel reads.
 *
 * Many structs passed to system calls hold bytes the kernel never
 * looks at: padding the compiler leaves between fields, reserved tails
 * (mq_attr's __pad, timex's eleven spare ints), fields a call ignores
 * (mq_open reads only mq_maxmsg and mq_msgsize; adjtimex with no modes
 * reads nothing), and addresses, which differ between variants on
 * purpose (sigevent's sival_ptr, stack_t's ss_sp, clone_args' stack).
 * Callers leave whatever the stack held in those bytes, so comparing
 * them byte for byte diverges falsely.  A struct with a row here is
 * compared by the fields the row names, for the call at hand; one
 * without is compared byte for byte when it holds no address
 * (structs.def) or by a routine of its own in compare.c.
 */
#ifndef MVDB_FIELDS_H
#define MVDB_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

/* One field: where it lies in the struct and how long it is. */
struct field {
	unsigned short at;	/* offset in bytes */
	unsigned short len;	/* size in bytes */
};

/* The fields compared of argument i of call c (a struct), or NULL when
 * its struct has no row; *n is how many.  Where the call's command (or
 * a field, as adjtimex's modes) says what the kernel reads, the row
 * follows c's own copy. */
const struct field *fields_of(const struct call *c, int i, size_t *n);

/* Whether argument i of calls a and b agrees in the fields fields_of
 * names, element by element for an array; when not, *off is the first
 * differing byte.  Only for arguments fields_of has a row for. */
bool fields_equal(const struct call *a, const struct call *b, int i,
		  size_t *off);

#endif
