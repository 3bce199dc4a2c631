/* Sets of system calls named as strace's -e trace= does:
 * "open,read", "%file", "!%memory", numbers, any mix. */
#ifndef MVDB_FILTER_H
#define MVDB_FILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "syscall.h"

#define FILTER_WORDS (SYSCALL_NR_LIMIT / 64)	/* words of a filter */

/* A set of call numbers. */
struct filter {
	uint64_t bits[FILTER_WORDS];	/* bit nr: nr is in the set */
};

/* Parses spec into f.  Returns 0, or -1 with err naming the bad word. */
int filter_parse(const char *spec, struct filter *f, struct error *err);
bool filter_match(const struct filter *f, long nr);
/* Every call in the set. */
void filter_all(struct filter *f);

#endif
