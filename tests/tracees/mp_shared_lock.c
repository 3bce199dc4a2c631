/* multiprocessing's pattern: forked workers share a lock in shared
 * memory and, holding it, write to a pipe their parent reads (Pool's
 * result queue).  Which worker takes the lock when is up to the
 * scheduler and differs between variants.  The parent counts what
 * came and prints it once both workers have ended. */
#include <semaphore.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS 2
#define ROUNDS 100

static void work(sem_t *lock, int fd)
{
	for (int i = 0; i < ROUNDS; i++) {
		sem_wait(lock);
		if (write(fd, "x", 1) != 1)
			_exit(1);
		sem_post(lock);
	}
	_exit(0);
}

int main(void)
{
	sem_t *lock = mmap(NULL, sizeof(*lock), PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int fd[2], status, ok = 0;
	long got = 0;
	char buf[64];
	ssize_t n;

	if (lock == MAP_FAILED || sem_init(lock, 1, 1) == -1 ||
	    pipe(fd) == -1)
		return 2;
	for (int i = 0; i < WORKERS; i++)
		if (fork() == 0) {
			close(fd[0]);
			work(lock, fd[1]);
		}
	close(fd[1]);
	while ((n = read(fd[0], buf, sizeof(buf))) > 0)
		got += n;
	for (int i = 0; i < WORKERS; i++)
		if (wait(&status) > 0 && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0)
			ok++;
	printf("%ld bytes from %d workers\n", got, ok);
	return 0;
}
