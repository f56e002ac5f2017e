#!/usr/bin/env python3
"""Two gunicorn processes on two ports, one PostgreSQL and one Redis: one site.

    .venv/bin/python bench/scaleout.py

Checks, through the public form and the admin as a person would use them:
1. a rate limit counted on one process holds on the other;
2. a registration made through one process is seen by the other (the same
   e-mail is refused there as already registered);
3. a staff session opened on one process is valid on the other.
Writes bench/results/scaleout.md; exits non-zero if any check fails.
"""

import http.cookiejar
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fault import EVENT_SLUG, NoRedirect, prepare_event  # noqa: E402
from bench.run import RAW, RESULTS, ROOT, production_env, run  # noqa: E402

PORTS = (8921, 8922)


def start(env, port):
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "oia_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(RAW / f"gunicorn-{port}.log", "w"),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn on {port} did not start")


class Browser:
    """A cookie-keeping client that can talk to either process."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, url):
        try:
            response = self.opener.open(url, timeout=10)
            return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post_form(self, url, fields):
        status, html = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        try:
            response = self.opener.open(request, timeout=10)
            return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def register(port, email):
    page = f"http://127.0.0.1:{port}/en/events/{EVENT_SLUG}/"
    fields = {"name": "Scale Out", "email": email, "affiliation": "Bench", "consent": "on", "website": ""}
    return Browser().post_form(page, fields)


def main():
    RAW.mkdir(parents=True, exist_ok=True)
    env = production_env("oia_bench_x1")
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    prepare_event(env)
    subprocess.run(["redis-cli", "-n", "7", "FLUSHDB"], capture_output=True)
    password = secrets.token_urlsafe(16)
    run([sys.executable, "manage.py", "shell", "-c",
         "from django.contrib.auth.models import User; u, _ = User.objects.get_or_create(username='scaleout-staff');"
         f"u.is_staff = True; u.is_superuser = True; u.set_password('{password}'); u.save()"], env)
    servers = [start(env, port) for port in PORTS]
    results = []
    try:
        # 1. The rate limit is one counter in Redis: alternate the processes until refused.
        accepted = 0
        refused_on = None
        for attempt in range(40):
            port = PORTS[attempt % 2]
            status, _html = register(port, f"scale-{attempt}@example.org")
            if status == 429:
                refused_on = port
                break
            accepted += status == 302
        results.append(("rate limit shared", refused_on is not None and accepted < 20,
                        f"{accepted} registrations accepted across both processes, then 429 on port {refused_on}"))

        # 2. A write through one process is seen by the other.
        subprocess.run(["redis-cli", "-n", "7", "FLUSHDB"], capture_output=True)  # a fresh rate-limit window
        first, _ = register(PORTS[0], "shared-seen@example.org")
        second, html = register(PORTS[1], "shared-seen@example.org")
        seen = first == 302 and second == 400 and "already" in html.lower()
        results.append(("registration seen by the other process", seen,
                        f"port {PORTS[0]}: {first}; the same e-mail on port {PORTS[1]}: {second}"))

        # 3. A staff session opened on one process works on the other.
        browser = Browser()
        login = f"http://127.0.0.1:{PORTS[0]}/admin/login/?next=/admin/"
        status, _ = browser.post_form(login, {"username": "scaleout-staff", "password": password, "next": "/admin/"})
        other_status, other_html = browser.get(f"http://127.0.0.1:{PORTS[1]}/admin/")
        results.append(("session survives switching", status == 302 and other_status == 200 and "logout" in other_html.lower(),
                        f"login on {PORTS[0]}: {status}; /admin/ on {PORTS[1]}: {other_status}"))
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
        run([sys.executable, "manage.py", "shell", "-c",
             "from django.contrib.auth.models import User; User.objects.filter(username='scaleout-staff').delete()"], env)

    lines = ["# Two processes, one site", "", f"gunicorn on ports {PORTS[0]} and {PORTS[1]}, shared PostgreSQL and Redis.",
             "", "| check | result | figures |", "|---|---|---|"]
    lines += [f"| {name} | {'PASS' if ok else 'FAIL'} | {detail} |" for name, ok, detail in results]
    (RESULTS / "scaleout.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    sys.exit(0 if all(ok for _n, ok, _d in results) else 1)


if __name__ == "__main__":
    main()
