#!/bin/sh
# The class-data-sharing (AppCDS) archive of Gatehouse (README, "Performance"): the classes that the
# commands and the console's first frame load, parsed and verified once here and mapped read-only by
# every later start.
#   packaging/cds.sh train CLASSLIST GATEHOUSE...   run GATEHOUSE (the command that starts Gatehouse:
#                                                   the app image's bin/gatehouse, or java ... -jar) as a
#                                                   user would, and write the classes it loaded
#                                                   (CDS_CONSOLE=no: the commands only, not the console)
#   packaging/cds.sh image                          for the app image of packaging/jpackage.sh: trains
#                                                   (target/cds/image.classlist), puts the list and
#                                                   packaging/deb/gatehouse-cds in the image, and makes
#                                                   the image's lib/app/gatehouse.jsa with it
#   CDS_ARCHIVE=FILE packaging/cds.sh dump CLASSLIST GATEHOUSE...
#                                                   archive those classes in FILE (GATEHOUSE must name
#                                                   the same file, or none), then check the JVM maps it
#
# A static archive (-Xshare:dump with a class list) rather than JDK 17's dynamic one
# (-XX:ArchiveClassesAtExit): picocli is compiled for Java 5, and JDK 17 leaves such classes out of a
# dynamic archive; one class list also merges several runs (commands and the console). The JVM uses
# an archive only with the very class path and JDK it was made with, and otherwise silently runs
# without: "dump" therefore runs GATEHOUSE itself, and checks the result with -Xshare:on.
# Training runs get their own HOME and XDG directories. A Kea (kea-dhcp4) and Xvfb are used when
# installed: the demo's Kea for real commands, Xvfb for the console's first frame.
set -eu
mode=$1
if [ "$mode" = image ]; then
    here=$(cd "$(dirname "$0")/.." && pwd)
    image=$here/target/dist/gatehouse
    mkdir -p "$here/target/cds"
    # As /usr/bin/gatehouse starts it without a GPU (Xvfb): the software renderer's classes are in the list.
    GDK_GL=disable sh "$0" train "$here/target/cds/image.classlist" "$image/bin/gatehouse-sw"
    install -m 644 "$here/target/cds/image.classlist" "$image/lib/app/gatehouse.classlist"
    install -m 755 "$here/packaging/deb/gatehouse-cds" "$image/lib/gatehouse-cds"
    exec "$image/lib/gatehouse-cds" make
fi
list=$2
shift 2
tmp=$(mktemp -d)
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# One run of GATEHOUSE with its own user directories; the JVM option comes through JAVA_TOOL_OPTIONS,
# which the jpackage launcher passes on too.
gatehouse() {
    name=$1
    shift
    mkdir -p "$tmp/$name/home"
    env -u DISPLAY HOME="$tmp/$name/home" XDG_STATE_HOME="$tmp/$name/state" XDG_CONFIG_HOME="$tmp/$name/config" \
        XDG_DATA_HOME="$tmp/$name/data" GATEHOUSE_DB="$tmp/$name/cache.db" \
        JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$tmp/$name.classes" "$@" 2>>"$tmp/$name.err"
}

