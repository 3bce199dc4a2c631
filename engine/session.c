/* The lockstep engine: start the variants, meet them at every system
 * call, compare, run each call where the policy says, go on. */
#include "session.h"
#include "args.h"
#include "compare.h"
#include "format.h"
#include "mem.h"
#include "platform.h"
#include "policy.h"
#include "ptrace.h"
#include "spawn.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <linux/audit.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <x86intrin.h>

/* Engine-private state kept beside the public session. */
struct session_private {
	struct session pub;		/* what front ends see */
	char *exe[MAX_VARIANTS];	/* resolved binaries; owned */
	struct decision dec;		/* for the call at hand */
	unsigned long tsc_base;		/* index of tsc[0] */
};

static struct session_private *priv(struct session *s)
{
	return (struct session_private *)s;
}

struct session *session_new(const struct config *cfg, struct error *err)
{
	struct session_private *p;
	struct session *s;
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
	for (int i = 0; i < s->n; i++) {
		const char *prog = cfg->exe[i] ? cfg->exe[i] : cfg->argv[0];

		p->exe[i] = spawn_find(prog, err);
		if (!p->exe[i]) {
			session_free(s);
			return NULL;
		}
		s->v[i].index = i;
		s->v[i].exe = p->exe[i];
		s->v[i].state = VS_NEW;
		ltable_init(&s->v[i].local, s->cfg.fd_offset);
	}
	pmap_init(&s->pm, s->cfg.fd_offset);
	for (int i = 0; i < 3; i++)
		pmap_bind(&s->pm, i, pfile_new(cfg->stdio[i], names[i], modes[i],
					       true));
	return s;
}

static bool alive(const struct variant *v)
{
	return v->state != VS_EXITED && v->state != VS_KILLED &&
	       v->state != VS_NEW;
}

void session_kill(struct session *s)
{
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &s->v[i];

		if (!alive(v))
			continue;
		kill(v->pid, SIGKILL);
		for (;;) {
			struct waitstatus ws = pt_wait(v->pid);

			if (ws.kind == WK_EXITED || ws.kind == WK_KILLED ||
			    ws.kind == WK_ERROR)
				break;
		}
		v->state = VS_KILLED;
		v->sig = SIGKILL;
	}
	s->ended = true;
}

void session_free(struct session *s)
{
	struct session_private *p;

	if (!s)
		return;
	p = priv(s);
	session_kill(s);
	for (int i = 0; i < s->n; i++) {
		free(p->exe[i]);
		args_free(&s->v[i].call);
		ltable_free(&s->v[i].local);
	}
	for (int i = 0; i < SYSCALL_MAX_ARGS + 2; i++)
		free(s->pbuf[i].data);
	if (s->pm.low)
		pmap_free(&s->pm);
	free(s->tsc);
	free(p);
}

/* At an exec: hide the vDSO so that time calls become system calls the
 * monitor sees (AT_SYSINFO_EHDR becomes AT_IGNORE in the aux vector). */
static void hide_vdso(pid_t pid)
{
	struct user_regs_struct regs;
	unsigned long words[512];
	unsigned long at;
	int phase = 0;	/* 0 argc, 1 argv, 2 envp, 3 auxv */
	bool value = false;	/* auxv: the next word is a value */
	long argc = 0;

	if (pt_getregs(pid, &regs) == -1)
		return;
	at = regs.rsp;
	for (int chunk = 0; chunk < 64; chunk++) {
		ssize_t got = mem_read(pid, at, words, sizeof(words));
		size_t n = got > 0 ? (size_t)got / sizeof(words[0]) : 0;

		if (n == 0)
			return;
		for (size_t i = 0; i < n; i++, at += sizeof(words[0])) {
			if (phase == 0) {
				argc = (long)words[i];
				phase = 1;
			} else if (phase == 1) {
				if (argc-- == 0)
					phase = 2;
			} else if (phase == 2) {
				if (!words[i])
					phase = 3;
			} else if (value) {
				value = false;
			} else if (words[i] == AT_NULL) {
				return;
			} else {
				if (words[i] == AT_SYSINFO_EHDR) {
					unsigned long ign = AT_IGNORE;

					mem_write(pid, at, &ign, sizeof(ign));
				}
				value = true;
			}
		}
	}
}

