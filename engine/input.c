/* The program's standard streams: the file and the terminal the config
 * names for them, whether the program waits for its input, the front
 * end's own descriptors watched while a run waits, and handing the
 * terminal back to a front end that reads its commands from the
 * program's input. */
#include "session_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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
	/* Reads of these are not the front end's to take back. */
	if (s->cfg.tty || s->cfg.stdin_path)
		s->cfg.shared_stdin = false;
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

/* Whether kind k's content comes back from the call, filled by the
 * bytes it read (read's buffer, readv's iovecs). */
static bool fills_from_fd(enum argkind k)
{
	unsigned char out = argkind_get(k)->out;

	return out == OUT_RESULT || out == OUT_IOV;
}

bool input_read_out(const struct session *s, const struct vset *set)
{
	const struct call *c = &set->v[0].call;
	const struct pfile *pf = NULL;
	bool fills = false;

	if (s->stdin_fd < 0 || set->state != SET_IO || !set->pc ||
	    !set->pc->job.out || !c->sc)
		return false;
	for (int i = 0; i < c->sc->nargs; i++) {
		if (c->sc->args[i].kind == ARG_FD && !pf)
			pf = pmap_get(set->fds, (long)(int)c->args[i]);
		fills |= fills_from_fd(c->sc->args[i].kind);
	}
	return fills && pf && pf->realfd == s->stdin_fd;
}

bool session_waits_input(const struct session *s)
{
	for (int k = 0; k < s->nsets; k++) {
		const struct vset *set = s->sets[k];
		struct pollfd p = { s->stdin_fd, POLLIN, 0 };

		if (!input_read_out(s, set) ||
		    workers_done(s->workers, &set->pc->job))
			continue;
		/* Something to read (or the end: POLLHUP) is the worker's
		 * at once: the program does not wait for a person. */
		if (poll(&p, 1, 0) == 0)
			return true;
	}
	return false;
}

void session_watch(struct session *s, const struct watch *w)
{
	s->watch = *w;
	if (s->watch.nfd < 0 || s->watch.nfd > WATCH_MAX)
		s->watch.nfd = 0;
}

void session_release_input(struct session *s)
{
	if (s->started && !s->ended && s->cfg.shared_stdin)
		events_cut_input(s);
}
