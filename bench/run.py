#!/usr/bin/env python3
"""Throughput and latency of the portal's key pages under gunicorn, with production settings.

    .venv/bin/python bench/run.py            # or: make bench

Seeds PostgreSQL databases at ×1, ×10 and ×100 the demo's data (or reuses them
with --reuse), counts the queries of every page at each scale, then measures
with wrk, bounded in time, at 10 connections:

- the bare view: a separate minimal `startproject` project (bench/bare/) with
  one template view, under the same gunicorn settings — the yardstick;
- every key page rendered cold (page cache off) and cached (page cache on) on
  the ×10 database, and cold on the ×100 one (--cold-scales);
- the staff pages (admin dashboard and changelists) as a logged-in superuser.

Writes bench/results/latest.md and .json: req/s, p50/p95, errors, each as a
fraction of the bare view's throughput in the same run, queries per page at
each scale, and the gunicorn workers' memory (RSS) after the run.

Ports, database names and the Redis database come from the environment
(BENCH_PORT, BENCH_DB_PREFIX, BENCH_REDIS_URL) so that several people can run
it on one machine.
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
RAW = RESULTS / "raw"
PYTHON = sys.executable
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8911"))
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "oia_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
PG = "postgres://postgres@127.0.0.1:5432"

# One key for the whole run: the staff session made by bench.queries is signed with it, and
# gunicorn must read it (a fresh key per process turned every staff page into a login redirect).
SECRET_KEY = secrets.token_urlsafe(50)
TARGET_FRACTION = 0.10  # of the bare view, cold
TARGET_P95_MS = 100
TARGET_STAFF_P95_MS = 150


def production_env(database):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="oia_portal.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"{PG}/{database}",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"bench-{database}",
        STATIC_ROOT=str(RAW / "static"),
        MEDIA_ROOT=str(RAW / "media"),
        PRIVATE_MEDIA_ROOT=str(RAW / "private"),
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_SERVE_MEDIA="1",
    )
    return env


def run(command, env, **kwargs):
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def fresh_database(name, scale, env):
    subprocess.run(["dropdb", "-h", HOST, "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", HOST, "-U", "postgres", name], check=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    started = time.monotonic()
    run([PYTHON, "manage.py", "seed_demo", "--scale", str(scale), "--no-images"], env, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    # A live database has planner statistics (autovacuum keeps them); one seeded a
    # second ago has none, and the planner would guess row counts 5x too low.
    subprocess.run(["vacuumdb", "-h", HOST, "-U", "postgres", "--analyze", "-q", name], check=True)
    return seconds


def database_exists(name):
    names = subprocess.run(
        ["psql", "-h", HOST, "-U", "postgres", "-tAc", "SELECT datname FROM pg_database"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    return name in names


def start_gunicorn(env, workers, app="oia_portal.wsgi", probe="/robots.txt"):
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", app, "--bind", f"{HOST}:{PORT}", "--workers", str(workers),
         "--worker-class", "sync", "--access-logfile", "-", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(RAW / "gunicorn.log", "a"),
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://{HOST}:{PORT}{probe}", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start; see bench/results/raw/gunicorn.log")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:  # a worker still busy with a slow request
        server.kill()
        server.wait(timeout=10)


def workers_rss_mb(server):
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def drive(url, duration, connections, headers=()):
    script = ROOT / "bench" / "wrk_report.lua"
    extra = [arg for header in headers for arg in ("-H", header)]
    # Warm-up: open database connections and load templates in every worker.
    subprocess.run(["wrk", "-t1", f"-c{connections}", "-d2s", *extra, url], capture_output=True, check=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "-s", str(script), *extra, url],
        capture_output=True, text=True, check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    values = dict(item.split("=") for item in line.split()[1:])
    seconds = int(values["duration_us"]) / 1e6
    return {
        "rps": int(values["requests"]) / seconds,
        "p50_ms": int(values["p50_us"]) / 1000,
        "p95_ms": int(values["p95_us"]) / 1000,
        "errors": int(values["errors"]),
        "requests": int(values["requests"]),
        "timeout_s": 5,
    }


def load_average():
    return os.getloadavg()[0]


def measure_portal(database, pages, args, page_cache, staff_cookie=None):
    env = production_env(database)
    env["DJANGO_PAGE_CACHE_SECONDS"] = "60" if page_cache else "0"
    server = start_gunicorn(env, args.workers, "oia_portal.wsgi", "/robots.txt")
    rows = {}
    try:
        for name, row in pages.items():
            if row["staff"] and (page_cache or not staff_cookie):
                continue  # staff pages are never cached: measured once, cold
            url = f"http://{HOST}:{PORT}{row['url']}"
            print(f"-- {'cached' if page_cache else 'cold'} {database} {name}: {url}", flush=True)
            headers = [f"Cookie: {staff_cookie}"] if row["staff"] else []
            check = urllib.request.Request(url, headers=dict(header.split(": ", 1) for header in headers))
            with urllib.request.urlopen(check, timeout=30) as answer:  # a login page would be measured instead
                if answer.status != 200 or answer.url != url:
                    raise SystemExit(f"{name}: {url} answered {answer.status} at {answer.url}, not the page")
            rows[name] = drive(url, args.duration, args.connections, headers) | {"load": load_average()}
        memory = workers_rss_mb(server)
    finally:
        stop(server)
    return rows, memory


def measure_bare(args):
    env = dict(os.environ, DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_SETTINGS_MODULE="bench.bare.settings")
    server = start_gunicorn(env, args.workers, "bench.bare.wsgi", "/")
    try:
        print("-- bare view", flush=True)
        row = drive(f"http://{HOST}:{PORT}/", args.duration, args.connections) | {"load": load_average()}
        memory = workers_rss_mb(server)
    finally:
        stop(server)
    return row, memory


def _cell(row, bare):
    if not row:
        return "–", "–", "–"
    if not row["requests"]:
        return "0", "0%", f"> {row['timeout_s']} s"
    errors = f" ({row['errors']} errors)" if row["errors"] else ""
    return f"{row['rps']:.0f}{errors}", f"{row['rps'] / bare:.0%}", f"{row['p95_ms']:.0f}"


def write_report(report, args):
    bare = report["bare"]["rps"]
    scales = sorted(report["queries"], key=int)
    cold_scales = [scale for scale in args.cold_scales if str(scale) in report["cold"]]
    lines = [
        "# Benchmark: key pages under gunicorn, production settings",
        "",
        f"Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores "
        f"(load average {report['load_before']:.1f} before the run, shared with other work); "
        f"gunicorn {args.workers} sync workers; wrk 2 threads, {args.connections} connections, "
        f"{args.duration} s per page after a 2 s warm-up. PostgreSQL seeded with `seed_demo --scale N`"
        + "".join(f"; ×{scale} in {seconds:.0f} s" for scale, seconds in report["seed_seconds"].items() if seconds)
        + ". Redis as the shared cache.",
        "",
        f"The yardstick is a bare view: a separate `startproject`-style project (bench/bare/, default "
        f"middleware, one template view) under the same gunicorn settings, measured in this run: "
        f"**{bare:.0f} req/s**, p95 {report['bare']['p95_ms']:.1f} ms.",
        "",
        "*Cold*: page cache off, every request renders the page. *Cached*: page cache on (anonymous public pages). "
        "Staff pages are requested as a logged-in superuser and are never cached. "
        f"Targets: cold ≥ {TARGET_FRACTION:.0%} of the bare view and p95 < {TARGET_P95_MS} ms "
        f"(staff pages: p95 < {TARGET_STAFF_P95_MS} ms); the same queries at every scale.",
        "",
    ]
    header = ["page"]
    for scale in cold_scales:
        header += [f"cold ×{scale} req/s", "of bare", "p95 ms"]
    header += [f"cached ×{args.scale} req/s", "of bare", "p95 ms"]
    header += [f"queries ×{scale}" for scale in scales]
    header += [f"in-process ms ×{scale} (CPU)" for scale in scales if int(scale) != 1]
    header += ["meets targets"]
    lines += ["| " + " | ".join(header) + " |", "|---" + "|---:" * (len(header) - 2) + "|---|"]
    all_ok = True
    for name, meta in report["queries"][str(args.scale)].items():
        if name.startswith("_"):
            continue
        cells = [name]
        ok = True
        for scale in cold_scales:
            row = report["cold"][str(scale)].get(name)
            cells += _cell(row, bare)
            if row and scale == args.scale:
                limit = TARGET_STAFF_P95_MS if meta["staff"] else TARGET_P95_MS
                ok &= row["requests"] > 0 and row["p95_ms"] < limit and row["errors"] == 0
                ok &= meta["staff"] or row["rps"] / bare >= TARGET_FRACTION
            if row and scale != args.scale and name.startswith("search"):
                ok &= row["requests"] > 0 and row["p95_ms"] < TARGET_P95_MS and row["errors"] == 0
        cells += _cell(report["cached"].get(name), bare)
        counts = [report["queries"][scale].get(name, {}).get("queries") for scale in scales]
        cells += [str(count) for count in counts]
        for scale in scales:
            if int(scale) != 1:
                timing = report["queries"][scale].get(name, {})
                cells.append(f"{timing.get('wall_ms', 0):.0f} ({timing.get('cpu_ms', 0):.0f})")
        ok &= len(set(counts)) == 1
        cells.append("yes" if ok else "NO")
        all_ok &= ok
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Queries are counted in-process on a cold request (cache cleared), on each scale's own database. "
        "*In-process ms*: median wall time of five cold requests in one process, no concurrency, and in "
        "brackets the process's CPU time (the database's work excluded): a cost that other work on the "
        "machine changes little.",
        "",
        "Worker memory (RSS per gunicorn worker after the run, MB): "
        + "; ".join(f"{label} {', '.join(f'{size:.0f}' for size in sizes)}" for label, sizes in report["memory"].items())
        + ".",
    ]
    (RESULTS / "latest.md").write_text("\n".join(lines) + "\n")
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print("\n".join(lines))
    return all_ok


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds per page (default 5)")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--scales", default="1,10,100", help="databases to seed and count queries on")
    parser.add_argument("--scale", type=int, default=10, help="the scale measured cold and cached")
    parser.add_argument("--cold-scales", default="10,100", help="scales measured cold (default 10,100)")
    parser.add_argument("--reuse", action="store_true", help="keep databases seeded by an earlier run")
    parser.add_argument("--pages", default="", help="comma-separated page names to measure (default all)")
    args = parser.parse_args()
    args.cold_scales = [int(scale) for scale in args.cold_scales.split(",") if scale]
    scales = sorted({int(scale) for scale in args.scales.split(",")} | {args.scale} | set(args.cold_scales))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    RAW.mkdir(parents=True, exist_ok=True)
    report = {"load_before": load_average(), "seed_seconds": {}, "queries": {}, "cold": {}, "cached": {}, "memory": {}}

    # Manifest storage needs collected files before any page renders.
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], production_env(f"{DB_PREFIX}_x{args.scale}"))
    reference = RAW / f"queries_x{args.scale}.json"
    for scale in [args.scale] + [s for s in scales if s != args.scale]:
        database = f"{DB_PREFIX}_x{scale}"
        env = production_env(database)
        if args.reuse and database_exists(database):
            report["seed_seconds"][scale] = 0.0
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)  # the code may be newer
        else:
            report["seed_seconds"][scale] = fresh_database(database, scale, env)
        out = RAW / f"queries_x{scale}.json"
        command = [PYTHON, "-m", "bench.queries", str(out)]
        if scale != args.scale:
            command += ["--urls", str(reference)]
        run(command, env)
        report["queries"][str(scale)] = json.loads(out.read_text())

    wanted = set(filter(None, args.pages.split(",")))
    report["bare"], report["memory"]["bare view"] = measure_bare(args)
    for scale in args.cold_scales:
        counts = report["queries"][str(scale)]
        pages = {name: row for name, row in counts.items() if not name.startswith("_") and (not wanted or name in wanted)}
        report["cold"][str(scale)], report["memory"][f"portal ×{scale}"] = measure_portal(
            f"{DB_PREFIX}_x{scale}", pages, args, page_cache=False, staff_cookie=counts["_staff_cookie"]
        )
    counts = report["queries"][str(args.scale)]
    pages = {name: row for name, row in counts.items() if not name.startswith("_") and (not wanted or name in wanted)}
    report["cached"], _memory = measure_portal(f"{DB_PREFIX}_x{args.scale}", pages, args, page_cache=True)
    all_ok = write_report(report, args)
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
