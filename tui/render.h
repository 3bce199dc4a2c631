/* Results as text: what line mode prints, and what the screen reuses
 * for items it shows as lines. */
#ifndef MVDB_RENDER_H
#define MVDB_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "result.h"

/* One item as text (an IT_HEX alone, an IT_ROW unaligned). */
void render_item(const struct item *it, FILE *f);
/* Dumps of several variants (consecutive IT_HEX items), row by row one
 * variant under the other, differing units marked with '*'. */
void render_hex_group(const struct item *items, size_t n, FILE *f);
/* Consecutive IT_ROW items as a table with aligned columns. */
void render_rows(const struct item *items, size_t n, FILE *f);
/* A whole result: runs of rows aligned, runs of dumps grouped. */
void render_result(const struct result *r, FILE *f);
/* The same, with errors to err (line mode: stderr), f flushed first. */
void render_result_split(const struct result *r, FILE *f, FILE *err);

#endif
