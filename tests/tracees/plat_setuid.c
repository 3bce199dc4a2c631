/* Drops root to nobody, then creates files: where nobody may not write
 * (the working directory, made 0755), natively EACCES; where it may, a
 * file owned by nobody.  Under mvdb the platform, which opens files for
 * writing, must act with the program's rights, not the monitor's. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	struct stat st;
	int fd;

	if (geteuid() != 0) {
		printf("needs root\n");
		return 0;
	}
	if (chmod(".", 0755) != 0 || mkdir("open", 0777) != 0 ||
	    chmod("open", 0777) != 0)
		return 1;
	if (setgroups(0, NULL) != 0 || setresgid(65534, 65534, 65534) != 0 ||
	    setresuid(65534, 65534, 65534) != 0)
		return 2;
	fd = open("closed.txt", O_WRONLY | O_CREAT, 0644);
	printf("in a directory of root's: %s\n", fd >= 0 ? "created" : strerror(errno));
	fd = open("open/made.txt", O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || fstat(fd, &st) != 0) {
		printf("in an open directory: %s\n", strerror(errno));
		return 3;
	}
	printf("in an open directory: created, owner %d group %d\n",
	       (int)st.st_uid, (int)st.st_gid);
	return 0;
}
