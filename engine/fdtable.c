/* File descriptor tables: the platform's map and the variants' own. */
#include "fdtable.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

void pmap_init(struct pmap *pm, int offset)
{
	pm->offset = offset;
	pm->nlow = offset;
	pm->low = XCNEWVEC(struct pfile *, offset);
	pm->low_cloexec = XCNEWVEC(bool, offset);
	pm->nslots = 16;
	pm->slots = XCNEWVEC(struct pfile *, pm->nslots);
	pm->slot_cloexec = XCNEWVEC(bool, pm->nslots);
}

static void pfile_put(struct pfile *pf)
{
	if (--pf->refs > 0)
		return;
	if (!pf->borrowed)
		close(pf->realfd);
	for (int i = 0; i < pf->nregs; i++)
		if (pf->regs[i].own >= 0)
			close(pf->regs[i].own);
	free(pf->path);
	free(pf->regs);
	free(pf);
}

void pmap_free(struct pmap *pm)
{
	for (int i = 0; i < pm->nlow; i++)
		if (pm->low[i])
			pfile_put(pm->low[i]);
	for (int i = 0; i < pm->nslots; i++)
		if (pm->slots[i])
			pfile_put(pm->slots[i]);
	free(pm->low);
	free(pm->slots);
	free(pm->low_cloexec);
	free(pm->slot_cloexec);
	memset(pm, 0, sizeof(*pm));
}

struct pfile *pmap_get(const struct pmap *pm, long num)
{
	if (num < 0)
		return NULL;
	if (num < pm->nlow)
		return pm->low[num];
	num -= pm->offset;
	return num < pm->nslots ? pm->slots[num] : NULL;
}

struct pfile *pmap_at(const struct pmap *pm, int i)
{
	return i < pm->nlow ? pm->low[i] : pm->slots[i - pm->nlow];
}

void pmap_bind(struct pmap *pm, long num, struct pfile *pf)
{
	pf->refs++;
	if (num < pm->nlow) {
		pm->low[num] = pf;
		pm->low_cloexec[num] = false;
		return;
	}
	num -= pm->offset;
	if (num >= pm->nslots) {
		int n = pm->nslots;

		while (num >= pm->nslots)
			pm->nslots *= 2;
		pm->slots = XRESIZEVEC(struct pfile *, pm->slots, pm->nslots);
		memset(pm->slots + n, 0, (pm->nslots - n) * sizeof(*pm->slots));
		pm->slot_cloexec = XRESIZEVEC(bool, pm->slot_cloexec, pm->nslots);
		memset(pm->slot_cloexec + n, 0,
		       (pm->nslots - n) * sizeof(*pm->slot_cloexec));
	}
	pm->slots[num] = pf;
	pm->slot_cloexec[num] = false;
}

void pmap_set_cloexec(struct pmap *pm, long num, bool on)
{
	if (!pmap_get(pm, num))
		return;
	if (num < pm->nlow)
		pm->low_cloexec[num] = on;
	else
		pm->slot_cloexec[num - pm->offset] = on;
}

bool pmap_cloexec(const struct pmap *pm, long num)
{
	if (!pmap_get(pm, num))
		return false;
	return num < pm->nlow ? pm->low_cloexec[num]
			      : pm->slot_cloexec[num - pm->offset];
}

void pmap_cloexec_range(struct pmap *pm, long lo, long hi)
{
	for (int i = 0; i < pm->nlow + pm->nslots; i++) {
		long num = i < pm->nlow ? i : pm->offset + (i - pm->nlow);

		if (num >= lo && num <= hi && pmap_at(pm, i))
			pmap_set_cloexec(pm, num, true);
	}
}

long pmap_free_number(const struct pmap *pm)
{
	int i = 0;

	while (i < pm->nslots && pm->slots[i])
		i++;
	return pm->offset + i;
}

/* The epoll instances of pm let go of their copies of realfd, a file
 * closing: natively its registrations go with the file, and a copy
 * would keep it open (a peer would never see the end). */
static void pmap_unwatch(struct pmap *pm, int realfd)
{
	for (int i = 0; i < pm->nlow + pm->nslots; i++) {
		struct pfile *ep = pmap_at(pm, i);

		for (int k = 0; ep && k < ep->nregs; k++)
			if (ep->regs[k].file == realfd && ep->regs[k].own >= 0) {
				close(ep->regs[k].own);
				ep->regs[k].own = -1;
			}
	}
}

void pmap_unbind(struct pmap *pm, long num)
{
	struct pfile *pf = pmap_get(pm, num);

	if (!pf)
		return;
	if (pf->refs == 1 && !pf->borrowed)
		pmap_unwatch(pm, pf->realfd);
	if (num < pm->nlow)
		pm->low[num] = NULL;
	else
		pm->slots[num - pm->offset] = NULL;
	pfile_put(pf);
}

struct pfile *pfile_new(int realfd, const char *path, int flags,
			bool borrowed)
{
	struct pfile *pf = XCNEW(struct pfile);
	struct stat st;
	bool known = fstat(realfd, &st) == 0;

	pf->realfd = realfd;
	pf->path = xstrdup(path);
	pf->flags = flags;
	pf->borrowed = borrowed;
	/* Regular files, directories and the memory devices (/dev/null,
	 * zero, full, urandom: major 1) answer at once; anything else may
	 * wait for a peer; of those, terminals are character devices. */
	pf->waits = !known ||
		    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) ||
		      (S_ISCHR(st.st_mode) && major(st.st_rdev) == 1));
	pf->chardev = pf->waits && (!known || S_ISCHR(st.st_mode));
	pf->regular = known && S_ISREG(st.st_mode);
	if (known && S_ISSOCK(st.st_mode)) {
		int family = 0;
		socklen_t fl = sizeof(family);

		pf->unix_socket = getsockopt(realfd, SOL_SOCKET, SO_DOMAIN,
					     &family, &fl) == 0 &&
				  family == AF_UNIX;
	}
	return pf;
}

