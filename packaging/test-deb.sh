#!/bin/sh
# Checks the built .deb without installing it (CI runs it after packaging/deb.sh): the files a user
# looks for are in it, the desktop entry validates, the dependencies are what each feature needs,
# the unit runs /usr/bin/gatehouse as the user postinst creates, and the package stays under 60 MB.
# Needs dpkg-deb and desktop-file-validate (desktop-file-utils). Exit 1 naming each failure.
set -eu
cd "$(dirname "$0")/.."
deb=${1:-$(ls target/dist/gatehouse_*_amd64.deb | head -1)}
fail=0
bad() { echo "test-deb: FAIL: $*" >&2; fail=1; }
list=$(dpkg-deb -c "$deb" | awk '{print $6 ($7 == "->" ? " -> " $8 : "")}')
for f in ./usr/bin/gatehouse ./opt/gatehouse/bin/gatehouse ./usr/share/man/man1/gatehouse.1.gz \
         ./usr/share/bash-completion/completions/gatehouse ./lib/systemd/system/gatehouse-sync.service \
         ./usr/share/applications/gatehouse.desktop ./etc/gatehouse/profiles.toml \
         ./usr/share/icons/hicolor/scalable/apps/gatehouse.svg ./opt/gatehouse/bin/gatehouse-sw \
         ./opt/gatehouse/lib/gatehouse-cds ./opt/gatehouse/lib/app/gatehouse.classlist ./opt/gatehouse/lib/launch-kind.sh; do
    echo "$list" | grep -q "^$f\( \|$\)" || bad "$f is not in the package"
done
for s in 16 32 48 64 128 256; do
    echo "$list" | grep -q "^./usr/share/icons/hicolor/${s}x$s/apps/gatehouse.png$" || bad "no ${s}x$s icon"
done
echo "$list" | grep -q '^./opt/gatehouse/lib/app/gatehouse.jsa' && bad "the app's CDS archive is in the package (postinst makes it: 57 MB)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/DEBIAN"
desktop-file-validate "$work/root/usr/share/applications/gatehouse.desktop" || bad "desktop entry does not validate"
# /usr/bin/gatehouse: a script that starts the image's launchers (the software-rendering one without a GPU).
wrapper="$work/root/usr/bin/gatehouse"
[ -f "$wrapper" ] && [ ! -L "$wrapper" ] && [ -x "$wrapper" ] || bad "/usr/bin/gatehouse is not an executable script"
grep -q '^ *launcher=/opt/gatehouse/bin/gatehouse-sw$' "$wrapper" || bad "/usr/bin/gatehouse does not start gatehouse-sw without a GPU"
grep -q '^java=/opt/gatehouse/lib/runtime/bin/java$' "$wrapper" || bad "/usr/bin/gatehouse does not start the image's runtime"
# It splits the launchers' configuration at spaces: no value may hold one.
for cfg in gatehouse gatehouse-sw; do
    grep -E '^(java-options|app\.classpath|app\.mainclass)=.*[[:space:]]' "$work/root/opt/gatehouse/lib/app/$cfg.cfg" \
        && bad "$cfg.cfg has a value with a space (/usr/bin/gatehouse would split it)"
done
grep -qx 'java-options=-Dprism.order=sw' "$work/root/opt/gatehouse/lib/app/gatehouse-sw.cfg" || bad "gatehouse-sw does not use the software renderer"
for cfg in gatehouse gatehouse-sw; do
    grep -qx 'java-options=-XX:SharedArchiveFile=$APPDIR/gatehouse.jsa' "$work/root/opt/gatehouse/lib/app/$cfg.cfg" \
        || bad "$cfg.cfg does not name the app's CDS archive"
done
grep -q '/opt/gatehouse/lib/gatehouse-cds make' "$work/DEBIAN/postinst" || bad "postinst does not make the app's CDS archive"
grep -q 'rm -f /opt/gatehouse/lib/app/gatehouse.jsa' "$work/DEBIAN/prerm" || bad "prerm does not remove the app's CDS archive"
grep -qx 'Name=Gatehouse' "$work/root/usr/share/applications/gatehouse.desktop" || bad "menu entry is not named Gatehouse"
grep -qx 'Icon=gatehouse' "$work/root/usr/share/applications/gatehouse.desktop" || bad "desktop entry does not use the gatehouse icon"
gzip -dc "$work/root/usr/share/man/man1/gatehouse.1.gz" | grep -q '^\.TH GATEHOUSE 1' || bad "man page has no .TH header"
depends=$(dpkg-deb -f "$deb" Depends)
case "$depends" in *kea*) bad "Depends names Kea ($depends): the CLI and console work with a remote Kea" ;; esac
dpkg-deb -f "$deb" Recommends | grep -q 'kea-dhcp4-server' || bad "kea-dhcp4-server is not recommended (demo needs kea-dhcp4)"
grep -qx /etc/gatehouse/profiles.toml "$work/DEBIAN/conffiles" || bad "/etc/gatehouse/profiles.toml is not a conffile"
unit="$work/root/lib/systemd/system/gatehouse-sync.service"
grep -q '^ExecStart=/usr/bin/gatehouse sync' "$unit" || bad "unit does not run /usr/bin/gatehouse sync"
grep -qx 'User=gatehouse' "$unit" || bad "unit does not run as user gatehouse"
grep -A1 "adduser --system --group" "$work/DEBIAN/postinst" | grep -q " gatehouse$" || bad "postinst does not create user gatehouse"
grep -q 'systemctl.*enable' "$work/DEBIAN/postinst" && bad "postinst enables the service (it must only be installed)"
for s in postinst prerm postrm; do sh -n "$work/DEBIAN/$s" || bad "$s does not parse"; done
size=$(stat -c %s "$deb")
echo "test-deb: $deb: $((size / 1024 / 1024)) MB ($size bytes), installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
[ "$size" -le $((60 * 1024 * 1024)) ] || bad "package is $((size / 1024 / 1024)) MB, more than 60 MB"
[ $fail -eq 0 ] && echo "test-deb: ok"
exit $fail
