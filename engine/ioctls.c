/* The ioctl requests mvdb knows (ioctls.h). */
#include "ioctls.h"

#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

#define IFREQ_SIZE ((unsigned short)sizeof(struct ifreq))

/* The kernel's struct termios is 36 bytes on x86-64, with no padding. */
static const struct ioctl_rule rules[] = {
	{ TCGETS, 0, 36, false, false, IOC_BYTES },
	{ TCSETS, 36, 0, false, false, IOC_BYTES },
	{ TCSETSW, 36, 0, false, true, IOC_BYTES },
	{ TCSETSF, 36, 0, false, true, IOC_BYTES },
	{ TIOCGWINSZ, 0, 8, false, false, IOC_BYTES },
	{ TIOCSWINSZ, 8, 0, false, false, IOC_BYTES },
	{ FIONREAD, 0, 4, false, false, IOC_BYTES },
	{ FIONBIO, 4, 0, false, false, IOC_BYTES },
	{ TIOCGPGRP, 0, 4, false, false, IOC_BYTES },
	{ FIOCLEX, 0, 0, true, false, IOC_BYTES },
	{ FIONCLEX, 0, 0, true, false, IOC_BYTES },
	{ TCFLSH, 0, 0, true, false, IOC_BYTES },
	{ TCXONC, 0, 0, true, false, IOC_BYTES },
	{ TCSBRK, 0, 0, true, true, IOC_BYTES },
	{ TIOCOUTQ, 0, 4, false, false, IOC_BYTES },
	/* O_ASYNC, as nginx sets it on each worker's channel: harmless
	 * here, the real descriptor has no owner to signal (F_SETOWN) */
	{ FIOASYNC, 4, 0, false, false, IOC_BYTES },
	/* a network interface's, by name or index: a struct ifreq in and
	 * out, as if_nametoindex and if_indextoname ask; the rest of its
	 * input is whatever the caller's stack held */
	{ SIOCGIFINDEX, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFNAME },
	{ SIOCGIFNAME, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFINDEX },
	{ SIOCGIFFLAGS, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFNAME },
	{ SIOCGIFMTU, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFNAME },
	{ SIOCGIFADDR, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFNAME },
	{ SIOCGIFNETMASK, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFNAME },
	{ SIOCGIFBRDADDR, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFNAME },
	{ SIOCGIFHWADDR, IFREQ_SIZE, IFREQ_SIZE, false, false, IOC_IFNAME },
	{ TIOCGPTN, 0, 4, false, false, IOC_BYTES },
	{ TIOCSPTLCK, 4, 0, false, false, IOC_BYTES },
};

const struct ioctl_rule *ioctl_rule(unsigned long req)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i].req == req)
			return &rules[i];
	return NULL;
}

static size_t first_diff(const unsigned char *a, const unsigned char *b,
			 size_t len)
{
	size_t i = 0;

	while (i < len && a[i] == b[i])
		i++;
	return i;
}

bool ioctl_in_equal(unsigned long req, const unsigned char *a,
		    const unsigned char *b, size_t len, size_t *off)
{
	const struct ioctl_rule *rule = ioctl_rule(req);
	size_t n = len;

	*off = 0;
	switch (rule ? rule->cmp : IOC_BYTES) {
	case IOC_BYTES:
		break;
	case IOC_IFNAME:
		/* up to the NUL, and the NUL itself */
		n = len < IFNAMSIZ ? len : IFNAMSIZ;
		n = strnlen((const char *)a, n) + 1;
		n = n < len ? n : len;
		break;
	case IOC_IFINDEX:
		if (len < IFNAMSIZ + sizeof(int))
			break;
		a += IFNAMSIZ;
		b += IFNAMSIZ;
		*off = IFNAMSIZ;
		n = sizeof(int);
		break;
	}
	if (memcmp(a, b, n) == 0)
		return true;
	*off += first_diff(a, b, n);
	return false;
}
