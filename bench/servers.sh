#!/bin/sh
# make bench: servers under load from native clients (srv_client), as
# the servers suite runs them: round trips per second through the epoll
# echo server (srv_echo, 4 connections), requests per second for a
# static file from nginx (a master and one worker, 4 requests at once),
# natively, under strace -f -o /dev/null (as it places itself, and
# bound to one CPU as mvdb binds itself while a program makes calls)
# and under mvdb --batch -n 2, with ratios.  Figures, not assertions:
# each the best of RUNS runs.
#
#   MVDB=./mvdb  BUILD=build  RUNS=3
#   ECHO_MSGS=2000     lines per connection
#   NGINX_REQS=2000    requests of the file (24 KB)
set -eu
MVDB=${MVDB:-./mvdb}
T=$(cd "${BUILD:-build}/tracees" && pwd)
RUNS=${RUNS:-3}
ECHO_MSGS=${ECHO_MSGS:-2000}
NGINX_REQS=${NGINX_REQS:-2000}
NGINX=/usr/sbin/nginx
case $MVDB in
/*) ;;
*) MVDB=$(pwd)/$MVDB ;;
esac

have_strace=yes
command -v strace >/dev/null 2>&1 || have_strace=no
command -v taskset >/dev/null 2>&1 || have_strace=no
# the first CPU this script may use
ONE=$(awk '/^Cpus_allowed_list/ { split($2, a, /[-,]/); print a[1] }' \
	/proc/self/status)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mvdb-servers.XXXXXX")
cleanup() { cd /; rm -rf "$TMP"; }
trap cleanup EXIT

# The tracer in front of a server: none, strace or mvdb.
tracer() {
	case $1 in
	native) ;;
	strace) echo "strace -f -o /dev/null" ;;
	strace1) echo "taskset -c $ONE strace -f -o /dev/null" ;;
	mvdb) echo "$MVDB --batch -n 2 --" ;;
	esac
}

# Round trips per second of one run of the echo server under $1.
echo_rate() {
	d=$TMP/echo-$1 && rm -rf "$d" && mkdir "$d" && cd "$d"
	# shellcheck disable=SC2046
	$(tracer "$1") "$T/srv_echo" 4 >/dev/null 2>&1 &
	srv=$!
	p=$("$T/srv_client" port port) &&
		RATE=1 "$T/srv_client" echo "$p" 4 "$ECHO_MSGS" || echo 0
	wait "$srv" || true
}

# Requests per second of one run of nginx under $1; it is stopped with
# SIGTERM: mvdb passes it on, strace would only detach.
nginx_rate() {
	d=$TMP/nginx-$1 && rm -rf "$d" && mkdir -p "$d/www" "$d/tmp" && cd "$d"
	seq 5000 > www/f.txt
	e=
	"$NGINX" -h 2>&1 | grep -q -- ' -e ' && e='-e error.log'	# since 1.19.5
	p=$("$T/srv_client" free)
	printf 'user %s %s;\ndaemon off;\nmaster_process on;\nworker_processes 1;
pid nginx.pid;\nerror_log error.log;\nevents { worker_connections 64; }
http { access_log off; client_body_temp_path tmp; proxy_temp_path tmp;
fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
server { listen 127.0.0.1:%s; root www; } }\n' \
		"$(id -un)" "$(id -gn)" "$p" > nginx.conf
	# shellcheck disable=SC2046,SC2086
	$(tracer "$1") "$NGINX" -p "$d/" -c nginx.conf $e >/dev/null 2>&1 &
	srv=$!
	"$T/srv_client" port nginx.pid >/dev/null &&
		RATE=1 "$T/srv_client" http "$p" /f.txt www/f.txt \
			"$NGINX_REQS" 4 || echo 0
	if [ "$1" = mvdb ]; then
		kill -TERM "$srv"
	else
		kill -TERM "$(cat nginx.pid)"
	fi
	wait "$srv" || true
}

# The best of RUNS runs of "$@".
best() {
	b=0
	for _ in $(seq "$RUNS"); do
		v=$("$@" | tail -1)
		v=${v:-0}
		[ "$v" -gt "$b" ] && b=$v
	done
	echo "$b"
}

row() {
	label=$1 unit=$2 fn=$3
	nat=$(best "$fn" native)
	mv=$(best "$fn" mvdb)
	st=0 st1=0
	if [ $have_strace = yes ]; then
		st=$(best "$fn" strace)
		st1=$(best "$fn" strace1)
	fi
	[ "$mv" -gt 0 ] || mv=1
	[ "$st" -gt 0 ] || st=1
	[ "$st1" -gt 0 ] || st1=1
	printf '%-40s %8s/s %8s/s %8s/s %8s/s %7sx %7sx %7sx\n' \
		"$label ($unit)" "$nat" "$mv" "$st" "$st1" \
		"$(awk "BEGIN{printf \"%.0f\", $nat/$mv}")" \
		"$(awk "BEGIN{printf \"%.2f\", $st/$mv}")" \
		"$(awk "BEGIN{printf \"%.2f\", $st1/$mv}")"
}

printf '%-40s %10s %10s %10s %10s %8s %8s %8s\n' "server, native clients" \
	"native" "mvdb -n 2" "strace -f" "1 CPU" "mvdb/nat" "mvdb/str" \
	"mvdb/str1"
row "epoll echo, 4 connections" "round trips" echo_rate
if [ -x "$NGINX" ]; then
	row "nginx, 24 KB file, 4 at once" "requests" nginx_rate
else
	echo "nginx: not installed ($NGINX), its row is skipped (make deps)"
fi
