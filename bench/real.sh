#!/bin/sh
# Real programs, as wall time: each natively, under mvdb (2 variants in
# lockstep) and under strace -f, with ratios.  Figures, not assertions.
# Each figure is the best of RUNS runs (a shared machine only ever adds
# time), after one untimed native run to warm the caches (WARMUP=0 to
# skip it).  A row is printed as soon as its program is done.
#
#   MVDB=./mvdb        the mvdb to measure
#   MVDB_OPTS=         more options for mvdb (e.g. --no-aslr)
#   RUNS=3             runs per figure
#   MVDB_LIMIT=120     seconds allowed to each run under mvdb; a run that
#                      runs out shows ">120 s" and the rest of that
#                      program's mvdb runs are skipped
#   BENCH_REAL="..."   only these programs, by short name (default: all):
#     loop      bash -c 'for i in $(seq 20); do x=$(echo $i | cat); done'
#     pipeline  sh -c 'find /usr -type f | wc -l'            (alias: find)
#     make      make -j2 of a C project of 8 files, cleaned before each run
#     ls        sh -c 'for i in $(seq 200); do ls | wc -l; done' in a
#               directory of 20 files
#     tar       tar cf /dev/null /usr/include
#     sha256    sha256sum of a 50 MiB file               (alias: sha256sum)
#
# A figure marked "!" comes from a run whose exit status differs from the
# native one (a divergence, or mvdb failing); the reason follows the row.
set -eu
MVDB=${MVDB:-./mvdb}
RUNS=${RUNS:-3}
MVDB_LIMIT=${MVDB_LIMIT:-120}
MVDB_OPTS=${MVDB_OPTS:-}
WARMUP=${WARMUP:-1}
ALL="loop pipeline make ls tar sha256"
BENCH_REAL=${BENCH_REAL:-$ALL}

ns() { date +%s%N; }

