#!/usr/bin/env python3
"""Side-by-side comparison of the original Python logs service and ours (logs-micronaut-app).

Python 3 standard library only. Sub-commands:

  make-tree REMOTE_BASE            writes the synthetic cluster tree under REMOTE_BASE/logs
  compare --orig URL --ours URL    calls every endpoint on both services, diffs the answers, writes a report
  add-bench-files REMOTE_BASE      adds ~2,500 small files and one large file for the measurements
  bench --orig URL --ours URL      /logs?limit=50 requests per second and the time to tail a large file

run.sh drives the whole thing (sshd, both services, these steps); see docs/side-by-side.md.
The original service is never part of this repository: run.sh takes its location from $ORIGINAL_SRC.
"""

import argparse
import concurrent.futures
import datetime as dt
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

# ---------------------------------------------------------------------------------------------------------------
# The synthetic cluster tree
# ---------------------------------------------------------------------------------------------------------------

# A fixed reference time so that every run writes the same modification times (whole and fractional seconds).
BASE_MTIME = 1764100000.0  # 2025-11-25T19:46:40Z


def _lines(prefix, count, width=60):
    return "".join(f"{prefix} line {i:05d} " + "x" * (i % width) + "\n" for i in range(1, count + 1))


def tree_files():
    """(relative path, bytes, mtime) of every file of the synthetic tree, newest first."""
    vllm_progress = ("INFO 11-25 19:40:01 Loading safetensors checkpoint shards:   0% Completed | 0/4\r"
                     "Loading safetensors checkpoint shards:  50% Completed | 2/4 \u2588\u2588\u2588\u2588\u2588\r"
                     "Loading safetensors checkpoint shards: 100% Completed | 4/4 \u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n"
                     "INFO 11-25 19:40:09 Avg prompt throughput: 812.4 tokens/s\n"
                     "WARNING 11-25 19:40:10 Windows-style line from a copied config\r\n"
                     "INFO 11-25 19:40:11 engine ready\n")
    files = [
        # (path, content, fractional seconds kept?)
        ("orchestrator_job-4812.out", _lines("orchestrator", 40)),
        ("orchestrator_job-4812.err", b""),                      # empty file
        ("vllm-replicas_4813.err", vllm_progress),               # \r progress bars, one CRLF line, UTF-8 blocks
        ("vllm_0.log", _lines("vllm-0", 120)),                  # ends with a newline
        ("vllm_1.log", _lines("vllm-1", 30)),
        ("loadgen-4814.out", _lines("loadgen", 25) + "request 26 sent, waiting"),  # no final newline
        ("slurm-4815.out", _lines("slurm", 12)),
        ("server.log", _lines("server", 15)),                   # 'server[-_]' does not match: uncategorized
        ("client-4814.log", _lines("client", 18)),
        ("prometheus.log", _lines("prometheus", 22)),
        ("loadgen-results-4814.json", json.dumps({"job": 4814, "p50_ms": 41.2, "p99_ms": 180.9, "rps": 57.3},
                                                 indent=2) + "\n"),
        ("benchmark_results_4816.json", json.dumps({"runs": [1, 2, 3]})),  # uncategorized, no final newline
        ("logs-service.log", _lines("logs-service", 5)),
        ("slurm_job-4820.log", _lines("slurm-job", 6)),         # README table: server; the source: slurm
        ("job-4817/model_server-4817.log", _lines("model-server", 50)),
        ("job-4817/slurm-4817.out", _lines("job-4817", 8)),
        ("job-4817/replica_1/vllm_2.log", _lines("vllm-2", 9)),
        ("client_pr\u00fcfung-4819.log", "Pr\u00fcfung gestartet \u2713\nfertig \u00e4\u00f6\u00fc\n"),  # unicode name
        ("grafana export 1.log", _lines("grafana", 3)),        # a space in the name
        ("inference-latin1.log", b"caf\xe9 served 12 requests\nok\n"),  # not valid UTF-8
        (".sync-lock", "4817\n"),                               # hidden file
        ("job-4817/.nfs000000000123", "stale nfs handle\n"),    # hidden file in a sub-folder
        (".cache/inference_warmup.log", _lines("warmup", 4)),   # a visible name inside a hidden folder
        ("job-4817/vllm_3.log", _lines("vllm-3", 7)),           # mtime with nanoseconds (set below)
        ("job-4817/slurm-4817.err", _lines("job-4817-err", 2)),  # mtime .9999996 s: rounds up to the next second
    ]
    out = []
    for i, (path, content) in enumerate(files):
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        # distinct times, 137.25 s apart, newest first; every third one on a whole second
        mtime = BASE_MTIME - i * 137.25 - (0.0 if i % 3 == 0 else 0.5)
        out.append((path, data, mtime))
    return out


