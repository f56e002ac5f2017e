#!/usr/bin/env python3
"""Throughput and latency of the portal's key pages under gunicorn, with production settings.

    .venv/bin/python bench/run.py            # or: make bench

Seeds two PostgreSQL databases (demo ×1 and ×10), counts queries per page on
both, serves the ×10 one with gunicorn on 127.0.0.1, drives each page with wrk
for a bounded time at 10 connections, and writes bench/results/latest.md: req/s,
p50/p95 latency, errors, queries (×1 and ×10), transfer size and each page as a
fraction of a bare Django view measured in the same run.
"""

import argparse
import gzip
import json
import os
import re
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
HOST, PORT = "127.0.0.1", 8911
PG = "postgres://postgres@127.0.0.1:5432"

TARGET_FRACTION = 0.40
TARGET_P95_MS = 100


def production_env(database):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"{PG}/{database}",
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
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
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    started = time.monotonic()
    run([PYTHON, "manage.py", "seed_demo", "--scale", str(scale)], env, stdout=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    # A live database has planner statistics (autovacuum keeps them); one seeded a
    # second ago has none, and the planner would guess row counts 5x too low.
    subprocess.run(["vacuumdb", "-h", "127.0.0.1", "-U", "postgres", "--analyze-only", "-q", name], check=True)
    return seconds


def start_gunicorn(env, workers):
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "oia_portal.wsgi", "--bind", f"{HOST}:{PORT}", "--workers", str(workers),
         "--worker-class", "sync", "--access-logfile", "-", "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(RAW / "gunicorn.log", "w"),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://{HOST}:{PORT}/bench/bare/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start; see bench/results/raw/gunicorn.log")


def drive(url, duration, connections):
    script = ROOT / "bench" / "wrk_report.lua"
    # Warm-up: fill caches and open database connections before measuring.
    subprocess.run(["wrk", "-t1", f"-c{connections}", "-d2s", url], capture_output=True, check=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "-s", str(script), url],
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
    }


def transfer_size(url):
    """Bytes sent for the page and every same-origin asset it links, gzip where offered."""

    def fetch(address):
        request = urllib.request.Request(address, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            encoded = len(body)
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return encoded, body

    size, html = fetch(url)
    assets = set(re.findall(rb'(?:href|src)="(/(?:static|media)/[^"]+)"', html))
    for asset in assets:
        if asset.endswith(b".svg") and b"favicon" in asset:
            continue
        size += fetch(f"http://{HOST}:{PORT}{asset.decode()}")[0]
    return size


def write_report(rows, seed_seconds, args):
    bare = rows["bare view"]["rps"]
    lines = [
        "# Benchmark: key pages under gunicorn, production settings",
        "",
        f"Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores; "
        f"gunicorn {args.workers} sync workers; wrk 2 threads, {args.connections} connections, "
        f"{args.duration} s per page after a 2 s warm-up; PostgreSQL seeded with `seed_demo --scale 10` "
        f"and, for the ×1 query column, `--scale 1`"
        + (" (databases reused from an earlier run)" if args.reuse else f" ({seed_seconds[10]:.0f} s and {seed_seconds[1]:.0f} s)")
        + ". Redis as the shared cache. "
        + ("Page cache OFF: every request renders the page." if args.no_page_cache
           else "Page cache on (anonymous public pages, 60 s, invalidated on every content save)."),
        "",
        f"Targets: ≥ {TARGET_FRACTION:.0%} of the bare view's throughput, p95 < {TARGET_P95_MS} ms, "
        "0 errors, the same queries at ×1 and ×10, transfer < 300 KB.",
        "",
        "| page | req/s | of bare | p50 ms | p95 ms | errors | queries ×1 | queries ×10 | transfer KB | meets targets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in rows.items():
        fraction = row["rps"] / bare if bare else 0
        ok = (
            (name == "bare view" or fraction >= TARGET_FRACTION)
            and row["p95_ms"] < TARGET_P95_MS
            and row["errors"] == 0
            and row["queries_1"] == row["queries_10"]
            and row["transfer_kb"] < 300
        )
        row["meets_targets"] = ok
        lines.append(
            f"| {name} | {row['rps']:.0f} | {fraction:.0%} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
            f"{row['errors']} | {row['queries_1']} | {row['queries_10']} | {row['transfer_kb']:.0f} | "
            f"{'yes' if ok else 'NO'} |"
        )
    lines += ["", "Queries are counted on a cold request (cache cleared)"
              + ("; every measured request renders the page." if args.no_page_cache
                 else "; warm requests are served from the page cache.")]
    name = "latest-uncached" if args.no_page_cache else "latest"
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    (RESULTS / f"{name}.json").write_text(json.dumps(rows, indent=2) + "\n")
    print("\n".join(lines))
    return all(row["meets_targets"] for row in rows.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (default 10)")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--reuse", action="store_true", help="keep the seeded databases of a previous run")
    parser.add_argument("--no-page-cache", action="store_true", help="render every request (page cache off)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    RAW.mkdir(parents=True, exist_ok=True)

    # Manifest storage needs collected files before any page renders.
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], production_env("oia_bench_x10"))
    seed_seconds = {}
    counts = {}
    for scale in (10, 1):
        database = f"oia_bench_x{scale}"
        env = production_env(database)
        seed_seconds[scale] = 0.0 if args.reuse else fresh_database(database, scale, env)
        out = RAW / f"queries_x{scale}.json"
        command = [PYTHON, "-m", "bench.queries", str(out)]
        if scale == 1:
            command += ["--urls", str(RAW / "queries_x10.json")]
        run(command, env)
        counts[scale] = json.loads(out.read_text())

    env = production_env("oia_bench_x10")
    if args.no_page_cache:
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    subprocess.run(["redis-cli", "-n", "7", "FLUSHDB"], capture_output=True)
    server = start_gunicorn(env, args.workers)
    rows = {}
    try:
        for name, row in counts[10].items():
            url = f"http://{HOST}:{PORT}{row['url']}"
            print(f"-- {name}: {url}", flush=True)
            result = drive(url, args.duration, args.connections)
            result.update(
                url=row["url"],
                queries_10=row["queries"],
                queries_1=counts[1][name]["queries"],
                status=row["status"],
                transfer_kb=transfer_size(url) / 1024,
            )
            rows[name] = result
    finally:
        server.terminate()
        server.wait(timeout=20)
    all_ok = write_report(rows, seed_seconds, args)
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
