#!/bin/sh
# Builds and runs the five benchmarks of issue 10 and prints their table (bench/README in the
# project's README, "Performance"). Not part of the test suite.
#
#   build-aux/run-benchmarks.sh [RUNS]   (default 5; DA_BENCH_BUILD=dir, default _build-bench)
#
# Builds an optimized tree of its own (meson --buildtype=release), starts a separate
# devin-mock-server, and runs everything inside tests/run-test.sh: an Xvfb display, a private
# D-Bus bus and a temporary HOME, so nothing of a real session is touched. Needs curl and
# /usr/bin/python3 with requests (python3-requests).
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${DA_BENCH_BUILD:-$source_dir/_build-bench}
runs=${1:-5}

for tool in curl Xvfb dbus-run-session; do
  command -v "$tool" >/dev/null || { echo "run-benchmarks: $tool is needed" >&2; exit 1; }
done
/usr/bin/python3 -c 'import requests' 2>/dev/null ||
  { echo "run-benchmarks: /usr/bin/python3 needs requests (python3-requests)" >&2; exit 1; }

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$source_dir" --buildtype=release >&2
fi
# The settings' schemas too: without them the app starts without its settings (the window's
# size among them), which is not how it starts for anyone.
meson compile -C "$build_dir" devin-admin devin-mock-server bench-fetch bench-soup bench-ui bench-startup \
  bench-adw-window gsettings-compile-data >&2

# What the tests give their programs: the build's schemas, the memory settings backend, no
# keyring, no accessibility bus, GTK's cairo renderer (GL is Mesa's software renderer under Xvfb).
GSETTINGS_SCHEMA_DIR="$build_dir/data" GSETTINGS_BACKEND=memory DA_TEST_KEYRING=none \
GTK_A11Y=none GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
  exec "$source_dir/tests/run-test.sh" /usr/bin/python3 "$source_dir/bench/run-benchmarks.py" \
  "$build_dir" "$source_dir" "$runs"
