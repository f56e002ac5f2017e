"""Every e-mail the portal sends goes through the outbox, stored in the transaction of its change.

Generated over the code: every module of every package at the top of the repository (a new
app is read without being named here) is parsed, and three rules are checked:

1. Only the outbox talks to a mail server: no other module imports `django.core.mail` or
   `smtplib`, or calls Django's sending shortcuts.
2. No e-mail waits for an on-commit callback: a message queued after the commit is not part
   of the change's transaction (the change could stand without its message).
3. A function that opens a transaction queues its e-mails inside it, not after it.

"Sends an e-mail" is found, not listed: the outbox's entry points, then every function that
calls one of them, to a fixed point.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTBOX_SENDER = ROOT / "outbox" / "services.py"
MAIL_MODULES = {"django.core.mail", "smtplib"}
SHORTCUTS = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "send_messages",
    "EmailMessage",
    "EmailMultiAlternatives",
}
ENTRY_POINTS = {"queue_message", "queue_messages", "send_templated_mail", "send_templated_mails"}


def project_modules():
    for package in sorted(ROOT.iterdir()):
        if not (package / "__init__.py").exists() or package.name in {"tests", "node_modules"}:
            continue
        for path in sorted(package.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), filename=str(path))


MODULES = list(project_modules())


def called_name(call):
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def calls_in(node):
    return {called_name(n) for n in ast.walk(node) if isinstance(n, ast.Call)} - {None}


def functions():
    for path, tree in MODULES:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path, node


def is_atomic_block(node):
    return isinstance(node, ast.With | ast.AsyncWith) and any(
        isinstance(item.context_expr, ast.Call) and called_name(item.context_expr) == "atomic" for item in node.items
    )


def opens_transaction(function):
    return any(is_atomic_block(node) for node in ast.walk(function))


def mail_functions(through_transactions=True):
    """Names of the functions that (directly or through others) put an e-mail in the outbox.

    With `through_transactions` False, only those that rely on their caller's transaction:
    a function that opens its own transaction answers for its mail itself (rule 3 checks it).
    """
    senders = set(ENTRY_POINTS)
    bodies = [
        (node.name, calls_in(node))
        for _path, node in functions()
        if through_transactions or not opens_transaction(node)
    ]
    while True:
        more = {name for name, calls in bodies if calls & senders} - senders
        if not more:
            return senders
        senders |= more


MAILERS = mail_functions()
IN_CALLERS_TRANSACTION = mail_functions(through_transactions=False)


def mail_calls_outside_atomic(function):
    """Calls to a mailer in `function`'s own statements that no `with transaction.atomic()` encloses."""
    found = []

    def visit(node, inside):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
                continue  # nested functions run when they are called, and are checked on their own
            child_inside = inside or is_atomic_block(child)
            if isinstance(child, ast.Call) and called_name(child) in IN_CALLERS_TRANSACTION and not inside:
                found.append(child)
            visit(child, child_inside)

    visit(function, False)
    return found


def where(path, node):
    return f"{path.relative_to(ROOT)}:{node.lineno}"


def test_the_code_was_read():
    names = {path.relative_to(ROOT).parts[0] for path, _tree in MODULES}
    assert {"outbox", "exchanges", "incoming", "events", "partners"} <= names
    # The closure found the senders behind the helpers, e.g. the placement's and incoming's.
    assert {"send_registration_mail", "_mail_applicant", "_mail_student", "send_nominations"} <= MAILERS
    assert {"_mail_applicant", "_mail_student", "_mail"} <= IN_CALLERS_TRANSACTION


def test_only_the_outbox_talks_to_a_mail_server():
    offenders = []
    for path, tree in MODULES:
        if path == OUTBOX_SENDER:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                offenders += [
                    where(path, node)
                    for alias in node.names
                    if alias.name.split(".")[0] == "smtplib" or alias.name.startswith("django.core.mail")
                ]
            elif isinstance(node, ast.ImportFrom) and node.module:
                if (
                    node.module.startswith("django.core.mail")
                    or node.module == "smtplib"
                    or node.module == "django.core"
                    and any(alias.name == "mail" for alias in node.names)
                ):
                    offenders.append(where(path, node))
            elif isinstance(node, ast.Call) and called_name(node) in SHORTCUTS:
                offenders.append(where(path, node))
    assert offenders == [], "e-mail sent around the outbox (use outbox.mail.send_templated_mail)"


def test_no_email_is_queued_after_the_commit():
    offenders = []
    for path, tree in MODULES:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and called_name(node) == "on_commit" and node.args:
                callback = node.args[0]
                names = calls_in(callback) | (
                    {called_name(ast.Call(func=callback))} if not isinstance(callback, ast.Lambda) else set()
                )
                if names & MAILERS:
                    offenders.append(where(path, node))
    assert offenders == [], "an e-mail queued on commit is not part of its change's transaction"


def test_a_function_that_opens_a_transaction_queues_its_mail_inside_it():
    offenders = []
    for path, function in functions():
        if opens_transaction(function):
            offenders += [where(path, call) for call in mail_calls_outside_atomic(function)]
    assert offenders == [], "e-mail queued outside the transaction of the change it reports"


@pytest.mark.parametrize(
    "source, rule",
    [
        ("from django.core.mail import send_mail\n", test_only_the_outbox_talks_to_a_mail_server),
        (
            "from django.db import transaction\n"
            "def f(a):\n    transaction.on_commit(lambda: send_templated_mail('x', {}, a, 'en'))\n",
            test_no_email_is_queued_after_the_commit,
        ),
        (
            "from django.db import transaction\n"
            "def f(a):\n    with transaction.atomic():\n        a.save()\n    _mail_student(a, 'x')\n",
            test_a_function_that_opens_a_transaction_queues_its_mail_inside_it,
        ),
    ],
)
def test_each_rule_catches_the_mistake_it_is_for(monkeypatch, source, rule):
    planted = ROOT / "incoming" / "planted.py"
    monkeypatch.setattr(__import__(__name__, fromlist=["MODULES"]), "MODULES", [*MODULES, (planted, ast.parse(source))])
    with pytest.raises(AssertionError):
        rule()


def test_the_test_suites_mail_backend_refuses_a_send_around_the_outbox(django_capture_on_commit_callbacks, db):
    from django.core import mail  # noqa: TID251 - the very thing this test shows refused

    with pytest.raises(AssertionError, match="around the outbox"):
        mail.send_mail("Hello", "Text", "oia@example.edu", ["someone@example.org"])
    from outbox import services

    with django_capture_on_commit_callbacks(execute=True):
        services.queue_message(recipient="someone@example.org", subject="Hello", body="Text", language="en", topic="t")
    assert [m.to for m in mail.outbox] == [["someone@example.org"]]
