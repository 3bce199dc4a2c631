/* --report=FILE: opened at start, so a bad path is said before the
 * program runs; never a wait on a FIFO nobody reads. */
#include "reportfile.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_nowait(const char *path)
{
	return open(path, O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0666);
}

bool reportfile_open(struct reportfile *rf, const char *path)
{
	struct stat st;

	rf->path = path;
	rf->fd = -1;
	rf->fifo = false;
	if (!path)
		return true;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "mvdb: --report: %s is a directory\n", path);
		return false;
	}
	rf->fifo = stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
	rf->fd = open_nowait(path);
	if (rf->fd == -1 && rf->fifo && errno == ENXIO) {
		fprintf(stderr, "mvdb: --report: nothing reads the FIFO %s yet; the report goes there only if something does when the run ends\n",
			path);
		return true;
	}
	if (rf->fd == -1) {
		fprintf(stderr, "mvdb: --report: cannot write %s: %s\n", path,
			strerror(errno));
		return false;
	}
	return true;
}

static void write_all(struct reportfile *rf, const char *text)
{
	size_t len = strlen(text), done = 0;

	while (done < len) {
		ssize_t n = write(rf->fd, text + done, len - done);

		if (n <= 0) {
			fprintf(stderr, "mvdb: cannot write the report to %s: %s\n",
				rf->path,
				n == 0 || errno == EAGAIN ? "its reader does not read"
							  : strerror(errno));
			return;
		}
		done += (size_t)n;
	}
}

void reportfile_finish(struct reportfile *rf, const struct session *s,
		       const struct stop *st)
{
	if (!rf->path)
		return;
	if (rf->fd == -1 && rf->fifo && st && s)
		rf->fd = open_nowait(rf->path);
	if (st && s) {
		char *json = report_json(s, st);

		if (rf->fd == -1)
			fprintf(stderr, "mvdb: --report: nothing reads the FIFO %s: the report was not written\n",
				rf->path);
		else if (!rf->fifo && ftruncate(rf->fd, 0) == -1)
			fprintf(stderr, "mvdb: cannot write the report to %s: %s\n",
				rf->path, strerror(errno));
		else
			write_all(rf, json);
		free(json);
	} else if (!rf->fifo) {
		/* no divergence: no report, not an old one */
		unlink(rf->path);
	}
	if (rf->fd != -1)
		close(rf->fd);
	rf->fd = -1;
	rf->path = NULL;	/* finished once */
}
