#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oia_portal.settings")
    # manage.py is the developer's tool: debug by default. Production runs
    # through wsgi.py, where DJANGO_DEBUG defaults to off.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
