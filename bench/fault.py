#!/usr/bin/env python3
"""Stop PostgreSQL while the portal is under load, then start it again.

    .venv/bin/python bench/fault.py [--outage 6]

Serves the x1 benchmark database (bench/run.py seeds it) with gunicorn and
production settings. Readers fetch public pages and writers register for an
event through the real form (CSRF token and all) while PostgreSQL is stopped for
`--outage` seconds and started again. Afterwards it checks that every
registration the portal confirmed (302) is in the database exactly once, that
no e-mail is registered twice, that the outage produced 503 pages and no 500s,
and how long the portal took to recover by itself. Writes bench/results/fault.md.
"""

import argparse
import collections
import http.cookiejar
import itertools
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import RAW, RESULTS, production_env, run, start_gunicorn  # noqa: E402

BASE = "http://127.0.0.1:8911"
EVENT_SLUG = "fault-drill-open-day"
CLUSTER = ["pg_ctlcluster", "--skip-systemctl-redirect"]


def cluster_version():
    return sorted(Path("/etc/postgresql").iterdir())[0].name


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def prepare_event(env):
    code = (
        "import datetime; from django.utils import timezone; from events.models import Event, Registration;"
        f"Registration.objects.filter(event__slug='{EVENT_SLUG}').delete();"
        f"Event.objects.update_or_create(slug='{EVENT_SLUG}', defaults=dict("
        "title_en='Fault drill open day', title_zh_hant='演練開放日', kind='info-session',"
        "starts_at=timezone.now()+datetime.timedelta(days=30), ends_at=timezone.now()+datetime.timedelta(days=30, hours=2),"
        "registration_open=True, capacity=None, registration_deadline=None, is_published=True))"
    )
    run([sys.executable, "manage.py", "shell", "-c", code], env)


def registered_emails(env):
    code = (
        "from events.models import Registration;"
        f"print('\\n'.join(Registration.objects.filter(event__slug='{EVENT_SLUG}').values_list('email', flat=True)))"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=env, capture_output=True, text=True, check=True)
    return [line for line in out.stdout.splitlines() if "@" in line]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--outage", type=float, default=6.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--before", type=float, default=4.0)
    parser.add_argument("--after", type=float, default=12.0)
    args = parser.parse_args()
    RAW.mkdir(parents=True, exist_ok=True)
    env = production_env("oia_bench_x1")
    env["DJANGO_TRUSTED_PROXY_HOPS"] = "1"  # each writer comes from its own address, as behind a proxy
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    prepare_event(env)
    server = start_gunicorn(env, workers=3)

    started = time.monotonic()
    stop = threading.Event()
    reads = []  # (seconds since start, status)
    writes = []  # (seconds since start, email, status)
    counter = itertools.count(1)

    def now():
        return time.monotonic() - started

    def reader(path):
        while not stop.is_set():
            try:
                with urllib.request.urlopen(BASE + path, timeout=10) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = "connection error"
            reads.append((now(), status))
            time.sleep(0.02)

    def writer():
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        page = f"{BASE}/en/events/{EVENT_SLUG}/"
        while not stop.is_set():
            number = next(counter)
            email = f"fault-{number}@example.org"
            try:
                html = opener.open(page, timeout=10).read().decode()
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
                data = urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": token, "name": f"Drill {number}", "email": email,
                     "affiliation": "Fault drill", "consent": "on", "website": ""}
                ).encode()
                request = urllib.request.Request(page, data=data, headers={
                    "Referer": page, "X-Forwarded-For": f"10.99.{number // 250 % 250}.{number % 250 + 1}"})
                status = opener.open(request, timeout=10).status
            except urllib.error.HTTPError as error:
                status = error.code
            except (OSError, AttributeError):
                status = "no form" if not stop.is_set() else "stopped"
            writes.append((now(), email, status))
            time.sleep(0.05)

    threads = [threading.Thread(target=reader, args=(path,)) for path in ("/en/", "/en/partners/", "/en/news/", f"/en/events/{EVENT_SLUG}/")]
    threads += [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(args.before)
        down_at = now()
        subprocess.run([*CLUSTER, cluster_version(), "main", "stop", "-m", "fast"], check=True)
        time.sleep(args.outage)
        subprocess.run([*CLUSTER, cluster_version(), "main", "start"], check=True)
        up_at = now()
        time.sleep(args.after)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        server.terminate()
        server.wait(timeout=20)

    confirmed = [email for _t, email, status in writes if status == 302]
    stored = registered_emails(env)
    stored_counts = collections.Counter(stored)
    duplicates = [email for email, count in stored_counts.items() if count > 1]
    lost = sorted(set(confirmed) - set(stored))
    unconfirmed_but_stored = sorted(set(stored) - set(confirmed))
    during = collections.Counter(str(s) for t, s in reads + [(t, s) for t, _e, s in writes] if down_at <= t <= up_at)
    all_statuses = collections.Counter(str(s) for _t, s in reads) + collections.Counter(str(s) for _t, _e, s in writes)
    first_ok_read = min((t for t, s in reads if t > up_at and s == 200), default=None)
    first_ok_write = min((t for t, _e, s in writes if t > up_at and s == 302), default=None)
    server_errors = all_statuses.get("500", 0)

    lines = [
        "# Fault drill: PostgreSQL stopped under load",
        "",
        f"gunicorn (3 workers, production settings, Redis cache) on the x1 demo; 4 readers and 2 writers "
        f"(event registrations through the real form). PostgreSQL stopped at {down_at:.1f} s, started again "
        f"at {up_at:.1f} s (outage {up_at - down_at:.1f} s), load went on until {up_at + args.after:.1f} s.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| requests in all | {len(reads) + len(writes)} |",
        f"| responses by status, whole run | {dict(sorted(all_statuses.items()))} |",
        f"| responses by status, during the outage | {dict(sorted(during.items()))} |",
        f"| 500 responses (tracebacks) | {server_errors} |",
        f"| first page served after restart | {f'{first_ok_read - up_at:.2f} s after' if first_ok_read else 'never'} |",
        f"| first registration after restart | {f'{first_ok_write - up_at:.2f} s after' if first_ok_write else 'never'} |",
        f"| registrations confirmed to the visitor (302) | {len(confirmed)} |",
        f"| registrations in the database | {len(stored)} |",
        f"| confirmed but missing (lost) | {len(lost)} |",
        f"| stored twice (duplicated) | {len(duplicates)} |",
        f"| stored without a confirmation reaching the visitor | {len(unconfirmed_but_stored)} |",
    ]
    ok = not lost and not duplicates and server_errors == 0 and first_ok_read is not None and first_ok_write is not None
    lines += ["", f"Result: {'PASS' if ok else 'FAIL'}"]
    (RESULTS / "fault.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
