/* Deaths and faults in lockstep: a fatal signal pending for the
 * counterparts of a variant that died of it is taken by them alike, a
 * variant killed from outside (SIGKILL, which no tracer sees coming)
 * stops its counterparts where they run, and a fault is noted with its
 * siginfo, instruction and place for every view that shows it. */
#include "events_int.h"
#include "inspect.h"
#include "symbols.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Whether sig, pending for variant w, ends its process when taken: no
 * handler, neither ignored nor blocked, a default action that
 * terminates. */
static bool fatal_pending(const struct variant *w, int sig)
{
	return sig_pending(w->pid) >> (sig - 1) & 1 && !sig_stop(sig) &&
	       !sig_caught(w->pid, sig) && sig_interrupts(w->pid, sig) &&
	       !(sig_status_mask(w->pid, "SigBlk") >> (sig - 1) & 1);
}

void sig_die_alike(struct session *s, struct vset *set,
		      const struct variant *v, int sig)
{
	/* one that died in a call all had begun: exit_in decides */
	if (set->state != SET_RUNNING || v->to_exit || sig <= 0 || sig > 64)
		return;
	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (w == v || w->state != VS_SYSCALL || w->to_exit ||
		    w->parked || !fatal_pending(w, sig))
			continue;
		pt_skip(w->pid, -EINTR);
		w->state = VS_RUNNING;
		set_resume(w, 0);
	}
}

bool sig_parent_ended(const struct session *s, const struct vset *set,
		      const struct variant *v)
{
	const struct vset *parent = set_get(s, set->parent);
	const struct variant *p;
	char path[64], line[256], *state;
	FILE *f;

	if (set->parent < 0)
		return false;	/* the monitor's child: the monitor lives */
	if (!parent)
		return true;	/* ended, and forgotten */
	p = &parent->v[v->index];
	if (!variant_alive(p))
		return true;
	/* its end may not have reached mvdb yet: the kernel sends the
	 * death signal as it exits, a zombie from then on */
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)p->pid);
	f = fopen(path, "re");
	if (!f)
		return true;
	state = fgets(line, sizeof(line), f) ? strrchr(line, ')') : NULL;
	fclose(f);
	return state && (state[2] == 'Z' || state[2] == 'X');
}

void sig_killed_outside(struct session *s, struct vset *set,
			   const struct variant *v)
{
	bool others = false;

	for (int i = 0; i < s->n; i++) {
		struct variant *w = &set->v[i];

		if (w == v || !sig_pausable(w))
			continue;
		pt_interrupt(w->pid);
		w->pausing = true;
		others = true;
	}
	if (others)
		set->lost = v->index + 1;
}

void sig_lost_stopped(struct session *s, struct vset *set)
{
	for (int i = 0; i < s->n; i++)
		if (set->v[i].pausing && sig_pausable(&set->v[i]))
			return;
	set->state = SET_ARRIVED;
}

/* Where ip is, as a person reads it: "main+12 in prog", else the
 * mapping ("libc.so.6+0x1234", "[stack]"). */
static void fault_place(pid_t pid, unsigned long ip, char *buf, size_t size)
{
	struct error err = { 0 };
	struct symbols *sy = symbols_open(pid, &err);
	struct symbol sym;

	if (sy && symbols_lookup(sy, ip, &sym) && sym.func[0]) {
		const char *base = strrchr(sym.object, '/');

		if (sym.off)
			snprintf(buf, size, "%.180s+%lu in %.100s", sym.func,
				 sym.off, base ? base + 1 : sym.object);
		else
			snprintf(buf, size, "%.180s in %.100s", sym.func,
				 base ? base + 1 : sym.object);
	} else {
		inspect_mapping(pid, ip, buf, size);
	}
	symbols_close(sy);
}

void sig_note_fault(struct variant *v)
{
	struct user_regs_struct regs;

	if (pt_getsiginfo(v->pid, &v->fault) == -1)
		memset(&v->fault, 0, sizeof(v->fault));
	v->fault_ip = pt_getregs(v->pid, &regs) == 0 ? regs.rip : 0;
	fault_place(v->pid, v->fault_ip, v->fault_where,
		    sizeof(v->fault_where));
}
