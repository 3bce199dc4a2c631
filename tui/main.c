/* mvdb: a multi-variant execution debugger. */
#include "batch.h"
#include "options.h"

#include <stdio.h>

int main(int argc, char **argv)
{
	struct options o;
	bool done;
	int r = options_parse(argc, argv, &o, &done);

	if (r || done)
		return r;
	setvbuf(stderr, NULL, _IOLBF, 0);
	return batch_run(&o);
}
