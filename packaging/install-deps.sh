#!/bin/sh
# Installs the Debian 12 packages Gatehouse needs. Asks for root (sudo) only when not root.
#   install-deps.sh run    what ./gatehouse and ./gatehouse demo need
#   install-deps.sh test   plus what the test suite needs (Kea agent, socat, snmpsim, Xvfb, dhclient, a D-Bus
#                          session with gnome-keyring for the credential tests, Chromium for the report,
#                          desktop-file-validate and lintian for the .deb's checks, debootstrap for installing
#                          it into a throwaway Debian root: packaging/test-install-root.sh)
set -eu
run_pkgs="openjdk-17-jdk maven kea-dhcp4-server ieee-data libgtk-3-0"
test_pkgs="$run_pkgs kea-ctrl-agent socat snmpsim snmp xvfb isc-dhcp-client iproute2 procps jq curl fakeroot binutils sqlite3 dbus-daemon dbus-bin dbus-x11 gnome-keyring libsecret-tools chromium desktop-file-utils lintian debootstrap debian-archive-keyring"
case "${1:-run}" in
    test) pkgs=$test_pkgs ;;
    *) pkgs=$run_pkgs ;;
esac
# The Kea 3.0 test's cached Debian sid root and PostgreSQL server (packaging/make-test-root.sh; no-op once made).
[ "${1:-run}" != test ] || sh "$(dirname "$0")/make-test-root.sh" sid
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# A file check, not only the package database: without oui.csv every vendor is blank. An
# ieee-data that dpkg lists as installed but whose file is gone is reinstalled.
oui=${GATEHOUSE_OUI_CSV:-/usr/share/ieee-data/oui.csv}   # overridable for the tests only
reinstall=""
if [ ! -r "$oui" ]; then
    case " $missing " in
        *" ieee-data "*) ;;
        *) reinstall="ieee-data" ;;
    esac
fi
[ -z "$missing" ] && [ -z "$reinstall" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; else
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root to install:$missing $reinstall" >&2; exit 1; }
    echo "install-deps: installing$missing $reinstall with sudo" >&2
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# On a systemd machine the Kea packages start their own services; they are left alone (this may be a
# real Kea). Gatehouse and its tests run private Kea processes on their own sockets and free ports.
[ -z "$missing" ] || $sudo apt-get install -y -q --no-install-recommends $missing
[ -z "$reinstall" ] || $sudo apt-get install -y -q --no-install-recommends --reinstall $reinstall
[ -r "$oui" ] || echo "install-deps: $oui is still missing: vendor names will be blank (package ieee-data)" >&2
