/* Everyday programs with threads, locks and interpreters, differentially
 * (differential.c): what they print under mvdb -n 2 and -n 3 is what
 * they print natively.  Each is skipped, natively and under mvdb
 * alike, where it is not installed; they are heavy, so few run at once. */
#include "differential.h"
#include "suites.h"

#define HAVE(tool) "command -v " tool " >/dev/null || exit 0; "

static const struct pcase cases[] = {
	{ "Python threads taking turns through a lock",
	  "sh -c '" HAVE("python3") "python3 -c \""
	  "import threading; l = threading.Lock(); out = []\n"
	  "def f(i):\n    for k in range(50):\n        with l: out.append(i)\n"
	  "ts = [threading.Thread(target=f, args=(i,)) for i in range(4)]; "
	  "[t.start() for t in ts]; [t.join() for t in ts]; "
	  "print(len(out), sorted(set(out)))\"'" },
	{ "multiprocessing.Lock held by a parent across its forked child's start",
	  "sh -c '" HAVE("python3") "python3 -c \""
	  "import multiprocessing as m\n"
	  "def child(l):\n    with l: print(\\\"child has it\\\", flush=True)\n"
	  "if __name__ == \\\"__main__\\\":\n"
	  "    l = m.Lock(); p = m.Process(target=child, args=(l,))\n"
	  "    with l:\n        p.start(); print(\\\"parent has it\\\", flush=True)\n"
	  "    p.join(); print(\\\"child ended\\\", p.exitcode)\"'" },
	{ "multiprocessing.Semaphore (a POSIX semaphore in /dev/shm) counts",
	  "sh -c '" HAVE("python3") "python3 -c \""
	  "import multiprocessing as m; s = m.Semaphore(2); "
	  "s.acquire(); s.acquire(); print(s.acquire(timeout=0.01)); "
	  "s.release(); print(s.acquire(False)); s.release(); s.release(); "
	  "print(s.get_value())\"'" },
	{ "Python's sqlite3 module makes and queries a database (record locks)",
	  "sh -c '" HAVE("python3") "python3 -c \""
	  "import sqlite3; c = sqlite3.connect(\\\"t.db\\\"); "
	  "c.execute(\\\"create table t(x)\\\"); "
	  "c.execute(\\\"insert into t values (1), (2)\\\"); c.commit(); "
	  "print(list(c.execute(\\\"select sum(x) from t\\\")))\"'" },
	{ "the sqlite3 tool makes and queries a database",
	  "sh -c '" HAVE("sqlite3") "sqlite3 t.db "
	  "\"create table t(x); insert into t values (1), (2); "
	  "select sum(x) from t;\"'" },
	{ "compileall writes its .pyc files and leaves no temporary one",
	  "sh -c '" HAVE("python3") "mkdir p && echo x = 1 > p/a.py && "
	  "python3 -m compileall -q p && ls -a p/__pycache__'" },
	{ "asyncio runs a coroutine (epoll_ctl DEL with the stack's leftovers)",
	  "sh -c '" HAVE("python3") "python3 -c \""
	  "import asyncio; "
	  "print(asyncio.run(asyncio.sleep(0.01, result=\\\"done\\\")))\"'" },
	{ "pty.fork: forkpty's login_tty asks for the pty as its controlling "
	  "terminal, and the child's output comes through the master",
	  "sh -c '" HAVE("python3") "python3 -c \""
	  "import pty, os\n"
	  "pid, fd = pty.fork()\n"
	  "if pid == 0:\n    print(\\\"child\\\"); os._exit(0)\n"
	  "print(os.read(fd, 100).strip()); os.waitpid(pid, 0)\"'" },
	{ "xz with two threads compresses and decompresses",
	  "sh -c '" HAVE("xz") "xz -T2 -c /usr/include/stdio.h | xz -d | cksum'" },
	{ "git commits and gc's a small repository",
	  "sh -c '" HAVE("git") "git init -q r && cd r && "
	  "for m in one two; do git -c user.name=a -c user.email=a@b "
	  "commit -q --allow-empty -m $m; done && git gc -q && "
	  "git log --format=%s'" },
};

static struct difftable table = {
	cases, sizeof(cases) / sizeof(cases[0]), .jobs = 4,
};

DIFF_TABLE_TESTS(table)

DIFF_SUITE(programs_suite, "programs", table)
