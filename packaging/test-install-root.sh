#!/usr/bin/env bash
# Installs the built .deb into a throwaway Debian root made with debootstrap and checks, inside it with
# chroot, what a site would notice (issue 13, "Proof"): the install succeeds with no desktop present,
# `gatehouse --version`/`--help` work, `man gatehouse` exists, the unit's ExecStart and User= exist,
# the app's class-data-sharing archive made by postinst and mapped by the JVM, `apt-get remove` keeps the
# site profile, and `apt-get purge` leaves nothing of ours (a listing of the root with file contents,
# taken before the install and after the purge, must be the same).
#   packaging/test-install-root.sh [DEB]     (as root; CI runs it after packaging/deb.sh)
# The root (debootstrap from the machine's own Debian mirror, plus man-db and the package's dependencies)
# is cached in $GATEHOUSE_CI_CACHE (default /var/cache/gatehouse-ci), keyed by suite, mirror and the
# package's Depends/Recommends, with the .debs apt downloads; each run works on a fresh overlay (or copy) of it.
# Takes 4-5 min with no cache (debootstrap), ~25 s with it. One PASS/FAIL line per check; exit 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."
me=test-install-root
deb=$(readlink -f "${1:-$(ls target/dist/gatehouse_*_amd64.deb 2>/dev/null | head -1)}")
[ -f "$deb" ] || { echo "$me: no .deb (run packaging/deb.sh first)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "$me: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
suite=${GATEHOUSE_CI_SUITE:-bookworm}
cache=${GATEHOUSE_CI_CACHE:-/var/cache/gatehouse-ci}
start=$SECONDS
failures=0
pass() { echo "$me: PASS: $*"; }
fail() { echo "$me: FAIL: $*"; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: PASS, or FAIL with the command's output.
check() {
    local what=$1 out
    shift
    if out=$("$@" 2>&1); then pass "$what"; else fail "$what"; [ -z "$out" ] || printf '%s\n' "$out" | tail -20 | sed 's/^/    /'; fi
}
phase() { echo "$me: --- $* ($((SECONDS - start)) s)"; }

# The machine's own Debian mirror for SUITE (deb822 .sources first, then one-line .list files).
host_uri() {
    local s=$1 f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk -v s="$s" 'BEGIN { RS = "" } {
            uris = ""; suites = ""; n = split($0, l, "\n")
            for (i = 1; i <= n; i++) {
                if (l[i] ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", l[i]); uris = l[i] }
                if (l[i] ~ /^Suites:/) { sub(/^Suites:[ \t]*/, "", l[i]); suites = " " l[i] " " }
            }
            if (uris != "" && index(suites, " " s " ")) { split(uris, u, " "); print u[1]; exit }
        }' "$f"
    done
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        sed -n 's/\[[^]]*\]//; s/^deb[ \t]\{1,\}\([^ \t]*\)[ \t]\{1,\}\([^ \t]*\).*/\1 \2/p' | awk -v s="$s" '$2 == s { print $1 }' || true
}
mirror=${GATEHOUSE_CI_MIRROR:-$(host_uri "$suite" | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}
security=$(host_uri "$suite-security" | head -1)
updates=$(host_uri "$suite-updates" | head -1)

# --- Mounting and entering a root ----------------------------------------------------------------
# A root gets a fresh /proc, a /dev of its own (tmpfs) holding only the host's null, zero, full, random,
# urandom and tty, and the shared .deb cache. Nothing of the host's /dev is bound as a whole, and roots
# are deleted with --one-file-system only when nothing is mounted under them.
mounts=()
root=""
scratch=""
building=""
mount_in() { mount "$@"; mounts+=("${!#}"); }
enter() {
    root=$1
    mount_in -t proc proc "$root/proc"
    mount_in -t tmpfs -o mode=0755,nosuid,size=1m tmpfs "$root/dev"
    for n in null zero full random urandom tty; do
        touch "$root/dev/$n"
        mount_in --bind "/dev/$n" "$root/dev/$n"
    done
    ln -s /proc/self/fd "$root/dev/fd"
    mkdir -p "$root/dev/pts" "$root/dev/shm" "$root/tmp/home"
    mount_in --bind "$archives" "$root/var/cache/apt/archives"
    cp -L /etc/resolv.conf "$root/etc/resolv.conf"
}
leave() {
    local i p
    [ -n "$root" ] || return 0
    # Processes left in the root (none expected: policy-rc.d starts no daemon) would hold the mounts.
    for p in /proc/[0-9]*; do
        if [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ]; then kill -9 "${p#/proc/}" 2>/dev/null || true; fi
    done
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" 2>/dev/null || true
    done
    mounts=()
}
# remove_root DIR: unmounts what is mounted under DIR (ours, or debootstrap's /proc and /sys when it was
# interrupted), then deletes DIR unless something is still mounted there.
remove_root() {
    local m
    [ -n "$1" ] && [ -e "$1" ] || return 0
    for m in $(findmnt -rn -o TARGET | grep "^$1/" | sort -r || true); do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
    if findmnt -rn -o TARGET | grep "^$1/" >/dev/null; then   # no -q: findmnt must not die of SIGPIPE (pipefail)
        echo "$me: FAIL: mounts remain under $1; left it in place" >&2
        return 1
    fi
    rm -rf --one-file-system "$1"
}
cleanup() {
    local t=$SECONDS
    leave
    echo "$me: unmounted ($((SECONDS - t)) s)"
    remove_root "$scratch" || true
    [ -z "$building" ] || remove_root "$building" || true   # a root whose build did not finish
    echo "$me: removed the scratch root ($((SECONDS - t)) s)"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
in_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}
status_of() { in_root dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | tr -d ' ' || true; }
not_installed() { local s; s=$(status_of "$1"); [ -z "$s" ] || [ "$s" = un ]; }
no_desktop() {
    local p
    for p in xdg-utils desktop-file-utils; do
        check "no desktop $1: $p is not installed" not_installed "$p"
    done
    check "no desktop $1: no xdg-desktop-menu, no update-desktop-database" \
        in_root sh -c '! command -v xdg-desktop-menu && ! command -v update-desktop-database'
}

# --- The cached root: debootstrap, man-db and the package's dependencies ---------------------------
# Debian 12 from the machine's own mirror, plus man-db (so `man -w` is real) and what the package needs
# (Depends) and what apt adds by default (Recommends: kea-dhcp4-server), read from the .deb: so that the
# listing taken before the install holds them and only our files can differ after the purge. Keyed by
# suite, mirror and those fields; built under a lock (CI runs may overlap) and stamped last, so a root
# left by an interrupted build, or made for another key, is detected and rebuilt.
depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
recipe=3   # bump when what goes into the cached root changes
base=$cache/$suite-amd64
stamp=$base.ok
archives=$cache/$suite-archives
key="suite=$suite mirror=$mirror updates=$updates security=$security recipe=$recipe depends=$depends recommends=$recommends"
mkdir -p "$cache" "$archives/partial"
exec 9>"$cache/lock"
flock 9
base_is_sound() {
    local p
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] || return 1
    [ -x "$base/usr/bin/apt-get" ] && [ -x "$base/usr/bin/man" ] && [ -x "$base/usr/sbin/policy-rc.d" ] || return 1
    [ -z "$(chroot "$base" dpkg --audit 2>&1)" ] || return 1
    for p in man-db adduser libgtk-3-0; do
        [ "$(chroot "$base" dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || return 1
    done
}
if base_is_sound; then
    echo "$me: root: cached $base ($suite from $mirror)"
else
    phase "root: debootstrap $suite from $mirror into $base (not cached, another key, or unsound)"
    rm -f "$stamp"
    remove_root "$base"
    remove_root "$base.tmp"
    building=$base.tmp
    debootstrap --arch=amd64 --include=man-db --cache-dir="$archives" "$suite" "$base.tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
        { tail -30 "$cache/debootstrap.log"; echo "$me: FAIL: debootstrap $suite from $mirror (log: $cache/debootstrap.log)"; exit 1; }
    {
        echo "deb $mirror $suite main"
        [ -z "$updates" ] || echo "deb $updates $suite-updates main"
        [ -z "$security" ] || echo "deb $security $suite-security main"
    } >"$base.tmp/etc/apt/sources.list"
    # Nothing installed in the root starts a daemon (Kea's postinst would otherwise start kea-dhcp4 on
    # the machine's network: a chroot shares it). dpkg need not sync a root thrown away after use.
    printf '#!/bin/sh\nexit 101\n' >"$base.tmp/usr/sbin/policy-rc.d"
    chmod 755 "$base.tmp/usr/sbin/policy-rc.d"
    echo force-unsafe-io >"$base.tmp/etc/dpkg/dpkg.cfg.d/gatehouse-ci-unsafe-io"
    enter "$base.tmp"
    check "apt-get update in the $suite root" in_root apt-get update -q
    no_desktop "in the new root"
    phase "root: installing the package's dependencies ($depends; $recommends)"
    check "the package's Depends and Recommends install from $mirror" in_root apt-get satisfy -y -q "$depends" ${recommends:+"$recommends"}
    leave
    root=""
    [ "$failures" -eq 0 ] || { echo "$me: FAIL: the root could not be made; nothing cached"; exit 1; }
    mv "$base.tmp" "$base"
    building=""
    echo "$key" >"$stamp"
    base_is_sound || { echo "$me: FAIL: the new root at $base is unsound"; exit 1; }
fi

# --- A fresh root for this run ----------------------------------------------------------------------
# An overlay on the cached root (nothing to copy; the run's changes land in the scratch directory), or a
# copy where overlayfs is not available. The cached root is held with a shared lock until the end, so
# that no other run rebuilds it underneath.
flock -s 9
scratch=$(mktemp -d /var/tmp/gatehouse-root.XXXXXX)
mkdir "$scratch/root" "$scratch/upper" "$scratch/work"
if mount -t overlay overlay -o "lowerdir=$base,upperdir=$scratch/upper,workdir=$scratch/work" "$scratch/root" 2>/dev/null; then
    mounts+=("$scratch/root")
    phase "a fresh overlay on the cached root at $scratch/root"
else
    phase "copying the cached root to $scratch/root (no overlayfs here)"
    rmdir "$scratch/root"
    cp -a "$base" "$scratch/root"
fi
enter "$scratch/root"
cp "$deb" "$root/tmp/"
pkg=/tmp/$(basename "$deb")
absent() { [ ! -e "$root$1" ] && [ ! -L "$root$1" ]; }
not() { ! "$@"; }
# prints PATTERN COMMAND...: the command succeeds and its output matches PATTERN (grep).
prints() {
    local want=$1 out
    shift
    out=$("$@") || { printf '%s\n' "$out"; return 1; }
    grep -q -- "$want" <<<"$out" || { head -20 <<<"$out"; return 1; }
}
in_group() { local groups; groups=$(in_root id -nG "$1") && grep -qx -- "$2" <<<"${groups// /$'\n'}"; }

# A listing of the root: every path with its type, mode and owner, and every file's checksum. Left out:
# what apt/dpkg keep about packages, logs, caches (man index, debconf), the passwd/group backups that
# adduser/deluser write, and the scratch areas. Anything else the package leaves behind shows up.
listing() {
    (cd "$root" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys -o -path ./run -o -path ./tmp \
        -o -path ./var/tmp -o -path ./var/cache/apt -o -path ./var/lib/apt -o -path ./var/lib/dpkg -o -path ./var/log \
        -o -path ./var/cache/debconf -o -path ./var/cache/man -o -path ./etc/passwd- -o -path ./etc/group- \
        -o -path ./etc/shadow- -o -path ./etc/gshadow- \) -prune -o -printf '%y %m %U:%G %p %l\n') | sort
    (cd "$root" && find . -xdev \( -path ./proc -o -path ./dev -o -path ./sys -o -path ./run -o -path ./tmp \
        -o -path ./var/tmp -o -path ./var/cache/apt -o -path ./var/lib/apt -o -path ./var/lib/dpkg -o -path ./var/log \
        -o -path ./var/cache/debconf -o -path ./var/cache/man -o -path ./etc/passwd- -o -path ./etc/group- \
        -o -path ./etc/shadow- -o -path ./etc/gshadow- \) -prune -o -type f -print0 | xargs -0 -r md5sum) | sort -k2
}

# --- The baseline -------------------------------------------------------------------------------
no_desktop "before the install"
phase "listing the root before the install"
listing >"$scratch/before.txt"

# --- Install -----------------------------------------------------------------------------------------
phase "apt-get install ./$(basename "$deb")"
check "apt-get install ./$(basename "$deb") succeeds with no desktop present" in_root apt-get install -y -q "$pkg"
check "dpkg has gatehouse installed and configured (ii), not half-configured" test "$(status_of gatehouse)" = ii
version=$(dpkg-deb -f "$deb" Version)
check "gatehouse --version (on the PATH) prints ${version%-*}" prints "${version%-*}" in_root gatehouse --version
check "gatehouse --help prints the usage" prints "^Usage: gatehouse" in_root gatehouse --help
# The app's class-data-sharing archive, made by postinst from the packaged class list (not shipped).
archive=/opt/gatehouse/lib/app/gatehouse.jsa
check "postinst made the app's CDS archive $archive (more than 10 MB)" test "$(stat -c %s "$root$archive" 2>/dev/null || echo 0)" -gt 10000000
# -Xshare:on: the JVM fails rather than run without it; the class-load log says where Gatehouse's classes came from.
check "gatehouse --version maps the archive (-Xshare:on) and takes Gatehouse's classes from it" prints \
    "org.gatehouse.app.Main source: shared objects file" in_root sh -c \
    'JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info:file=/tmp/classes.log" gatehouse --version >/dev/null 2>&1 && cat /tmp/classes.log'
# No GPU in the root: /usr/bin/gatehouse starts the runtime with gatehouse-sw's configuration (sh -x shows what it runs).
check "without a GPU, /usr/bin/gatehouse starts the runtime with -Dprism.order=sw and GDK_GL=disable" \
    prints "+ GDK_GL=disable + exec /opt/gatehouse/lib/runtime/bin/java .*-Dprism.order=sw .*org.gatehouse.app.Main --version" \
    in_root sh -c 'sh -x /usr/bin/gatehouse --version 2>&1 | grep -e "^+ exec" -e "^+ GDK_GL=disable" | tr "\n" " "; echo'
# /usr/bin/gatehouse classifies the arguments as ./gatehouse does (lib/launch-kind.sh): C1 for a command only.
check "a command runs at C1 (-XX:TieredStopAtLevel=1), the console does not" prints "^C1 C2$" in_root sh -c \
    'a=C2; b=C2; sh -x /usr/bin/gatehouse --version 2>&1 | grep -q "^+ exec .*TieredStopAtLevel=1" && a=C1; \
     sh -x /usr/bin/gatehouse gui --help 2>&1 | grep -q "^+ exec .*TieredStopAtLevel=1" && b=C1; echo "$a $b"'
# SQLite's native library is loaded from the image (lib/app/native), not unpacked from its jar into the temp directory
# (sqlite-jdbc deletes its copy at exit: the JVM's library log says which file was loaded).
check "a command that opens the cache loads SQLite's library from /opt/gatehouse/lib/app/native" \
    prints "^Loaded library /opt/gatehouse/lib/app/native/libsqlitejdbc.so" in_root sh -c \
    'JAVA_TOOL_OPTIONS="-Xlog:library=info:file=/tmp/gh-libraries.log" gatehouse --db /tmp/gh-sqlite-cache.db audit list >/dev/null 2>&1 \
     && test -s /tmp/gh-sqlite-cache.db && grep -o "Loaded library [^ ,]*libsqlitejdbc[^ ,]*" /tmp/gh-libraries.log'
check "dpkg-reconfigure gatehouse (postinst configure again) makes a new archive" in_root sh -c \
    "before=\$(stat -c %Y.%i $archive) && sleep 1 && dpkg-reconfigure gatehouse >/dev/null 2>&1 && test -s $archive \
     && test \"\$(stat -c %Y.%i $archive)\" != \"\$before\""
# The demo: a private kea-dhcp4 (Recommends: kea-dhcp4-server), its switch on 127.0.0.1; its hints name
# the command as installed (gatehouse, not the clone's ./gatehouse).
check "gatehouse demo --no-gui runs and its hints say \"Try: gatehouse --kea …\"" \
    prints "^Try: gatehouse --kea " in_root timeout 120 gatehouse demo --no-gui --seconds 1
check "man -w gatehouse finds /usr/share/man/man1/gatehouse.1.gz" test "$(in_root man -w gatehouse 2>&1)" = /usr/share/man/man1/gatehouse.1.gz
check "man gatehouse renders the page" prints "GATEHOUSE" in_root man -P cat gatehouse
check "bash completion for gatehouse loads" in_root bash -c '. /usr/share/bash-completion/completions/gatehouse && complete -p gatehouse'
unit=$root/lib/systemd/system/gatehouse-sync.service
exec_start=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit" | head -1)
unit_user=$(sed -n 's/^User=//p' "$unit" | head -1)
unit_group=$(sed -n 's/^Group=//p' "$unit" | head -1)
check "the unit's ExecStart ($exec_start) is an executable in the root" in_root test -x "$exec_start"
check "the unit's User= ($unit_user) exists" in_root getent passwd "$unit_user"
check "the unit's Group= ($unit_group) exists" in_root getent group "$unit_group"
for g in $(sed -n 's/^SupplementaryGroups=//p' "$unit"); do
    check "the unit's user is in its SupplementaryGroups= $g (Kea's control socket)" in_group "$unit_user" "$g"
done
check "the unit is installed but not enabled" absent /etc/systemd/system/multi-user.target.wants/gatehouse-sync.service
check "/etc/gatehouse/profiles.toml is 0640 root:gatehouse" test "$(in_root stat -c '%a %U:%G' /etc/gatehouse/profiles.toml)" = "640 root:gatehouse"
check "/var/lib/gatehouse belongs to gatehouse, 0750" test "$(in_root stat -c '%a %U' /var/lib/gatehouse)" = "750 gatehouse"
check "the installed desktop entry validates (desktop-file-validate)" desktop-file-validate "$root/usr/share/applications/gatehouse.desktop"

# --- Remove, then purge -------------------------------------------------------------------------------
phase "apt-get remove gatehouse"
check "apt-get remove gatehouse succeeds" in_root apt-get remove -y -q gatehouse
check "after remove, dpkg keeps only its conffiles (rc)" test "$(status_of gatehouse)" = rc
check "after remove, the app's CDS archive is gone" absent "$archive"
check "after remove, /opt/gatehouse and /usr/bin/gatehouse are gone" sh -c '[ ! -e "$0/opt/gatehouse" ] && [ ! -L "$0/usr/bin/gatehouse" ]' "$root"
check "after remove, the site profile /etc/gatehouse/profiles.toml is kept" test -f "$root/etc/gatehouse/profiles.toml"
check "after remove, /opt itself is still there (the system's, not ours)" test -d "$root/opt"
phase "apt-get purge gatehouse"
check "apt-get purge gatehouse succeeds" in_root apt-get purge -y -q gatehouse
check "after purge, dpkg no longer knows gatehouse" not_installed gatehouse
for f in /opt/gatehouse "$archive" /usr/bin/gatehouse /etc/gatehouse /var/lib/gatehouse /lib/systemd/system/gatehouse-sync.service \
         /usr/share/applications/gatehouse.desktop /usr/share/icons/hicolor/scalable/apps/gatehouse.svg \
         /usr/share/icons/hicolor/48x48/apps/gatehouse.png /usr/share/man/man1/gatehouse.1.gz \
         /usr/share/bash-completion/completions/gatehouse /usr/share/doc/gatehouse; do
    check "after purge, $f is gone" absent "$f"
done
check "after purge, no user gatehouse" not in_root getent passwd gatehouse
check "after purge, no group gatehouse" not in_root getent group gatehouse
phase "listing the root after the purge"
listing >"$scratch/after.txt"
if diff -u "$scratch/before.txt" "$scratch/after.txt" >"$scratch/diff.txt"; then
    pass "after purge, the root is as before the install ($(wc -l <"$scratch/before.txt") paths and checksums compared)"
else
    fail "after purge, the root differs from before the install:"
    { grep '^[-+][^-+]' "$scratch/diff.txt" || true; } | head -40 | sed 's/^/    /'
fi

phase "done"
if [ "$failures" -eq 0 ]; then
    echo "$me: ok: $(basename "$deb") installs, works and purges cleanly in a $suite root ($((SECONDS - start)) s)"
else
    echo "$me: $failures check(s) FAILED ($((SECONDS - start)) s)"
    exit 1
fi
