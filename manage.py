#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guazhi.settings")
    # A checkout with neither DEBUG in the environment nor a .env file is a developer's: the
    # commands run in development mode there. A server sets DEBUG=0 in one or the other (the web
    # process, guazhi.wsgi, never gets this default).
    if "DEBUG" not in os.environ and not (Path(__file__).resolve().parent / ".env").exists():
        os.environ["DEBUG"] = "1"
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
