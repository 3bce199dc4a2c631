/* The platform: calls run once, in the monitor, on the variants' behalf. */
#ifndef MVDB_PLATFORM_H
#define MVDB_PLATFORM_H

#include <stddef.h>

#include "session.h"

/* Runs the call at hand of variant 0 (the variants agree) in the monitor
 * and copies its outputs into every variant.  Returns the result, or
 * -errno; note gets a line when a person should know why. */
long platform_run(struct session *s, char *note, size_t notesize);

#endif
