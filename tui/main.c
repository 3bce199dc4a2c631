/* mvdb: a multi-variant execution debugger.  Chooses the front end:
 * batch (no commands), line mode (scripts, pipes, --line) or the screen. */
#include "batch.h"
#include "demos.h"
#include "frontends.h"
#include "options.h"

#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct options o;
	bool done;
	int r = options_parse(argc, argv, &o, &done);

	if (r || done) {
		demo_cleanup(&o);
		return r;
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	if (o.batch && o.ncommands == 0)
		r = batch_run(&o);
	else if (o.batch || o.line || !isatty(0) || !isatty(1))
		r = line_run(&o);
	else
		r = screen_run(&o);
	demo_cleanup(&o);
	if (o.trace_out && o.trace_out != stderr)
		fclose(o.trace_out);
	return r;
}
