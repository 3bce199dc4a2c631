/* The demonstrations (mvdb --demo): small programs with narrated
 * command scripts, in one directory: $MVDB_DEMO_DIR, else this build's
 * own when mvdb runs from its build tree, else the installed one. */
#ifndef MVDB_DEMOS_H
#define MVDB_DEMOS_H

#include <stdio.h>

#include "options.h"

/* Prints every demo's name and what it shows, one line each. */
void demo_list(FILE *out);
/* Sets o up to run the demo o->demo names: its program, variant 1's
 * binary when it has one (unless --exe gave another), its script as the
 * first -x file, and a new scratch directory when the program writes
 * files.  Returns 0, or mvdb's exit status after a message on stderr. */
int demo_setup(struct options *o);
/* After the run: removes the files the demo makes, then its scratch
 * directory (left, with a message, when something else is in it), and
 * frees what demo_setup allocated. */
void demo_cleanup(struct options *o);
/* The same removal, with async-signal-safe calls only: for a signal
 * that ends mvdb where demo_cleanup cannot run. */
void demo_remove_now(void);

#endif
