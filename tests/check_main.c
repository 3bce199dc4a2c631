/* The one runner for every suite.  CK_FORK=no is honoured (Check reads
 * it), so a test can run under gdb or valgrind; CK_RUN_SUITE picks one. */
#include "suites.h"

#include <stdlib.h>

int main(void)
{
	Suite *(*const more[])(void) = {
		units_suite, batch_suite, files_suite, process_suite,
		commands_suite, sets_suite, line_suite, input_suite,
		layout_suite, screen_suite, platform_suite, network_suite,
		programs_suite, servers_suite,
		signals_suite, stack_suite, expr_suite, values_suite,
		render_suite, demos_suite,
	};
	SRunner *sr = srunner_create(syscall_suite());
	int failed;

	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		srunner_add_suite(sr, more[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
