#!/usr/bin/python3
# run-benchmarks.py: runs the five benchmarks of bench/ and prints the table.
# Called by build-aux/run-benchmarks.sh inside tests/run-test.sh (a display, a bus, a temporary
# HOME); see there. Arguments: BUILD_DIR SOURCE_DIR RUNS
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

build, source, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
bench = os.path.join(build, "bench")
server_bin = os.path.join(build, "src", "devin-mock-server")
app_bin = os.path.join(build, "src", "devin-admin")
key = "apk_user_demo"   # the local server's made-up demo key, not a secret
env = dict(os.environ, DA_BENCH_KEY=key)


def log(text):
    print(text, file=sys.stderr, flush=True)


def run(argv, **kw):
    out = subprocess.run(argv, env=kw.pop("env", env), check=True, text=True,
                         stdout=subprocess.PIPE, **kw).stdout
    return out


def number(text, name):
    m = re.search(r"\b%s=([0-9.]+)" % name, text)
    if not m:
        raise SystemExit("no %s= in %r" % (name, text))
    return float(m.group(1))


tmp = tempfile.mkdtemp(prefix="da-bench-")
os.chmod(tmp, 0o700)

# ---- The server: 50,000 members and 100,000 audit events, started separately ----------------
log("starting devin-mock-server (50,000 members, 100,000 audit events)…")
server = subprocess.Popen([server_bin, "--port", "0", "--members", "50000",
                           "--audit-events", "100000", "--seed", "1", "--now", "1795000000"],
                          stdout=subprocess.PIPE, text=True)
base = server.stdout.readline().split()[-1]
log("server at " + base)

