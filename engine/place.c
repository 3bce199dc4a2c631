/* Where the monitor and the variants run: one CPU while the program
 * makes calls often, every CPU mvdb may use while it computes. */
#include "session_int.h"

#include <sched.h>
#include <time.h>

/* Where the variants run (cfg.cpu >= 0), by what the program does.
 * In lockstep every step waits for every variant: while the monitor is
 * woken often (a program that makes calls), one CPU for the monitor
 * and all variants hands over without cross-CPU wake-ups, which cost
 * more than parallelism gains.  While it is woken seldom (a program
 * that computes between calls), the variants compute at once on every
 * CPU mvdb may use.  Measured over windows of PLACE_WINDOW wake-ups
 * (meetings, and calls a variant was answered alone: sha256sum reads
 * its file without meetings), with a gap between the two thresholds so
 * that a program at the edge does not flap (see the README's figures). */
#define PLACE_WINDOW 64
#define PLACE_SPREAD_NS 120000L	/* mean wake-up above: spread */
#define PLACE_BIND_NS 60000L	/* mean wake-up below: one CPU again */

void session_place(struct session *s)
{
	struct session_private *p = priv(s);
	struct timespec now;
	long mean;
	cpu_set_t cpus, one, was;

	if (s->cfg.cpu < 0 || ++p->place_steps < PLACE_WINDOW)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	mean = ((now.tv_sec - p->place_from.tv_sec) * 1000000000L +
		(now.tv_nsec - p->place_from.tv_nsec)) / PLACE_WINDOW;
	p->place_steps = 0;
	p->place_from = now;
	if (p->spread ? mean >= PLACE_BIND_NS : mean <= PLACE_SPREAD_NS)
		return;
	p->spread = !p->spread;
	CPU_ZERO(&one);
	CPU_SET(s->cfg.cpu, &one);
	cpus = p->spread ? p->allowed : one;
	was = p->spread ? one : p->allowed;
	sched_setaffinity(0, sizeof(cpus), &cpus);
	for (int k = 0; k < s->nsets && !p->placed; k++)
		for (int i = 0; i < s->n; i++) {
			const struct variant *v = &s->sets[k]->v[i];
			cpu_set_t now;

			if (!variant_alive(v) ||
			    sched_getaffinity(v->pid, sizeof(now), &now) != 0 ||
			    !CPU_EQUAL(&now, &was))
				continue;
			sched_setaffinity(v->pid, sizeof(cpus), &cpus);
		}
}
