"""``python -m ldd_reports``: the command line."""

from .cli import run

run()
