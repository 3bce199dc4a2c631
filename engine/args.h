/* Reading the contents of a call's arguments from a variant's memory. */
#ifndef MVDB_ARGS_H
#define MVDB_ARGS_H

#include "session.h"

#define ARG_READ_MAX (16u << 20)	/* bytes of one buffer compared */
#define IOV_MAX_READ 1024		/* iovec entries read */

/* Reads every argument of c that has content (strings, input buffers,
 * input structs, iovecs, argv) from pid.  Read errors are kept in each
 * argval (err) rather than failing: a bad pointer is the program's. */
void args_fetch(pid_t pid, struct call *c);
/* The length a call gives for argument i (0 when it has none). */
unsigned long args_len(const struct call *c, int i);
/* Frees the buffers of c's argvals. */
void args_free(struct call *c);
/* Makes room for n bytes in v. */
void argval_reserve(struct argval *v, size_t n);

#endif
