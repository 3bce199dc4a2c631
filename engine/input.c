/* The program's standard streams: the file and the terminal the config
 * names for them. */
#include "session_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

int input_open_streams(struct session *s, struct error *err)
{
	int fd;

	if (s->cfg.tty) {
		fd = open(s->cfg.tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fd == -1)
			return error_set(err, ERR_USAGE,
					 "cannot open the program's terminal %s: %s",
					 s->cfg.tty, strerror(errno));
		s->opened[1] = fd;
		s->cfg.stdio[0] = s->cfg.stdio[1] = s->cfg.stdio[2] = fd;
	}
	if (s->cfg.stdin_path) {
		struct stat st;

		fd = open(s->cfg.stdin_path, O_RDONLY | O_CLOEXEC);
		if (fd == -1)
			return error_set(err, ERR_USAGE,
					 "cannot read the program's input %s: %s",
					 s->cfg.stdin_path, strerror(errno));
		s->opened[0] = fd;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
			return error_set(err, ERR_USAGE,
					 "cannot read the program's input %s: %s",
					 s->cfg.stdin_path, strerror(EISDIR));
		s->cfg.stdio[0] = fd;
	}
	return 0;
}

bool input_has_ctty(pid_t pid, int fd)
{
	char path[64], buf[512], *p;
	unsigned int tty_nr;
	struct stat st;
	ssize_t n;
	int f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f == -1)
		return false;
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0 || fstat(fd, &st) == -1)
		return false;
	buf[n] = '\0';
	/* after the command's name: state, ppid, pgrp, session, tty_nr */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %u", &tty_nr) != 1)
		return false;
	return ((tty_nr >> 8) & 0xfff) == major(st.st_rdev) &&
	       ((tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00)) == minor(st.st_rdev);
}
