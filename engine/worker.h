/* Worker threads: platform calls that may wait run here, so the tracer
 * never waits for one.
 *
 * The tracer submits a job (one system call of the monitor, arguments
 * already translated into monitor memory) and goes on; when the call
 * returns, the job comes back through workers_reap and the descriptor
 * workers_fd becomes readable, so the tracer's one wait point sees it.
 * A worker thread is made when every other is busy (a job may wait for
 * ever: a read from a pipe nobody writes), and idle ones are kept.
 */
#ifndef MVDB_WORKER_H
#define MVDB_WORKER_H

#include <stdbool.h>
#include <sys/types.h>

/* One call for a worker.  Owned by the submitter, who keeps it alive
 * until workers_reap returns it. */
#define JOB_GROUPS_MAX 1024	/* supplementary groups a job can act with */

/* Whose file-system rights a job's call uses: the monitor's, or (set)
 * the program's own, when they differ (it dropped privileges). */
struct jobcreds {
	bool set;		/* act as below, else as the monitor */
	uid_t fsuid;
	gid_t fsgid;
	int ngroups;
	gid_t groups[JOB_GROUPS_MAX];
	unsigned caps[2];	/* effective capabilities (CapEff) */
};

struct job {
	long nr;		/* the monitor's system call */
	unsigned long a[6];	/* its arguments */
	long ret;		/* its result, or -errno */
	void *owner;		/* the submitter's: what the job is for */
	struct job *next;	/* queue links (the pool's) */
	pid_t tid;		/* the worker running it, or 0 */
	int state;		/* the pool's: queued, running, done */
	bool cancelled;		/* interrupted by workers_cancel */
	bool out;		/* submitted and not yet reaped: the pool
				   may still write it */
	struct jobcreds creds;	/* the rights it acts with */
};

struct workers;

/* Makes j's call in the calling thread (the tracer, for calls that
 * cannot wait); sets j->ret. */
void job_call(struct job *j);

/* A pool with no thread yet.  Freed by workers_free. */
struct workers *workers_new(void);
/* Interrupts every running job, joins every thread and frees the pool;
 * jobs not yet reaped are dropped (their owners must not wait). */
void workers_free(struct workers *w);
/* Readable while a finished job waits to be reaped. */
int workers_fd(const struct workers *w);
/* Hands j to a worker. */
void workers_submit(struct workers *w, struct job *j);
/* A finished job, or NULL when none is. */
struct job *workers_reap(struct workers *w);
/* Jobs submitted and not yet reaped. */
int workers_busy(const struct workers *w);
/* Interrupts j's call (it returns -EINTR unless it finished first); j
 * still comes back through workers_reap. */
void workers_cancel(struct workers *w, struct job *j);
/* The same, waiting (at most a second) until the call has returned;
 * false when it still runs. */
bool workers_cancel_wait(struct workers *w, struct job *j);
/* Whether j's call has returned (j is not reaped yet). */
bool workers_done(struct workers *w, const struct job *j);

#endif
