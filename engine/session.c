/* The lockstep engine: start the variants, meet each set of them at
 * every system call, compare, run each call where the policy says, go
 * on.  Waiting and the stops of single tracees are events.c's; running
 * a call is calls.c's; the history of steps history.c's; signals from
 * outside forward.c's; where the variants run place.c's. */
#include "session_int.h"
#include "local.h"
#include "args.h"
#include "compare.h"
#include "format.h"
#include "policy.h"
#include "shm.h"
#include "spawn.h"
#include "tempnames.h"

#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <linux/audit.h>
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
	for (int i = 0; i < 2; i++)
		if (s->opened[i] >= 0)
			close(s->opened[i]);
	free(s->tsc);
	for (int i = 0; i < HISTORY_SIZE; i++)
		free(s->hist[i].pool);
	free(p);
}

/* Reads the call a variant stopped at. */
static int read_call(struct variant *v, struct error *err)
{
	struct pt_syscall sc;
	struct call *c = &v->call;

	if (pt_get_syscall(v->pid, &sc) == -1) {
		int e = errno;

		error_set(err, ERR_SYSTEM,
			  "variant %d: cannot read its system call: %s",
			  v->index, strerror(e));
		errno = e;	/* ESRCH: killed meanwhile */
		return -1;
	}
	if (sc.arch != AUDIT_ARCH_X86_64)
		return error_set(err, ERR_UNSUPPORTED,
				 "variant %d made a 32-bit system call (%ld): only x86-64 calls are supported",
				 v->index, sc.nr);
	c->nr = sc.nr;
	c->sc = syscall_get(sc.nr);
	memcpy(c->args, sc.args, sizeof(c->args));
	c->ip = sc.ip;
	c->sp = sc.sp;
	c->done = false;
	c->ret = 0;
	args_fetch(v->pid, c);
	return 0;
}

static int status_of(const struct variant *v)
{
	return v->state == VS_EXITED ? v->code : 128 + v->sig;
}

/* Some of the set's variants died of a signal, some live. */
static bool killed_in_part(const struct session *s, const struct vset *set)
{
	bool killed = false, alive = false;

	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];

		if (v->state == VS_KILLED)
			killed = true;
		else if (variant_alive(v))
			alive = true;
	}
	return killed && alive;
}

/* Some of the set's variants died of a signal mvdb passed on to every
 * variant at once (session_forward): it reaches the others too, in a
 * call, in user code, or after their thread's own end, for the kernel
 * cannot kill a traced process before one of its threads stops for it.
 * Where each variant's threads were when it came is chance, not a
 * difference. */
static bool killed_from_outside(struct session *s, const struct vset *set)
{
	unsigned long sent = __atomic_load_n(&priv(s)->from_outside,
					     __ATOMIC_SEQ_CST);

	for (int i = 0; i < s->n; i++)
		if (set->v[i].state == VS_KILLED && set->v[i].sig != SIGKILL &&
		    (sent >> set->v[i].sig & 1))
			return true;
	return false;
}

/* Whether a content read of variant v's call failed because v is no
 * longer stopped for mvdb: killed meanwhile, on its way out. */
static bool dying(const struct variant *v)
{
	struct user_regs_struct regs;
	bool failed = false;

	for (int i = 0; v->call.sc && i < v->call.sc->nargs; i++)
		failed |= v->call.val[i].err != 0;
	return failed && pt_getregs(v->pid, &regs) == -1 && errno == ESRCH;
}

/* The ids variant v's call names, as variant 0 sees them: a thread id
 * the kernel wrote into the variant's memory (pthread_kill's) is its
 * own, which is variant 0's counterpart's for comparison, rendering and
 * translate_ids (calls.c), which maps them back when the call runs. */
static void ids_as_variant_0(const struct session *s, struct variant *v)
{
	struct call *c = &v->call;

	if (v->state != VS_SYSCALL || !c->sc)
		return;
	for (int i = 0; i < c->sc->nargs; i++) {
		pid_t x = (pid_t)c->args[i];

		if (c->sc->args[i].kind != ARG_PID || x == 0 || x == -1)
			continue;
		if (x > 0)
			c->args[i] = (unsigned long)(long)events_v0_pid(s, x);
		else
			c->args[i] = (unsigned long)(long)-events_v0_pid(s, -x);
	}
}

