#!/bin/sh
# The whole test suite, as CI runs it: installs what is missing, builds with warnings as errors,
# runs `meson test` (each test in its own Xvfb, session bus, keyring and HOME; see
# tests/run-test.sh), then the unit tests again under AddressSanitizer, and ends with one line:
# "N passed, N failed, N skipped".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
. "$top/build-aux/deps.sh"
# shellcheck disable=SC2086
da_install_packages $DA_BUILD_PACKAGES $DA_TEST_PACKAGES || exit 1

build="${DA_BUILD_DIR:-$top/_build}"
asan_build="${DA_ASAN_BUILD_DIR:-$top/_build-asan}"

configure () {
  dir=$1
  shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null || meson setup --wipe "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

status=0
configure "$build" --werror --buildtype=debug || exit 1
meson compile -C "$build" || exit 1
meson test -C "$build" --print-errorlogs --num-processes "${DA_TEST_JOBS:-2}" || status=1
logs="$build/meson-logs/testlog.json"

if [ "${DA_SKIP_ASAN:-0}" != 1 ]; then
  configure "$asan_build" --werror --buildtype=debug -Db_sanitize=address,undefined \
    -Db_lundef=false || exit 1
  meson compile -C "$asan_build" || exit 1
  meson test -C "$asan_build" --setup asan --suite unit --print-errorlogs \
    --num-processes "${DA_TEST_JOBS:-2}" || status=1
  logs="$logs $asan_build/meson-logs/testlog-asan.json"
fi

# One closing line, counted from meson's own logs.
/usr/bin/python3 - $logs <<'PY'
import json, sys
passed = failed = skipped = 0
failures = []
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        test = json.loads(line)
        result = test.get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(test)
# The failures again, last, so that a log cut to its tail still names them.
for test in failures:
    print(f"FAILED: {test.get('name')} ({test.get('result')} after "
          f"{test.get('duration', 0):.1f} s)")
    for stream in ("stdout", "stderr"):
        for text in (test.get(stream) or "").splitlines()[-20:]:
            print(f"  {stream}| {text}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
