/* Variant memory read throughput of each access method of the engine:
 * process_vm_readv, /proc/PID/mem and PTRACE_PEEKDATA, at 4 KiB, 64 KiB
 * and 1 MiB, from a real traced child. */
#include "mem.h"
#include "ptrace.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REGION (1u << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	static const struct { enum memmethod m; const char *name; } methods[] = {
		{ MEM_VM, "process_vm_readv" },
		{ MEM_PROC, "/proc/PID/mem" },
		{ MEM_PEEK, "PTRACE_PEEKDATA" },
	};
	static const size_t sizes[] = { 4096, 65536, REGION };
	unsigned char *region = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *buf = malloc(REGION);
	pid_t pid;

	memset(region, 0x5a, REGION);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	/* traced and stopped as mvdb's variants are */
	if (pt_seize(pid) == -1 || pt_interrupt(pid) == -1) {
		perror("ptrace");
		kill(pid, SIGKILL);
		return 1;
	}
	pt_wait(pid);
	printf("%-18s %10s %10s %10s\n", "variant memory", "4 KiB", "64 KiB",
	       "1 MiB");
	for (size_t m = 0; m < 3; m++) {
		printf("%-18s", methods[m].name);
		for (size_t s = 0; s < 3; s++) {
			size_t total = 0, budget = methods[m].m == MEM_PEEK ?
						       (8u << 20) : (512u << 20);
			double t0 = now(), dt;

			while (total < budget) {
				if (mem_read_with(methods[m].m, pid,
						  (unsigned long)region, buf,
						  sizes[s]) != (ssize_t)sizes[s]) {
					printf(" failed");
					return 1;
				}
				total += sizes[s];
			}
			dt = now() - t0;
			printf(" %7.0f MB/s", total / dt / 1e6);
		}
		printf("\n");
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return 0;
}
