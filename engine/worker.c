/* Worker threads for platform calls that may wait.
 *
 * Why threads and not readiness: a call that waits is not only a read
 * or a write on a descriptor that poll can watch (flock, F_SETLKW,
 * connect, accept, epoll_wait, open of a FIFO, semop, splice between
 * two descriptors), and a readiness check followed by the call races
 * with every other reader of the same pipe.  A thread makes the real
 * call, with the real semantics (O_NONBLOCK answers EAGAIN, a blocking
 * read waits), and costs one wake-up each way.  Calls that cannot wait
 * (regular files) run in the tracer and never come here.
 */
#include "worker.h"

#include <errno.h>
#include <libiberty.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { JOB_QUEUED, JOB_RUNNING, JOB_DONE };

/* One thread of the pool. */
struct thread {
	pthread_t id;		/* for pthread_join */
	struct workers *pool;	/* the pool it serves */
	struct job *cur;	/* the job it runs, or NULL */
	struct thread *next;	/* the pool's list */
};

struct workers {
	pthread_mutex_t lock;	/* guards everything below */
	pthread_cond_t work;	/* a job was queued, or the pool ends */
	pthread_cond_t ended;	/* a job finished (for cancellation) */
	struct job *queue;	/* submitted, not started (FIFO) */
	struct job **tail;	/* where the next one goes */
	struct job *done;	/* finished, not reaped */
	struct thread *threads;	/* every thread made */
	int idle;		/* threads waiting for work */
	int busy;		/* submitted and not reaped */
	bool stopping;		/* workers_free was called */
	int efd;		/* eventfd: counts finished jobs */
	bool counted;		/* efd was written since it was read */
};

/* The signal that interrupts a worker's call: its handler does nothing,
 * and it is installed without SA_RESTART, so the call returns EINTR. */
static int cancel_signal(void)
{
	return SIGRTMIN + 3;
}

static void on_cancel(int sig)
{
	(void)sig;
}

/* File-system ids and groups are each thread's own at the level of
 * system calls (glibc's wrappers of setgroups and the like make every
 * thread follow; the raw calls do not): a job takes the program's for
 * its call alone, in whichever thread runs it, and gives them back.
 * Capabilities likewise: raw capget and capset are the thread's.
 *
 * A thread's own rights are read once (nothing else in mvdb changes
 * them), and only what differs from the program's is changed: a server
 * that only set its groups changes them alone, twice a call, where
 * reading and setting all four took thirteen calls. */
static __thread struct {
	bool read;			/* the fields below hold */
	struct jobcreds c;		/* the thread's ids and groups */
	struct __user_cap_data_struct caps[2];	/* its capability sets */
} own;

/* What take_creds changed, for give_back. */
enum { TOOK_GROUPS = 1, TOOK_FSGID = 2, TOOK_FSUID = 4, TOOK_CAPS = 8 };

static void read_own(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	own.c.fsuid = (uid_t)syscall(SYS_setfsuid, -1);
	own.c.fsgid = (gid_t)syscall(SYS_setfsgid, -1);
	own.c.ngroups = (int)syscall(SYS_getgroups, JOB_GROUPS_MAX,
				     own.c.groups);
	syscall(SYS_capget, &h, own.caps);
	own.read = true;
}

/* Returns what it changed, or -1, changing nothing, when the thread's
 * own groups do not fit a job's (they could not be given back). */
