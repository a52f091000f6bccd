#!/bin/sh
# Makes what the Kea 3.0 test (Kea3PostgresHostsTest) needs, once, and keeps it:
#   - a Debian sid root made with debootstrap, holding kea-dhcp4-server 3.0 with the host_cmds,
#     lease_cmds and PostgreSQL (libdhcp_pgsql.so) hooks and Kea's PostgreSQL schema scripts;
#   - on this machine, debootstrap and Debian 12's PostgreSQL server (the test runs a private cluster).
# Usage: make-test-root.sh [sid] [DIR [MIRROR]]   DIR defaults to /var/cache/gatehouse-test/sid-kea (or
#        GATEHOUSE_TEST_ROOT), MIRROR to http://deb.debian.org/debian (or GATEHOUSE_DEBIAN_MIRROR)
# A finished root has DIR/.gatehouse-root, written last: a root without it (an interrupted run) is
# made again from scratch. Needs root; asks sudo for it when not root. Takes 1-3 minutes the first
# time (about 250 MB from deb.debian.org), nothing afterwards.
set -eu
suite=${1:-sid}
[ "$suite" = sid ] || { echo "make-test-root: only 'sid' (Kea 3.0) is supported, not '$suite'" >&2; exit 2; }
dir=${2:-${GATEHOUSE_TEST_ROOT:-/var/cache/gatehouse-test/sid-kea}}
# DIR is deleted and made again when unfinished: refuse anything that could be a real system's directory.
case $dir in
    /*/*) ;;
    *) echo "make-test-root: DIR must be an absolute path at least two levels deep, not '$dir'" >&2; exit 2 ;;
esac
if [ -e "$dir" ] && [ "$(stat -L -c %d:%i "$dir")" = "$(stat -c %d:%i /)" ]; then
    echo "make-test-root: $dir is this machine's own root" >&2; exit 2
fi
stamp="$dir/.gatehouse-root"
mirror=${3:-${GATEHOUSE_DEBIAN_MIRROR:-http://deb.debian.org/debian}}
# What the root holds: the DHCPv4 server (its package brings the hooks) and kea-admin (schema scripts).
include="kea-dhcp4-server,kea-admin"
host_pkgs="debootstrap postgresql"

host_missing() {
    m=""
    for p in $host_pkgs; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || m="$m $p"
    done
    echo "$m"
}

missing=$(host_missing)
if [ -z "$missing" ] && [ -f "$stamp" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "make-test-root: needs root (to install$missing and run debootstrap into $dir)" >&2; exit 1; }
    exec sudo sh "$0" "$suite" "$dir" "$mirror"
fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
    echo "make-test-root: installing$missing" >&2
    apt-get update -q
    # postgresql's own cluster (if the machine starts services) is left alone: the test runs its own.
    apt-get install -y -q --no-install-recommends $missing
fi
mkdir -p "$(dirname "$dir")"
# Two runs at once (two checkouts' install-deps): the second waits, then finds the root made.
exec 9>"$dir.lock"
flock 9
[ -f "$stamp" ] && exit 0

# Mounts that an interrupted debootstrap left inside a target (proc, sys) are undone before deleting it.
unmount_under() {
    awk -v d="$1/" 'index($2 "/", d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
        umount "$m" || umount -l "$m"
    done
}

work="$dir.partial"
started=$(date +%s)
echo "make-test-root: building the Debian $suite root with Kea in $dir (debootstrap, 1-3 minutes)" >&2
for d in "$work" "$dir"; do
    if [ -e "$d" ]; then
        unmount_under "$d"
        rm -rf --one-file-system "$d"
    fi
done
if ! debootstrap --variant=minbase --include="$include" "$suite" "$work" "$mirror" >"$dir.log" 2>&1; then
    tail -n 30 "$dir.log" >&2
    unmount_under "$work"
    echo "make-test-root: debootstrap failed (log: $dir.log)" >&2
    exit 1
fi
unmount_under "$work"

# Check what the test relies on before calling the root finished.
hooks=$(find "$work/usr/lib" -name libdhcp_host_cmds.so -printf '%h\n' | head -n 1)
for f in libdhcp_host_cmds.so libdhcp_lease_cmds.so libdhcp_pgsql.so; do
    [ -n "$hooks" ] && [ -f "$hooks/$f" ] || { echo "make-test-root: $f is missing from the root" >&2; exit 1; }
done
[ -f "$work/usr/share/kea/scripts/pgsql/dhcpdb_create.pgsql" ] || { echo "make-test-root: Kea's PostgreSQL schema script is missing" >&2; exit 1; }
version=$(chroot "$work" /usr/sbin/kea-dhcp4 -v)
case $version in
    3.0.*) ;;
    *) echo "make-test-root: the root has kea-dhcp4 $version, the test expects 3.0" >&2; exit 1 ;;
esac
# Kea 3.0 accepts a control socket only in /run/kea, and only when that directory has mode 0750.
mkdir -p "$work/run/kea" "$work/var/lib/kea" "$work/var/log/kea"
chmod 0750 "$work/run/kea"
# apt's downloaded .debs are not needed any more.
rm -f "$work"/var/cache/apt/archives/*.deb
mv "$work" "$dir"
mv "$dir.log" "$dir/.debootstrap.log"
printf 'suite=%s\nkea=%s\nhooks=%s\nmade=%s\nseconds=%s\n' "$suite" "$version" "${hooks#"$work"}" \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(( $(date +%s) - started ))" > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
echo "make-test-root: $dir ready (Kea $version, $(( $(date +%s) - started )) s)" >&2