void pmap_did_fork(struct pmap *dst, const struct pmap *src)
{
	pmap_init(dst, src->offset);
	for (int i = 0; i < src->nlow; i++)
		if (src->low[i]) {
			pmap_bind(dst, i, src->low[i]);
			dst->low_cloexec[i] = src->low_cloexec[i];
		}
	for (int i = 0; i < src->nslots; i++)
		if (src->slots[i]) {
			pmap_bind(dst, src->offset + i, src->slots[i]);
			dst->slot_cloexec[i] = src->slot_cloexec[i];
		}
}

void ltable_init(struct ltable *lt, int offset)
{
	*lt = (struct ltable){ .size = offset,
			       .fds = XCNEWVEC(struct lfile, offset) };
}

void ltable_free(struct ltable *lt)
{
	for (int i = 0; i < lt->size; i++)
		free(lt->fds[i].path);
	free(lt->fds);
	memset(lt, 0, sizeof(*lt));
}

void ltable_did_open(struct ltable *lt, long num, const char *path, int flags)
{
	if (num < 0 || num >= lt->size)
		return;
	free(lt->fds[num].path);
	lt->fds[num] = (struct lfile){
		.open = true, .flags = flags, .path = xstrdup(path ? path : "")
	};
}

bool ltable_plain(pid_t pid, long num)
{
	char link[64];
	struct statfs fs;
	struct stat st;

	snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)pid, num);
	if (stat(link, &st) == -1 || statfs(link, &fs) == -1 ||
	    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
		return false;
	/* the kernel's own files answer for the caller (/proc/self) or
	 * change under it */
	switch (fs.f_type) {
	case PROC_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case DEBUGFS_MAGIC:
	case TRACEFS_MAGIC:
	case SECURITYFS_MAGIC:
	case BPF_FS_MAGIC:
		return false;
	default:
		return true;
	}
}

void ltable_did_learn(struct ltable *lt, long num, bool plain)
{
	if (num >= 0 && num < lt->size && lt->fds[num].open)
		lt->fds[num].plain = plain;
}

void ltable_did_close(struct ltable *lt, long num)
{
	if (num < 0 || num >= lt->size)
		return;
	free(lt->fds[num].path);
	lt->fds[num] = (struct lfile){ 0 };
}

void ltable_did_dup(struct ltable *lt, long from, long num)
{
	const struct lfile *src = ltable_get(lt, from);

	if (num < 0 || num >= lt->size || from == num)
		return;
	ltable_did_open(lt, num, src ? src->path : NULL, src ? src->flags : 0);
	ltable_did_learn(lt, num, src && src->plain);
}

const struct lfile *ltable_get(const struct ltable *lt, long num)
{
	if (num < 0 || num >= lt->size || !lt->fds[num].open)
		return NULL;
	return &lt->fds[num];
}

long pmap_did_open(struct pmap *pm, struct pfile *pf, int flags)
{
	long num = pmap_free_number(pm);

	pmap_bind(pm, num, pf);
	pmap_set_cloexec(pm, num, flags & O_CLOEXEC);
	return num;
}

void pmap_did_dup(struct pmap *pm, struct pfile *pf, long num, bool cloexec)
{
	pf->refs++;	/* held while num lets go: it may name pf itself */
	pmap_unbind(pm, num);
	pmap_bind(pm, num, pf);
	pmap_set_cloexec(pm, num, cloexec);
	pfile_put(pf);
}

void fdtable_did_close(struct pmap *pm, struct ltable *const *lts, int n,
		       long lo, long hi)
{
	if (hi >= pm->offset + pm->nslots)
		hi = pm->offset + pm->nslots - 1;
	for (long fd = lo; fd <= hi; fd++) {
		pmap_unbind(pm, fd);
		for (int i = 0; i < n && fd < pm->offset; i++)
			ltable_did_close(lts[i], fd);
	}
}

void fdtable_did_exec(struct pmap *pm, struct ltable *lt, bool platform)
{
	for (int fd = 0; fd < lt->size; fd++) {
		const struct lfile *lf = ltable_get(lt, fd);

		if (lf && (lf->flags & O_CLOEXEC))
			ltable_did_close(lt, fd);
	}
	if (!platform)
		return;
	for (long fd = 0; fd < pm->offset + pm->nslots; fd++)
		if (pmap_cloexec(pm, fd))
			pmap_unbind(pm, fd);
}

void ltable_did_fork(struct ltable *child, const struct ltable *parent)
{
	ltable_init(child, parent->size);
	child->fast = parent->fast;	/* the filters go with it */
	for (int fd = 0; fd < parent->size; fd++) {
		const struct lfile *lf = ltable_get(parent, fd);

		if (!lf)
			continue;
		ltable_did_open(child, fd, lf->path, lf->flags);
		ltable_did_learn(child, fd, lf->plain);
	}
}
