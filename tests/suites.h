/* Every Check suite of mvdb, one per module; check_main.c runs them. */
#ifndef MVDB_SUITES_H
#define MVDB_SUITES_H

#include <check.h>

Suite *syscall_suite(void);
Suite *units_suite(void);
Suite *batch_suite(void);

#endif
