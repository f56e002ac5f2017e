"""The Nu HTML checker (vnu.jar from npm's vnu-jar) run once over many documents.

The checker starts a JVM, which is slow: every page is written to a file and
all files go to one run. Files, not URLs: the checker refuses loopback URLs.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))


def missing_tools():
    problems = []
    if not shutil.which("java"):
        problems.append("java is missing: apt-get install -y default-jre-headless")
    if not VNU_JAR.exists():
        problems.append(f"{VNU_JAR} is missing: npm ci (package.json pins vnu-jar)")
    return problems


def check(documents, workdir):
    """Errors per document: {name: [message, ...]} for the names of `documents` ({name: html})."""
    workdir = Path(workdir)
    files = {}
    for index, (name, html) in enumerate(documents.items()):
        path = workdir / f"page-{index:05d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, workdir.glob("page-*.html"))],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = {}
    for message in report["messages"]:
        if message["type"] != "error":
            continue  # "info" (and its "warning" subtype) are advice, not invalid HTML
        name = files.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        where = f"line {message.get('lastLine', '?')}: " if "lastLine" in message else ""
        errors.setdefault(name, []).append(f"{where}{message['message']} {message.get('extract', '')!r}")
    return errors
