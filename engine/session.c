/* The lockstep engine: start the variants, meet each set of them at
 * every system call, compare, run each call where the policy says, go
 * on.  Waiting and the stops of single tracees are events.c's; running
 * a call is calls.c's; the history of steps history.c's; signals from
 * outside forward.c's; where the variants run place.c's; a set's
 * meeting (reading, comparing, deciding) meeting.c's. */
#include "session_int.h"
#include "local.h"
#include "format.h"
#include "shm.h"
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

struct session *session_new(const struct config *cfg, struct error *err)
{
	struct session_private *p;
	struct session *s;
	struct vset *set;
	static const char *const names[3] = { "stdin", "stdout", "stderr" };
	static const int modes[3] = { O_RDONLY, O_WRONLY, O_WRONLY };

	if (cfg->nvariants < 2 || cfg->nvariants > MAX_VARIANTS) {
		error_set(err, ERR_USAGE, "the number of variants must be 2 to %d, not %d",
			  MAX_VARIANTS, cfg->nvariants);
		return NULL;
	}
	if (!cfg->argv || !cfg->argv[0]) {
		error_set(err, ERR_USAGE, "no program to run");
		return NULL;
	}
	p = XCNEW(struct session_private);
	p->monitor = getpid();
	s = &p->pub;
	s->cfg = *cfg;
	if (s->cfg.fd_offset <= 3)
		s->cfg.fd_offset = DEFAULT_FD_OFFSET;
	if (!s->cfg.strsize)
		s->cfg.strsize = 32;
	s->n = cfg->nvariants;
	/* every call meets until a front end lets some go (local.h) */
	filter_all(&s->meet);
	s->sigchld = -1;
	s->wake = -1;
	/* Signals ignored when mvdb started stay ignored for the program
	 * (a background job's SIGINT), whatever handlers the front end
	 * installs after this. */
	sigemptyset(&p->ignored);
	for (int sig = 1; sig < SIGRTMIN; sig++) {
		struct sigaction sa;

		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			sigaddset(&p->ignored, sig);
	}
	s->opened[0] = s->opened[1] = -1;
	s->stdin_fd = -1;
	set = set_new(s, -1, 0);
	pmap_init(set->fds, s->cfg.fd_offset);
	for (int i = 0; i < s->n; i++) {
		const char *prog = cfg->exe[i] ? cfg->exe[i] : cfg->argv[0];

		ltable_init(set->v[i].lt, s->cfg.fd_offset);
		set->v[i].lt->fast = s->cfg.fast_reads;
		p->exe[i] = spawn_find(prog, err);
		if (!p->exe[i]) {
			session_free(s);
			return NULL;
		}
		set->v[i].exe = p->exe[i];
	}
	/* after the program was found: opening a device may do things */
	if (input_open_streams(s, err) == -1) {
		session_free(s);
		return NULL;
	}
	for (int i = 0; i < 3; i++) {
		if (fcntl(s->cfg.stdio[i], F_GETFD) == -1) {
			/* A stream mvdb was started without stays closed
			 * for the program (EBADF, as natively), and the
			 * monitor's own number is held by /dev/null so no
			 * file the platform opens ever lands there. */
			int null = open("/dev/null", O_RDWR | O_CLOEXEC);

			if (null >= 0 && null != s->cfg.stdio[i]) {
				dup3(null, s->cfg.stdio[i], O_CLOEXEC);
				close(null);
			}
			s->closed_stdio |= 1u << i;
			continue;
		}
		pmap_bind(set->fds, i, pfile_new(s->cfg.stdio[i], names[i],
						 modes[i], true));
	}
	if (!(s->closed_stdio & 1))
		s->stdin_fd = s->cfg.stdio[0];
	set_use(s, 0);
	return s;
}

const struct vset *session_set(const struct session *s, int id)
{
	return set_get(s, id);
}

void session_kill(struct session *s)
{
	struct session_private *p = priv(s);
	int alive = 0;

	for (int i = 0; i < p->norphans; i++)
		kill(p->orphans[i], SIGKILL);
	for (int k = 0; k < s->nsets; k++)
		for (int i = 0; i < s->n; i++)
			if (variant_exists(&s->sets[k]->v[i])) {
				kill(s->sets[k]->v[i].pid, SIGKILL);
				alive++;
			}
	/* Reap in whatever order they end: a thread group's leader is
	 * reported only after its other threads. */
	while (alive > 0) {
		struct waitstatus ws;
		pid_t pid = pt_wait_any(&ws, true);
		struct variant *v;

		if (pid <= 0)
			break;
		v = set_find(s, pid);
		if (!v || !variant_exists(v) ||
		    (ws.kind != WK_EXITED && ws.kind != WK_KILLED))
			continue;
		v->state = VS_KILLED;
		v->sig = SIGKILL;
		alive--;
	}
	for (int k = 0; k < s->nsets; k++)
		for (int i = 0; i < s->n; i++)
			if (variant_exists(&s->sets[k]->v[i])) {
				s->sets[k]->v[i].state = VS_KILLED;
				s->sets[k]->v[i].sig = SIGKILL;
			}
	p->norphans = 0;
	s->ended = true;
}

