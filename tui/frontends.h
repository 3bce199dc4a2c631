/* The interactive front ends; main chooses one.  Each returns mvdb's
 * exit status. */
#ifndef MVDB_FRONTENDS_H
#define MVDB_FRONTENDS_H

#include "options.h"

/* Line mode: readline prompt "(mvdb) " or commands from a pipe; -x/-e
 * first; --batch exits after them (tui/line.c). */
int line_run(const struct options *o);
/* The full-screen ncurses front end (tui/screen.c). */
int screen_run(const struct options *o);

#endif
