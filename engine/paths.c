/* Paths as a variant means them, and the monitor kept out of their
 * reach (paths.h). */
#include "paths.h"
#include "session_int.h"

#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

pid_t paths_tgid(const struct session *s, const struct variant *v)
{
	return set_get(s, set_get(s, v->set)->group)->v[v->index].pid;
}

/* The standard streams' names and /dev/fd, which udev makes symlinks
 * into /proc/self: as the path they stand for (into buf), else path
 * itself.  Followed by the monitor, "self" would be the monitor. */
static const char *devfd_alias(const char *path, char *buf, size_t size)
{
	static const char *const streams[] = { "/dev/stdin", "/dev/stdout",
					       "/dev/stderr" };

	for (int i = 0; i < 3; i++)
		if (strcmp(path, streams[i]) == 0) {
			snprintf(buf, size, "/proc/self/fd/%d", i);
			return buf;
		}
	if (strcmp(path, "/dev/fd") == 0 || strncmp(path, "/dev/fd/", 8) == 0) {
		snprintf(buf, size, "/proc/self/fd%s", path + 7);
		return buf;
	}
	return path;
}

pid_t paths_proc_id(const char *path, size_t *len)
{
	long n = 0;
	size_t i = 6;

	if (strncmp(path, "/proc/", 6) != 0 || path[6] < '1' || path[6] > '9')
		return 0;
	for (; path[i] >= '0' && path[i] <= '9' && n < 1 << 22; i++)
		n = n * 10 + (path[i] - '0');
	if (path[i] != '/' || n >= 1 << 22)
		return 0;
	*len = i + 1;
	return (pid_t)n;
}

/* The process of the program whose id (variant 0's, as the program
 * knows it) path names as "/proc/ID/fd/", or NULL; its length there in
 * *len. */
static const struct vset *fd_dir_owner(const struct session *s,
				       const char *path, size_t *len)
{
	size_t at;
	pid_t id = paths_proc_id(path, &at);

	if (!id || strncmp(path + at, "fd/", 3) != 0)
		return NULL;
	for (int k = 0; k < s->nsets; k++) {
		const struct vset *set = s->sets[k];

		if (!set->thread && set->v[0].pid == id &&
		    variant_exists(&set->v[0])) {
			*len = at + 3;
			return set;
		}
	}
	return NULL;
}

/* An absolute path as the variant means it, for the monitor to use:
 * /proc/self and /proc/thread-self name the variant, /dev/fd/N and
 * /proc/self/fd/N its descriptor N (the monitor's real one when N is a
 * platform number).  Returns false when the path needs no change. */
static bool variant_view(const struct session *s, const struct variant *v,
			 const char *path, char *buf, size_t size)
{
	pid_t tgid = paths_tgid(s, v);
	const struct vset *owner = set_get(s, v->set);
	char own[32], alias[PATH_MAX];
	const char *rest = NULL;
	int fd, used = 0;
	size_t n;

	path = devfd_alias(path, alias, sizeof(alias));
	snprintf(own, sizeof(own), "/proc/%d", (int)tgid);
	if (strncmp(path, "/proc/self/fd/", 14) == 0)
		rest = path + 14;
	else if (strncmp(path, own, strlen(own)) == 0 &&
		 strncmp(path + strlen(own), "/fd/", 4) == 0)
		rest = path + strlen(own) + 4;
	else if ((owner = fd_dir_owner(s, path, &n))) {
		/* another process of the program's, by the id the
		 * program knows (a child at its parent's: /proc/$PPID/fd):
		 * its numbers, the platform's among them */
		rest = path + n;
		tgid = owner->v[v->index].pid;
	} else
		owner = set_get(s, v->set);
	if (rest && sscanf(rest, "%d%n", &fd, &used) == 1 &&
	    (rest[used] == '\0' || rest[used] == '/')) {
		const struct pfile *pf = pmap_get(owner->fds, fd);

		/* Only the link itself leads to the platform's object: a
		 * path through it (/dev/fd/N/..) would walk the monitor's
		 * own /proc. */
		if (pf && rest[used] == '\0')
			snprintf(buf, size, "/proc/self/fd/%d%s", pf->realfd,
				 rest + used);
		else
			snprintf(buf, size, "/proc/%d/fd/%d%s", (int)tgid, fd,
				 rest + used);
		return true;
	}
	if (strncmp(path, "/proc/self", 10) == 0 &&
	    (path[10] == '\0' || path[10] == '/')) {
		snprintf(buf, size, "/proc/%d%s", (int)tgid, path + 10);
		return true;
	}
	if (strncmp(path, "/proc/thread-self", 17) == 0 &&
	    (path[17] == '\0' || path[17] == '/')) {
		snprintf(buf, size, "/proc/%d/task/%d%s", (int)tgid,
			 (int)v->pid, path + 17);
		return true;
	}
	return false;
}

void paths_resolve(const struct session *s, const struct variant *v,
		    int dirfd, const char *path, char *buf, size_t size,
		    char *show, size_t showsize)
{
	const struct pfile *pf;
	char link[64], base[PATH_MAX];
	ssize_t n;

	if (path[0] == '/') {
		if (!variant_view(s, v, path, buf, size))
			snprintf(buf, size, "%s", path);
		if (show)
			snprintf(show, showsize, "%s", path);
		return;
	}
	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)v->pid);
	else if ((pf = pmap_get(session_set(s, v->set)->fds, dirfd)))
		snprintf(link, sizeof(link), "/proc/self/fd/%d", pf->realfd);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)v->pid,
			 dirfd);
	snprintf(buf, size, "%s/%s", link, path);
	if (!show)
		return;
	n = readlink(link, base, sizeof(base) - 1);
	if (n < 0) {
		snprintf(show, showsize, "%s", path);
		return;
	}
	base[n] = '\0';
	snprintf(show, showsize, "%s%s%s", base,
		 strcmp(base, "/") ? "/" : "", path);
}