void session_free(struct session *s)
{
	struct session_private *p;

	if (!s)
		return;
	p = priv(s);
	place_stop(s);
	session_kill(s);
	/* Calls still waiting in workers are interrupted before the sets
	 * that own their buffers go. */
	workers_free(s->workers);
	if (s->sigchld >= 0)
		close(s->sigchld);
	if (s->wake >= 0) {
		int fd = s->wake;

		s->wake = -1;	/* session_interrupt looks at it */
		close(fd);
	}
	if (p->signals_set) {
		sigprocmask(SIG_SETMASK, &p->mask, NULL);
		sigaction(SIGPIPE, &p->sigpipe, NULL);
		if (p->dumpable > 0)
			prctl(PR_SET_DUMPABLE, p->dumpable);
	}
	shm_cleanup(s->n);
	for (int k = 0; k < s->nsets; k++)
		set_free(s->sets[k]);
	free(s->sets);
	free(p->ghosts);
	for (int i = 0; i < s->n; i++)
		free(p->exe[i]);
	for (int i = 0; i < p->nexecd; i++)
		free(p->execd[i]);
	free(p->execd);
	for (int i = 0; i < 2; i++)
		if (s->opened[i] >= 0)
			close(s->opened[i]);
	free(s->tsc);
	for (int i = 0; i < HISTORY_SIZE; i++)
		free(s->hist[i].pool);
	free(p);
}

static int status_of(const struct variant *v)
{
	return v->state == VS_EXITED ? v->code : 128 + v->sig;
}

/* A set at its rendezvous that makes a stop (round robin from the
 * current one): true with st filled. */
static bool arrived(struct session *s, struct stop *st)
{
	int from = set_index(s, s->cur);

	for (int k = 1; k <= s->nsets; k++) {
		struct vset *set = s->sets[(from + k) % s->nsets];

		if (set->state == SET_ARRIVED && session_analyse(s, set, st))
			return true;
	}
	return false;
}

/* Finds the next stop: a set at its rendezvous (round robin from the
 * current one), the end of everything, or waits for events. */
static int next_stop(struct session *s, struct stop *st)
{
	struct timespec said, now;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &said);
	for (;;) {
		bool all_ended = true;

		sets_sweep(s);
		if (arrived(s, st))
			return st->reason == STOP_ERROR ? -1 : 0;
		if (s->interrupt) {
			/* Ctrl-C: the variants that run stop where they are;
			 * a set that arrived meanwhile is the stop, else the
			 * stop is the interruption itself. */
			events_pause(s);
			if (arrived(s, st))
				return st->reason == STOP_ERROR ? -1 : 0;
			memset(st, 0, sizeof(*st));
			st->reason = STOP_INTERRUPTED;
			st->step = s->step;
			st->set = s->cur;
			return 0;
		}
		for (int k = 0; k < s->nsets; k++)
			if (s->sets[k]->state != SET_ENDED)
				all_ended = false;
		if (all_ended) {
			set_use(s, 0);
			memset(st, 0, sizeof(*st));
			st->reason = STOP_EXITED;
			st->step = s->step;
			st->status = status_of(&s->sets[0]->v[0]);
			s->ended = true;
			return 0;
		}
		/* what arrived() ended (set 0 lets go of its files: a
		 * pipe's reader sees the end) before the wait */
		sets_sweep(s);
		/* calls without a meeting go on and on: no step to show,
		 * but the run is not stuck */
		clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
		if (s->watch.waiting &&
		    (now.tv_sec - said.tv_sec) * 1000 +
		    (now.tv_nsec - said.tv_nsec) / 1000000 >= WATCH_WAITING_MS) {
			s->watch.waiting(s->watch.ctx);
			said = now;
		}
		events_wait(s);
	}
}

/* The monitor's signals while a session runs: SIGCHLD is blocked and
 * read from a signalfd, so the event loop can wait for tracee events
 * and platform calls in one poll; SIGPIPE is ignored, so a platform
 * write to a closed pipe fails with EPIPE (the program then gets its
 * SIGPIPE) instead of killing the monitor. */
