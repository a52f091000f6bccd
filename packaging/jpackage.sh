#!/bin/sh
# Builds an installable Gatehouse with the JDK's jlink + jpackage.
#   packaging/jpackage.sh [deb|app-image]   (default deb)
# Output: target/dist/ (the app image gatehouse/, and for deb gatehouse_<version>-1_amd64.deb made from
# it by packaging/deb.sh: our maintainer scripts, /usr/bin/gatehouse, man page, completion, icons, unit).
# Both carry the runtime's class-data-sharing archive of the JDK's classes (jlink --generate-cds-archive;
# README, "Performance"). The app's own archive (the classes the commands and the console's first frame
# load) is 57 MB (15 MB compressed), too much for the .deb's 60 MB: the image and the package carry its
# class list (packaging/cds.sh image trains it here) and lib/gatehouse-cds, which makes the archive where
# Gatehouse is installed (postinst) and here for the app image itself. Both launchers name it in their
# configuration ($APPDIR/gatehouse.jsa); gatehouse-sw is the launcher for machines without a GPU
# (-Dprism.order=sw). /usr/bin/gatehouse (packaging/deb/gatehouse) starts the runtime with one of the two
# configurations instead of the launcher, which runs dpkg at every start.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
type=${1:-deb}
cd "$here"
mvn -B -ntp -q -DskipTests package
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)
rm -rf target/runtime target/package-input target/dist
mkdir -p target/package-input/lib target/dist
cp target/gatehouse.jar target/package-input/
cp target/lib/*.jar target/package-input/lib/
rm -f target/package-input/lib/javafx-*.jar   # left in target/lib by builds before JavaFX moved to target/javafx
# sqlite-jdbc carries its native library for 25 platforms (24 MB); the package is for linux-amd64 only.
sq=$(ls target/package-input/lib/sqlite-jdbc-*.jar)
rm -rf target/sqlite-jdbc && mkdir target/sqlite-jdbc
(cd target/sqlite-jdbc && jar xf "$here/$sq")
# Its Linux/x86_64 library goes beside the jars, unpacked (lib/app/native, named by -Dorg.sqlite.lib.path below):
# from inside the jar, sqlite-jdbc copies it to /tmp and loads the copy at every start (about 60 ms of a command).
[ -s target/sqlite-jdbc/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so ] \
    || { echo "jpackage.sh: sqlite-jdbc has no Linux/x86_64 library" >&2; exit 1; }
mkdir -p target/package-input/native
mv target/sqlite-jdbc/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so target/package-input/native/
rm -rf target/sqlite-jdbc/org/sqlite/native
rm "$sq" && jar --create --no-manifest --file "$sq" -C target/sqlite-jdbc .
# JavaFX is linked into the runtime as modules (jlink/README): the app's lib/ has no JavaFX jar.
jlink --module-path target/javafx --add-modules "$(paste -sd, jlink/modules.txt)" \
      --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive --output target/runtime
# The archive for heaps over 32 GB (no compressed pointers): Gatehouse's is at most 384 MB.
rm -f target/runtime/lib/server/classes_nocoops.jsa
# The linux JavaFX jar carries its native libraries as resources; jlink leaves them there, and JavaFX
# would extract them into ~/.openjfx/cache at each user's first start. Put them beside the JDK's own.
fxjar=$(ls target/javafx/javafx-graphics-*-linux.jar)
(cd target/runtime/lib && jar tf "$here/$fxjar" | grep '^lib[^/]*\.so$' | xargs jar xf "$here/$fxjar")
set -- --name gatehouse --app-version "$version" \
    --vendor "Gatehouse" --description "Guest-WiFi approval console for ISC Kea DHCPv4 and HP Comware switches" \
    --input target/package-input --main-jar gatehouse.jar --main-class org.gatehouse.app.Main \
    --runtime-image target/runtime --java-options "-Dfile.encoding=UTF-8" --dest target/dist \
    --icon packaging/icons/gatehouse-256.png
# The launcher's heap options (./gatehouse, README "Performance"), one --java-options each, and the app's
# class-data-sharing archive ($APPDIR is the image's lib/app; jpackage's launcher expands it).
options='-Xms32m -Xmx384m -XX:MaxGCPauseMillis=10 -XX:GCTimeRatio=4 -XX:G1HeapRegionSize=2m -XX:-G1UseAdaptiveIHOP
    -XX:InitiatingHeapOccupancyPercent=25 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:TrimNativeHeapInterval=5000
    -XX:SharedArchiveFile=$APPDIR/gatehouse.jsa -Dorg.sqlite.lib.path=$APPDIR/native -Dorg.sqlite.lib.name=libsqlitejdbc.so'
for o in $options; do
    set -- "$@" --java-options "$o"
done
# The same with JavaFX's software renderer: an additional launcher, bin/gatehouse-sw (its options replace the main one's).
echo "java-options=-Dfile.encoding=UTF-8 $(echo $options) -Dprism.order=sw" > target/gatehouse-sw.properties
jpackage "$@" --add-launcher gatehouse-sw=target/gatehouse-sw.properties --type app-image
# /usr/bin/gatehouse's argument classifier (C1 for a command, as ./gatehouse): in the image, so that the image
# run through a copy of that script (bench/StartupBench) starts as installed.
install -m 644 packaging/launch-kind.sh target/dist/gatehouse/lib/launch-kind.sh
# The class list (trained on this image: commands on the demo's Kea, the console's first frame under Xvfb),
# lib/gatehouse-cds, and the archive it makes from them for this image (deb.sh leaves the archive out).
sh packaging/cds.sh image
if [ "$type" = deb ]; then
    sh packaging/deb.sh
    # As installed (deb.sh strips native code; dpkg keeps the files' times): postinst's gatehouse-cds makes
    # the app's archive from the packaged class list, and the JVM maps it, Gatehouse's classes included;
    # -Xshare:on fails where the default, -Xshare:auto, would silently go without.
    rm -rf target/deb-check && dpkg-deb -x target/dist/gatehouse_*.deb target/deb-check
    check=target/deb-check/opt/gatehouse
    [ ! -e $check/lib/app/gatehouse.jsa ] || { echo "jpackage.sh: the .deb carries the app's archive (postinst makes it)" >&2; exit 1; }
    $check/lib/gatehouse-cds make || { echo "jpackage.sh: the packaged class list makes no archive" >&2; exit 1; }
    HOME=/tmp JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info:file=target/deb-check/classes.log" $check/bin/gatehouse --version >/dev/null \
        || { echo "jpackage.sh: the packaged runtime does not map its CDS archive" >&2; exit 1; }
    grep -q 'org.gatehouse.app.Main source: shared objects file' target/deb-check/classes.log \
        || { echo "jpackage.sh: the installed launcher does not take Gatehouse's classes from the app's archive" >&2; exit 1; }
    rm -rf target/deb-check
fi
ls -la target/dist
