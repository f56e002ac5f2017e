#!/usr/bin/env python3
"""Lighthouse scores (performance, accessibility, best practices, SEO) of key pages.

    .venv/bin/python bench/lighthouse.py     # or: make lighthouse

Installs the npm `lighthouse` package into bench/.lighthouse (once), serves the
seeded x1 benchmark database (run bench/run.py first, or pass --seed) with
gunicorn and production settings, and audits each page in both languages with
Debian's Chromium. Writes bench/results/lighthouse.md.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import RAW, RESULTS, ROOT, fresh_database, production_env, run, start_gunicorn  # noqa: E402

LIGHTHOUSE_DIR = ROOT / "bench" / ".lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
PAGES = ["/en/", "/zh-hant/", "/en/programmes/", "/zh-hant/programmes/", "/en/news/", "/zh-hant/news/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", action="store_true", help="seed a fresh x1 database first")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund", "lighthouse@13.5.0"],
            check=True,
        )
    RAW.mkdir(parents=True, exist_ok=True)
    env = production_env("oia_bench_x1")
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    if args.seed:
        fresh_database("oia_bench_x1", 1, env)
    server = start_gunicorn(env, workers=2)
    rows = []
    try:
        for page in PAGES:
            report = RAW / f"lighthouse{page.replace('/', '_')}.json"
            command = [
                str(LIGHTHOUSE), f"http://127.0.0.1:8911{page}", "--output=json", f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", "--quiet",
                "--form-factor=mobile",
            ]
            # Headless Chromium now and then loses the trace (NO_NAVSTART): try again.
            for _attempt in range(3):
                done = subprocess.run(command, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
                if done.returncode == 0:
                    break
            done.check_returncode()
            data = json.loads(report.read_text())
            scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
            failing = [
                audit["id"] for audit in data["audits"].values()
                if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
            ]
            rows.append((page, scores, failing))
    finally:
        server.terminate()
        server.wait(timeout=20)
    lines = [
        "# Lighthouse (mobile form factor, Debian Chromium, gunicorn + production settings, demo data)",
        "",
        "| page | performance | accessibility | best practices | SEO | failing binary audits |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for page, scores, failing in rows:
        lines.append(
            f"| {page} | {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} | "
            f"{scores['seo']} | {', '.join(failing) or '—'} |"
        )
    (RESULTS / "lighthouse.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    sys.exit(0 if all(min(s.values()) >= 95 for _p, s, _f in rows) else 1)


if __name__ == "__main__":
    main()
