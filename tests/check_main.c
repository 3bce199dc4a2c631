/* The one runner for every suite.  CK_FORK=no is honoured (Check reads
 * it), so a test can run under gdb or valgrind. */
#include "suites.h"

#include <stdlib.h>

int main(void)
{
	SRunner *sr = srunner_create(syscall_suite());
	int failed;

	srunner_add_suite(sr, units_suite());
	srunner_add_suite(sr, batch_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
