#!/bin/sh
# Installs the Debian packages mvdb needs to build and test, when missing.
# Runs apt-get (through sudo when not root); prints what it does.
set -e
need=""
have_pkg() { pkg-config --exists "$1" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v c++ >/dev/null 2>&1 || need="$need g++"
command -v make >/dev/null 2>&1 || need="$need make"
have_pkg ncursesw || need="$need libncurses-dev"
[ -f /usr/include/readline/readline.h ] || need="$need libreadline-dev"
[ -f /usr/include/libiberty/libiberty.h ] || need="$need libiberty-dev"
have_pkg check || need="$need check"
have_pkg libdw || need="$need libdw-dev"
[ -f /usr/include/capstone/capstone.h ] || need="$need libcapstone-dev"
command -v tmux >/dev/null 2>&1 || need="$need tmux"
command -v strace >/dev/null 2>&1 || need="$need strace"
command -v ping >/dev/null 2>&1 || need="$need iputils-ping"
# The servers suite: curl against servers under mvdb, and nginx under it.
command -v curl >/dev/null 2>&1 || need="$need curl"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need="$need nginx"
[ -z "$need" ] && exit 0
echo "mvdb: installing missing packages:$need"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need
