"""The ldd-reports command line: render, validate, schema, templates (exit 0 ok, 1 invalid, 2 usage)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from .errors import InputError, LddReportsError

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _cmd_render(args: argparse.Namespace) -> int:
    from .loaders import load
    from .render import render

    if args.output and len(args.inputs) > 1:
        raise _Usage("-o/--output names one file; use --out-dir with several inputs")
    status = EXIT_OK
    for name in args.inputs:
        if args.output:
            out = args.output
        elif args.out_dir:
            out = args.out_dir / (Path(name).stem + ".docx")
        else:
            out = Path(name).with_suffix(".docx")
        try:
            render(load(name), out, args.template, draft=args.draft, force=args.force)
        except LddReportsError as e:
            print(f"ldd-reports: {e}", file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(f"wrote {out}")
    return status


class _Usage(Exception):
    """A usage error found after parsing (exit 2)."""


def _cmd_validate(args: argparse.Namespace) -> int:
    from .loaders import load

    status = EXIT_OK
    for name in args.inputs:
        try:
            doc = load(name)
        except InputError as e:
            print(e, file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(f"{name}: valid {doc.document}")
    return status


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_templates(args: argparse.Namespace) -> int:
    from .templates import list_templates

    for t in list_templates():
        print(f"{t.name:24} {t.description}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ldd-reports",
        description="Draft council decision papers on the Local Digital Declaration as Word documents.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("render", help="render inputs (YAML or JSON) to .docx files")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input file(s) (.yaml, .yml or .json)")
    p.add_argument("-o", "--output", type=Path, help="output .docx, for one input (default: the input's name with .docx)")
    p.add_argument("--out-dir", type=Path, help="folder for the outputs, named after the inputs")
    p.add_argument("--template", help="built-in template name or path to a .docx (default: by document kind)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--draft", action="store_true", help="mark the document DRAFT (header and properties)")
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser("validate", help="check inputs against the model; report every problem")
    p.add_argument("inputs", nargs="+", help="input files")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="print the input's JSON Schema")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("templates", help="list the built-in templates")
    p.set_defaults(func=_cmd_templates)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error
    try:
        return int(args.func(args))
    except _Usage as e:
        parser.error(str(e))  # exits 2
        raise
    except LddReportsError as e:
        print(f"ldd-reports: {e}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("ldd-reports: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
