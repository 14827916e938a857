#!/usr/bin/python3
# test-examples-script.py: scripts written from the API's usage-examples page run unchanged against
# `devin-mock-server --compat examples`, and plain curl gets the documented envelopes without it.
#
# Copyright 2026 The Devin Admin authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Speaks TAP on stdout. Run with /usr/bin/python3 (it has `requests`); the path of the server is in
# DA_MOCK_SERVER. The demo key is the server's throw-away default; curl reads it from stdin so it
# never shows on a command line.

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import traceback

FIXED_NOW = 1780000000          # 2026-05-28T20:26:40Z
DEMO_KEY = "apk_user_demo"

results = []


def skip_all(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


try:
    import requests
except ImportError:
    skip_all("python3-requests is not installed")

SERVER = os.environ.get("DA_MOCK_SERVER")
if not SERVER or not os.access(SERVER, os.X_OK):
    skip_all("DA_MOCK_SERVER does not name the devin-mock-server program")


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [SERVER, "--port", "0", "--now", str(FIXED_NOW), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)
        if not ready:
            self.proc.kill()
            raise RuntimeError("the server did not say where it listens")
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on http://127.0.0.1:"):
            self.proc.kill()
            raise RuntimeError(f"unexpected first line: {line!r}")
        self.base_url = line[len("listening on "):]

    def stop(self, sig):
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        return code


def check(description, func, *args):
    try:
        func(*args)
        results.append((True, description, None))
    except Exception:  # the failure goes into the TAP diagnostics
        results.append((False, description, traceback.format_exc()))


def skip(description, reason):
    results.append((None, description, reason))


# ---- The examples page's way of writing it -------------------------------------------------------

def examples(base_url):
    headers = {"Authorization": f"Bearer {DEMO_KEY}"}

    def list_members():
        response = requests.get(f"{base_url}/members", headers=headers)
        response.raise_for_status()
        members = response.json()["members"]
        assert len(members) > 0
        for member in members:
            assert "@" in member["email"]
            assert member["role"] in ("account_admin", "account_member") or \
                member["role"].startswith("role-")
        assert response.json()["total"] >= len(members)

    def members_with_offset():
        first = requests.get(f"{base_url}/members", headers=headers,
                             params={"limit": 5, "offset": 0}).json()["members"]
        second = requests.get(f"{base_url}/members", headers=headers,
                              params={"limit": 5, "offset": 5}).json()["members"]
        assert len(first) == 5 and len(second) == 5
        assert not {m["user_id"] for m in first} & {m["user_id"] for m in second}

    state = {}

    def create_org():
        response = requests.post(f"{base_url}/organizations", headers=headers,
                                 json={"name": "Engineering Examples", "acu_limit": 1000})
        response.raise_for_status()
        org = response.json()
        state["org_id"] = org["id"]
        assert org["name"] == "Engineering Examples"
        assert org["max_cycle_acu_limit"] == 1000

    def cycles():
        data = requests.get(f"{base_url}/consumption/cycles", headers=headers).json()
        current = data["cycles"][0]
        assert isinstance(current["acus_used"], float)
        assert current["acus_used"] > 0
        assert current["start_date"] < current["end_date"]
        starts = [c["start_date"] for c in data["cycles"]]
        assert starts == sorted(starts, reverse=True)

    def insights():
        sessions = requests.get(f"{base_url}/sessions/insights", headers=headers,
                                params={"limit": 10, "offset": 0}).json()
        assert len(sessions["sessions"]) == 10
        for session in sessions["sessions"]:
            assert session["id"].startswith("devin-")
            assert "insight" in session
        assert any(session["insight"] for session in sessions["sessions"]) or \
            sessions["total"] > 10

    def invite():
        response = requests.post(f"{base_url}/members/invite", headers=headers,
                                 json={"emails": ["new.hire@example.com"], "role": "member"})
        response.raise_for_status()
        assert response.json()["invited"] == ["new.hire@example.com"]
        found = requests.get(f"{base_url}/members", headers=headers,
                             params={"email": "new.hire@example.com"}).json()
        assert found["total"] == 1

    def audit_logs():
        logs = requests.get(f"{base_url}/audit-logs", headers=headers,
                            params={"start_date": "2026-05-01"}).json()["logs"]
        assert len(logs) > 0
        for log in logs:
            assert log["timestamp"] >= "2026-05-01"
            assert log["action"]
            assert "actor" in log
        # the invite above is the newest entry
        assert logs[0]["action"] == "add_enterprise_member"

    def permissions():
        response = requests.post(
            f"{base_url}/organizations/{state['org_id']}/permissions", headers=headers,
            json={"provider": "github", "repository": "org/repo-name", "permission": "read"})
        response.raise_for_status()
        listed = requests.get(f"{base_url}/organizations/{state['org_id']}/git/permissions",
                              headers=headers).json()["items"]
        assert any(p["repo_path"] == "org/repo-name" for p in listed)

    def bad_key():
        response = requests.get(f"{base_url}/members", headers={"Authorization": "Bearer nope"})
        assert response.status_code == 401
        assert response.json()["detail"]

    check("examples: list members, member['role']", list_members)
    check("examples: members with limit/offset", members_with_offset)
    check("examples: create an organization with name/acu_limit, read ['id']", create_org)
    check("examples: cycles['cycles'][0]['acus_used']", cycles)
    check("examples: insights with limit/offset, session['id'] and ['insight']", insights)
    check("examples: invite with emails/role, read ['invited']", invite)
    check("examples: audit logs with start_date, ['logs']", audit_logs)
    check("examples: POST /organizations/{id}/permissions", permissions)
    check("examples: a wrong key gets 401", bad_key)


# ---- Plain curl, documented envelopes ------------------------------------------------------------

def curl(base_url, method, path, body=None, key=DEMO_KEY):
    args = ["curl", "-s", "-X", method, "-w", "\n%{http_code}", "-H", "@-"]
    stdin = f"Authorization: Bearer {key}\n" if key else ""
    if body is not None:
        args += ["-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
    args.append(base_url + path)
    out = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=30, check=True)
    text, _, status = out.stdout.rpartition("\n")
    return int(status), json.loads(text) if text else None


def documented(base_url):
    def envelope(data, total=None):
        for key in ("items", "total", "skip", "limit", "has_more", "next_cursor"):
            assert key in data, key
        assert data["has_more"] == (data["skip"] + len(data["items"]) < data["total"])
        if total is not None:
            assert data["total"] == total

    def members():
        status, data = curl(base_url, "GET", "/members?limit=50")
        assert status == 200
        envelope(data)
        assert data["next_cursor"] == 50
        assert "enterprise_role" in data["items"][0] and "role" not in data["items"][0]

    def cycles():
        status, data = curl(base_url, "GET", "/consumption/cycles")
        assert status == 200 and isinstance(data, list)
        assert set(data[0]) == {"start", "end"}
        assert data[0]["start"] < data[-1]["start"]
        assert data[0]["start"].endswith("T08:00:00Z")

    def insights():
        status, data = curl(base_url, "GET", "/sessions/insights?limit=3&skip=1")
        assert status == 200
        envelope(data)
        assert "session_id" in data["items"][0] and "session_analysis" in data["items"][0]

    def audit():
        status, data = curl(base_url, "GET", "/audit-logs?limit=7")
        assert status == 200
        assert list(data) == ["audit_logs"] and len(data["audit_logs"]) == 7
        assert data["audit_logs"][0]["audit_log_id"].startswith("audit-")

    def create_org():
        status, data = curl(base_url, "POST", "/organizations",
                            {"display_name": "Curl Org", "acu_limit": 50})
        assert status == 200
        assert data["org_name"] == "Curl Org" and data["max_cycle_acu_limit"] == 50
        assert "org_id" in data and "id" not in data

    def daily():
        status, data = curl(base_url, "GET", "/consumption/daily")
        assert status == 200
        total = round(data["total_acus"], 2)
        for key in ("consumption_by_date", "consumption_by_org_id", "consumption_by_user"):
            assert round(sum(data[key].values()), 2) == total, key

    def api_keys():
        status, data = curl(base_url, "GET", "/api-keys?per_page=10")
        assert status == 200
        envelope(data)
        assert data["next_cursor"] == 2

    def errors():
        status, data = curl(base_url, "GET", "/members", key=None)
        assert status == 401 and data == {"detail": "Not authenticated"}
        status, data = curl(base_url, "GET", "/members?limit=500")
        assert status == 422 and data["detail"][0]["loc"] == ["query", "limit"]
        status, data = curl(base_url, "GET", "/organizations/org-none")
        assert status == 404 and data == {"detail": "Organization not found"}
        status, data = curl(base_url, "POST", "/organizations/org-none/permissions",
                            {"provider": "github", "repository": "a/b"})
        assert status == 404, "the examples' path exists only in compat mode"

    def older_prefix():
        root = base_url[:-len("/v2/enterprise")]
        status, data = curl(root, "GET", "/api/v2/enterprise/roles")
        assert status == 200 and isinstance(data, list)

    tests = [
        ("curl: /members is a skip/limit envelope", members),
        ("curl: /consumption/cycles is a bare array of {start, end}", cycles),
        ("curl: /sessions/insights items have session_id and session_analysis", insights),
        ("curl: /audit-logs answers {audit_logs}", audit),
        ("curl: POST /organizations with display_name answers org_id", create_org),
        ("curl: /consumption/daily sums agree", daily),
        ("curl: /api-keys pages by page number", api_keys),
        ("curl: 401, 422, 404 bodies", errors),
        ("curl: /api/v2/enterprise works too", older_prefix),
    ]
    for description, func in tests:
        if shutil.which("curl") is None:
            skip(description, "curl is not installed")
        else:
            check(description, func)


def exits_cleanly(code):
    assert code == 0, f"exit status {code}"


def main():
    compat = Server("--compat", "examples")
    try:
        examples(compat.base_url)
    finally:
        code = compat.stop(signal.SIGTERM)
    check("the server ends cleanly on SIGTERM", exits_cleanly, code)

    plain = Server()
    try:
        documented(plain.base_url)
    finally:
        code = plain.stop(signal.SIGINT)
    check("the server ends cleanly on SIGINT", exits_cleanly, code)

    check("a key given with --key works and is never printed", key_not_printed)

    print(f"1..{len(results)}")
    for number, (ok, description, details) in enumerate(results, 1):
        if ok is None:
            print(f"ok {number} - {description} # SKIP {details}")
        elif ok:
            print(f"ok {number} - {description}")
        else:
            print(f"not ok {number} - {description}")
            for line in details.splitlines():
                print(f"# {line}")
    return 0


def key_not_printed():
    secret = "apk_user_" + os.urandom(8).hex()
    server = Server("--key", secret)
    status_ok = requests.get(f"{server.base_url}/roles",
                             headers={"Authorization": f"Bearer {secret}"}).status_code
    demo = requests.get(f"{server.base_url}/roles",
                        headers={"Authorization": f"Bearer {DEMO_KEY}"}).status_code
    server.stop(signal.SIGTERM)
    out = server.proc.stdout.read() + server.proc.stderr.read()
    assert status_ok == 200, status_ok
    assert demo == 401, "the demo key is not valid when another key is given"
    assert secret not in out
    assert DEMO_KEY not in out


if __name__ == "__main__":
    sys.exit(main())