/* The set's variants agree on the call at hand (ignored differences
 * aside, named in st->div.what): decides where it runs and makes it the
 * stop. */
static void stop_at_call(struct session *s, struct vset *set,
			 struct stop *st, const char *tmpnote)
{
	policy_decide(s, set, &set->dec);
	st->route = set->dec.route;
	if (!set->dec.note[0])
		snprintf(set->dec.note, sizeof(set->dec.note), "%s",
			 tmpnote[0] ? tmpnote : st->div.what);
	set->state = SET_STOPPED;
	st->reason = STOP_SYSCALL;
	set_use(s, set->id);
}

/* set's variants disagree (st->div says how): they stay where they are. */
static bool diverged(struct session *s, struct vset *set, struct stop *st)
{
	st->reason = STOP_DIVERGED;
	set->state = SET_DIVERGED;
	s->diverged = true;
	session_record(s, set, REC_DIVERGED);
	set_use(s, set->id);
	return true;
}

/* Looks at a set that arrived at its rendezvous.  Returns true with st
 * filled when it is a stop for the front end; false when the set went on
 * (it ended, with the others still running). */
static bool analyse(struct session *s, struct vset *set, struct stop *st)
{
	int live = 0;
	char tmpnote[NOTE_MAX] = "";

	if (events_catch_up(s, set) || events_follow_death(s, set))
		return false;
	if ((set->kills_out || killed_from_outside(s, set)) &&
	    killed_in_part(s, set)) {
		/* the program kills it, or mvdb passed a signal on: the
		 * variants still alive get their signal when their killers'
		 * calls are made, or as soon as another of their threads
		 * stops for it, and take it then (events_follow_death) */
		set->state = SET_RUNNING;
		return false;
	}
	session_place(s);
	if (set->lost) {
		const struct variant *k = &set->v[set->lost - 1];

		s->step++;
		memset(st, 0, sizeof(*st));
		st->step = s->step;
		st->set = set->id;
		st->reason = STOP_DIVERGED;
		st->div.kind = DIV_STATE;
		st->div.a = k->index ? 0 : 1;
		st->div.b = k->index;
		snprintf(st->div.what, sizeof(st->div.what),
			 "variant %d (pid %d) was killed by SIGKILL from outside; the others are stopped where they ran",
			 k->index, (int)k->pid);
		set->state = SET_DIVERGED;
		s->diverged = true;
		set->dec.route = ROUTE_NONE;
		snprintf(set->dec.note, sizeof(set->dec.note), "%s", st->div.what);
		session_record(s, set, REC_STATE);
		set_use(s, set->id);
		return true;
	}
	s->step++;
	memset(st, 0, sizeof(*st));
	st->step = s->step;
	st->set = set->id;
	/* no decision yet for the call at hand */
	set->dec.route = ROUTE_NONE;
	set->dec.note[0] = '\0';
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &set->v[i];

		if (v->state == VS_SYSCALL && read_call(v, &st->err) == -1) {
			if (errno == ESRCH) {
				/* killed meanwhile (SIGKILL takes a stopped
				 * tracee too): its end is the next event */
				memset(&st->err, 0, sizeof(st->err));
				set->state = SET_RUNNING;
				return false;
			}
			st->reason = STOP_ERROR;
			return true;
		}
		if (v->state == VS_SYSCALL && dying(v)) {
			/* a content read failed because it is being killed
			 * (SIGKILL takes a stopped tracee): its end is the
			 * next event, not a difference */
			set->state = SET_RUNNING;
			return false;
		}
		live += variant_alive(v);
	}
	if (local_catch_up(s, set))
		return false;
	if (!local_agree(s, set, &st->div))
		return diverged(s, set, st);
	for (int i = 1; i < s->n; i++)
		ids_as_variant_0(s, &set->v[i]);
	tempname_same(s, set);
	/* A thread that ended by itself in one variant and was killed in
	 * another by what mvdb passed on: its process's end, compared in
	 * its own set, says whether they differ. */
	while ((live || !set->thread || !killed_from_outside(s, set)) &&
	       !compare_variants(set->v, s->n, s->ignore, &st->div)) {
		/* A difference mvdb can take away: compare again. */
		if (tempname_unify(s, set, &st->div, tmpnote,
					  sizeof(tmpnote)))
			continue;
		if (tempname_retry(s, set, &st->div)) {
			set->state = SET_RUNNING;
			return false;
		}
		return diverged(s, set, st);
	}
	if (!live) {
		set->state = SET_ENDED;
		session_record(s, set, REC_STATE);
		/* Its descriptors close as the processes' did: a pipe's
		 * reader sees the end once every writer is gone.  Set 0's
		 * map stays for inspection; it names only its own files.
		 * Threads share their process's. */
		if (set->id != 0 && !set->thread)
			pmap_free(&set->pm);
		/* and its POSIX locks go, as the process's did */
		if (!set->thread)
			platform_drop_locks(set);
		return false;
	}
	if (set->v[0].state == VS_SIGNAL) {
		set->state = SET_STOPPED;
		st->reason = STOP_SIGNAL;
		st->route = ROUTE_NONE;
		set_use(s, set->id);
		return true;
	}
	stop_at_call(s, set, st, tmpnote);
	return true;
}

