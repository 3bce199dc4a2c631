/* Where the monitor and the variants run: one CPU while the program
 * makes calls often, every CPU mvdb may use while it computes. */
#include "session_int.h"

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* Where the variants run (cfg.cpu >= 0), by what the program does.
 * In lockstep every step waits for every variant: while the monitor is
 * woken often (a program that makes calls), one CPU for the monitor
 * and all variants hands over without cross-CPU wake-ups, which cost
 * more than parallelism gains.  While the variants compute between
 * calls, they compute at once on every CPU mvdb may use.  Measured over
 * windows of PLACE_WINDOW wake-ups (meetings, and calls a variant was
 * answered alone: sha256sum reads its file without meetings): the mean
 * time between wake-ups, and, when that is long, how much of it the
 * variants ran on a CPU (/proc/PID/schedstat, read only then: a
 * program that makes calls often pays nothing for it).
 *
 * Wake-ups alone mislead both ways.  Bound, a program that sleeps or
 * waits for clients between calls wakes the monitor seldom too, and
 * gains nothing from more CPUs.  Spread, the cross-CPU wake-ups make a
 * program that makes calls wake the monitor seldom (nginx under load:
 * a meeting every 28 us bound, every 90 to 120 us spread, where it
 * stayed at a third of its speed in about half the runs).  So the
 * variants spread when they kept their one CPU at least half busy, and
 * are bound again when, spread, they used less than PLACE_BIND_BUSY of
 * a CPU in all over PLACE_IDLE windows in a row (one alone may be the
 * machine's hiccup): they lose nothing on one.  Measured spread:
 * sha256sum's two variants ran on 1.4 to 1.8 CPUs, nginx's on 0.25 to
 * 0.4. */
#define PLACE_WINDOW 64
#define PLACE_SPREAD_NS 120000L	/* mean wake-up above: look at busy */
#define PLACE_BIND_NS 60000L	/* spread, mean wake-up below: bind */
#define PLACE_SPREAD_BUSY 500	/* bound, busy above (per mille): spread */
#define PLACE_BIND_BUSY 800	/* spread, busy below (per mille of one
				   CPU, summed)... */
#define PLACE_IDLE 2		/* ...in this many windows: bind */

/* The time task pid has run on a CPU, in ns (the first field of
 * /proc/PID/schedstat), or 0. */
static unsigned long long task_ran(pid_t pid)
{
	char path[40], buf[96];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtoull(buf, NULL, 10);
}

/* The time the live variants have run on a CPU, in ns. */
static unsigned long long variants_ran(const struct session *s)
{
	unsigned long long sum = 0;

	for (int k = 0; k < s->nsets; k++)
		for (int i = 0; i < s->n; i++)
			if (variant_alive(&s->sets[k]->v[i]))
				sum += task_ran(s->sets[k]->v[i].pid);
	return sum;
}

/* The CPU time the live variants took over the window of wall ns
 * just ended, in thousandths of one CPU; place_ran starts the next.  A
 * variant that ended in it only makes the figure smaller. */
static long busy_permille(struct session *s, long wall)
{
	struct session_private *p = priv(s);
	unsigned long long ran = variants_ran(s), took;

	took = ran > p->place_ran ? ran - p->place_ran : 0;
	p->place_ran = ran;
	return wall > 0 ? (long)(took * 1000 / (unsigned long long)wall) : 0;
}

/* Moves the monitor and the variants mvdb placed onto every allowed
 * CPU (spread) or onto cfg.cpu alone. */
static void place_set(struct session *s, bool spread)
{
	struct session_private *p = priv(s);
	cpu_set_t cpus, one, was;

	p->spread = spread;
	p->place_idle = 0;
	CPU_ZERO(&one);
	CPU_SET(s->cfg.cpu, &one);
	cpus = spread ? p->allowed : one;
	was = spread ? one : p->allowed;
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
	/* bound, the next window is a call-heavy one's until seen */
	p->place_armed = spread;
}

void session_place(struct session *s)
{
	struct session_private *p = priv(s);
	struct timespec now;
	long wall, mean, busy;

	if (s->cfg.cpu < 0 || ++p->place_steps < PLACE_WINDOW)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	wall = (now.tv_sec - p->place_from.tv_sec) * 1000000000L +
	       (now.tv_nsec - p->place_from.tv_nsec);
	mean = wall / PLACE_WINDOW;
	p->place_steps = 0;
	p->place_from = now;
	if (!p->spread && mean <= PLACE_SPREAD_NS) {
		p->place_armed = false;
		return;
	}
	if (!p->place_armed) {
		/* the first long window: the next one measures */
		p->place_armed = true;
		p->place_ran = variants_ran(s);
		return;
	}
	busy = busy_permille(s, wall);
	if (!p->spread) {
		if (busy >= PLACE_SPREAD_BUSY)
			place_set(s, true);
		return;
	}
	p->place_idle = busy < PLACE_BIND_BUSY ? p->place_idle + 1 : 0;
	if (mean < PLACE_BIND_NS || p->place_idle >= PLACE_IDLE)
		place_set(s, false);
}
