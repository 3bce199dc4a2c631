/* Where the monitor and the variants run: one CPU while the program
 * makes calls often, every CPU mvdb may use while it computes.  A
 * thread of its own decides, so that a program computing without a
 * call is seen too. */
#include "session_int.h"

#include <fcntl.h>
#include <libiberty.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

/* Where the variants run (cfg.cpu >= 0), by what the program does.
 * In lockstep every step waits for every variant: while the monitor is
 * woken often (a program that makes calls), one CPU for the monitor
 * and all variants hands over without cross-CPU wake-ups, which cost
 * more than parallelism gains.  While the variants compute between
 * calls, they compute at once on every CPU mvdb may use.
 *
 * The placer thread looks every PLACE_TICK_NS at two things: the mean
 * time between the tracer's wake-ups (meetings, and calls a variant
 * was answered alone: sha256sum reads its file without meetings) and,
 * when that is long, how much of the tick the variants ran on a CPU
 * (/proc/PID/schedstat; a program that makes calls often pays nothing
 * for it).  Wake-ups alone mislead both ways.  Bound, a program that
 * sleeps or waits for clients between calls wakes the tracer seldom
 * too, and gains nothing from more CPUs; and one that computes with no
 * call at all never wakes it (it stayed bound, two variants taking
 * twice as long as one).  Spread, the cross-CPU wake-ups make a program
 * that makes calls wake the tracer seldom (nginx under load: a meeting
 * every 28 us bound, every 90 to 120 us spread, where it stayed at a
 * third of its speed in about half the runs).  So the variants spread
 * when they kept their one CPU at least half busy, and are bound again
 * when, spread, they used less than PLACE_BIND_BUSY of a CPU in all over
 * PLACE_IDLE ticks in a row (one alone may be the machine's hiccup):
 * they lose nothing on one.  Measured spread: sha256sum's two variants
 * ran on 1.4 to 1.8 CPUs, nginx's on 0.25 to 0.4. */
#define PLACE_TICK_NS 10000000L	/* how often the placer looks */
#define PLACE_SPREAD_NS 120000L	/* mean wake-up above: look at busy */
#define PLACE_BIND_NS 60000L	/* spread, mean wake-up below: bind */
#define PLACE_SPREAD_BUSY 500	/* bound, busy above (per mille): spread */
#define PLACE_BIND_BUSY 800	/* spread, busy below (per mille of one
				   CPU, summed)... */
#define PLACE_IDLE 2		/* ...in this many ticks: bind */
#define PLACE_PUBLISH 64	/* wake-ups between lists of tasks */

struct placer {
	pthread_t thread;		/* the placer */
	pthread_mutex_t lock;		/* guards quit to ntids, and the
					   placer's own fields below */
	pthread_cond_t wake;		/* signalled to quit */
	bool quit;			/* the session ends */
	bool placed;			/* the program set its own CPUs:
					   mvdb places only itself */
	bool spread;			/* the variants use every CPU */
	pid_t *tids;			/* the live variants' tasks, as the
					   tracer last listed them */
	int ntids, captids;		/* how many, room */
	atomic_ulong wakeups;		/* the tracer's, counted by it */
	unsigned long listed;		/* wakeups at the tracer's last list
					   (the tracer's alone) */
	pid_t tracer;			/* the tracer thread (set once) */
	int cpu;			/* cfg.cpu (set once) */
	cpu_set_t allowed;		/* the CPUs mvdb may use (set once) */
	/* the placer thread's own */
	unsigned long seen;		/* wakeups at the last tick */
	bool armed;			/* ran holds the last tick's */
	unsigned long long ran;		/* CPU time (ns) the variants had
					   run at the last tick */
	unsigned idle;			/* ticks in a row spread with the
					   variants on under one CPU */
};

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

/* The time the tasks have run on a CPU, in ns. */
static unsigned long long tasks_ran(const pid_t *tids, int n)
{
	unsigned long long sum = 0;

	for (int i = 0; i < n; i++)
		sum += task_ran(tids[i]);
	return sum;
}

/* Moves the tracer and the tasks (unless the program placed itself)
 * onto every allowed CPU (spread) or onto p->cpu alone.  Under lock. */
static void place_set(struct placer *p, bool spread)
{
	cpu_set_t cpus, one, was;

	p->spread = spread;
	p->idle = 0;
	CPU_ZERO(&one);
	CPU_SET(p->cpu, &one);
	cpus = spread ? p->allowed : one;
	was = spread ? one : p->allowed;
	sched_setaffinity(p->tracer, sizeof(cpus), &cpus);
	for (int i = 0; i < p->ntids && !p->placed; i++) {
		cpu_set_t now;

		if (sched_getaffinity(p->tids[i], sizeof(now), &now) == 0 &&
		    CPU_EQUAL(&now, &was))
			sched_setaffinity(p->tids[i], sizeof(cpus), &cpus);
	}
}

