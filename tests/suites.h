/* Every Check suite of mvdb, one per module; check_main.c runs them. */
#ifndef MVDB_SUITES_H
#define MVDB_SUITES_H

#include <check.h>

Suite *syscall_suite(void);	/* check_syscall.c: the table */
Suite *units_suite(void);	/* check_units.c: engine pure parts */
Suite *batch_suite(void);	/* check_batch.c: batch mode, end to end */
/* Declared weak: each is there once its file is. */
Suite *files_suite(void) __attribute__((weak));	/* check_files.c */
Suite *commands_suite(void) __attribute__((weak)); /* check_commands.c */
Suite *line_suite(void) __attribute__((weak));	/* check_line.c */
Suite *screen_suite(void) __attribute__((weak));	/* check_screen.c */
Suite *process_suite(void) __attribute__((weak)); /* check_process.c */
Suite *sets_suite(void) __attribute__((weak));	/* check_sets.c */

#endif
