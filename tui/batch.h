/* Batch mode: run to the end or the first divergence, then exit. */
#ifndef MVDB_BATCH_H
#define MVDB_BATCH_H

#include "options.h"

/* Runs the program as o says; returns mvdb's exit status. */
int batch_run(const struct options *o);
/* The exit status for an error from the engine. */
int batch_exit_for(const struct error *err);

#endif
