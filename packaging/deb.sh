#!/bin/sh
# Builds the .deb from the jpackage app image (packaging/jpackage.sh app-image first; jpackage.sh deb
# runs both). dpkg-deb rather than jpackage's own deb type, so that the package carries our maintainer
# scripts (no desktop needed), /usr/bin/gatehouse, the man page and bash completion generated from the
# picocli model, the icons, the desktop entry, the aging service's unit and its site profile (a conffile).
#   packaging/deb.sh            -> target/dist/gatehouse_<version>-1_amd64.deb
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
image=target/dist/gatehouse
[ -x "$image/bin/gatehouse" ] || { echo "deb.sh: no app image at $image (run packaging/jpackage.sh app-image)" >&2; exit 1; }
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)
root=target/deb-root
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/man/man1" \
    "$root/usr/share/bash-completion/completions" "$root/usr/share/doc/gatehouse" "$root/lib/systemd/system" \
    "$root/etc/gatehouse" "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$image" "$root/opt/gatehouse"
# The app's class-data-sharing archive is made where Gatehouse is installed (postinst: lib/gatehouse-cds from
# the class list), not shipped: 57 MB.
rm -f "$root/opt/gatehouse/lib/app/gatehouse.jsa"
for f in lib/app/gatehouse.classlist lib/gatehouse-cds bin/gatehouse-sw lib/launch-kind.sh lib/app/native/libsqlitejdbc.so; do
    [ -s "$root/opt/gatehouse/$f" ] || { echo "deb.sh: the app image has no $f (packaging/jpackage.sh makes it)" >&2; exit 1; }
done
# Debian's norms for what is installed: files 0644 (the JDK's legal notices are 0444), libraries not
# executable, native code without its symbol tables (saves ~4 MB; binutils, when present).
find "$root/opt" -type f -perm 0444 -exec chmod 0644 {} +
chmod 0644 "$root/opt/gatehouse/lib/libapplauncher.so"
if command -v strip >/dev/null 2>&1; then
    find "$root/opt" -type f \( -name '*.so' -o -perm -0100 \) -exec sh -c 'file_is_elf() { [ "$(head -c 4 "$1")" = "$(printf "\177ELF")" ]; }
        for f; do file_is_elf "$f" && strip --strip-unneeded "$f"; done' sh {} +
fi
# A script, not a link: without a GPU it starts the software-rendering launcher with GDK_GL=disable.
install -m 755 packaging/deb/gatehouse "$root/usr/bin/gatehouse"
# Man page and completion from this build's command model.
java -cp "target/gatehouse.jar:target/lib/*" org.gatehouse.cli.CliDocs target/cli-docs
gzip -9n -c target/cli-docs/gatehouse.1 > "$root/usr/share/man/man1/gatehouse.1.gz"
sed '1{/^#!/d}' target/cli-docs/gatehouse > "$root/usr/share/bash-completion/completions/gatehouse"   # sourced, not run
install -m 644 packaging/deb/gatehouse.desktop "$root/usr/share/applications/gatehouse.desktop"
install -m 644 packaging/icons/gatehouse.svg "$root/usr/share/icons/hicolor/scalable/apps/gatehouse.svg"
for s in 16 32 48 64 128 256; do
    install -D -m 644 "packaging/icons/gatehouse-$s.png" "$root/usr/share/icons/hicolor/${s}x$s/apps/gatehouse.png"
done
install -m 644 packaging/gatehouse-sync.service "$root/lib/systemd/system/gatehouse-sync.service"
# 0644 here; postinst makes it root:gatehouse 0640 in a 0750 directory once the group exists.
install -m 644 packaging/deb/profiles.toml "$root/etc/gatehouse/profiles.toml"
doc="$root/usr/share/doc/gatehouse"
install -m 644 README.md "$doc/README.md"
install -m 644 packaging/deb/copyright "$doc/copyright"
gzip -9n -c CHANGELOG.md > "$doc/changelog.gz"
printf 'gatehouse (%s-1) unstable; urgency=medium\n\n  * Built by packaging/deb.sh; the changes are in changelog.gz.\n\n -- %s  %s\n' \
    "$version" "$(sed -n 's/^Maintainer: //p' packaging/deb/control.in)" "$(date -R)" | gzip -9n > "$doc/changelog.Debian.gz"
install -D -m 644 packaging/deb/lintian-overrides "$root/usr/share/lintian/overrides/gatehouse"
echo /etc/gatehouse/profiles.toml > "$root/DEBIAN/conffiles"
for s in postinst prerm postrm; do install -m 755 "packaging/deb/$s" "$root/DEBIAN/$s"; done
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version-1/" -e "s/@SIZE@/$size/" packaging/deb/control.in > "$root/DEBIAN/control"
mkdir -p target/dist
out="target/dist/gatehouse_${version}-1_amd64.deb"
# gzip: several times faster than xz here and about the same size (the runtime is already compressed).
dpkg-deb --root-owner-group -Zgzip -b "$root" "$out" >/dev/null
ls -la "$out"