/* The k-th rdtsc of every variant reads the same value. */
static unsigned long tsc_value(struct session *s, struct variant *v)
{
	struct session_private *p = priv(s);
	unsigned long k = v->tsc_reads++, least = v->tsc_reads;

	if (k - p->tsc_base < s->ntsc)
		return s->tsc[k - p->tsc_base];
	if (s->ntsc == s->captsc) {
		/* Drop what every variant has read already. */
		for (int i = 0; i < s->n; i++)
			if (s->v[i].tsc_reads < least)
				least = s->v[i].tsc_reads;
		if (least - p->tsc_base > s->ntsc / 2) {
			size_t drop = least - p->tsc_base;

			memmove(s->tsc, s->tsc + drop,
				(s->ntsc - drop) * sizeof(*s->tsc));
			s->ntsc -= drop;
			p->tsc_base += drop;
		} else {
			s->captsc = s->captsc ? s->captsc * 2 : 64;
			s->tsc = XRESIZEVEC(unsigned long, s->tsc, s->captsc);
		}
	}
	s->tsc[s->ntsc++] = __rdtsc();
	return s->tsc[k - p->tsc_base];
}

/* A SIGSEGV from rdtsc/rdtscp (trapped with PR_SET_TSC): emulate it so
 * every variant reads the same counter.  Returns false when the fault is
 * the program's own. */
static bool emulate_tsc(struct session *s, struct variant *v)
{
	struct user_regs_struct regs;
	unsigned char insn[3];
	unsigned long t;
	int len;

	if (pt_getregs(v->pid, &regs) == -1 ||
	    mem_read(v->pid, regs.rip, insn, sizeof(insn)) != sizeof(insn))
		return false;
	if (insn[0] == 0x0f && insn[1] == 0x31)
		len = 2;
	else if (insn[0] == 0x0f && insn[1] == 0x01 && insn[2] == 0xf9)
		len = 3;
	else
		return false;
	t = tsc_value(s, v);
	regs.rax = t & 0xffffffffu;
	regs.rdx = t >> 32;
	if (len == 3)
		regs.rcx = 0;
	regs.rip += len;
	return pt_setregs(v->pid, &regs) == 0;
}

static bool fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	       sig == SIGFPE || sig == SIGTRAP;
}

static bool stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

static void ended(struct variant *v, const struct waitstatus *ws)
{
	if (ws->kind == WK_EXITED) {
		v->state = VS_EXITED;
		v->code = ws->code;
	} else {
		v->state = VS_KILLED;
		v->sig = ws->kind == WK_KILLED ? ws->sig : SIGKILL;
		v->core = ws->core;
	}
}

/* Handles one stop that is not the one being waited for.  Returns true
 * when the variant was resumed (keep waiting), false when it ended or
 * stopped at a rendezvous of its own (a fault). */
static bool pass_stop(struct session *s, struct variant *v,
		      const struct waitstatus *ws, bool to_exit)
{
	int (*resume)(pid_t, int) = to_exit ? pt_syscall : pt_cont;

	switch (ws->kind) {
	case WK_EXEC:
		hide_vdso(v->pid);
		policy_exec(s, v);
		resume(v->pid, 0);
		return true;
	case WK_SIGNAL:
		if (ws->sig == SIGSEGV && emulate_tsc(s, v)) {
			resume(v->pid, 0);
			return true;
		}
		if (fault_signal(ws->sig) && !to_exit) {
			v->state = VS_SIGNAL;
			v->sig = ws->sig;
			return false;
		}
		resume(v->pid, stop_signal(ws->sig) ? 0 : ws->sig);
		return true;
	case WK_EXITED:
	case WK_KILLED:
	case WK_ERROR:
		ended(v, ws);
		return false;
	default:
		resume(v->pid, 0);
		return true;
	}
}

/* Waits until v stops at its next system call entry (or faults, or
 * ends). */
static void wait_entry(struct session *s, struct variant *v)
{
	for (;;) {
		struct waitstatus ws = pt_wait(v->pid);

		if (ws.kind == WK_SECCOMP) {
			v->state = VS_SYSCALL;
			return;
		}
		if (!pass_stop(s, v, &ws, false))
			return;
	}
}

/* Waits for the exit of the call v was resumed into; records ret. */
static void wait_exit(struct session *s, struct variant *v)
{
	for (;;) {
		struct waitstatus ws = pt_wait(v->pid);
		struct pt_syscall sc;

		if (ws.kind == WK_SYSCALL_EXIT) {
			if (pt_get_syscall(v->pid, &sc) == 0 && !sc.entry) {
				v->call.ret = sc.ret;
				v->call.rawret = (unsigned long)sc.ret;
				v->call.done = true;
			}
			return;
		}
		if (ws.kind == WK_SECCOMP) {
			/* Cannot happen from PTRACE_SYSCALL; be safe. */
			v->state = VS_SYSCALL;
			return;
		}
		if (!pass_stop(s, v, &ws, true))
			return;
	}
}