/* One tick of dt ns, in which the tracer woke dw times.  Under lock. */
static void place_tick(struct placer *p, long dt, unsigned long dw)
{
	long mean = dw ? dt / (long)dw : dt;
	unsigned long long ran, took;
	long busy;

	if (!p->spread && mean <= PLACE_SPREAD_NS) {
		p->armed = false;	/* calls come often: stay */
		return;
	}
	ran = tasks_ran(p->tids, p->ntids);
	took = p->armed && ran > p->ran ? ran - p->ran : 0;
	busy = dt > 0 ? (long)(took * 1000 / (unsigned long long)dt) : 0;
	p->ran = ran;
	if (!p->armed) {
		p->armed = true;	/* the next tick measures */
		return;
	}
	if (!p->spread) {
		if (busy >= PLACE_SPREAD_BUSY)
			place_set(p, true);
		return;
	}
	p->idle = busy < PLACE_BIND_BUSY ? p->idle + 1 : 0;
	if ((dw && mean < PLACE_BIND_NS) || p->idle >= PLACE_IDLE)
		place_set(p, false);
}

static void *placer_main(void *arg)
{
	struct placer *p = arg;
	struct timespec last, now, until;

	clock_gettime(CLOCK_MONOTONIC, &last);
	pthread_mutex_lock(&p->lock);
	for (;;) {
		unsigned long w;
		long dt;

		until = last;
		until.tv_nsec += PLACE_TICK_NS;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!p->quit &&
		       pthread_cond_timedwait(&p->wake, &p->lock, &until) == 0)
			;
		if (p->quit)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		dt = (now.tv_sec - last.tv_sec) * 1000000000L +
		     (now.tv_nsec - last.tv_nsec);
		last = now;
		w = atomic_load_explicit(&p->wakeups, memory_order_relaxed);
		place_tick(p, dt, w - p->seen);
		p->seen = w;
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static void placer_free(struct placer *p)
{
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	free(p->tids);
	free(p);
}

void place_start(struct session *s)
{
	struct placer *p = XCNEW(struct placer);
	pthread_condattr_t ca;
	sigset_t all, old;
	cpu_set_t one;
	bool made;

	p->cpu = s->cfg.cpu;
	p->tracer = (pid_t)syscall(SYS_gettid);
	sched_getaffinity(0, sizeof(p->allowed), &p->allowed);
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->wake, &ca);
	pthread_condattr_destroy(&ca);
	/* the run starts on one CPU; children inherit the binding */
	CPU_ZERO(&one);
	CPU_SET(p->cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
	/* signals from outside (SIGTERM, SIGINT) go to the tracer, whose
	 * wait they cut short: the placer takes none, as the workers */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	made = pthread_create(&p->thread, NULL, placer_main, p) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!made) {
		/* no placer: the scheduler places, as with --cpu=any */
		sched_setaffinity(0, sizeof(p->allowed), &p->allowed);
		placer_free(p);
		return;
	}
	/* the placer itself runs anywhere, beside the variants */
	pthread_setaffinity_np(p->thread, sizeof(p->allowed), &p->allowed);
	priv(s)->placer = p;
}

void place_stop(struct session *s)
{
	struct placer *p = priv(s)->placer;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = true;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	placer_free(p);
	priv(s)->placer = NULL;
}

/* Lists the live variants' tasks for the placer. */
static void place_list(struct session *s, struct placer *p)
{
	pthread_mutex_lock(&p->lock);
	p->ntids = 0;
	for (int k = 0; k < s->nsets; k++)
		for (int i = 0; i < s->n; i++) {
			const struct variant *v = &s->sets[k]->v[i];

			if (!variant_alive(v))
				continue;
			if (p->ntids == p->captids) {
				p->captids = p->captids ? 2 * p->captids : 16;
				p->tids = XRESIZEVEC(pid_t, p->tids,
						     p->captids);
			}
			p->tids[p->ntids++] = v->pid;
		}
	pthread_mutex_unlock(&p->lock);
}

void session_place(struct session *s)
{
	struct placer *p = priv(s)->placer;
	unsigned long w;

	if (!p)
		return;
	w = atomic_fetch_add_explicit(&p->wakeups, 1, memory_order_relaxed);
	/* every wake-up at first (the program's first processes), then
	 * now and then: tasks that came since were placed with their
	 * parent */
	if (w < PLACE_PUBLISH || w - p->listed >= PLACE_PUBLISH) {
		p->listed = w;
		place_list(s, p);
	}
}

void place_own_cpus(struct session *s)
{
	struct placer *p = priv(s)->placer;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->placed = true;
	pthread_mutex_unlock(&p->lock);
}

bool place_shown(const struct session *s, const cpu_set_t *cpus,
		 cpu_set_t *shown)
{
	struct placer *p = cpriv(s)->placer;
	cpu_set_t one;
	bool moved;

	if (!p)
		return false;
	CPU_ZERO(&one);
	CPU_SET(p->cpu, &one);
	pthread_mutex_lock(&p->lock);
	moved = !p->placed && CPU_EQUAL(cpus, &one) &&
		!CPU_EQUAL(&one, &p->allowed);
	pthread_mutex_unlock(&p->lock);
	*shown = p->allowed;
	return moved;
}