NANOSECOND_MTIMES = {
    "job-4817/vllm_3.log": 1764097000_123456789,
    "job-4817/slurm-4817.err": 1764096900_999999600,
}


def make_tree(remote_base):
    logs = os.path.join(remote_base, "logs")
    os.makedirs(logs, exist_ok=True)
    for path, data, mtime in tree_files():
        full = os.path.join(logs, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
        os.utime(full, (mtime, mtime))
    # Real file systems keep nanoseconds; Python's datetime.fromtimestamp rounds them to the nearest microsecond.
    for path, ns in NANOSECOND_MTIMES.items():
        os.utime(os.path.join(logs, path), ns=(ns, ns))
    print(f"tree: {len(tree_files())} files under {logs}")


def add_bench_files(remote_base, count, big_mb):
    logs = os.path.join(remote_base, "logs", "bench")
    os.makedirs(logs, exist_ok=True)
    names = ["vllm_{}.log", "slurm-{}.out", "loadgen-{}.out", "client-{}.log", "orchestrator_job-{}.err",
             "prometheus-{}.log", "misc-{}.txt"]
    for i in range(count):
        folder = os.path.join(logs, f"job-{5000 + i // 50}")
        os.makedirs(folder, exist_ok=True)
        full = os.path.join(folder, names[i % len(names)].format(5000 + i))
        with open(full, "w") as f:
            f.write(_lines(f"bench-{i}", 5 + i % 20))
        t = BASE_MTIME - 86400 - i * 7.5
        os.utime(full, (t, t))
    big = os.path.join(remote_base, "logs", "vllm_big-9999.log")
    block = "".join(f"INFO 11-25 19:{i % 60:02d}:{i % 60:02d} [engine] step {i} throughput=812.{i % 10} tokens/s "
                    f"queue={i % 17} kv_cache=0.{i % 100:02d}\n" for i in range(10000)).encode()
    target = big_mb * 1024 * 1024
    with open(big, "wb") as f:
        written = 0
        while written < target:
            f.write(block)
            written += len(block)
        f.write(b"last line of the big file\n")
    print(f"bench files: {count} small files under {logs}, {os.path.getsize(big) // (1024 * 1024)} MB in {big}")


# ---------------------------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------------------------

class Answer:
    def __init__(self, status, content_type, body, elapsed):
        self.status = status
        self.content_type = content_type
        self.body = body
        self.elapsed = elapsed

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:
            return None


def call(base, method, path, timeout=600):
    request = urllib.request.Request(base + path, method=method, data=b"" if method == "POST" else None)
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            return Answer(response.status, response.headers.get("Content-Type"), body, time.monotonic() - start)
    except urllib.error.HTTPError as e:
        body = e.read()
        return Answer(e.code, e.headers.get("Content-Type"), body, time.monotonic() - start)


def q(**params):
    return "?" + urllib.parse.urlencode(params) if params else ""


# ---------------------------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------------------------

ORIGINAL_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$")
TIME_KEYS = {"modified_time", "latest_modified", "last_sync_time", "next_sync_time"}


def parse_time(text):
    """An aware datetime from either form (the original's naive local time is read as local time)."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        value = value.astimezone()  # naive = this machine's local time, as the original wrote it
    return value


def type_name(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    return "object"


class Diff:
    def __init__(self, case, aspect, where, original, ours):
        self.case = case
        self.aspect = aspect
        self.where = where
        self.original = original
        self.ours = ours
        self.klass = None
        self.note = None

    def as_dict(self):
        return {"case": self.case, "aspect": self.aspect, "where": self.where, "original": self.original,
                "ours": self.ours, "class": self.klass, "note": self.note}


class Comparer:
    def __init__(self, orig, ours, orig_data, ours_data, time_tolerance):
        self.orig = orig
        self.ours = ours
        self.orig_data = orig_data.rstrip("/")
        self.ours_data = ours_data.rstrip("/")
        self.tolerance = time_tolerance
        self.diffs = []
        self.cases = []
        self.added_fields = {}

    # -- recording ------------------------------------------------------------------------------------------
    def diff(self, case, aspect, where, original, ours):
        self.diffs.append(Diff(case, aspect, where, original, ours))

    # -- values ---------------------------------------------------------------------------------------------
    def normalize(self, value, data_dir):
        if isinstance(value, str) and value.startswith(data_dir + "/"):
            return "<DATA_DIR>" + value[len(data_dir):]
        return value

    def compare_json(self, case, where, a, b, time_exact):
        ta, tb = type_name(a), type_name(b)
        if ta != tb:
            self.diff(case, "type", where, f"{ta}: {short(a)}", f"{tb}: {short(b)}")
            return
        if isinstance(a, dict):
            keys_a, keys_b = list(a), list(b)
            missing = [k for k in keys_a if k not in b]
            added = [k for k in keys_b if k not in a]
            if missing:
                self.diff(case, "keys missing in ours", where, keys_a, keys_b)
            if added:
                self.added_fields.setdefault(case.split(" ")[0] + " " + where, added)
                last_original = max((keys_b.index(k) for k in keys_a if k in b), default=-1)
                if any(keys_b.index(k) < last_original for k in added):
                    self.diff(case, "added key before an original key", where, keys_a, keys_b)
            common_b = [k for k in keys_b if k in a]
            common_a = [k for k in keys_a if k in b]
            if common_a != common_b:
                self.diff(case, "key order", where, keys_a, keys_b)
            for key in common_a:
                self.compare_value(case, f"{where}.{key}", key, a[key], b[key], time_exact)
        elif isinstance(a, list):
            if len(a) != len(b):
                self.diff(case, "length", where, len(a), len(b))
            for i, (x, y) in enumerate(zip(a, b)):
                self.compare_json(case, f"{where}[{i}]", x, y, time_exact)
        else:
            self.compare_value(case, where, None, a, b, time_exact)

    def compare_value(self, case, where, key, a, b, time_exact):
        if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
            self.compare_json(case, where, a, b, time_exact)
            return
        if type_name(a) != type_name(b):
            self.diff(case, "type", where, f"{type_name(a)}: {short(a)}", f"{type_name(b)}: {short(b)}")
            return
        if key in TIME_KEYS and isinstance(a, str) and isinstance(b, str):
            if bool(ORIGINAL_TIME.match(a)) != bool(ORIGINAL_TIME.match(b)):
                self.diff(case, "time format", where, a, b)
            try:
                ta, tb = parse_time(a), parse_time(b)
            except ValueError:
                self.diff(case, "time not ISO-8601", where, a, b)
                return
            delta = abs((ta - tb).total_seconds())
            limit = 0.0 if time_exact else self.tolerance
            if delta > limit:
                self.diff(case, "time value", where, a, b)
            return
        na, nb = self.normalize(a, self.orig_data), self.normalize(b, self.ours_data)
        if na != nb:
            self.diff(case, "value", where, short(a), short(b))

    # -- one call on both -----------------------------------------------------------------------------------
    def both(self, case, method, path, expect_json=True, time_exact=True, path_ours=None, compare_body=True):
        a = call(self.orig, method, path)
        b = call(self.ours, method, path_ours or path)
        self.cases.append({"case": case, "method": method, "path": path, "original_status": a.status,
                           "ours_status": b.status, "original_ms": round(a.elapsed * 1000, 1),
                           "ours_ms": round(b.elapsed * 1000, 1)})
        if a.status != b.status:
            self.diff(case, "status", "", a.status, b.status)
        if (a.content_type or "").lower().replace(" ", "") != (b.content_type or "").lower().replace(" ", ""):
            self.diff(case, "content type", "", a.content_type, b.content_type)
        if not compare_body:
            return a, b
        ja, jb = a.json(), b.json()
        is_json_a = "json" in (a.content_type or "")
        is_json_b = "json" in (b.content_type or "")
        if is_json_a and is_json_b and ja is not None and jb is not None:
            if is_listing(ja) and is_listing(jb):
                self.compare_listing(case, ja, jb, time_exact)
            elif a.status == 422 and b.status == 422:
                self.compare_422(case, ja, jb)
            else:
                self.compare_json(case, "$", ja, jb, time_exact)
        elif a.body != b.body:
            self.diff(case, "body", "", body_view(a.body), body_view(b.body))
        return a, b

    def compare_listing(self, case, a, b, time_exact):
        """/logs answers matched file by file (by the path inside the mirror), not position by position."""
        ra = {rel_of(x): x for x in a}
        rb = {rel_of(x): x for x in b}
        for rel, x in ra.items():
            if rel not in rb:
                self.diff(case, "file only in original", rel, f"{x['service']}", "-")
        for rel, y in rb.items():
            if rel not in ra:
                self.diff(case, "file only in ours", rel, "-", f"{y['service']}")
        common_a = [rel_of(x) for x in a if rel_of(x) in rb]
        common_b = [rel_of(y) for y in b if rel_of(y) in ra]
        if common_a != common_b:
            self.diff(case, "order", "", common_a, common_b)
        for rel in common_a:
            x, y = ra[rel], rb[rel]
            if x.get("service") != y.get("service"):
                self.diff(case, "category", rel, x.get("service"), y.get("service"))
                x, y = dict(x), dict(y)
                x.pop("path", None), y.pop("path", None), x.pop("service", None), y.pop("service", None)
            self.compare_json(case, f"[{rel}]", x, y, time_exact)

    def compare_422(self, case, a, b):
        """FastAPI's validation body: compare the shape (detail: list of {loc, msg, type, ...}) and loc."""
        da, db = a.get("detail"), b.get("detail")
        if not (isinstance(da, list) and isinstance(db, list)):
            self.diff(case, "422 shape", "$.detail", short(a), short(b))
            return
        if len(da) != len(db):
            self.diff(case, "422 shape", "$.detail length", len(da), len(db))
        for i, (x, y) in enumerate(zip(da, db)):
            if set(x) != set(y):
                self.diff(case, "422 item keys", f"$.detail[{i}]", list(x), list(y))
            if x.get("loc") != y.get("loc"):
                self.diff(case, "422 loc", f"$.detail[{i}].loc", x.get("loc"), y.get("loc"))
            if x.get("type") != y.get("type"):
                self.diff(case, "422 type", f"$.detail[{i}].type", x.get("type"), y.get("type"))
            if x.get("msg") != y.get("msg"):
                self.diff(case, "422 msg", f"$.detail[{i}].msg", x.get("msg"), y.get("msg"))


def is_listing(value):
    return isinstance(value, list) and all(isinstance(x, dict) and "path" in x and "service" in x for x in value)


def rel_of(item):
    """The path inside the mirror: categorized/<category>/<rel> or logs/<rel> -> <rel>."""
    parts = item["path"].split("/")
    if parts[0] == "categorized" and len(parts) > 2:
        return "/".join(parts[2:])
    if parts[0] == "logs":
        return "/".join(parts[1:])
    return item["path"]


def short(value, limit=160):
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[:limit] + "..."


def body_view(body, limit=200):
    text = body.decode("utf-8", errors="backslashreplace")
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return f"{len(body)} bytes: {text[:limit]}" + ("..." if len(text) > limit else "")


# ---------------------------------------------------------------------------------------------------------------
# The calls
# ---------------------------------------------------------------------------------------------------------------

CATEGORIES = ["server", "client", "monitoring", "vllm", "slurm", "logs", "uncategorized"]


def run_cases(c, orig_data, ours_data):
    c.both("GET /", "GET", "/")
    c.both("GET /health", "GET", "/health")
    c.both("GET /status", "GET", "/status", time_exact=False)
    c.both("GET /services", "GET", "/services")
    c.both("GET /services/stats", "GET", "/services/stats")
    c.both("GET /logs", "GET", "/logs")
    for limit in (1, 5, 1000):
        c.both(f"GET /logs limit={limit}", "GET", "/logs" + q(limit=limit))
    for service in CATEGORIES:
        c.both(f"GET /logs service={service}", "GET", "/logs" + q(service=service, limit=1000))
    c.both("GET /logs service=unknown", "GET", "/logs" + q(service="unknown"))
    c.both("GET /logs service=(empty)", "GET", "/logs?service=")
    c.both("GET /logs service=../logs", "GET", "/logs" + q(service="../logs"))
    c.both("GET /logs service=SLURM (case)", "GET", "/logs" + q(service="SLURM"))

    content = [
        ("logs/vllm_0.log", None), ("logs/vllm_0.log", 1), ("logs/vllm_0.log", 5), ("logs/vllm_0.log", 10000),
        ("logs/loadgen-4814.out", None), ("logs/loadgen-4814.out", 1), ("logs/loadgen-4814.out", 5),
        ("logs/loadgen-4814.out", 10000),
        ("categorized/vllm/vllm_0.log", 5), ("categorized/client/loadgen-4814.out", 5),
        ("categorized/server/job-4817/model_server-4817.log", None),
        ("categorized/vllm/job-4817/replica_1/vllm_2.log", 3),
        ("logs/job-4817/slurm-4817.out", None),
        ("categorized/server/orchestrator_job-4812.err", None), ("logs/orchestrator_job-4812.err", 5),
        ("logs/benchmark_results_4816.json", None), ("logs/benchmark_results_4816.json", 1),
        ("categorized/client/loadgen-results-4814.json", 2),
        ("logs/client_pr\u00fcfung-4819.log", None), ("categorized/client/client_pr\u00fcfung-4819.log", 1),
        ("logs/grafana export 1.log", None), ("categorized/monitoring/grafana export 1.log", 2),
        ("logs/vllm-replicas_4813.err", None), ("logs/vllm-replicas_4813.err", 2),
        ("logs/inference-latin1.log", None), ("logs/inference-latin1.log", 1),
        ("logs/.sync-lock", None), ("logs/job-4817/.nfs000000000123", None),
        ("logs/.cache/inference_warmup.log", None), ("categorized/vllm/.cache/inference_warmup.log", None),
        ("logs/server.log", 3), ("categorized/uncategorized/server.log", 3),
        ("categorized/uncategorized/.sync-lock", None),
    ]
    for path, tail in content:
        params = {"path": path} if tail is None else {"path": path, "tail": tail}
        c.both(f"GET /logs/content path={path}" + ("" if tail is None else f" tail={tail}"), "GET",
               "/logs/content" + q(**params))

    # errors
    c.both("GET /logs limit=0", "GET", "/logs?limit=0")
    c.both("GET /logs limit=1001", "GET", "/logs?limit=1001")
    c.both("GET /logs limit=abc", "GET", "/logs?limit=abc")
    c.both("GET /logs limit=-1", "GET", "/logs?limit=-1")
    c.both("GET /logs limit=1.5", "GET", "/logs?limit=1.5")
    c.both("GET /logs limit=(empty)", "GET", "/logs?limit=")
    c.both("GET /logs/content tail=0", "GET", "/logs/content" + q(path="logs/vllm_0.log", tail=0))
    c.both("GET /logs/content tail=10001", "GET", "/logs/content" + q(path="logs/vllm_0.log", tail=10001))
    c.both("GET /logs/content tail=abc", "GET", "/logs/content" + q(path="logs/vllm_0.log", tail="abc"))
    c.both("GET /logs/content (no path)", "GET", "/logs/content")
    c.both("GET /logs/content path=(empty)", "GET", "/logs/content?path=")
    c.both("GET /logs/content path=../../../etc/passwd", "GET", "/logs/content" + q(path="../../../etc/passwd"))
    c.both("GET /logs/content path=logs/../../../etc/hostname", "GET",
           "/logs/content" + q(path="logs/../../../etc/hostname"))
    c.both("GET /logs/content path=/etc/hostname", "GET", "/logs/content" + q(path="/etc/hostname"))
    orig_name, ours_name = os.path.basename(orig_data), os.path.basename(ours_data)
    c.both("GET /logs/content sibling-prefix traversal ../<data>-evil/secret.txt", "GET",
           "/logs/content" + q(path=f"../{orig_name}-evil/secret.txt"),
           path_ours="/logs/content" + q(path=f"../{ours_name}-evil/secret.txt"))
    c.both("GET /logs/content path=categorized/server/../slurm/slurm-4815.out (.. inside)", "GET",
           "/logs/content" + q(path="categorized/server/../slurm/slurm-4815.out"))
    c.both("GET /logs/content missing file", "GET", "/logs/content" + q(path="logs/nope-1.log"))
    c.both("GET /logs/content missing categorized file", "GET", "/logs/content" + q(path="categorized/slurm/nope.out"))
    c.both("GET /logs/content wrong category", "GET", "/logs/content" + q(path="categorized/slurm/vllm_0.log"))
    for folder in ("logs", "logs/job-4817", "categorized", "categorized/slurm", "logs/"):
        c.both(f"GET /logs/content folder {folder}", "GET", "/logs/content" + q(path=folder))
    c.both("GET /nope (unknown route)", "GET", "/nope")
    c.both("GET /sync/trigger (wrong method)", "GET", "/sync/trigger")

    # each service's /services/stats against its own /logs?service=X (the original's agree: both walk categorized/)
    for name, base in (("original", c.orig), ("ours", c.ours)):
        stats = call(base, "GET", "/services/stats").json()
        for service in CATEGORIES:
            listed = call(base, "GET", "/logs" + q(service=service, limit=1000)).json()
            counted = stats[service]["file_count"]
            size = stats[service]["total_size_bytes"]
            listed_size = sum(x["size_bytes"] for x in listed)
            c.cases.append({"case": f"consistency {name} {service}", "method": "GET", "path": "/services/stats",
                            "original_status": 200, "ours_status": 200})
            if counted != len(listed) or size != listed_size:
                c.diff(f"consistency {name}: /services/stats vs /logs?service={service}", "stats vs own listing",
                       service, f"{name} counts {counted} files, {size} bytes",
                       f"{name} lists {len(listed)} files, {listed_size} bytes")

    # a sync on both, then the counters
    c.both("POST /sync/trigger", "POST", "/sync/trigger")
    c.both("GET /status after trigger", "GET", "/status", time_exact=False)
    c.both("GET /health after trigger", "GET", "/health")
    c.both("GET /services/stats after trigger", "GET", "/services/stats")
    c.both("GET /logs after trigger", "GET", "/logs" + q(limit=1000))


# ---------------------------------------------------------------------------------------------------------------
# Known differences: (a) a bug in ours, (b) an intended fix of a documented defect of the original, (c) other.
# Each rule: (case regex, aspect regex, where regex, class, note). The first match wins; unmatched: "unclassified".
# ---------------------------------------------------------------------------------------------------------------

KNOWN = [
    (r"^GET /status", r"^time value$", r"last_sync_time", "c",
     "each service ended its own sync at its own moment"),
    (r"sibling-prefix", r".", r".", "b",
     "the original's string-prefix check lets <data>-evil through (contract: known defects)"),
    (r"tail=(1|2|3|5)\b", r"^body$", r".", "b",
     "the original returns N-1 lines plus an empty one for a file ending in a newline (contract)"),
    (r"vllm-replicas_4813\.err", r"^body$", r".", "c",
     "the original reads text with universal newlines: \\r and \\r\\n become \\n; ours serves the bytes"),
    (r"inference-latin1", r"^body$", r".", "c",
     "the original answers an empty 200 for a file that is not valid UTF-8 (decode error swallowed); "
     "ours serves the bytes"),
    (r"\(\.\. inside\)", r".", r".", "c",
     "ours refuses any '..' segment (400 Invalid path) even when it stays inside; the original resolved it"),
    (r"path=\(empty\)|folder logs/$", r"^value$", r"\$\.detail", "c",
     "same status 400; ours says 'Invalid path' (empty segment) where the original said 'Path is not a file'"),
    (r"service=\.\./logs", r".", r".", "c",
     "the original walked categorized/../logs and listed the raw files with service '..'; ours: unknown "
     "category, []"),
    (r"categorized/uncategorized/\.sync-lock", r".", r".", "c",
     "ours links hidden files into categorized/ too (so they can be read there); the original skipped them"),
    (r"^GET /logs", r"^category$", r"benchmark_|slurm_job", "c",
     "ours' default rules follow the original README's table (benchmark-, slurm-job) plus loadgen- "
     "(docs/categories.md); the original's log_categorizer.py that runs here lacks benchmark- and slurm-job"),
    (r"^GET /logs", r"^(file only in|order|length)", r".", "c",
     "follows from the per-file differences above (category rules) under a limit or a category filter"),
    (r"^consistency ours", r"^stats vs own listing$", r".", "a",
     "ours counts files /logs does not list: a regression of a3 in docs/side-by-side.md (hidden names must stay "
     "out of the totals, as the original never counted them; core: LogIndex)"),
    (r"^(GET /services/stats|POST /sync/trigger)", r"^value$", r"(client|server|slurm|uncategorized|vllm)\."
     r"(file_count|total_size_bytes)|categories\.(client|server|slurm|uncategorized|vllm)", "c",
     "follows from the category rules (c, see GET /logs)"),
    (r".", r"^422 (msg|type|item keys)$", r".", "c",
     "FastAPI here is Debian's 0.92 with pydantic 1; the original pinned fastapi 0.104.1 + pydantic 2.5.0, "
     "whose body ours copies, 'url' included"),
]


def classify(diffs):
    for d in diffs:
        for case_re, aspect_re, where_re, klass, note in KNOWN:
            if re.search(case_re, d.case) and re.search(aspect_re, d.aspect) and re.search(where_re, d.where or "."):
                d.klass, d.note = klass, note
                break
        else:
            d.klass, d.note = "unclassified", ""


# ---------------------------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------------------------

def rps_python(base, path, seconds, connections):
    parsed = urllib.parse.urlparse(base)
    stop = time.monotonic() + seconds
    counts = [0] * connections
    errors = [0] * connections

    def worker(n):
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
        while time.monotonic() < stop:
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    counts[n] += 1
                else:
                    errors[n] += 1
            except (OSError, http.client.HTTPException):
                errors[n] += 1
                conn.close()
                conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=120)
        conn.close()

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    return {"tool": f"python http.client, {connections} connections", "requests": sum(counts),
            "errors": sum(errors), "seconds": round(elapsed, 1), "rps": round(sum(counts) / elapsed, 1)}


