#!/bin/sh
# Runs one libFuzzer target over its seed folders, and fails when it finds anything.
#
#   run-fuzzer.sh [--runs N] [--time SECONDS] [--dict FILE] [--corpus DIR] TARGET SEED_DIR...
#
# --runs and --time bound the run (whichever comes first; by default neither is bounded). New
# inputs go to --corpus (default: a folder under $DA_FUZZ_WORK_DIR, or a temporary one), never
# into the seed folders. A crashing input is saved under $DA_FUZZ_WORK_DIR/artifacts/ (or the
# current folder) and its path printed. The last lines on stderr are libFuzzer's final statistics.
#
# DA_FUZZ_SECONDS (a run of that many seconds, unbounded in runs) and DA_FUZZ_CORPUS_ROOT (a
# corpus kept in $DA_FUZZ_CORPUS_ROOT/<target> from one run to the next) override the options.
set -u

runs=-1
seconds=0
dict=
corpus=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --time) seconds=$2; shift 2 ;;
    --dict) dict=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "run-fuzzer: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done

# build-aux/run-fuzzers.sh turns the short runs of the test suite into long ones.
if [ -n "${DA_FUZZ_SECONDS:-}" ]; then
  seconds=$DA_FUZZ_SECONDS
  runs=-1
fi
if [ -z "$corpus" ] && [ -n "${DA_FUZZ_CORPUS_ROOT:-}" ]; then
  corpus="$DA_FUZZ_CORPUS_ROOT/$(basename "${1:-}")"
fi

if [ $# -lt 1 ]; then
  echo "usage: run-fuzzer.sh [--runs N] [--time SECONDS] [--dict FILE] [--corpus DIR]" \
    "TARGET SEED_DIR..." >&2
  exit 2
fi

target=$1
shift
name=$(basename "$target")
work="${DA_FUZZ_WORK_DIR:-}"
cleanup=

if [ -z "$corpus" ]; then
  if [ -n "$work" ]; then
    # A fresh corpus per run: a short run in the test suite is the same each time.
    corpus="$work/short/$name"
    rm -rf "$corpus"
  else
    corpus=$(mktemp -d "${TMPDIR:-/tmp}/da-fuzz.XXXXXX") || exit 1
    cleanup=$corpus
  fi
fi
mkdir -p "$corpus" || exit 1

artifacts="${work:-.}/artifacts/$name/"
mkdir -p "$artifacts" || exit 1

set -- -seed=1 -runs="$runs" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -rss_limit_mb=2048 -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
  -artifact_prefix="$artifacts" ${dict:+-dict="$dict"} "$corpus" "$@"

# libFuzzer checks every input for leaks. The check at exit is left out: the models intern short
# values (g_intern_string), and GLib by design never frees its table of interned strings when
# the table grows, which would be reported once, at the end of a long run, as a leak of GLib.
export ASAN_OPTIONS="leak_check_at_exit=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

echo "run-fuzzer: $target $*" >&2
"$target" "$@"
status=$?

[ -n "$cleanup" ] && rm -rf "$cleanup"
exit $status
