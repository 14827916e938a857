#!/bin/sh
# Long runs of the libFuzzer targets (fuzz/), one after the other on one core, and a table of
# what each did: executions, coverage (libFuzzer's "cov", edges of the instrumented code reached,
# and "ft", its finer features), corpus size, and whether it found anything.
#
#   build-aux/run-fuzzers.sh [SECONDS_PER_TARGET] [TARGET_NAME...]
#
# SECONDS_PER_TARGET defaults to 300. The build folder is $DA_FUZZ_BUILD_DIR (default
# _build-fuzz), configured here with CC=clang -Dfuzzing=true when it is not yet. Each target's
# corpus is kept in <build>/fuzz/corpus/<target> and grows from one run to the next; inputs
# that crash are in <build>/fuzz/work/artifacts/<target>/. Exits non-zero when a target failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

seconds=${1:-300}
[ $# -gt 0 ] && shift
build="${DA_FUZZ_BUILD_DIR:-$top/_build-fuzz}"

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true --buildtype=debug || exit 1
fi
meson compile -C "$build" fuzz || exit 1

# Every target by default; or the names given (fuzz-json-reader, fuzz-model-member, …).
tests=
for name in "$@"; do
  tests="$tests $name"
done

mkdir -p "$build/fuzz/corpus"
# shellcheck disable=SC2086
DA_FUZZ_SECONDS="$seconds" DA_FUZZ_CORPUS_ROOT="$build/fuzz/corpus" \
  meson test -C "$build" --suite fuzz --no-rebuild --num-processes 1 --timeout-multiplier 0 \
  --logbase fuzzlog $tests
status=$?

# The figures, from libFuzzer's final statistics in meson's log.
/usr/bin/python3 - "$build/meson-logs/fuzzlog.json" <<'PY'
import json, re, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    test = json.loads(line)
    out = (test.get("stdout") or "") + (test.get("stderr") or "")
    runs = re.findall(r"stat::number_of_executed_units:\s+(\d+)", out)
    done = re.findall(r"#(\d+)\s+(?:DONE|RELOAD|pulse|NEW|REDUCE|INITED)\s+"
                      r"cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", out)
    speed = re.findall(r"stat::average_exec_per_sec:\s+(\d+)", out)
    cov = ft = corp = size = "?"
    if done:
        _, cov, ft, corp, size = done[-1]
    found = "nothing" if test["result"] == "OK" else "FAILED: " + ", ".join(
        re.findall(r"Test unit written to (\S+)", out) or [test["result"]])
    rows.append((test["name"].split(" / ")[-1], runs[-1] if runs else "?",
                 speed[-1] if speed else "?",
                 cov, ft, f"{corp} ({size})", round(test.get("duration", 0)), found))
header = ("target", "executions", "exec/s", "cov", "ft", "corpus", "seconds", "found")
widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
for r in [header] + rows:
    print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
PY
exit $status
