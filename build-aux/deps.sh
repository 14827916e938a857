#!/bin/sh
# Installs the Debian 12 packages Devin Admin needs to build, run and test, when any is missing.
# Sourced by run-demo.sh and run-tests.sh.
set -u

DA_BUILD_PACKAGES="libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev \
meson ninja-build gettext pkg-config gcc libglib2.0-dev-bin librsvg2-common"
DA_TEST_PACKAGES="xvfb xauth dbus dbus-x11 gnome-keyring at-spi2-core python3-gi gir1.2-atspi-2.0 \
python3-dogtail desktop-file-utils appstream curl python3-requests clang libclang-rt-14-dev"
DA_RUN_PACKAGES="gnome-keyring dbus-x11 adwaita-icon-theme"

da_install_packages () {
  missing=
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=
  else
    sudo=sudo
  fi
  $sudo apt-get update -qq || true
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
}
