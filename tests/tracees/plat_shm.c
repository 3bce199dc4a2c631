/* Shared memory between a program's processes: a counter in a
 * MAP_SHARED mapping of a /dev/shm object (shm_open) that a child and
 * its parent raise under a named POSIX semaphore (sem_open), a
 * process-shared unnamed semaphore in the same mapping, a second
 * mapping of the object by name, and the names taken away at the end.
 * Names come from the working directory, so that runs side by side do
 * not meet. */
#include <fcntl.h>
#include <semaphore.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 2000

struct shared {
	sem_t done;		/* the child posts it when it is through */
	long counter;		/* raised by both processes */
	char note[64];		/* the child's word to its parent */
};

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* name with a hash of the working directory after it */
static void make_name(char *buf, size_t size, const char *name)
{
	char cwd[4096];
	unsigned long h = 5381;

	if (!getcwd(cwd, sizeof(cwd)))
		die("getcwd");
	for (const char *p = cwd; *p; p++)
		h = h * 33 + (unsigned char)*p;
	snprintf(buf, size, "/%s-%lx", name, h);
}

static void raise_counter(struct shared *sh, sem_t *lock)
{
	for (int i = 0; i < ROUNDS; i++) {
		if (sem_wait(lock) == -1)
			die("sem_wait");
		sh->counter++;
		if (sem_post(lock) == -1)
			die("sem_post");
	}
}

int main(void)
{
	char shm[128], sem[128];
	struct shared *sh;
	const long *again;
	sem_t *lock;
	int fd, fd2, status;
	pid_t pid;

	make_name(shm, sizeof(shm), "mvdb-plat-shm");
	make_name(sem, sizeof(sem), "mvdb-plat-sem");
	fd = shm_open(shm, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd == -1)
		die("shm_open");
	if (ftruncate(fd, 4096) == -1)
		die("ftruncate");
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (sh == MAP_FAILED)
		die("mmap");
	if (sem_init(&sh->done, 1, 0) == -1)
		die("sem_init");
	lock = sem_open(sem, O_CREAT | O_EXCL, 0600, 1);
	if (lock == SEM_FAILED)
		die("sem_open");
	fflush(stdout);
	pid = fork();
	if (pid == -1)
		die("fork");
	if (pid == 0) {
		raise_counter(sh, lock);
		strcpy(sh->note, "written by the child");
		sem_post(&sh->done);
		_exit(0);
	}
	raise_counter(sh, lock);
	if (sem_wait(&sh->done) == -1)
		die("sem_wait done");
	if (waitpid(pid, &status, 0) != pid || status != 0)
		die("waitpid");
	printf("counter %ld (want %d)\n", sh->counter, 2 * ROUNDS);
	printf("note: %s\n", sh->note);

	fd2 = shm_open(shm, O_RDONLY, 0);
	if (fd2 == -1)
		die("shm_open again");
	again = (const long *)((char *)mmap(NULL, 4096, PROT_READ, MAP_SHARED,
					    fd2, 0) +
			       offsetof(struct shared, counter));
	printf("by name again: %ld\n", *again);

	if (sem_close(lock) == -1 || sem_unlink(sem) == -1)
		die("sem_unlink");
	if (shm_unlink(shm) == -1)
		die("shm_unlink");
	printf("after unlink: %s\n",
	       shm_open(shm, O_RDONLY, 0) == -1 ? "gone" : "still there");
	return 0;
}
