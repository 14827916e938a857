#!/usr/bin/python3
# fetch-requests.py: every member or audit event with `requests`, the way the API's example
# scripts page through a list (requests.get per page, no Session). The comparison of benchmark 1.
#
#   fetch-requests.py members|audit-logs BASE_URL
#
# The key comes from DA_BENCH_KEY. Prints "fetch <list> rows=N seconds=S".
import os
import sys
import time

import requests

kind, base = sys.argv[1], sys.argv[2]
headers = {"Authorization": "Bearer " + os.environ["DA_BENCH_KEY"]}
rows = []
start = time.monotonic()
if kind == "members":
    skip = 0
    while True:
        resp = requests.get(f"{base}/members", headers=headers,
                            params={"skip": skip, "limit": 200}, timeout=30)
        resp.raise_for_status()
        page = resp.json()
        rows.extend(page["items"])
        if not page.get("has_more"):
            break
        skip += 200
else:
    params = {"limit": 200}
    while True:
        resp = requests.get(f"{base}/audit-logs", headers=headers, params=params, timeout=30)
        resp.raise_for_status()
        page = resp.json()["audit_logs"]
        rows.extend(page)
        if len(page) < 200:
            break
        params = {"limit": 200, "before": page[-1]["audit_log_id"]}
seconds = time.monotonic() - start
print(f"fetch {kind} rows={len(rows)} seconds={seconds:.6f}")
