/* Plain calls without a stop (batch runs): see fastread.c. */
#ifndef MVDB_FASTREAD_H
#define MVDB_FASTREAD_H

#include <linux/filter.h>

/* Room the base filter's part takes (fastread_base). */
#define FASTREAD_INSNS 20

/* Writes into out (FASTREAD_INSNS long), after the filter's load of the
 * call's number, the part of a variant's filter that lets its plain
 * calls on numbers 3 up to offset through without a stop and traces
 * every other call; returns how many it wrote.  Safe in a forked
 * child. */
int fastread_base(struct sock_filter *out, int offset);

#endif
