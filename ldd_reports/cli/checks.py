"""Commands that check: validate, check (a paper's input), check-docx (any .docx), check-layout (the pages), schema."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import InputError, Problem
from .common import EXIT_INVALID, EXIT_OK, HOUSE_STYLE_HELP, STDOUT, Usage, expand, print_findings, problem_dict

__all__ = ["COMMANDS"]


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..inputs.loaders import load
    from ..outline.build import outline_of

    status = EXIT_OK
    report: dict[str, object] = {}
    for name in expand(args.inputs):
        try:
            doc = load(name)
            try:  # valid means renderable: its house style must be able to show everything it has
                outline_of(doc)
            except InputError as e:
                raise e.located(name) from e
        except InputError as e:
            status = EXIT_INVALID
            report[name] = {"valid": False, "problems": [problem_dict(p) for p in e.problems]}
            if args.format == "text":
                print(e, file=sys.stderr)
        else:
            report[name] = {"valid": True, "document": doc.document}
            if args.format == "text":
                print(f"{name}: valid {doc.document}")
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return status


def _cmd_check(args: argparse.Namespace) -> int:
    from ..checks.clerk import check
    from ..house_styles.style import resolve_house_style
    from ..inputs.loaders import load
    from ..pipeline import laid_out_pages

    results = {}
    invalid: dict[str, list[Problem]] = {}
    for name in expand(args.inputs):
        try:
            doc = load(name)
            style = resolve_house_style(args.house_style, doc)
        except InputError as e:
            invalid[name] = e.located(name).problems
            continue
        rules = style.check
        if args.profile:
            rules = rules.model_copy(update={"profile": args.profile})
        if args.require:
            rules = rules.model_copy(update={"required_sections": [*rules.required_sections, *args.require]})
        try:  # a record needs the decision block (named with its field when missing)
            results[name] = check(doc, style.model_copy(update={"check": rules}), record=args.record,
                                  pages=laid_out_pages)  # LibreOffice counts the sides of A4, where a rule asks
        except InputError as e:
            invalid[name] = e.located(name).problems
    errors = sum(f.severity == "error" for found in results.values() for f in found) + len(invalid)
    if args.format == "json":
        out: dict[str, object] = {name: [f.as_dict() for f in found] for name, found in results.items()}
        # An input that cannot be read is its problems, each as an error finding with field and line.
        out.update({name: [{"severity": "error", "code": "invalid_input", **problem_dict(p)} for p in problems]
                    for name, problems in invalid.items()})
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for name, problems in invalid.items():
            print(InputError(problems, name), file=sys.stderr)
        for name, found in results.items():
            print_findings(name, found)
    return EXIT_INVALID if errors else EXIT_OK


def _cmd_check_docx(args: argparse.Namespace) -> int:
    from ..checks.accessibility import check_docx

    def outcomes() -> Iterator[tuple[str, list[Any] | Exception]]:
        for name in expand(args.files):
            try:
                yield name, check_docx(name)
            except InputError as e:
                yield name, e.located(name)
    return _report_files(outcomes(), args.format, "unreadable")


def _cmd_check_layout(args: argparse.Namespace) -> int:
    from ..outputs.layout import check_layouts

    return _report_files(check_layouts(expand(args.files), timeout=args.timeout).items(), args.format, "not_checked")


def _report_files(outcomes: Iterable[tuple[str, list[Any] | Exception]], fmt: str, code: str) -> int:
    """Each file's findings, or why it could not be checked (an error with ``code``); exit 1 on any error."""
    results: dict[str, object] = {}
    errors = 0
    for name, found in outcomes:
        if isinstance(found, Exception):  # unreadable, or LibreOffice missing or failed: the check did not run
            errors += 1
            problems = found.problems if isinstance(found, InputError) else \
                [Problem("(file)", getattr(found, "message", str(found)), name)]
            results[name] = [{"severity": "error", "code": code, **problem_dict(p)} for p in problems]
            if fmt == "text":
                print(found, file=sys.stderr)
            continue
        errors += sum(f.severity == "error" for f in found)
        results[name] = [f.as_dict() for f in found]
        if fmt == "text":
            print_findings(name, found)
    if fmt == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return EXIT_INVALID if errors else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from ..house_styles.style import house_style_reference, house_style_schema
    from ..inputs.schema import json_schema, paths_file, reference

    if args.format == "paths":
        if args.house_style:
            raise Usage("--format paths lists the input's field paths (a batch CSV's columns); not with --house-style")
        text = paths_file()
    elif args.format == "markdown":
        text = house_style_reference() if args.house_style else reference()
    else:
        text = json.dumps(house_style_schema() if args.house_style else json_schema(), indent=2,
                          ensure_ascii=False) + "\n"
    if args.output and args.output != STDOUT:  # UTF-8 whatever the console's encoding (Windows)
        from ..word.package import write_output

        write_output(text.encode("utf-8"), args.output, force=True)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _add_check(sub: Any) -> None:
    p = sub.add_parser("check", help="the clerk's check: findings with severity and field (exit 1 on errors)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input file(s)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.add_argument("--profile", choices=["default", "plain_english"], help="plain_english: long sentences are errors")
    p.add_argument("--require", action="append", metavar="SECTION",
                   help="a section the house style requires (repeatable), e.g. 'implications:legal'")
    p.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    p.add_argument("--record", action="store_true", help="check the decision record (the input's 'decision:' "
                   "block) instead of the paper")
    p.set_defaults(func=_cmd_check)

def _add_check_docx(sub: Any) -> None:
    p = sub.add_parser("check-docx", help="accessibility check of any .docx: title, language, headings, tables, "
                       "alt text, empty paragraphs, links, contrast, lists (exit 1 on errors)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".docx file(s), ours or edited by hand")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.set_defaults(func=_cmd_check_docx)

def _add_check_layout(sub: Any) -> None:
    p = sub.add_parser("check-layout", help="lay a .docx out with LibreOffice (or read a tagged PDF) and check the "
                       "pages: labels running into values, words split, headings stranded, small tables broken, "
                       "empty columns, a person twice, text against a table, running headers that wrap (exit 1 on "
                       "findings)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".docx or tagged .pdf file(s)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="LibreOffice's time limit (default: 60 s and 10 "
                   "s a file)")
    p.set_defaults(func=_cmd_check_layout)

def _add_validate(sub: Any) -> None:
    p = sub.add_parser("validate", help="check inputs against the model; report every problem")
    p.add_argument("inputs", nargs="+", help="input files")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.set_defaults(func=_cmd_validate)

def _add_schema(sub: Any) -> None:
    p = sub.add_parser("schema", help="print the input's JSON Schema (or a house style file's)")
    p.add_argument("--house-style", action="store_true", help="the schema of a house style file instead")
    p.add_argument("--format", choices=["json", "markdown", "paths"], default="json",
                   help="JSON Schema, the Markdown reference in docs/ (every field, its type and description), or "
                        "every field path, one a line (a batch CSV's possible columns)")
    p.add_argument("-o", "--output", help="write to this file (UTF-8; replaced if it exists) instead of printing")
    p.set_defaults(func=_cmd_schema)


#: Each command's parser, by name, in the order ``--help`` lists them: only the one a command line names is built.
COMMANDS: dict[str, Callable[[Any], None]] = {
    "check": _add_check,
    "check-docx": _add_check_docx,
    "check-layout": _add_check_layout,
    "validate": _add_validate,
    "schema": _add_schema,
}
