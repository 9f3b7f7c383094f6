"""The ldd-reports command line (exit 0 ok, 1 invalid input or failed check, 2 usage; 130/143 interrupted).

One module per group of commands, each adding its own sub-commands: ``papers`` (render, new,
batch), ``checks`` (validate, check, check-docx, schema), ``decision`` (timetable), ``styles``
(templates, house styles).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from ..errors import LddReportsError
from . import checks, decision, papers, styles
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Usage

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ldd-reports",
        description="Draft council decision papers on the Local Digital Declaration as Word documents.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for group in (papers, checks, decision, styles):
        group.add_commands(sub)
    return parser


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    """A warning (what a template lost to the safety policy) as one line, not Python's two."""
    print(f"ldd-reports: warning: {message}", file=sys.stderr)


def _version() -> str:
    from .. import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning  # restored on leaving the block
            return int(args.func(args))
    except Usage as e:
        parser.error(str(e))  # exits 2
    except LddReportsError as e:
        print(f"ldd-reports: {e}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("ldd-reports: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        if args.debug:
            raise
        print(f"ldd-reports: unexpected error ({type(e).__name__}: {e}); rerun with --debug for the details, "
              "and please report it", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
