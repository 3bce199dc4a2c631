/* Plain calls without a stop.  A variant's read of a plain file of its
 * own (a regular file or directory of a disk file system) needs no
 * meeting: each variant reads its own file (local.c answers it at its
 * stop).  In batch runs (no trace, no commands, no --lockstep=strict:
 * nobody sees single calls) the seccomp filter lets such calls through
 * without a stop at all: sha256sum of 50 MB stopped 1,500 times a
 * variant, and each stop costs a variant tens of microseconds when the
 * variants run on CPUs of their own.
 *
 * The filter is installed before exec and cannot tell a plain file
 * from anything else: it lets the plain calls (read, pread64, readv,
 * preadv, preadv2, lseek, fstat, getdents, getdents64) through on every
 * number from 3 to below the offset.  Not newfstatat, though glibc
 * makes fstat as newfstatat(fd, "", AT_EMPTY_PATH): the filter cannot
 * read its path, and with AT_EMPTY_PATH a path that is not "" is
 * looked up all the same, the monitor's /proc entry as any other.  A
 * process keeps that only while every such number holds a plain file of its own or nothing.  Before
 * it makes a call that could put anything else there, the call is
 * stopped at its seccomp stop and the process first installs a second
 * filter that traces the plain calls again, for good (filters only add
 * up: a kernel takes the strictest answer): an open of what is no plain
 * file (under /proc or /sys, say), a dup of what is not a plain file
 * of its own (a platform number may land below the offset), any other
 * call that makes a descriptor in the variant, and a second thread or
 * a process sharing the descriptors (its filters are its own: it could
 * read a number the other makes).  Then it makes its call again,
 * unseen the first time.  A fork's child keeps its parent's filters and
 * so its state (ltable.fast), an exec too.
 *
 * Whether an open gives a plain file is judged from its path before it
 * runs: a file replaced by another kind in between would be read
 * without a stop, each variant its own, which can only make the
 * variants differ, never reach the monitor. */
#include "fastread.h"
#include "events_int.h"
#include "fdtable.h"
#include "mem.h"
#include "paths.h"
#include "policy.h"
#include "syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

/* The calls the filter lets through on a plain file (CL_PLAIN). */
static const unsigned plain_calls[] = {
	SYS_read, SYS_pread64, SYS_readv, SYS_preadv, SYS_preadv2,
	SYS_lseek, SYS_fstat, SYS_getdents, SYS_getdents64,
};
#define NPLAIN (int)(sizeof(plain_calls) / sizeof(plain_calls[0]))

int fastread_base(struct sock_filter *out, int offset)
{
	int n = 0, trace, allow;

	/* the call's number is loaded: a plain call goes to the checks of
	 * its descriptor, anything else is traced */
	for (int i = 0; i < NPLAIN; i++)
		out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
							BPF_K, plain_calls[i],
							NPLAIN - i, 0);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						SECCOMP_RET_TRACE);
	/* the descriptor is an int: the high word of the argument must
	 * be 0 (the kernel would look at the low word alone), the low
	 * word from 3 to below the offset */
	trace = n + 5;
	allow = n + 6;
	out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, args[0]) + 4);
	out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0,
					      (unsigned char)(trace - n - 1));
	n++;
	out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, args[0]));
	out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
					      (unsigned)offset,
					      (unsigned char)(trace - n - 1), 0);
	n++;
	out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 3,
					      (unsigned char)(allow - n - 1),
					      (unsigned char)(trace - n - 1));
	n++;
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						SECCOMP_RET_TRACE);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						SECCOMP_RET_ALLOW);
	_Static_assert(NPLAIN + 8 <= FASTREAD_INSNS, "FASTREAD_INSNS: room");
	return n;
}

/* Whether number fd of variant v is a plain file of its own. */
static bool plain_local(const struct vset *set, const struct variant *v,
			unsigned long fd)
{
	const struct lfile *lf = ltable_get(v->lt, (long)(int)fd);

	return lf && lf->plain && !pmap_get(set->fds, (long)(int)fd);
}

