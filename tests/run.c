/* Running real programs from tests: fork, exec, collect, time out. */
#include "run.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void append(char **buf, size_t *len, const char *p, size_t n)
{
	*buf = xrealloc(*buf, *len + n + 1);
	memcpy(*buf + *len, p, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void run_argv(struct run *r, const char *dir, const char *input,
	      int timeout, char *const argv[])
{
	int out[2], err[2], in[2];
	pid_t pid;
	double end = now() + timeout;
	int status, open_fds = 2;

	memset(r, 0, sizeof(*r));
	r->out = xstrdup("");
	r->err = xstrdup("");
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) || pipe2(in, O_CLOEXEC))
		abort();
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		setpgid(0, 0);
		if (dir && chdir(dir) == -1)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	close(in[0]);
	if (input) {
		size_t n = strlen(input);

		if (write(in[1], input, n) != (ssize_t)n)
			abort();
	}
	close(in[1]);
	while (open_fds > 0) {
		struct pollfd p[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };
		int left = (int)((end - now()) * 1000);
		char buf[65536];

		if (left <= 0) {
			r->timedout = true;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			break;
		}
		if (poll(p, 2, left) <= 0)
			continue;
		for (int i = 0; i < 2; i++) {
			ssize_t n;

			if (!(p[i].revents & (POLLIN | POLLHUP)) || p[i].fd < 0)
				continue;
			n = read(p[i].fd, buf, sizeof(buf));
			if (n > 0) {
				if (i == 0)
					append(&r->out, &r->outlen, buf, (size_t)n);
				else
					append(&r->err, &r->errlen, buf, (size_t)n);
			} else {
				close(i == 0 ? out[0] : err[0]);
				if (i == 0)
					out[0] = -1;
				else
					err[0] = -1;
				open_fds--;
			}
		}
	}
	if (out[0] >= 0)
		close(out[0]);
	if (err[0] >= 0)
		close(err[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status)
				      : 128 + WTERMSIG(status);
}

void run_mvdb(struct run *r, const char *first, ...)
{
	const char *argv[64];
	int n = 0;
	va_list ap;

	argv[n++] = mvdb_path();
	va_start(ap, first);
	for (const char *a = first; a && n < 63; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	run_argv(r, NULL, NULL, 120, (char *const *)argv);
}

void run_sh(struct run *r, const char *cmd)
{
	char *const argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };

	run_argv(r, NULL, NULL, 120, argv);
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

const char *mvdb_path(void)
{
	const char *p = getenv("MVDB");

	return p ? p : "./mvdb";
}

const char *tracee(const char *name)
{
	static char buf[4][4096];
	static int next;
	const char *dir = getenv("TRACEES");
	char *b = buf[next++ % 4];

	snprintf(b, 4096, "%s/%s", dir ? dir : "build/tracees", name);
	return b;
}

char *temp_dir(void)
{
	char *t = xstrdup("/tmp/mvdb-test-XXXXXX");

	if (!mkdtemp(t))
		abort();
	return t;
}

void rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
}

char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0;
	char chunk[65536];
	size_t got;

	if (!f)
		return NULL;
	buf = xstrdup("");
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		append(&buf, &n, chunk, got);
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

int count_of(const char *haystack, const char *needle)
{
	int n = 0;

	for (const char *p = strstr(haystack, needle); p;
	     p = strstr(p + 1, needle))
		n++;
	return n;
}

void tmux_reap(const char *prefix)
{
	const char *tmp = getenv("TMUX_TMPDIR");
	char *dir = xasprintf("%s/tmux-%d", tmp && *tmp ? tmp : "/tmp",
			      (int)getuid());
	size_t n = strlen(prefix);
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d))) {
		char *end;
		long pid;

		if (strncmp(e->d_name, prefix, n) != 0)
			continue;
		pid = strtol(e->d_name + n, &end, 10);
		if (*end || pid <= 0 || kill((pid_t)pid, 0) == 0 ||
		    errno != ESRCH)
			continue;
		{
			struct run r;
			char *const argv[] = { "tmux", "-L", e->d_name,
					       "kill-server", NULL };

			run_argv(&r, NULL, NULL, 10, argv);
			run_free(&r);
		}
	}
	if (d)
		closedir(d);
	free(dir);
}