# The key for curl in a private file, never on its command line.
header_file = os.path.join(tmp, "header")
fd = os.open(header_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
os.write(fd, ("Authorization: Bearer %s\n" % key).encode())
os.close(fd)

class Rows(list):
    def append(self, row):
        super().append(row)
        log("  %s %s: %s against %s: %.2f× (%s)" % (row[0], row[1], row[2], row[5], row[6],
                                                   row[7]))


rows = Rows()   # (benchmark, measure, values, unit, ref_label, ref_values, ratio, target, holds)


def stats(values):
    return statistics.median(values), min(values), max(values)


def fmt(v, unit):
    if unit == "s":
        return "%.3f s" % v
    if unit == "ms":
        return "%.1f ms" % v
    if unit == "B":
        return "%.0f B" % v
    return "%g" % v


# ---- 1. Fetch everything --------------------------------------------------------------------
def curl_config(urls_file):
    config = os.path.join(tmp, "curl.conf")
    with open(urls_file) as f, open(config, "w") as out:
        for line in f:
            out.write(line)
            out.write('output = "/dev/null"\n')
    return config


fetch = {}
for kind, label in (("members", "50,000 members"), ("audit-logs", "100,000 audit events")):
    client, curl, soup, python = [], [], [], []
    urls = os.path.join(tmp, kind + ".urls")

    def fetch_client():
        out = run([os.path.join(bench, "bench-fetch"), kind, base, "--urls", urls])
        client.append(number(out, "seconds"))
        return int(number(out, "rows"))

    def fetch_curl(measured=True):
        start = time.monotonic()
        subprocess.run(["curl", "-sS", "--fail", "-H", "@" + header_file, "-K",
                        curl_config(urls)], check=True)
        if measured:
            curl.append(time.monotonic() - start)

    for i in range(runs):
        log("fetch %s: run %d of %d" % (kind, i + 1, runs))
        # The client and curl take turns at going first (the client's first fetch writes the
        # URLs curl asks for).
        if i % 2 == 0:
            n_client = fetch_client()
            fetch_curl()
        else:
            fetch_curl()
            n_client = fetch_client()
        # A reference, not a target: libsoup alone on the same URLs (bench/bench-soup.c).
        soup.append(number(run([os.path.join(bench, "bench-soup"), urls]), "seconds"))
        if i < max(1, min(runs, 3)):
            out = run(["/usr/bin/python3", os.path.join(source, "bench", "fetch-requests.py"),
                       kind, base])
            python.append(number(out, "seconds"))
            if int(number(out, "rows")) != n_client:
                raise SystemExit("python loaded %s rows, the client %d" % (out, n_client))
            # The fetch right after the Python loop (a new connection a page) took longer,
            # whichever tool made it; one that is not counted follows it (README, Performance).
            fetch_curl(measured=False)
    fetch[kind] = (client, curl, python, n_client)
    c, cu, py = statistics.median(client), statistics.median(curl), statistics.median(python)
    rows.append(("1. Fetch " + label, "client library → models", client, "s",
                 "curl, same URLs, 1 connection", curl, c / cu, "≤ 1.15× curl", c / cu <= 1.15))
    rows.append(("", "", None, "s", "Python requests loop", python, py / c,
                 "≥ 5× faster than Python", py / c >= 5))
    so = statistics.median(soup)
    rows.append(("", "", None, "s", "libsoup alone, same URLs, 1 connection", soup, c / so,
                 "(reference)", None))

# ---- 3. Memory ------------------------------------------------------------------------------
for kind, label in (("audit-logs", "100,000 audit events"), ("members", "50,000 members")):
    per_row, wire = [], []
    for i in range(max(1, min(runs, 3))):
        log("memory %s: run %d" % (kind, i + 1))
        out = run([os.path.join(bench, "bench-fetch"), kind, base, "--memory"])
        n = number(out, "rows")
        per_row.append(number(out, "rss_added") / n)
        wire.append(number(out, "wire_bytes") / n)
    m, w = statistics.median(per_row), statistics.median(wire)
    rows.append(("3. Memory, " + label, "resident memory added per row", per_row, "B",
                 "JSON on the wire per row", wire, m / w, "≤ 1× the JSON", m <= w))

server.terminate()
server.wait()

# ---- 2. Start-up ----------------------------------------------------------------------------
app, floor = [], []
for i in range(runs + 1):
    log("start-up: run %d of %d" % (i + 1, runs + 1))
    a = number(run([os.path.join(bench, "bench-startup"), app_bin, "--demo", "--page",
                    "members"]), "ms")
    f = number(run([os.path.join(bench, "bench-startup"),
                    os.path.join(bench, "bench-adw-window")]), "ms")
    if i > 0:   # the first of each warms the caches
        app.append(a)
        floor.append(f)
ratio = statistics.median(app) / statistics.median(floor)
rows.append(("2. Start-up", "exec → first frame of populated Members (demo, 1,000)", app, "ms",
             "minimal libadwaita window", floor, ratio, "≤ 1.5× the floor", ratio <= 1.5))

# ---- 4. Typing in search --------------------------------------------------------------------
log("typing: %d runs of 14 keys over 50,000 members" % runs)
out = run([os.path.join(bench, "bench-ui"), "typing", "--runs", str(runs)])
keys = [float(x) for x in re.findall(r"ms=([0-9.]+)", out)]
med = statistics.median(keys)
rows.append(("4. Typing in search", "key → list filtered and frame painted (50,000)", keys, "ms",
             "one frame", [16.0], med / 16.0, "median < 16 ms", med < 16.0))

# ---- 5. Row widgets -------------------------------------------------------------------------
log("rows: scrolling through 100,000 audit events")
out = run([os.path.join(bench, "bench-ui"), "rows"])
created, visible = number(out, "created"), number(out, "visible")
if int(number(out, "loaded")) != 100000:
    raise SystemExit("rows: not everything loaded: " + out)
rows.append(("5. Row widgets", "rows ever created (100,000 loaded, scrolled through)", [created],
             "", "rows visible at once", [visible], created / visible, "≤ 2× visible",
             created <= 2 * visible))

# ---- The table ------------------------------------------------------------------------------
commit = run(["git", "-C", source, "rev-parse", "--short", "HEAD"]).strip()
if run(["git", "-C", source, "status", "--porcelain", "--untracked-files=no"]).strip():
    commit += "-dirty"
cpu = "?"
with open("/proc/cpuinfo") as f:
    for line in f:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
with open("/proc/meminfo") as f:
    mem_kb = int(f.readline().split()[1])
load = open("/proc/loadavg").read().split()[:3]

print("Devin Admin benchmarks — commit %s, %s" % (commit, time.strftime("%Y-%m-%d %H:%M UTC",
                                                                       time.gmtime())))
print("Machine: %s, %d cores, %.1f GiB RAM, %s; load average %s (at the end)"
      % (cpu, os.cpu_count(), mem_kb / 1048576, platform.platform(terse=True), " ".join(load)))
print("Runs: %d (median, min–max); fetch Python loop and memory: up to 3 runs" % runs)
print()
print("| Benchmark | Measure | Median (min–max) | Against | Median (min–max) | Ratio | Target | Holds |")
print("|---|---|---|---|---|---|---|---|")
for name, measure, values, unit, ref, ref_values, ratio, target, holds in rows:
    def cell(vs):
        if vs is None:
            return ""
        m, lo, hi = stats(vs)
        if len(vs) == 1:
            return fmt(m, unit)
        return "%s (%s–%s)" % (fmt(m, unit), fmt(lo, unit).split()[0], fmt(hi, unit))
    print("| %s | %s | %s | %s | %s | %.2f× | %s | %s |"
          % (name, measure, cell(values), ref, cell(ref_values), ratio, target,
             "—" if holds is None else "yes" if holds else "**no**"))
