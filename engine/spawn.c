/* Starting the variants: finding the program, the child's setup, exec. */
#include "spawn.h"
#include "fastread.h"
#include "ptrace.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

char *spawn_find(const char *prog, struct error *err)
{
	struct stat st;
	const char *path;
	char *found = NULL;

	if (!*prog) {
		error_set(err, ERR_NOTFOUND, "no program given");
		return NULL;
	}
	if (strchr(prog, '/')) {
		found = xstrdup(prog);
	} else {
		path = getenv("PATH");
		if (!path || !*path)
			path = "/usr/local/bin:/usr/bin:/bin";
		while (*path) {
			size_t n = strcspn(path, ":");
			char *cand = n ? xasprintf("%.*s/%s", (int)n, path, prog)
				       : xasprintf("./%s", prog);

			if (access(cand, X_OK) == 0 && stat(cand, &st) == 0 &&
			    S_ISREG(st.st_mode)) {
				found = cand;
				break;
			}
			if (!found && access(cand, F_OK) == 0)
				found = xstrdup(cand);
			free(cand);
			path += n + (path[n] == ':');
		}
		if (!found) {
			error_set(err, ERR_NOTFOUND,
				  "%s: command not found (searched $PATH)", prog);
			return NULL;
		}
	}
	if (stat(found, &st) == -1) {
		error_set(err, errno == ENOENT ? ERR_NOTFOUND : ERR_NOEXEC,
			  "%s: %s", found, strerror(errno));
		free(found);
		return NULL;
	}
	if (S_ISDIR(st.st_mode) || access(found, X_OK) == -1) {
		error_set(err, ERR_NOEXEC, "%s: %s", found,
			  S_ISDIR(st.st_mode) ? "is a directory" :
						"permission denied (not executable)");
		free(found);
		return NULL;
	}
	return found;
}

#define X32_SYSCALL_BIT 0x40000000u	/* the kernel's __X32_SYSCALL_BIT */

/* Every system call of the variant stops for the monitor: one stop per
 * call, the cheapest lockstep there is.  Except futex: it synchronises a
 * variant's own threads, has no effect outside the variant, and whether
 * a thread needs it at all depends on scheduling (a lock found taken),
 * so stopping at it would report thread timing as divergence.  And, in
 * batch runs, reads of plain files (fastread.c).
 *
 * Calls of the other ABIs a 64-bit process can make (i386 through int
 * $0x80, x32 with bit 30 of the number) fail with ENOSYS, as on a
 * kernel built without them: their numbers mean other calls (i386's 10
 * is unlink, x86-64's mprotect), and the engine knows only x86-64's. */
static int install_filter(const struct spawnreq *req)
{
	struct sock_filter insns[8 + FASTREAD_INSNS] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_futex, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = 8, .filter = insns };

	if (req->fast_reads)
		prog.len += (unsigned short)fastread_base(insns + 8,
							  req->fd_offset);
	else
		insns[prog.len++] = (struct sock_filter)BPF_STMT(
			BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

/* What the child was doing when it failed: reported to the monitor
 * with its errno, so the user reads which step and why. */
enum step {
	STEP_EXEC,	/* execv: the program itself */
	STEP_LIMIT,	/* RLIMIT_NOFILE at the offset */
	STEP_ASLR,	/* personality(ADDR_NO_RANDOMIZE) */
	STEP_TRACE,	/* waiting for the monitor to trace it */
	STEP_FILTER,	/* the seccomp filter */
};

/* Runs in the child: never returns.  Before its filter and its exec it
 * says it is ready on gofd and waits there while the monitor traces
 * it. */
static void child(const struct spawnreq *req, int errfd, int gofd)
{
	struct rlimit rl = { req->fd_offset, req->fd_offset };
	int null, report[2];
	char go;
	enum step step = STEP_LIMIT;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != req->monitor)
		_exit(127);
	/* The program starts with the signal state mvdb was started with,
	 * not the monitor's (SIGCHLD blocked, SIGPIPE ignored). */
	sigaction(SIGPIPE, req->sigpipe, NULL);
	for (int sig = 1; req->ignored && sig < SIGRTMIN; sig++)
		if (sigismember(req->ignored, sig) == 1)
			signal(sig, SIG_IGN);
	sigprocmask(SIG_SETMASK, req->mask, NULL);
	if (req->new_session)
		setsid();
	else
		setpgid(0, 0);
	/* Without stealing it: TIOCSCTTY with 0 fails when the terminal
	 * is another session's (the shell's where it was opened). */
	if (req->ctty >= 0)
		ioctl(req->ctty, TIOCSCTTY, 0);
	/* The variants' standard streams belong to the platform; what the
	 * variants hold under 0, 1 and 2 is /dev/null. */
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	for (int i = 0; i < 3; i++)
		if (req->closed & (1u << i))
			close(i);
	/* None of the monitor's own descriptors reach the program. */
	syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		goto fail;
	step = STEP_ASLR;
	if (req->no_aslr && personality(ADDR_NO_RANDOMIZE) == -1)
		goto fail;
	prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
	step = STEP_TRACE;
	/* The monitor is not dumpable (its /proc is the kernel's to
	 * guard), and an unprivileged tracer may seize only a dumpable
	 * child; exec decides afresh for the program. */
	if (prctl(PR_SET_DUMPABLE, 1) == -1)
		goto fail;
	go = 'r';
	if (write(gofd, &go, 1) != 1)
		goto fail;
	errno = 0;
	if (read(gofd, &go, 1) != 1)
		goto fail;
	step = STEP_FILTER;
	if (install_filter(req) == -1)
		goto fail;
	step = STEP_EXEC;
	execv(req->exe, req->argv);
fail:
	report[0] = (int)step;
	report[1] = errno;
	if (write(errfd, report, sizeof(report)) < 0)
		_exit(126);
	_exit(127);
}

