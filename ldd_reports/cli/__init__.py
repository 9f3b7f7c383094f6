"""The ldd-reports command line: one module per group of commands, and the exit codes they share.

Exit 0 ok, 1 invalid input or failed check, 2 usage; 130/143 interrupted, 141 the reader of its
output went away. One module per group of commands, each listing its own in ``COMMANDS`` (name to the
function that adds its parser): ``papers`` (render, record, preview, new, batch), ``checks`` (validate,
check, check-docx, check-layout, schema), ``decision`` (timetable), ``styles`` (templates, house styles,
wording, template).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from ..errors import LddReportsError
from . import checks, decision, papers, styles
from .common import EXIT_INVALID, EXIT_OK, EXIT_PIPE, EXIT_USAGE, Usage, error_line

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "run"]


_GROUPS = (papers, checks, decision, styles)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or with ``command`` (one of them) that command's alone.

    Building every command's arguments costs each start 35M instructions; a command line that names its
    command needs only that one, 18M fewer (``--help``, no command or an unknown one: all of them).
    """
    parser = argparse.ArgumentParser(
        prog="ldd-reports",
        description="Draft council decision papers on the Local Digital Declaration as Word documents.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for group in _GROUPS:  # each group's commands, in --help's order
        for name, add in group.COMMANDS.items():
            if command is None or name == command:
                add(sub)
    _debug_everywhere(sub)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, where it names one before anything else but the program's own flags."""
    for arg in argv:
        if arg == "--debug":
            continue
        return arg if any(arg in group.COMMANDS for group in _GROUPS) else None
    return None


def _debug_everywhere(sub: Any) -> None:
    """``--debug`` after the command too (``ldd-reports house-styles --debug``), as after the program."""
    for command in sub.choices.values():
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        for action in command._actions:  # a command's own sub-commands (template init / check); no public list
            if isinstance(action, argparse._SubParsersAction):
                _debug_everywhere(action)


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    """A warning (what a template lost to the safety policy) as one line, not Python's two."""
    print(f"ldd-reports: warning: {message}", file=sys.stderr)


def _version() -> str:
    from .. import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_named(argv))
    args = parser.parse_args(argv)  # exits 2 on a usage error
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning  # restored on leaving the block
            return int(args.func(args))
    except Usage as e:
        parser.error(str(e))  # exits 2
    except BrokenPipeError:
        return _closed_pipe()
    except LddReportsError as e:
        print(error_line(e), file=sys.stderr)
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


def _closed_pipe() -> int:
    """The reader went away (``| head -1``): stop quietly, as Unix tools do, with SIGPIPE's status."""
    try:  # Python would complain again flushing stdout at exit: point it at nothing
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_PIPE


def run() -> None:
    """The program ``ldd-reports`` (and ``python -m ldd_reports``): :func:`main` in a process of its own, its
    garbage collector paused while it starts and what it made set aside as it ends (see
    :mod:`ldd_reports.collector`), pydantic's plugins not looked for."""
    from ..collector import pause_for_start, set_aside_for_exit

    # Pydantic looks for plugins in every installed distribution's entry points as it builds its first
    # validator: 18-28 ms with 62 installed (more in a large environment), for instrumentation a command
    # does not use. A value already set is kept (set it empty to have plugins loaded).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    pause_for_start()
    try:
        code = main()
    finally:
        set_aside_for_exit()
    sys.exit(code)


if __name__ == "__main__":
    run()
