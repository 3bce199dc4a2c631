/* What a variant reads about its own process, or another of the
 * program's, under /proc.  getpid gives
 * every variant variant 0's ids, but the files that describe a process
 * gave each variant its own: `cat /proc/self/status` diverged at its
 * write, on the pids and then on every size and count.
 *
 * The files of counts (status, statm, io, sched, schedstat: ids, sizes,
 * times, switches) are read by variant 0 for every variant, as its
 * getrusage is (ROUTE_LEADER).  stat holds counts too, and addresses
 * (fields 26 to 30 and 45 to 51: the text, the stack, the heap, the
 * arguments) that are each variant's own and that programs use: the
 * JVM and Boehm's collector find their stack through field 28.  So
 * every variant reads its own stat, and the text each variant after
 * the first got is rebuilt as variant 0's with its own addresses.  A
 * read of part of the line stays each variant's own: where it was cut
 * could fall inside a field.
 *
 * The rest of /proc that moves while the variants read it one after
 * the other (the system's counts, other processes', the network's:
 * vmstat diverged 4 runs in 5) is read once, by variant 0, too.
 *
 * What a descriptor is comes from the kernel (/proc/PID/fd/N), not
 * from the path the program gave: /proc/self/status, /proc/PID/status
 * and a path through a symlink all end there. */
#include "policy_int.h"
#include "args.h"
#include "mem.h"
#include "paths.h"
#include "ptrace.h"
#include "session_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define STAT_FIELDS 52	/* fields of /proc/PID/stat, pid first */
#define STAT_MAX 1024	/* room for a stat line */

/* Whether field k (from 1) of stat is an address of the process's. */
static bool stat_address(int k)
{
	return (k >= 26 && k <= 30) || (k >= 45 && k <= 51);
}

enum ownproc ownproc_kind(const struct session *s, const struct variant *v,
			  long fd)
{
	static const char *const counts[] = {
		"status", "statm", "io", "sched", "schedstat",
	};
	const struct lfile *lf = ltable_get(v->lt, fd);
	char link[64], target[128];
	const char *name;
	int id, at = 0;
	ssize_t n;

	if (!lf || lf->plain || !lf->path || strncmp(lf->path, "/proc/", 6))
		return OWNPROC_NONE;
	snprintf(link, sizeof(link), "/proc/%d/fd/%ld", (int)v->pid, fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return OWNPROC_NONE;
	target[n] = '\0';
	if (strncmp(target, "/proc/", 6) != 0)
		return OWNPROC_NONE;
	/* the whole system's counts (/proc/stat, loadavg, meminfo,
	 * vmstat) and some of its settings (/proc/sys/kernel/random/uuid,
	 * ns_last_pid) move between one variant's read and the next:
	 * read once */
	if (sscanf(target, "/proc/%d%n", &id, &at) != 1)
		return OWNPROC_ONCE;
	if (target[at] != '/')
		return OWNPROC_NONE;
	/* another process of the system's (ps reads them all): read once
	 * too; the program's own tasks (a child reads its parent's
	 * through /proc/$PPID) by the rules below */
	if (id != paths_tgid(s, v) &&
	    events_v0_pid(s, (pid_t)id) == events_own_pid(s, 1, (pid_t)id))
		return OWNPROC_ONCE;
	name = target + at + 1;
	if (strncmp(name, "net/", 4) == 0)
		return OWNPROC_ONCE;	/* the network's counts */
	if (strncmp(name, "task/", 5) == 0 &&
	    sscanf(name + 5, "%d%n", &id, &at) == 1 && name[5 + at] == '/')
		name += 5 + at + 1;	/* a thread's own */
	if (strcmp(name, "stat") == 0)
		return OWNPROC_STAT;
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		if (strcmp(name, counts[i]) == 0)
			return OWNPROC_ONCE;
	return OWNPROC_NONE;
}

/* Splits a whole stat line (len bytes, ending in a newline) into its
 * fields: at[k] and len[k] for field k + 1.  The name (field 2) may
 * hold spaces and parentheses: it ends at the last ')'.  False when
 * text is no whole line of STAT_FIELDS fields. */
static bool stat_split(const char *text, size_t len, size_t at[STAT_FIELDS],
		       size_t flen[STAT_FIELDS])
{
	const char *close, *open = memchr(text, '(', len);
	size_t i, k;

	if (!open || len < 2 || text[len - 1] != '\n')
		return false;
	close = NULL;
	for (const char *p = text; p < text + len; p++)
		if (*p == ')')
			close = p;
	if (!close || close < open || open == text)
		return false;
	at[0] = 0;
	flen[0] = (size_t)(open - text) - 1;
	at[1] = (size_t)(open - text);
	flen[1] = (size_t)(close - open) + 1;
	i = (size_t)(close - text) + 1;
	for (k = 2; k < STAT_FIELDS && i < len - 1; k++) {
		if (text[i] != ' ')
			return false;
		at[k] = ++i;
		while (i < len - 1 && text[i] != ' ')
			i++;
		flen[k] = i - at[k];
	}
	return k == STAT_FIELDS && i == len - 1;
}

void ownproc_finish_stat(struct session *s, struct vset *set,
			 struct variant *v)
{
	const struct variant *v0 = &set->v[0];
	size_t at0[STAT_FIELDS], len0[STAT_FIELDS], at[STAT_FIELDS],
		len[STAT_FIELDS], n = 0;
	char lead[STAT_MAX], own[STAT_MAX], out[2 * STAT_MAX];
	long r0 = v0->call.ret, r = v->call.ret;

	if (v->index == 0 || !v0->call.done || r0 <= 0 || r <= 0 ||
	    r0 >= STAT_MAX || r >= STAT_MAX ||
	    mem_read(v0->pid, v0->call.args[1], lead, (size_t)r0) != r0 ||
	    mem_read(v->pid, v->call.args[1], own, (size_t)r) != r ||
	    !stat_split(lead, (size_t)r0, at0, len0) ||
	    !stat_split(own, (size_t)r, at, len))
		return;	/* not a whole line each: as it was read */
	for (int k = 0; k < STAT_FIELDS; k++) {
		const char *from = stat_address(k + 1) ? own + at[k] :
							lead + at0[k];
		size_t m = stat_address(k + 1) ? len[k] : len0[k];

		if (k > 0)
			out[n++] = ' ';
		memcpy(out + n, from, m);
		n += m;
	}
	out[n++] = '\n';
	if (n > v->call.args[2] ||
	    mem_store(v->pid, v->call.args[1], out, n) != 0 ||
	    pt_set_return(v->pid, (long)n) != 0)
		return;
	v->call.ret = (long)n;
	if (s->cfg.results)
		args_fetch_outputs(v->pid, &v->call, s->cfg.strsize + 1);
}