bool paths_is_monitor(pid_t pid)
{
	char task[64];

	if (pid <= 0)
		return false;
	snprintf(task, sizeof(task), "/proc/self/task/%d", (int)pid);
	return pid == getpid() || access(task, F_OK) == 0;
}

bool paths_names_monitor(const char *path)
{
	int pid;

	return strncmp(path, "/proc/", 6) == 0 &&
	       sscanf(path + 6, "%d", &pid) == 1 && paths_is_monitor(pid);
}

bool paths_fd_is_monitor(int fd)
{
	struct statfs fs;
	char link[64], target[PATH_MAX];
	ssize_t n;

	if (fstatfs(fd, &fs) == -1 || fs.f_type != PROC_SUPER_MAGIC)
		return false;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return true;	/* a /proc file mvdb cannot name: refuse */
	target[n] = '\0';
	return paths_names_monitor(target);
}

/* Whether an open of path from dirfd, as variant v resolves it
 * (symlinks and relative paths included), reaches the monitor's own
 * /proc entry: the monitor opens it O_PATH through the variant's root,
 * cwd or descriptor and asks the kernel where it landed.  A leading
 * /proc/self or /proc/thread-self is the variant's; one met later (a
 * symlink to it, "self" from a cwd of /proc) resolves to the monitor
 * here, so such an open of the variant's own entry is refused too:
 * wrongly refusing that rare open is the safe side. */
bool paths_reach_monitor(const struct session *s, const struct vset *set,
			 const struct variant *v, long dirfd, const char *path)
{
	char where[PATH_MAX + 64], alias[PATH_MAX];
	const struct pfile *pf;
	bool hit;
	int fd;

	path = devfd_alias(path, alias, sizeof(alias));
	pf = path[0] != '/' && (int)dirfd != AT_FDCWD ?
	     pmap_get(set->fds, (int)dirfd) : NULL;
	if (strncmp(path, "/proc/self/", 11) == 0 || strcmp(path, "/proc/self") == 0)
		snprintf(where, sizeof(where), "/proc/%d/root/proc/%d%s",
			 (int)v->pid, (int)v->pid, path + 10);
	else if (strncmp(path, "/proc/thread-self", 17) == 0 &&
		 (path[17] == '/' || path[17] == '\0'))
		snprintf(where, sizeof(where), "/proc/%d/root/proc/%d/task/%d%s",
			 (int)v->pid, (int)paths_tgid(s, v), (int)v->pid, path + 17);
	else if (path[0] == '/')
		snprintf(where, sizeof(where), "/proc/%d/root%s", (int)v->pid,
			 path);
	else if ((int)dirfd == AT_FDCWD)
		snprintf(where, sizeof(where), "/proc/%d/cwd/%s", (int)v->pid,
			 path);
	else if (pf)
		snprintf(where, sizeof(where), "/proc/self/fd/%d/%s", pf->realfd,
			 path);
	else
		snprintf(where, sizeof(where), "/proc/%d/fd/%d/%s", (int)v->pid,
			 (int)dirfd, path);
	fd = open(where, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return false;
	hit = paths_fd_is_monitor(fd);
	close(fd);
	return hit;
}

/* Where path (n bytes and a NUL) names a thread's entry as
 * "/proc/self/task/T" or "/proc/P/task/T": T's digits at *at, *len
 * long. */
static bool task_digits(const char *path, size_t n, size_t *at, size_t *len)
{
	size_t i = 0;

	if (n > 16 && memcmp(path, "/proc/self/task/", 16) == 0)
		i = 16;
	else if (paths_proc_id(path, &i) && n - i > 5 &&
		 memcmp(path + i, "task/", 5) == 0)
		i += 5;
	else
		return false;
	*at = i;
	while (i < n && path[i] >= '0' && path[i] <= '9')
		i++;
	*len = i - *at;
	return *len > 0 && *len < 12 && (i == n || path[i] == '/');
}

void paths_tasks_as_variant_0(const struct session *s, struct variant *v)
{
	struct call *c = &v->call;

	if (v->state != VS_SYSCALL || !c->sc)
		return;
	for (int k = 0; k < c->sc->nargs; k++) {
		struct argval *val = &c->val[k];
		char digits[16], *path = (char *)val->data;
		size_t at, len, m;
		pid_t t, t0;

		if (c->sc->args[k].kind != ARG_PATH || !val->read || val->err ||
		    val->cut || !task_digits(path, val->len, &at, &len))
			continue;
		memcpy(digits, path + at, len);
		digits[len] = '\0';
		t = (pid_t)atoi(digits);
		t0 = events_v0_pid(s, t);
		if (t0 == t)
			continue;	/* no thread of the program's */
		m = (size_t)snprintf(digits, sizeof(digits), "%d", (int)t0);
		if (val->len - len + m + 1 > val->cap) {
			val->cap = val->len - len + m + 1;
			val->data = xrealloc(val->data, val->cap);
			path = (char *)val->data;
		}
		/* the rest and its NUL: paths are read as strings too */
		memmove(path + at + m, path + at + len, val->len - at - len + 1);
		memcpy(path + at, digits, m);
		val->len = val->len - len + m;
	}
}
