/* Shared memory of the program, one copy per variant (see shm.h).
 *
 * Why not one object for all: variants that shared a mapping would see
 * each other's stores, so one variant's processes would steer another's
 * (and a lock taken in variant 0 would be held in variant 1).  Why not
 * the platform's: a platform fd is not open in the variants, so they
 * could not map it.  The variant's own name stays in its memory; only
 * the pointer its call passes is changed for the call, so what it reads
 * back of its strings is what it wrote. */
#include "shm.h"
#include "mem.h"
#include "ptrace.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHM_DIR "/dev/shm/"
#define SHM_OWN ".mvdb-"	/* the variants' directories begin so */

bool shm_private(const char *path)
{
	const char *p = path;

	/* /dev/shm//.mvdb-, /dev//shm/./.mvdb- name it as well */
	if (strncmp(p, "/dev", 4) != 0)
		return false;
	for (p += 4; *p == '/'; p++)
		;
	if (strncmp(p, "shm", 3) != 0 || p[3] != '/')
		return false;
	for (p += 3; *p == '/' || (p[0] == '.' && p[1] == '/'); p++)
		;
	return strncmp(p, SHM_OWN, strlen(SHM_OWN)) == 0;
}

bool shm_names(const char *path)
{
	const char *rest = path + strlen(SHM_DIR);

	if (strncmp(path, SHM_DIR, strlen(SHM_DIR)) != 0 || !*rest ||
	    shm_private(path))
		return false;
	/* a ".." would climb out of the variant's directory elsewhere
	 * than out of /dev/shm */
	for (const char *p = rest; (p = strstr(p, "..")); p += 2)
		if ((p == rest || p[-1] == '/') && (p[2] == '/' || !p[2]))
			return false;
	return true;
}

/* The argument i of v's call that names shared memory. */
static bool redirected(const struct variant *v, int i)
{
	const struct call *c = &v->call;
	const struct argval *val = &c->val[i];

	return c->sc->args[i].kind == ARG_PATH && c->args[i] && val->read &&
	       !val->err && !val->cut && val->len &&
	       shm_names((const char *)val->data);
}

/* Variant k's directory, made when first needed (mode 0700: the
 * program's processes run as the monitor's user). */
static void own_dir(int k, char *buf, size_t size)
{
	snprintf(buf, size, SHM_DIR SHM_OWN "%d-%d", (int)getpid(), k);
	if (mkdir(buf, 0700) == -1 && errno != EEXIST)
		return;	/* the call then fails as natively with ENOENT */
}

int shm_redirect(struct variant *v)
{
	const struct call *c = &v->call;
	char names[2][PATH_MAX + 64], dir[64];
	unsigned long at = c->sp - MEM_RED_ZONE;
	int slot[2], n = 0;

	if (v->index == 0 || !c->sc)
		return 0;
	own_dir(v->index, dir, sizeof(dir));
	for (int i = 0; i < c->sc->nargs && n < 2; i++) {
		if (!redirected(v, i))
			continue;
		if ((size_t)snprintf(names[n], sizeof(names[n]), "%s/%s", dir,
				     (const char *)c->val[i].data +
				     strlen(SHM_DIR)) >= sizeof(names[n])) {
			errno = ENAMETOOLONG;
			return -1;
		}
		slot[n++] = i;
	}
	for (int k = 0; k < n; k++) {
		size_t len = strlen(names[k]) + 1;

		at = mem_stack_store(v->pid, at, names[k], len);
		if (!at || pt_set_arg(v->pid, slot[k], at) == -1)
			return -1;
	}
	return 0;
}

void shm_restore(struct variant *v)
{
	const struct call *c = &v->call;

	if (v->index == 0 || !c->sc)
		return;
	for (int i = 0; i < c->sc->nargs; i++)
		if (redirected(v, i))
			pt_set_arg(v->pid, i, c->args[i]);
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* The copies of a monitor that was killed (no session end of its own
 * removed them): its process is gone. */
static void sweep_dead(void)
{
	DIR *d = opendir(SHM_DIR);
	struct dirent *e;
	char dir[PATH_MAX];
	int pid, k;

	while (d && (e = readdir(d))) {
		if (sscanf(e->d_name, SHM_OWN "%d-%d", &pid, &k) != 2 ||
		    pid <= 0 || kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(dir, sizeof(dir), SHM_DIR "%s", e->d_name);
		nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	}
	if (d)
		closedir(d);
}

void shm_cleanup(int n)
{
	char dir[64];

	for (int k = 1; k < n; k++) {
		snprintf(dir, sizeof(dir), SHM_DIR SHM_OWN "%d-%d",
			 (int)getpid(), k);
		if (access(dir, F_OK) == 0)
			nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	}
	sweep_dead();
}
