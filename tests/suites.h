/* Every Check suite of mvdb, one per module; check_main.c runs them. */
#ifndef MVDB_SUITES_H
#define MVDB_SUITES_H

#include <check.h>

Suite *syscall_suite(void);	/* check_syscall.c: the system call table */
Suite *units_suite(void);	/* check_units.c: engine pure parts */
Suite *batch_suite(void);	/* check_batch.c: batch mode, end to end */
Suite *files_suite(void);	/* check_files.c: the file policy */
Suite *process_suite(void);	/* check_process.c: processes, threads, signals */
Suite *commands_suite(void);	/* check_commands.c: the command language */
Suite *sets_suite(void);	/* check_sets.c: sets in the commands */
Suite *line_suite(void);	/* check_line.c: line mode, end to end */
Suite *input_suite(void);	/* check_input.c: the program's input and terminal */
Suite *layout_suite(void);	/* check_layout.c: the screen's pure parts */
Suite *screen_suite(void);	/* check_screen.c: the screen in tmux */
Suite *platform_suite(void);	/* check_platform.c: the platform, differentially */
Suite *network_suite(void);	/* check_network.c: sockets, differentially */
Suite *servers_suite(void);	/* check_servers.c: real servers and their
				   clients, differentially */
Suite *signals_suite(void);	/* check_signals.c: signals, differentially */
Suite *programs_suite(void);	/* check_programs.c: everyday programs with
				   threads and interpreters, differentially */
Suite *stack_suite(void);	/* check_stack.c: stacks, symbols, x/i */
Suite *expr_suite(void);	/* check_expr.c: the expression evaluator */
Suite *render_suite(void);	/* check_render.c: --trace against strace */
Suite *values_suite(void);	/* check_values.c: expressions, print, display,
				   conditions */
Suite *demos_suite(void);	/* check_demos.c: the demonstrations, end to
				   end */

#endif