/* Reads the call each variant stopped at. */
static int read_call(struct variant *v, struct error *err)
{
	struct pt_syscall sc;
	struct call *c = &v->call;

	if (pt_get_syscall(v->pid, &sc) == -1)
		return error_set(err, ERR_SYSTEM,
				 "variant %d: cannot read its system call: %s",
				 v->index, strerror(errno));
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

/* What a history entry records. */
enum recordkind {
	REC_CALL,	/* the call at hand, run (result if known) */
	REC_DIVERGED,	/* the call at hand, which did not run */
	REC_STATE,	/* a fault or an end */
};

static void record(struct session *s, enum recordkind kind)
{
	struct histent *h = &s->hist[s->nhist % HISTORY_SIZE];
	const struct variant *v0 = &s->v[0];

	h->step = s->step;
	h->diverged = kind == REC_DIVERGED;
	if (kind != REC_STATE && v0->call.nr >= 0 &&
	    (kind == REC_CALL || v0->state == VS_SYSCALL)) {
		size_t n;

		h->nr = v0->call.nr;
		n = format_call(&v0->call, &s->pm, s->cfg.strsize, h->text,
				sizeof(h->text));
		if (kind == REC_CALL && !v0->call.done && v0->call.sc &&
		    v0->call.sc->ret == RET_NONE && n + 5 < sizeof(h->text))
			strcat(h->text, " = ?");
	} else {
		char sig[32];

		h->nr = -1;
		if (v0->state == VS_SIGNAL)
			snprintf(h->text, sizeof(h->text), "--- %s ---",
				 format_signal(v0->sig, sig, sizeof(sig)));
		else if (v0->state == VS_EXITED)
			snprintf(h->text, sizeof(h->text), "+++ exited with %d +++",
				 v0->code);
		else
			snprintf(h->text, sizeof(h->text), "+++ killed by %s +++",
				 format_signal(v0->sig, sig, sizeof(sig)));
	}
	if (s->note[0] && strlen(h->text) + 8 < sizeof(h->text))
		snprintf(h->text + strlen(h->text),
			 sizeof(h->text) - strlen(h->text), " (%s)", s->note);
	s->nhist++;
	if (s->observe)
		s->observe(s->observe_ctx, h, s->v, s->n);
}

const struct histent *session_history(const struct session *s, unsigned long i)
{
	if (i >= s->nhist || i >= HISTORY_SIZE)
		return NULL;
	return &s->hist[(s->nhist - 1 - i) % HISTORY_SIZE];
}

static int status_of(const struct variant *v)
{
	return v->state == VS_EXITED ? v->code : 128 + v->sig;
}

/* Meets every variant at its next stop and says what the meeting is. */
static int rendezvous(struct session *s, struct stop *st)
{
	struct session_private *p = priv(s);
	int live = 0;

	for (int i = 0; i < s->n; i++)
		if (s->v[i].state == VS_RUNNING)
			wait_entry(s, &s->v[i]);
	s->step++;
	st->step = s->step;
	s->note[0] = '\0';
	for (int i = 0; i < s->n; i++) {
		struct variant *v = &s->v[i];

		if (v->state == VS_SYSCALL && read_call(v, &st->err) == -1) {
			st->reason = STOP_ERROR;
			return -1;
		}
		live += alive(v);
	}
	if (!compare_variants(s->v, s->n, s->ignore, &st->div)) {
		st->reason = STOP_DIVERGED;
		s->diverged = true;
		s->route = ROUTE_NONE;
		record(s, REC_DIVERGED);
		return 0;
	}
	if (!live) {
		st->reason = STOP_EXITED;
		st->status = status_of(&s->v[0]);
		s->ended = true;
		s->route = ROUTE_NONE;
		record(s, REC_STATE);
		return 0;
	}
	if (s->v[0].state == VS_SIGNAL) {
		st->reason = STOP_SIGNAL;
		s->route = st->route = ROUTE_NONE;
		return 0;
	}
	policy_decide(s, &p->dec);
	s->route = st->route = p->dec.route;
	s->route_ret = p->dec.ret;
	snprintf(s->note, sizeof(s->note), "%s",
		 p->dec.note[0] ? p->dec.note : st->div.what);
	st->reason = STOP_SYSCALL;
	return 0;
}

/* Variant i's own ids in its call's id arguments, where it names
 * variant 0's. */
static void translate_ids(struct session *s, struct variant *v)
{
	const struct call *c = &v->call;

	if (!c->sc || v->index == 0)
		return;
	for (int i = 0; i < c->sc->nargs; i++)
		if (c->sc->args[i].kind == ARG_PID &&
		    (pid_t)c->args[i] == s->v[0].pid)
			pt_set_arg(v->pid, i, (unsigned long)v->pid);
}

/* Runs the call at hand where the policy decided and resumes all. */
static void run_call(struct session *s)
{
	struct session_private *p = priv(s);
	const struct decision *d = &p->dec;
	long ret = 0;

	policy_apply(s, d);
	switch (d->route) {
	case ROUTE_VARIANT:
		for (int i = 0; i < s->n; i++) {
			translate_ids(s, &s->v[i]);
			(d->need_exit ? pt_syscall : pt_cont)(s->v[i].pid, 0);
			s->v[i].state = VS_RUNNING;
		}
		if (!d->need_exit)
			break;
		for (int i = 0; i < s->n; i++)
			wait_exit(s, &s->v[i]);
		if (s->cfg.results)
			args_fetch_outputs(s->v[0].pid, &s->v[0].call,
					   s->cfg.strsize + 1);
		if (d->leader_result && s->v[0].call.done)
			for (int i = 1; i < s->n; i++)
				if (s->v[i].call.done) {
					pt_set_return(s->v[i].pid, s->v[0].call.ret);
					s->v[i].call.ret = s->v[0].call.ret;
				}
		policy_finish(s);
		for (int i = 0; i < s->n; i++)
			if (s->v[i].state == VS_RUNNING)
				pt_cont(s->v[i].pid, 0);
		break;
	case ROUTE_LEADER:
		pt_syscall(s->v[0].pid, 0);
		s->v[0].state = VS_RUNNING;
		wait_exit(s, &s->v[0]);
		ret = s->v[0].call.ret;
		if (s->v[0].state == VS_RUNNING)
			pt_cont(s->v[0].pid, 0);
		for (int i = 1; i < s->n; i++) {
			pt_skip(s->v[i].pid, ret);
			s->v[i].call.ret = ret;
			s->v[i].call.done = true;
			pt_cont(s->v[i].pid, 0);
			s->v[i].state = VS_RUNNING;
		}
		break;
	case ROUTE_PLATFORM:
	case ROUTE_INJECT:
		if (d->route == ROUTE_PLATFORM)
			ret = platform_run(s, s->note, sizeof(s->note));
		else
			ret = d->ret;
		for (int i = 0; i < s->n; i++) {
			pt_skip(s->v[i].pid, ret);
			s->v[i].call.ret = ret;
			s->v[i].call.done = true;
			pt_cont(s->v[i].pid, 0);
			s->v[i].state = VS_RUNNING;
		}
		break;
	case ROUTE_NONE:
		break;
	}
	record(s, REC_CALL);
}

int session_start(struct session *s, struct stop *st)
{
	memset(st, 0, sizeof(*st));
	if (s->started) {
		st->reason = STOP_ERROR;
		return error_set(&st->err, ERR_STATE, "the program is already running");
	}
	s->started = true;
	if (s->cfg.cpu >= 0) {
		/* In lockstep every step waits for every variant: on one CPU
		 * the monitor and the variants hand over without cross-CPU
		 * wake-ups, which cost more than the parallelism gains (see
		 * the README's figures).  Children inherit the binding. */
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(s->cfg.cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	for (int i = 0; i < s->n; i++) {
		struct spawnreq req = {
			.index = i,
			.exe = s->v[i].exe,
			.argv = s->cfg.argv,
			.fd_offset = s->cfg.fd_offset,
			.no_aslr = s->cfg.no_aslr,
			.monitor = getpid(),
		};
		pid_t pid = spawn_variant(&req, &st->err);

		if (pid == -1) {
			session_kill(s);
			st->reason = STOP_ERROR;
			return -1;
		}
		s->v[i].pid = pid;
		s->v[i].state = VS_RUNNING;
		hide_vdso(pid);
	}
	for (int i = 0; i < s->n; i++)
		pt_cont(s->v[i].pid, 0);
	if (rendezvous(s, st) == -1)
		return -1;
	if (st->reason == STOP_SYSCALL)
		st->reason = STOP_START;
	return 0;
}

int session_step(struct session *s, struct stop *st)
{
	memset(st, 0, sizeof(*st));
	if (!s->started || s->ended || s->diverged) {
		st->reason = STOP_ERROR;
		return error_set(&st->err, ERR_STATE, "%s",
				 !s->started ? "the program is not running" :
				 s->diverged ? "the variants have diverged; they stay stopped for inspection (kill or run to go on)" :
					       "the program has ended");
	}
	if (s->v[0].state == VS_SIGNAL) {
		for (int i = 0; i < s->n; i++) {
			pt_cont(s->v[i].pid, s->v[i].sig);
			s->v[i].state = VS_RUNNING;
		}
		record(s, REC_STATE);
	} else {
		run_call(s);
	}
	return rendezvous(s, st);
}

size_t session_format_call(const struct session *s, int v, char *buf,
			   size_t size)
{
	return format_call(&s->v[v].call, &s->pm, s->cfg.strsize, buf, size);
}