# Waits (at most $2 s) until file $1 has a line matching $3.
await_line() {
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        grep -q "$3" "$1" 2>/dev/null && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

# The console until it has drawn a frame whose log line matches $2 (FirstFrames logs them), then closed
# like a SIGTERM'd app.
console() {
    name=$1
    frame=$2
    shift 2
    mkdir -p "$tmp/$name/home"
    env DISPLAY="$display" HOME="$tmp/$name/home" XDG_STATE_HOME="$tmp/$name/state" XDG_CONFIG_HOME="$tmp/$name/config" \
        XDG_DATA_HOME="$tmp/$name/data" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$tmp/$name.classes" \
        "$@" >"$tmp/$name.out" 2>&1 &
    pid=$!
    pids="$pids $pid"
    await_line "$tmp/$name/state/gatehouse/gatehouse.log" 120 "$frame" \
        || echo "cds.sh: the console ($name) drew no frame; its classes are left out" >&2
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

train() {
    gatehouse version "$@" --version >/dev/null
    gatehouse help "$@" --help >/dev/null
    gatehouse leases-help "$@" leases list --help >/dev/null
    gatehouse audit "$@" audit list >/dev/null
    if command -v kea-dhcp4 >/dev/null 2>&1 || [ -x /usr/sbin/kea-dhcp4 ]; then
        # The demo's Kea serves the commands; the demo process itself (its switch simulators) is not trained.
        mkdir -p "$tmp/demo/home"
        env -u DISPLAY HOME="$tmp/demo/home" XDG_STATE_HOME="$tmp/demo/state" XDG_CONFIG_HOME="$tmp/demo/config" \
            "$@" demo --no-gui --seconds 120 >"$tmp/demo.out" 2>&1 &
        demo=$!
        pids="$pids $demo"
        if await_line "$tmp/demo.out" 60 '^Demo Kea unix:'; then
            kea=$(sed -n 's/^Demo Kea \(unix:[^ ]*\).*/\1/p' "$tmp/demo.out" | head -1)
            gatehouse list "$@" --kea "$kea" leases list --format json >/dev/null
            gatehouse csv "$@" --kea "$kea" leases list --format csv >/dev/null
            gatehouse status "$@" --kea "$kea" status >/dev/null
            gatehouse pools "$@" --kea "$kea" pools >/dev/null
        else
            echo "cds.sh: the demo's Kea did not start; real commands are left out" >&2
        fi
        kill "$demo" 2>/dev/null || true
        wait "$demo" 2>/dev/null || true
    fi
    if [ "${CDS_CONSOLE:-yes}" = yes ] && command -v Xvfb >/dev/null 2>&1; then
        Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp >"$tmp/display" 2>/dev/null &
        xvfb=$!
        pids="$pids $xvfb"
        await_line "$tmp/display" 20 '^[0-9]' || { echo "cds.sh: Xvfb did not start" >&2; return 0; }
        display=":$(head -1 "$tmp/display")"
        console console 'console: first frame' "$@"
        if command -v kea-dhcp4 >/dev/null 2>&1 || [ -x /usr/sbin/kea-dhcp4 ]; then
            # Not the window's first frame ("starting the demo"): the demo site's screens, once its Kea is up.
            console demo-console 'console: first frame of "Gatehouse — demo — ' "$@" demo
        fi
        kill "$xvfb" 2>/dev/null || true
    fi
    # Every run's classes once, in the order first loaded (a class before the lambdas it makes).
    cat "$tmp"/*.classes | awk '!/^#/ && !seen[$0]++' >"$list"
    echo "cds.sh: $(wc -l <"$list") classes and lambda forms in $list" >&2
}

dump() {
    # Always a named archive: -Xshare:dump without one rewrites the JDK's own default archive
    # (lib/server/classes.jsa), which as root succeeds and leaves every Java program on the machine
    # with Gatehouse's class path in its archive.
    [ -n "${CDS_ARCHIVE:-}" ] || { echo "cds.sh: dump needs CDS_ARCHIVE (the archive to write)" >&2; exit 2; }
    archive=" -XX:SharedArchiveFile=$CDS_ARCHIVE"
    [ -s "$list" ] || { echo "cds.sh: no class list $list (run: cds.sh train)" >&2; exit 1; }
    if ! env -u DISPLAY HOME="$tmp" JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$list$archive" "$@" --version \
        >"$tmp/dump.log" 2>&1; then
        cat "$tmp/dump.log" >&2
        echo "cds.sh: the archive could not be made" >&2
        exit 1
    fi
    # -Xshare:on: fail rather than run without the archive (which -Xshare:auto, the default, does silently).
    if ! env -u DISPLAY HOME="$tmp" JAVA_TOOL_OPTIONS="-Xshare:on$archive" "$@" --version >/dev/null 2>"$tmp/check.log"; then
        cat "$tmp/check.log" >&2
        echo "cds.sh: the JVM does not use the archive it just made" >&2
        exit 1
    fi
}

case $mode in
    train) train "$@" ;;
    dump) dump "$@" ;;
    *) echo "usage: cds.sh train|dump CLASSLIST GATEHOUSE..." >&2; exit 2 ;;
esac