static int take_creds(const struct jobcreds *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct caps[2];
	int took = 0;

	if (!own.read)
		read_own();
	if (own.c.ngroups < 0)
		return -1;
	if (c->ngroups != own.c.ngroups ||
	    memcmp(c->groups, own.c.groups,
		   (size_t)own.c.ngroups * sizeof(gid_t))) {
		syscall(SYS_setgroups, c->ngroups, c->groups);
		took |= TOOK_GROUPS;
	}
	if (c->fsgid != own.c.fsgid) {
		syscall(SYS_setfsgid, c->fsgid);
		took |= TOOK_FSGID;
	}
	if (c->fsuid != own.c.fsuid) {
		syscall(SYS_setfsuid, c->fsuid);
		took |= TOOK_FSUID;
	}
	/* no more than the program's: a program that kept uid 0 but gave
	 * up capabilities gets no override through the platform.  Only
	 * CAP_SYS_PTRACE stays, which no file's permission bits yield to:
	 * the platform reaches the program's files through its /proc
	 * entry (/proc/PID/cwd), which a process that changed its ids
	 * keeps from others. */
	memcpy(caps, own.caps, sizeof(caps));
	caps[0].effective &= c->caps[0] | 1u << CAP_SYS_PTRACE;
	caps[1].effective &= c->caps[1];
	if (memcmp(caps, own.caps, sizeof(caps))) {
		syscall(SYS_capset, &h, caps);
		took |= TOOK_CAPS;
	}
	return took;
}

static void give_back(int took)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };

	/* a changed fsuid changed the effective set too */
	if (took & (TOOK_CAPS | TOOK_FSUID))
		syscall(SYS_capset, &h, own.caps);
	if (took & TOOK_FSUID)
		syscall(SYS_setfsuid, own.c.fsuid);
	if (took & TOOK_FSGID)
		syscall(SYS_setfsgid, own.c.fsgid);
	if (took & TOOK_GROUPS)
		syscall(SYS_setgroups, own.c.ngroups, own.c.groups);
}

void job_call(struct job *j)
{
	int took = 0;

	if (j->creds.set && (took = take_creds(&j->creds)) < 0) {
		/* never with more rights than the program's */
		j->ret = -EACCES;
		return;
	}
	j->ret = syscall(j->nr, j->a[0], j->a[1], j->a[2], j->a[3], j->a[4],
			 j->a[5]);
	if (j->ret == -1)
		j->ret = -errno;
	give_back(took);
}

static void *worker_main(void *arg)
{
	struct thread *self = arg;
	struct workers *w = self->pool;
	sigset_t only;

	sigfillset(&only);
	sigdelset(&only, cancel_signal());
	pthread_sigmask(SIG_SETMASK, &only, NULL);
	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct job *j;
		uint64_t one = 1;

		/* Idle: a submitter claims this thread (idle--) when it
		 * queues a job for it, so two quick submissions never count
		 * on one thread. */
		if (!w->queue && !w->stopping) {
			w->idle++;
			while (!w->queue && !w->stopping)
				pthread_cond_wait(&w->work, &w->lock);
		}
		if (w->stopping)
			break;
		j = w->queue;
		w->queue = j->next;
		if (!w->queue)
			w->tail = &w->queue;
		j->state = JOB_RUNNING;
		j->tid = (pid_t)syscall(SYS_gettid);
		self->cur = j;
		pthread_mutex_unlock(&w->lock);
		if (j->cancelled) {
			j->ret = -EINTR;
		} else {
			job_call(j);
		}
		pthread_mutex_lock(&w->lock);
		j->state = JOB_DONE;
		self->cur = NULL;
		j->next = w->done;
		w->done = j;
		pthread_cond_broadcast(&w->ended);
		if (write(w->efd, &one, sizeof(one)) < 0)
			abort();
		w->counted = true;
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct workers *workers_new(void)
{
	struct workers *w = XCNEW(struct workers);
	struct sigaction sa = { .sa_handler = on_cancel };

	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->ended, NULL);
	w->tail = &w->queue;
	w->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (w->efd == -1)
		abort();
	sigemptyset(&sa.sa_mask);
	sigaction(cancel_signal(), &sa, NULL);
	return w;
}

int workers_fd(const struct workers *w)
{
	return w->efd;
}

int workers_busy(const struct workers *w)
{
	return w->busy;
}