def rps_wrk(base, path, seconds, connections):
    out = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", base + path],
                         capture_output=True, text=True, timeout=seconds + 120).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    n = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    lat = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    return {"tool": f"wrk -t{min(2, connections)} -c{connections} -d{seconds}s", "requests": int(n.group(1)) if n else None,
            "errors": int(bad.group(1)) if bad else 0, "rps": float(m.group(1)) if m else None,
            "latency_avg": lat.group(1) if lat else None, "raw": out.strip().splitlines()[-6:]}


def sync_with_probe(base):
    """POST /sync/trigger while a second client asks GET /health every 50 ms: the sync's duration and the
    slowest /health answer during it (the original's sync blocked its whole API)."""
    done = threading.Event()
    result = {}

    def trigger():
        answer = call(base, "POST", "/sync/trigger")
        result["status"] = answer.status
        result["sync_seconds"] = round(answer.elapsed, 2)
        done.set()

    thread = threading.Thread(target=trigger)
    thread.start()
    slowest = 0.0
    probes = 0
    while not done.is_set():
        answer = call(base, "GET", "/health")
        probes += 1
        slowest = max(slowest, answer.elapsed)
        time.sleep(0.05)
    thread.join()
    result["health_probes"] = probes
    result["slowest_health_seconds"] = round(slowest, 3)
    return result


