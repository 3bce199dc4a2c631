/* Gives up root's capabilities, then root itself, and works on files
 * after each: with no capabilities a file of nobody's mode 0600 does not
 * open for writing; as nobody, no file is made in the working directory
 * (made 0755), one in an open directory is nobody's, and a file opened
 * before stays root's (fchmod, fchown fail), as does the directory
 * (mkdirat fails).  Under mvdb the platform, which carries out these
 * calls, must act with the program's rights, not the monitor's. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void caps_effective(int on)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct c[2];

	syscall(SYS_capget, &h, c);
	c[0].effective = on ? c[0].permitted : 0;
	c[1].effective = on ? c[1].permitted : 0;
	syscall(SYS_capset, &h, c);
}

static const char *result(int r)
{
	return r == 0 ? "done" : strerror(errno);
}

int main(void)
{
	struct stat st;
	int fd, mine, dir;

	if (geteuid() != 0) {
		printf("needs root\n");
		return 0;
	}
	if (chmod(".", 0755) != 0 || mkdir("open", 0777) != 0 ||
	    chmod("open", 0777) != 0)
		return 1;
	mine = open("mine.txt", O_WRONLY | O_CREAT, 0600);
	dir = open(".", O_RDONLY | O_DIRECTORY);
	if (mine < 0 || dir < 0 || fchown(mine, 65534, 65534) != 0)
		return 4;
	caps_effective(0);
	fd = open("mine.txt", O_WRONLY);
	printf("nobody's 0600 file, root without capabilities: %s\n",
	       fd >= 0 ? "opened" : strerror(errno));
	caps_effective(1);
	if (fchown(mine, 0, 0) != 0)
		return 5;
	if (setgroups(0, NULL) != 0 || setresgid(65534, 65534, 65534) != 0 ||
	    setresuid(65534, 65534, 65534) != 0)
		return 2;
	printf("fchmod of root's file: %s\n", result(fchmod(mine, 0666)));
	printf("fchown of root's file: %s\n", result(fchown(mine, 65534, 65534)));
	printf("mkdirat in root's directory: %s\n", result(mkdirat(dir, "sub", 0755)));
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