/* A new thread for the pool (the lock held); false when none can be
 * made.  It starts with every signal blocked (it unblocks only the
 * cancel signal itself), so no signal of the monitor's lands on it. */
static bool add_thread(struct workers *w)
{
	struct thread *t = XNEW(struct thread);
	sigset_t all, old;
	int e;

	t->pool = w;
	t->cur = NULL;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	e = pthread_create(&t->id, NULL, worker_main, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e) {
		free(t);
		return false;
	}
	t->next = w->threads;
	w->threads = t;
	return true;
}

void workers_submit(struct workers *w, struct job *j)
{
	j->next = NULL;
	j->tid = 0;
	j->state = JOB_QUEUED;
	j->cancelled = false;
	j->out = true;
	pthread_mutex_lock(&w->lock);
	w->busy++;
	if (!w->idle && !add_thread(w)) {
		/* No thread to be had: the call fails as the kernel fails
		 * one it has no resources for. */
		uint64_t one = 1;

		j->ret = -EAGAIN;
		j->state = JOB_DONE;
		j->next = w->done;
		w->done = j;
		if (write(w->efd, &one, sizeof(one)) < 0)
			abort();
		w->counted = true;
	} else {
		if (w->idle)
			w->idle--;
		*w->tail = j;
		w->tail = &j->next;
		pthread_cond_signal(&w->work);
	}
	pthread_mutex_unlock(&w->lock);
}

struct job *workers_reap(struct workers *w)
{
	struct job *j;
	uint64_t n;

	pthread_mutex_lock(&w->lock);
	j = w->done;
	if (j) {
		w->done = j->next;
		w->busy--;
		j->out = false;
	}
	/* read only when written: reaping runs at every step */
	if (!w->done && w->counted) {
		if (read(w->efd, &n, sizeof(n)) < 0 && errno != EAGAIN)
			abort();
		w->counted = false;
	}
	pthread_mutex_unlock(&w->lock);
	return j;
}

/* Interrupts j (the lock held): the signal may land before the worker
 * enters its call, so it is sent again until the call has returned, at
 * most for a second.  Only cancellation ever waits like this. */
static void interrupt(struct workers *w, struct job *j, bool wait)
{
	j->cancelled = true;
	for (int tries = 0; j->state == JOB_RUNNING && tries < 100; tries++) {
		struct timespec until;

		syscall(SYS_tgkill, getpid(), j->tid, cancel_signal());
		if (!wait)
			return;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 10 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&w->ended, &w->lock, &until);
	}
}

void workers_cancel(struct workers *w, struct job *j)
{
	pthread_mutex_lock(&w->lock);
	if (j->state != JOB_DONE)
		interrupt(w, j, false);
	pthread_mutex_unlock(&w->lock);
}

bool workers_cancel_wait(struct workers *w, struct job *j)
{
	bool stopped;

	pthread_mutex_lock(&w->lock);
	if (j->state != JOB_DONE)
		interrupt(w, j, true);
	stopped = j->state != JOB_RUNNING;
	pthread_mutex_unlock(&w->lock);
	return stopped;
}

bool workers_done(struct workers *w, const struct job *j)
{
	bool done;

	pthread_mutex_lock(&w->lock);
	done = j->state == JOB_DONE;
	pthread_mutex_unlock(&w->lock);
	return done;
}

void workers_free(struct workers *w)
{
	struct thread *t, *next;
	struct job *j;

	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_broadcast(&w->work);
	w->queue = NULL;
	w->tail = &w->queue;
	for (t = w->threads; t; t = t->next)
		if (t->cur)
			interrupt(w, t->cur, true);
	pthread_mutex_unlock(&w->lock);
	for (t = w->threads; t; t = next) {
		next = t->next;
		pthread_join(t->id, NULL);
		free(t);
	}
	while ((j = w->done))
		w->done = j->next;
	close(w->efd);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->work);
	pthread_cond_destroy(&w->ended);
	free(w);
}