def bench(args):
    results = {}
    for name, base in (("original", args.orig), ("ours", args.ours)):
        results[f"sync_{name}"] = sync_with_probe(base)
        print(name, "sync", results[f"sync_{name}"], flush=True)

    # the answers with the bench files: same files, same order?
    c = Comparer(args.orig, args.ours, "/nonexistent-a", "/nonexistent-b", 1e9)
    c.both("GET /logs limit=1000 (bench tree)", "GET", "/logs?limit=1000")
    c.both("GET /logs limit=50 (bench tree)", "GET", "/logs?limit=50")
    c.both("GET /logs service=slurm limit=1000 (bench tree)", "GET", "/logs?service=slurm&limit=1000")
    classify(c.diffs)
    results["bench_tree_differences"] = [d.as_dict() for d in c.diffs if d.aspect != "time format"]
    results["bench_tree_time_format_differences"] = sum(1 for d in c.diffs if d.aspect == "time format")
    print("bench tree: differences other than the time format:",
          json.dumps(results["bench_tree_differences"], ensure_ascii=False)[:2000], flush=True)

    count = {}
    for name, base in (("original", args.orig), ("ours", args.ours)):
        stats = call(base, "GET", "/services/stats").json()
        count[name] = sum(v["file_count"] for v in stats.values())
    results["files_counted"] = count
    path = "/logs?limit=50"
    for connections in sorted({1, args.connections}):
        for name, base in (("original", args.orig), ("ours", args.ours)):
            call(base, "GET", path)  # warm-up
            if shutil.which("wrk"):
                r = rps_wrk(base, path, args.seconds, connections)
            else:
                r = rps_python(base, path, args.seconds, connections)
            results[f"rps_{name}_c{connections}"] = r
            print(name, f"c={connections}", {k: v for k, v in r.items() if k != "raw"}, flush=True)
    big = "logs/vllm_big-9999.log"
    for name, base in (("original", args.orig), ("ours", args.ours)):
        times = []
        last = None
        for _ in range(args.tail_rounds):
            a = call(base, "GET", "/logs/content" + q(path=big, tail=100))
            times.append(a.elapsed)
            last = a
        results[f"tail_{name}"] = {"status": last.status, "bytes": len(last.body), "newlines": last.body.count(b"\n"),
                                   "seconds_each": [round(t, 3) for t in times],
                                   "median_seconds": round(sorted(times)[len(times) // 2], 3)}
        print(name, "tail 100 of the big file", results[f"tail_{name}"], flush=True)
    if args.rss_pids:
        for name, pid in zip(("original", "ours"), args.rss_pids.split(",")):
            try:
                with open(f"/proc/{pid}/status") as f:
                    rss = [line for line in f if line.startswith(("VmRSS", "VmHWM"))]
                results[f"memory_{name}"] = " ".join(" ".join(line.split()) for line in rss)
                print(name, results[f"memory_{name}"])
            except OSError:
                pass
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2, ensure_ascii=False)
    print(f"bench results: {args.out}")


def compare(args):
    c = Comparer(args.orig, args.ours, args.orig_data, args.ours_data, args.time_tolerance)
    run_cases(c, args.orig_data, args.ours_data)
    classify(c.diffs)
    report = {"cases": c.cases, "differences": [d.as_dict() for d in c.diffs], "added_fields": c.added_fields}
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
    matched = sum(1 for case in c.cases if not any(d.case == case["case"] for d in c.diffs))
    print(f"{len(c.cases)} calls on both services; {matched} answered identically (after normalization); "
          f"{len(c.diffs)} differences")
    by_class = {}
    for d in c.diffs:
        by_class.setdefault(d.klass, []).append(d)
    for klass in ("a", "unclassified", "b", "c"):
        for d in by_class.get(klass, []):
            print(f"[{klass}] {d.case} | {d.aspect} {d.where}\n      original: {short(d.original, 300)}\n"
                  f"      ours:     {short(d.ours, 300)}" + (f"\n      why: {d.note}" if d.note else ""))
    print("fields ours adds:", json.dumps(c.added_fields))
    print(f"report: {args.out}")
    return 1 if by_class.get("a") or by_class.get("unclassified") else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("make-tree")
    p.add_argument("remote_base")
    p = sub.add_parser("add-bench-files")
    p.add_argument("remote_base")
    p.add_argument("--files", type=int, default=2500)
    p.add_argument("--big-mb", type=int, default=200)
    for name in ("compare", "bench"):
        p = sub.add_parser(name)
        p.add_argument("--orig", required=True, help="base URL of the original service")
        p.add_argument("--ours", required=True, help="base URL of ours")
        p.add_argument("--out", required=True, help="JSON report file")
        if name == "compare":
            p.add_argument("--orig-data", required=True, help="the original's data folder (ORIGINAL_DATA_DIR)")
            p.add_argument("--ours-data", required=True, help="our DATA_DIR")
            p.add_argument("--time-tolerance", type=float, default=120.0,
                           help="seconds two sync times may differ (each service syncs at its own moment)")
        else:
            p.add_argument("--seconds", type=int, default=10)
            p.add_argument("--connections", type=int, default=8)
            p.add_argument("--tail-rounds", type=int, default=3)
            p.add_argument("--rss-pids", default="", help="pid of the original,pid of ours (memory after the run)")
    args = parser.parse_args()
    if args.command == "make-tree":
        make_tree(args.remote_base)
    elif args.command == "add-bench-files":
        add_bench_files(args.remote_base, args.files, args.big_mb)
    elif args.command == "compare":
        sys.exit(compare(args))
    else:
        bench(args)


if __name__ == "__main__":
    main()