/* Whether path (as the variant means it) is a kernel file that holds
 * the same for every variant and changes nothing when read: the lists
 * of CPUs glibc's sysconf(_SC_NPROCESSORS_ONLN) reads, and settings such
 * as the ngroups_max its initgroups reads.  Stopping the plain calls
 * for these turned every later read of a plain file into a stop in
 * nginx and most programs that ask how many CPUs there are.  Named one
 * by one: much of /proc/sys changes between two reads (random/uuid,
 * ns_last_pid, file-nr), and so does a CPU's frequency under
 * /sys/devices/system/cpu. */
static bool same_for_all(const char *path)
{
	static const char *const files[] = {
		"/sys/devices/system/cpu/online",
		"/sys/devices/system/cpu/possible",
		"/sys/devices/system/cpu/present",
		"/proc/sys/kernel/ngroups_max",
		"/proc/sys/kernel/pid_max",
		"/proc/sys/vm/overcommit_memory",
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (strcmp(path, files[i]) == 0)
			return true;
	return false;
}

/* Whether the open at hand of variant v leaves no fd the filter lets
 * through that is not a plain file: it fails, or opens a plain file,
 * or the platform opens it (writing, or a special file). */
static bool opens_plain(struct session *s, const struct variant *v,
			const struct pt_syscall *sc)
{
	bool at = sc->nr != SYS_open && sc->nr != SYS_creat;
	unsigned long flags = sc->nr == SYS_creat ? O_WRONLY | O_CREAT :
			      sc->nr == SYS_openat2 ? 0 : sc->args[at ? 2 : 1];
	char path[PATH_MAX], real[PATH_MAX + 64], show[PATH_MAX + 64];
	struct statfs fs;
	struct stat st;

	if (sc->nr == SYS_openat2) {
		unsigned long how[3];	/* flags, mode, resolve */

		if (mem_read(v->pid, sc->args[2], how, sizeof(how)) !=
		    sizeof(how))
			return false;
		if (how[2])
			return true;	/* refused (fdpolicy_open): no fd */
		flags = how[0];
	}
	if (mem_read_string(v->pid, sc->args[at ? 1 : 0], path,
			    sizeof(path)) <= 0)
		return true;	/* EFAULT or ENOENT: no fd */
	paths_resolve(s, v, at ? (int)sc->args[0] : AT_FDCWD, path, real,
		      sizeof(real), show, sizeof(show));
	/* the process's own files, the kernel's: plain only where they
	 * are the same for all and only read */
	if (strncmp(show, "/proc/", 6) == 0 || strncmp(show, "/sys/", 5) == 0)
		return same_for_all(show) &&
		       (flags & O_ACCMODE) == O_RDONLY &&
		       !(flags & (O_CREAT | O_TRUNC | O_APPEND));
	if ((flags & O_ACCMODE) != O_RDONLY ||
	    (flags & (O_CREAT | O_TRUNC | O_APPEND)))
		return true;	/* the platform's (fdpolicy) */
	if (stat(real, &st) == -1)
		return errno == ENOENT || errno == ENOTDIR;
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ||
	    S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		return true;	/* a special file: the platform's */
	return statfs(real, &fs) == 0 && fs.f_type != PROC_SUPER_MAGIC &&
	       fs.f_type != SYSFS_MAGIC && fs.f_type != CGROUP_SUPER_MAGIC &&
	       fs.f_type != CGROUP2_SUPER_MAGIC &&
	       fs.f_type != DEBUGFS_MAGIC && fs.f_type != TRACEFS_MAGIC &&
	       fs.f_type != SECURITYFS_MAGIC && fs.f_type != BPF_FS_MAGIC;
}

/* Whether variant v's call at hand might put at a number from 3 to
 * below the offset something other than a plain file of its own, or
 * start a second thread. */
static bool needs_stops(struct session *s, const struct vset *set,
			const struct variant *v, const struct pt_syscall *sc)
{
	const struct syscall *call = syscall_get(sc->nr);
	unsigned long flags;
	int offset = v->lt->size;

	switch (sc->nr) {
	case SYS_clone:
		return sc->args[0] & (CLONE_THREAD | CLONE_FILES);
	case SYS_clone3:
		return mem_read(v->pid, sc->args[0], &flags, sizeof(flags)) !=
			       sizeof(flags) ||
		       (flags & (CLONE_THREAD | CLONE_FILES));
	case SYS_dup2:
	case SYS_dup3:
		return sc->args[1] >= 3 && sc->args[1] < (unsigned long)offset &&
		       !plain_local(set, v, sc->args[0]);
	case SYS_dup:
		return !plain_local(set, v, sc->args[0]);
	case SYS_fcntl:
		return (sc->args[1] == F_DUPFD ||
			sc->args[1] == F_DUPFD_CLOEXEC) &&
		       !plain_local(set, v, sc->args[0]);
	case SYS_open:
	case SYS_openat:
	case SYS_openat2:
	case SYS_creat:
		return !opens_plain(s, v, sc);
	default:
		break;
	}
	if (!call || call->ret != RET_FD || call->policy == POL_PLATFORM)
		return false;
	/* on a platform number, the platform makes the new one (above
	 * the offset); anything else may make one in the variant */
	return call->policy != POL_FD ||
	       !pmap_get(set->fds, (long)(int)sc->args[0]);
}

/* The filter that makes every plain call stop again, installed by the
 * variant itself: written below its stack's red zone, as the paths
 * fdpolicy_own_proc_enter hands a variant. */
static bool stop_plain_calls(struct variant *v, const struct pt_syscall *sc,
			     struct waitstatus *other)
{
	struct {
		struct sock_fprog prog;
		struct sock_filter insns[NPLAIN + 3];
	} f;
	unsigned long at, args[3];
	int n = 0;
	long ret = -1;

	memset(&f, 0, sizeof(f));
	f.insns[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, nr));
	for (int i = 0; i < NPLAIN; i++)
		f.insns[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
							    BPF_K,
							    plain_calls[i],
							    NPLAIN - i, 0);
	f.insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						    SECCOMP_RET_ALLOW);
	f.insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						    SECCOMP_RET_TRACE);
	f.prog.len = (unsigned short)n;
	other->kind = WK_ERROR;
	other->err = EFAULT;
	/* where mem_stack_store puts it, known first: the program points
	 * at its own instructions */
	at = (sc->sp - MEM_RED_ZONE - sizeof(f)) & ~15UL;
	f.prog.filter = (struct sock_filter *)(at + offsetof(typeof(f), insns));
	if (mem_stack_store(v->pid, sc->sp - MEM_RED_ZONE, &f, sizeof(f)) !=
	    at)
		return false;
	args[0] = SECCOMP_SET_MODE_FILTER;
	args[1] = 0;
	args[2] = at;
	if (pt_inject(v->pid, SYS_seccomp, args, &ret, other) != 0)
		return false;
	other->err = (int)-ret;
	return ret == 0;
}

bool fastread_check(struct session *s, struct vset *set, struct variant *v,
		    const struct pt_syscall *sc)
{
	struct waitstatus other;

	if (!v->lt->fast || sc->nr < 0 || !needs_stops(s, set, v, sc))
		return false;
	v->lt->fast = false;
	if (stop_plain_calls(v, sc, &other)) {
		pt_cont(v->pid, 0);	/* to make its call again */
		return true;
	}
	if (other.kind == WK_EXITED || other.kind == WK_KILLED) {
		events_on_stop(s, v->pid, &other);
		return true;
	}
	/* Its plain calls could read what the monitor would answer
	 * otherwise: it cannot go on. */
	snprintf(set->dec.note, sizeof(set->dec.note),
		 "variant %d could not make its plain calls stop again "
		 "(%s): killed", v->index, strerror(other.err));
	kill(v->pid, SIGKILL);
	pt_cont(v->pid, 0);
	return true;
}
