#!/bin/sh
# Installs what is missing, builds Devin Admin and starts it in demo mode: a local server of the
# Devin API with seeded data, no key needed, nothing stored.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. "$top/build-aux/deps.sh"
# shellcheck disable=SC2086
da_install_packages $DA_BUILD_PACKAGES $DA_RUN_PACKAGES || exit 1

build="${DA_BUILD_DIR:-$top/_build}"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debugoptimized || exit 1
fi
# The app, and the settings schema it reads (compiled into the build folder).
meson compile -C "$build" src/devin-admin data/gsettings-compile-data || exit 1
# The schema is compiled into the build folder; settings of the demo live in memory, so a demo
# leaves nothing behind.
export GSETTINGS_SCHEMA_DIR="$build/data"
export GSETTINGS_BACKEND="${GSETTINGS_BACKEND:-memory}"
exec "$build/src/devin-admin" --demo "$@"