/* The child's failure report, as an error for the user. */
static void child_failed(const struct spawnreq *req, int fd, struct error *err)
{
	int report[2] = { STEP_EXEC, 0 };

	if (read(fd, report, sizeof(report)) != sizeof(report))
		report[1] = 0;
	switch ((enum step)report[0]) {
	case STEP_LIMIT:
		error_set(err, ERR_SYSTEM,
			  "variant %d: cannot set its descriptor limit to %d (local fds must stay below the platform offset): %s; raise the hard limit (ulimit -Hn) or give a lower --fd-offset",
			  req->index, req->fd_offset, strerror(report[1]));
		break;
	case STEP_ASLR:
		error_set(err, ERR_SYSTEM,
			  "variant %d: cannot turn address randomisation off (--no-aslr): %s",
			  req->index, strerror(report[1]));
		break;
	case STEP_TRACE:
		error_set(err, ERR_SYSTEM,
			  "variant %d: the monitor did not trace it", req->index);
		break;
	case STEP_FILTER:
		error_set(err, ERR_SYSTEM,
			  "variant %d: cannot be traced (seccomp filter): %s",
			  req->index, strerror(report[1]));
		break;
	case STEP_EXEC:
		error_set(err, report[1] == ENOENT ? ERR_NOTFOUND : ERR_NOEXEC,
			  "%s: cannot execute: %s", req->exe,
			  report[1] ? strerror(report[1]) :
				      "the variant died before exec");
		break;
	}
}

pid_t spawn_variant(const struct spawnreq *req, struct error *err)
{
	int pipefd[2], go[2];
	char ready;
	ssize_t n;
	pid_t pid;
	struct waitstatus ws;

	if (pipe2(pipefd, O_CLOEXEC) == -1) {
		error_set(err, ERR_SYSTEM, "pipe: %s", strerror(errno));
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, go) == -1) {
		error_set(err, ERR_SYSTEM, "socketpair: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	pid = fork();
	if (pid == -1) {
		error_set(err, ERR_SYSTEM, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		close(go[0]);
		close(go[1]);
		return -1;
	}
	if (pid == 0) {
		close(pipefd[0]);
		close(go[0]);
		child(req, pipefd[1], go[1]);
	}
	close(pipefd[1]);
	close(go[1]);
	/* Seized, not PTRACE_TRACEME: a seized tracee's stop signals stop
	 * it as natively (pt_listen), and it can be interrupted.  Once it
	 * is ready (else it failed: its report says why). */
	while ((n = read(go[0], &ready, 1)) == -1 && errno == EINTR)
		;
	if (n != 1) {
		close(go[0]);
		pt_wait(pid);
		child_failed(req, pipefd[0], err);
		close(pipefd[0]);
		return -1;
	}
	if (pt_seize(pid) == -1) {
		error_set(err, ERR_SYSTEM, "variant %d: cannot trace it: %s",
			  req->index, strerror(errno));
		close(go[0]);
		kill(pid, SIGKILL);
		pt_wait(pid);
		close(pipefd[0]);
		return -1;
	}
	if (write(go[0], "g", 1) != 1) {
		/* it ended before: its report says why */
	}
	close(go[0]);
	/* Let the child's own calls (execve, or the failure report) through
	 * until the new program image is in place. */
	for (;;) {
		ws = pt_wait(pid);
		if (ws.kind == WK_EXEC)
			break;
		if (ws.kind == WK_EXITED || ws.kind == WK_KILLED ||
		    ws.kind == WK_ERROR) {
			child_failed(req, pipefd[0], err);
			close(pipefd[0]);
			return -1;
		}
		pt_cont(pid, ws.kind == WK_SIGNAL ? ws.sig : 0);
	}
	close(pipefd[0]);
	return pid;
}