static int start_signals(struct session *s, struct error *err)
{
	struct session_private *p = priv(s);
	struct sigaction ign = { .sa_handler = SIG_IGN };
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &chld, &p->mask) == -1 ||
	    sigaction(SIGPIPE, &ign, &p->sigpipe) == -1)
		return error_set(err, ERR_SYSTEM, "signals: %s", strerror(errno));
	p->signals_set = true;
	/* Not dumpable: the kernel keeps processes of the same user, the
	 * variants included, out of the monitor's /proc entry (mem, fd,
	 * environ) however they name it; only a privileged variant gets
	 * past that, and the policy's checks stand there. */
	p->dumpable = prctl(PR_GET_DUMPABLE);
	prctl(PR_SET_DUMPABLE, 0);
	s->sigchld = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s->sigchld == -1)
		return error_set(err, ERR_SYSTEM, "signalfd: %s", strerror(errno));
	s->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->wake == -1)
		return error_set(err, ERR_SYSTEM, "eventfd: %s", strerror(errno));
	s->workers = workers_new();
	return 0;
}

int session_start(struct session *s, struct stop *st)
{
	struct vset *set = s->sets[0];

	memset(st, 0, sizeof(*st));
	if (s->started) {
		st->reason = STOP_ERROR;
		return error_set(&st->err, ERR_STATE, "the program is already running");
	}
	s->started = true;
	/* the limit the program sees: the monitor's (the variants' own is
	 * the offset) */
	getrlimit(RLIMIT_NOFILE, &set->nofile);
	if (start_signals(s, &st->err) == -1) {
		st->reason = STOP_ERROR;
		return -1;
	}
	if (s->cfg.cpu >= 0)
		place_start(s);
	priv(s)->spawned = false;
	for (int i = 0; i < s->n; i++) {
		struct spawnreq req = {
			.index = i,
			.exe = set->v[i].exe,
			.argv = s->cfg.argv,
			.fd_offset = s->cfg.fd_offset,
			.no_aslr = s->cfg.no_aslr,
			.fast_reads = s->cfg.fast_reads,
			.monitor = priv(s)->monitor,
			.mask = &priv(s)->mask,
			.sigpipe = &priv(s)->sigpipe,
			.ignored = &priv(s)->ignored,
			.closed = s->closed_stdio,
			.new_session = s->opened[1] >= 0,
			.ctty = i == 0 && s->opened[1] >= 0 &&
					isatty(s->opened[1]) ? s->opened[1] : -1,
		};
		pid_t pid = spawn_variant(&req, &st->err);

		if (pid == -1) {
			session_kill(s);
			st->reason = STOP_ERROR;
			return -1;
		}
		if (req.ctty >= 0)
			s->ctty = input_has_ctty(pid, req.ctty);
		set->v[i].pid = pid;
		set->v[i].attached = true;
		set->v[i].state = VS_RUNNING;
		priv(s)->program[i] = pid;
		priv(s)->program_group[i] = pid;
		priv(s)->fg[i] = pid;	/* its job, as a shell starts it */
		events_hide_vdso(pid);
	}
	session_spawned(s);
	for (int i = 0; i < s->n; i++)
		pt_cont(set->v[i].pid, 0);
	if (next_stop(s, st) == -1)
		return -1;
	if (st->reason == STOP_SYSCALL)
		st->reason = STOP_START;
	return 0;
}

int session_step(struct session *s, struct stop *st)
{
	struct vset *set = set_get(s, s->cur);

	memset(st, 0, sizeof(*st));
	events_clear_interrupt(s);
	events_unpause(s);
	if (!s->started || s->ended || s->diverged) {
		st->reason = STOP_ERROR;
		return error_set(&st->err, ERR_STATE, "%s",
				 !s->started ? "the program is not running" :
				 s->diverged ? "the variants have diverged; they stay stopped for inspection (kill or run to go on)" :
					       "the program has ended");
	}
	if (set->state == SET_STOPPED && set->v[0].state == VS_SIGNAL) {
		session_record(s, set, REC_STATE);
		for (int i = 0; i < s->n; i++) {
			struct variant *v = &set->v[i];

			v->state = VS_RUNNING;
			v->to_exit = false;
			pt_cont(v->pid, v->sig);
		}
		set->state = SET_RUNNING;
	} else if (set->state == SET_STOPPED) {
		calls_run(s, set);
	}
	return next_stop(s, st);
}

void session_set_strsize(struct session *s, size_t n)
{
	s->cfg.strsize = n ? n : 32;
}

void session_set_results(struct session *s, bool on)
{
	s->cfg.results = on;
}

void session_ignore(struct session *s, long nr, unsigned args)
{
	if (nr >= 0 && nr < SYSCALL_NR_LIMIT)
		s->ignore[nr] = (unsigned char)args;
}

void session_meet(struct session *s, const struct filter *f)
{
	s->meet = *f;
}

size_t session_format_exec(const struct session *s, int v, char *buf,
			   size_t size)
{
	/* the variants are started with the monitor's environment */
	return format_exec(s->v[v].exe, s->cfg.argv, environ, s->cfg.strsize,
			   buf, size);
}

size_t session_format_call(const struct session *s, int v, char *buf,
			   size_t size)
{
	return format_call(&s->v[v].call, s->pm, s->cfg.strsize, buf, size);
}