# Absolute, so that each program can run in its own directory.
case $MVDB in
*/*) ;;
*) MVDB=$(command -v "$MVDB" || echo "$MVDB") ;;
esac
case $MVDB in
/*) ;;
*) MVDB=$(pwd)/$MVDB ;;
esac
if [ ! -x "$MVDB" ]; then
	echo "real.sh: no mvdb at $MVDB (make mvdb, or set MVDB)" >&2
	exit 2
fi
command -v timeout >/dev/null 2>&1 || {
	echo "real.sh: timeout (coreutils) is needed" >&2
	exit 2
}

# The selection, aliases resolved, in the order given.
sel=
for p in $BENCH_REAL; do
	case $p in
	find) p=pipeline ;;
	bash) p=loop ;;
	sha256sum) p=sha256 ;;
	esac
	case " $ALL " in
	*" $p "*) ;;
	*) echo "real.sh: unknown program '$p' (have: $ALL)" >&2; exit 2 ;;
	esac
	case " $sel " in
	*" $p "*) ;;
	*) sel="$sel $p" ;;
	esac
done

have_strace=yes
if ! command -v strace >/dev/null 2>&1 ||
   ! strace -f -o /dev/null true >/dev/null 2>&1; then
	have_strace=no
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mvdb-real.XXXXXX")
cleanup() { cd /; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
TOP=$(pwd)

# --- fixtures, made once, only for the programs selected ---------------

make_project() {
	d=$TMP/proj
	mkdir -p "$d"
	i=1
	while [ $i -le 7 ]; do
		cat >"$d/m$i.c" <<EOF
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec$i { int key; double val; char name[32]; };

static int cmp$i(const void *a, const void *b)
{
	const struct rec$i *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

double work$i(int n)
{
	struct rec$i *r = calloc((size_t)n, sizeof(*r));
	double sum = 0;
	if (!r)
		return 0;
	for (int k = 0; k < n; k++) {
		r[k].key = (k * 7919 + $i) % n;
		r[k].val = k * 0.5 + $i;
		snprintf(r[k].name, sizeof(r[k].name), "m$i-%d", k);
	}
	qsort(r, (size_t)n, sizeof(*r), cmp$i);
	for (int k = 0; k < n; k++)
		sum += r[k].val * (double)strlen(r[k].name);
	free(r);
	return sum;
}
EOF
		i=$((i + 1))
	done
	{
		echo '#include <stdio.h>'
		i=1
		while [ $i -le 7 ]; do
			echo "double work$i(int n);"
			i=$((i + 1))
		done
		echo 'int main(void)'
		echo '{'
		echo '	double s = 0;'
		i=1
		while [ $i -le 7 ]; do
			echo "	s += work$i(1000);"
			i=$((i + 1))
		done
		printf '%s\n' '	printf("%f\n", s);'
		echo '	return 0;'
		echo '}'
	} >"$d/main.c"
	printf '%s\n' \
		'CC = cc' \
		'CFLAGS = -O2 -g -Wall' \
		'OBJ = main.o m1.o m2.o m3.o m4.o m5.o m6.o m7.o' \
		'prog: $(OBJ)' \
		'	$(CC) -o $@ $(OBJ)' \
		'%.o: %.c' \
		'	$(CC) $(CFLAGS) -c -o $@ $<' \
		'clean:' \
		'	rm -f prog $(OBJ)' >"$d/Makefile"
}

make_lsdir() {
	mkdir -p "$TMP/lsdir"
	i=1
	while [ $i -le 20 ]; do
		: >"$TMP/lsdir/file$i"
		i=$((i + 1))
	done
}

make_big() {
	head -c 52428800 /dev/zero >"$TMP/big"
}

for p in $sel; do
	case $p in
	make) make_project ;;
	ls) make_lsdir ;;
	sha256) make_big ;;
	esac
done

# --- the programs -------------------------------------------------------

# prog NAME [WRAPPER...]: run program NAME under WRAPPER (none: natively),
# in the current directory.
prog() {
	name=$1; shift
	case $name in
	loop) "$@" bash -c 'for i in $(seq 20); do x=$(echo $i | cat); done' ;;
	pipeline) "$@" sh -c 'find /usr -type f | wc -l' ;;
	make) "$@" make -j2 ;;
	ls) "$@" sh -c 'for i in $(seq 200); do ls | wc -l; done' ;;
	tar) "$@" tar cf /dev/null /usr/include ;;
	sha256) "$@" sha256sum "$TMP/big" ;;
	esac
}

label() {
	case $1 in
	loop) echo 'bash: 20 x $(echo | cat)' ;;
	pipeline) echo 'find /usr -type f | wc -l' ;;
	make) echo 'make -j2, 8 .c files' ;;
	ls) echo '200 x ls | wc -l' ;;
	tar) echo 'tar cf /dev/null /usr/include' ;;
	sha256) echo 'sha256sum 50 MiB' ;;
	esac
}

dir_of() {
	case $1 in
	make) echo "$TMP/proj" ;;
	ls) echo "$TMP/lsdir" ;;
	*) echo "$TMP" ;;
	esac
}

# Untimed, before every run: the same work each time.
prepare() {
	case $1 in
	make) make -s clean >/dev/null 2>&1 ;;
	esac
}

# once NAME [WRAPPER...]: one timed run; sets T (ns) and RC.  Standard
# error is kept in $TMP/err.
once() {
	prepare "$1"
	t0=$(ns)
	prog "$@" </dev/null >/dev/null 2>"$TMP/err" && RC=0 || RC=$?
	t1=$(ns)
	T=$((t1 - t0))
}

# best NAME KIND: best of RUNS runs of NAME natively (KIND native),
# under strace or under mvdb; sets BEST (ns, empty when every run ran
# out of time), OVER (yes when a run ran out of time) and BAD (an exit
# status that differs from the native one, with a line of the reason).
best() {
	name=$1 kind=$2
	BEST= OVER=no BAD=
	for _ in $(seq "$RUNS"); do
		case $kind in
		native) once "$name" ;;
		strace) once "$name" strace -f -o /dev/null ;;
		mvdb)
			once "$name" timeout --foreground -k 5 "$MVDB_LIMIT" \
				"$MVDB" --batch -n 2 $MVDB_OPTS --
			if [ "$RC" -eq 124 ] || { [ "$RC" -eq 137 ] &&
			   [ "$T" -ge $((MVDB_LIMIT * 1000000000)) ]; }; then
				OVER=yes
				break
			fi
			;;
		esac
		if [ "$kind" != native ] && [ "$RC" != "$NRC" ]; then
			BAD="$kind exit status $RC, native $NRC: $(grep -v '^[[:space:]]*$' "$TMP/err" | head -n 1 | cut -c 1-160)"
		fi
		if [ -z "$BEST" ] || [ "$T" -lt "$BEST" ]; then
			BEST=$T
		fi
	done
	if [ "$kind" = native ]; then
		NRC=$RC
	fi
}

ms() { awk "BEGIN{printf \"%.0f\", $1 / 1000000}"; }

printf '%-8s %-30s %11s %11s %11s %9s %9s\n' "program" "" "native" \
	"mvdb -n 2" "strace -f" "mvdb/nat" "mvdb/str"
for p in $sel; do
	cd "$(dir_of "$p")"
	if [ "$WARMUP" != 0 ]; then
		prepare "$p"
		prog "$p" </dev/null >/dev/null 2>&1 || :
	fi
	NRC=0
	best "$p" native
	nat=$BEST
	[ "$nat" -gt 0 ] || nat=1
	notes=
	if [ "$NRC" -ne 0 ]; then
		notes="native exit status $NRC: $(grep -v '^[[:space:]]*$' "$TMP/err" | head -n 1 | cut -c 1-160)"
	fi

	if [ $have_strace = yes ]; then
		best "$p" strace
		st=$BEST
		[ "$st" -gt 0 ] || st=1
		stcell="$(ms "$st") ms"
		[ -z "$BAD" ] || { stcell="$stcell!"; notes="$BAD"; }
	else
		st= stcell="-"
	fi

	best "$p" mvdb
	if [ -n "$BEST" ]; then
		mv=$BEST
		mvcell="$(ms "$mv") ms"
		[ -z "$BAD" ] || { mvcell="$mvcell!"; notes="${notes:+$notes
}$BAD"; }
		rnat=$(awk "BEGIN{r = $mv / $nat; printf (r < 10 ? \"%.1fx\" : \"%.0fx\"), r}")
		if [ -n "$st" ]; then
			rst=$(awk "BEGIN{printf \"%.2fx\", $mv / $st}")
		else
			rst="-"
		fi
	else
		# Ran out of time: the ratios are lower bounds.
		lim=$((MVDB_LIMIT * 1000000000))
		mvcell=">$MVDB_LIMIT s"
		rnat=">$(awk "BEGIN{printf \"%.0fx\", $lim / $nat}")"
		if [ -n "$st" ]; then
			rst=">$(awk "BEGIN{printf \"%.1fx\", $lim / $st}")"
		else
			rst="-"
		fi
	fi
	printf '%-8s %-30s %11s %11s %11s %9s %9s\n' "$p" "$(label "$p")" \
		"$(ms "$nat") ms" "$mvcell" "$stcell" "$rnat" "$rst"
	if [ -n "$notes" ]; then
		printf '%s\n' "$notes" | sed 's/^/    ! /'
	fi
	cd "$TOP"
done