/* A set at its rendezvous that makes a stop (round robin from the
 * current one): true with st filled. */
static bool arrived(struct session *s, struct stop *st)
{
	int from = set_index(s, s->cur);

	for (int k = 1; k <= s->nsets; k++) {
		struct vset *set = s->sets[(from + k) % s->nsets];

		if (set->state == SET_ARRIVED && analyse(s, set, st))
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
	getrlimit(RLIMIT_NOFILE, &priv(s)->nofile);
	if (start_signals(s, &st->err) == -1) {
		st->reason = STOP_ERROR;
		return -1;
	}
	if (s->cfg.cpu >= 0) {
		/* See place(): the run starts on one CPU.  Children inherit
		 * the binding. */
		cpu_set_t cpus;

		sched_getaffinity(0, sizeof(priv(s)->allowed),
				  &priv(s)->allowed);
		CPU_ZERO(&cpus);
		CPU_SET(s->cfg.cpu, &cpus);
		sched_setaffinity(0, sizeof(cpus), &cpus);
		clock_gettime(CLOCK_MONOTONIC, &priv(s)->place_from);
	}
	priv(s)->spawned = false;
	for (int i = 0; i < s->n; i++) {
		struct spawnreq req = {
			.index = i,
			.exe = set->v[i].exe,
			.argv = s->cfg.argv,
			.fd_offset = s->cfg.fd_offset,
			.no_aslr = s->cfg.no_aslr,
			.monitor = getpid(),
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

bool session_diverged_agrees(const struct session *s, struct divergence *div)
{
	const struct vset *set = s->diverged ? set_get(s, s->cur) : NULL;

	/* Only a divergence of calls: every variant stands at a call
	 * entry, none was lost, nothing ran. */
	if (!set || s->ended || set->state != SET_DIVERGED || set->lost)
		return false;
	for (int i = 0; i < s->n; i++)
		if (set->v[i].state != VS_SYSCALL)
			return false;
	return compare_variants(set->v, s->n, s->ignore, div);
}

bool session_recheck(struct session *s, struct stop *st)
{
	struct divergence div;
	struct vset *set;

	if (!session_diverged_agrees(s, &div))
		return false;
	set = set_get(s, s->cur);
	memset(st, 0, sizeof(*st));
	st->step = s->step;
	st->set = set->id;
	st->div = div;
	set->dec.route = ROUTE_NONE;
	set->dec.note[0] = '\0';
	s->diverged = false;
	stop_at_call(s, set, st, "");
	return true;
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
