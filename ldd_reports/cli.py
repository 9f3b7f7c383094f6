"""The ldd-reports command line: render, new, check, validate, schema, templates (exit 0 / 1 / 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Sequence

from .errors import InputError, LddReportsError, Problem
from .models.people import BodyKind, OrganisationKind

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
_HOUSE_STYLE_HELP = "built-in house style name (see house-styles) or a .yaml file (default: the input's own)"


def _cmd_render(args: argparse.Namespace) -> int:
    from .loaders import load
    from .pipeline import output_format, render

    args.inputs = _expand(args.inputs)
    if args.output and len(args.inputs) > 1:
        raise _Usage("-o/--output names one file; use --out-dir with several inputs")
    fmt = args.format or (output_format(args.output) if args.output else "docx")
    plan = [(name, args.output or (args.out_dir / (Path(name).stem + "." + fmt) if args.out_dir
                                   else Path(name).with_suffix("." + fmt))) for name in args.inputs]
    _refuse_clashes(plan, [args.template, args.house_style])
    status = EXIT_OK
    for name, out in plan:
        try:
            render(load(name), out, args.template, draft=args.draft, force=args.force, house_style=args.house_style,
                   format=fmt, public=args.public)
        except LddReportsError as e:
            print(f"ldd-reports: {e}", file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(f"wrote {out}")
    return status


def _refuse_clashes(plan: list[tuple[str, Path]], others: list[str | None]) -> None:
    """Before writing anything: no output is an input, and no two inputs share an output."""
    inputs = {_key(name) for name, _ in plan} | {_key(o) for o in others if o and Path(o).exists()}
    seen: dict[str, str] = {}
    for name, out in plan:
        key = _key(out)
        if key in inputs:
            raise _Usage(f"the output {out} is an input: it would be destroyed")
        if key in seen:
            raise _Usage(f"{seen[key]} and {name} would both be written to {out}")
        seen[key] = name


def _key(path: str | Path) -> str:
    """A path as the file system compares it (Windows and macOS ignore case)."""
    return os.path.normcase(os.path.realpath(path))


def _expand(names: list[str]) -> list[str]:
    """Expand wildcards the shell left alone (Windows' cmd and PowerShell pass them through)."""
    out: list[str] = []
    for name in names:
        matches = sorted(glob.glob(name)) if glob.has_magic(name) and not Path(name).exists() else []
        out += matches or [name]
    return out


class _Usage(Exception):
    """A usage error found after parsing (exit 2)."""


def _cmd_validate(args: argparse.Namespace) -> int:
    from .loaders import load

    status = EXIT_OK
    report: dict[str, object] = {}
    for name in _expand(args.inputs):
        try:
            doc = load(name)
        except InputError as e:
            status = EXIT_INVALID
            report[name] = {"valid": False, "problems": [_problem_dict(p) for p in e.problems]}
            if args.format == "text":
                print(e, file=sys.stderr)
        else:
            report[name] = {"valid": True, "document": doc.document}
            if args.format == "text":
                print(f"{name}: valid {doc.document}")
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return status


def _problem_dict(problem: Problem) -> dict[str, object]:
    return {"field": problem.field, "message": problem.message, "file": problem.file, "line": problem.line}


def _cmd_new(args: argparse.Namespace) -> int:
    from .drafting import new_report, new_report_yaml, open_items
    from .package import write_output

    report = new_report(args.organisation, args.kind, args.body, args.date, args.body_kind)
    write_output(new_report_yaml(report).encode("utf-8"), args.output, force=args.force)
    print(f"wrote {args.output}: {len(open_items(report))} item(s) marked [TO COMPLETE: ...]")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from .checks import check
    from .house_style import resolve_house_style
    from .loaders import load

    results = {}
    invalid: dict[str, list[Problem]] = {}
    for name in _expand(args.inputs):
        try:
            doc = load(name)
            style = resolve_house_style(args.house_style, doc)
        except InputError as e:
            invalid[name] = e.problems
            continue
        rules = style.check
        if args.profile:
            rules = rules.model_copy(update={"profile": args.profile})
        if args.require:
            rules = rules.model_copy(update={"required_sections": [*rules.required_sections, *args.require]})
        results[name] = check(doc, style.model_copy(update={"check": rules}))
    errors = sum(f.severity == "error" for found in results.values() for f in found) + len(invalid)
    if args.format == "json":
        out: dict[str, object] = {name: [f.as_dict() for f in found] for name, found in results.items()}
        # An input that cannot be read is its problems, each as an error finding with field and line.
        out.update({name: [{"severity": "error", "code": "invalid_input", **_problem_dict(p)} for p in problems]
                    for name, problems in invalid.items()})
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for name, problems in invalid.items():
            print(InputError(problems, name), file=sys.stderr)
        for name, found in results.items():
            _print_findings(name, found)
    return EXIT_INVALID if errors else EXIT_OK


def _print_findings(name: str, found: list[Any]) -> None:
    """A file's findings as text: a count line, then one line each (check and check-docx alike)."""
    warnings = sum(f.severity == "warning" for f in found)
    print(f"{name}: {len(found) - warnings} error(s), {warnings} warning(s)")
    for finding in found:
        print(f"  {finding}")


def _cmd_check_docx(args: argparse.Namespace) -> int:
    from .accessibility import check_docx

    results: dict[str, object] = {}
    errors = 0
    for name in _expand(args.files):
        try:
            found = check_docx(name)
        except InputError as e:
            results[name] = [{"severity": "error", "code": "unreadable", **_problem_dict(p)} for p in e.problems]
            errors += 1
            if args.format == "text":
                print(e, file=sys.stderr)
            continue
        errors += sum(f.severity == "error" for f in found)
        results[name] = [f.as_dict() for f in found]
        if args.format == "text":
            _print_findings(name, found)
    if args.format == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return EXIT_INVALID if errors else EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import render_many
    from .progress import ProgressBar

    if args.force and args.skip_existing:
        raise _Usage("--force and --skip-existing contradict each other")
    bar = ProgressBar(enabled=False if args.quiet else None)
    try:
        result = render_many(args.base, args.rows, args.out, template=args.template, workers=args.workers,
                             draft=args.draft, force=args.force, skip_existing=args.skip_existing, progress=bar,
                             house_style=args.house_style, format=args.format, public=args.public)
    finally:
        bar.close()
    print(f"wrote {len(result.written)} of {result.total} papers to {args.out} in {result.seconds:.1f} s")
    if result.skipped:
        print(f"skipped {len(result.skipped)} that already exist")
    for failure in result.failures:
        print(f"ldd-reports: {failure}", file=sys.stderr)
    if result.existing:  # one line, not one per row: usually a second run into the same folder
        print(f"ldd-reports: {len(result.existing)} output(s) already exist in {args.out} (first: "
              f"{result.existing[0].name}) and were left alone: pass --force to overwrite them or "
              "--skip-existing to leave them quietly", file=sys.stderr)
    if result.failures:
        print(f"{len(result.failures)} row(s) failed", file=sys.stderr)
    if result.interrupted:
        print(f"ldd-reports: stopped by {result.interrupted}: {len(result.written)} paper(s) written; "
              "no partial files left", file=sys.stderr)
        return 130 if result.interrupted == "SIGINT" else 143
    return EXIT_OK if result.ok else EXIT_INVALID


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import house_style_schema, json_schema

    print(json.dumps(house_style_schema() if args.house_style else json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_house_styles(args: argparse.Namespace) -> int:
    from .house_style import house_style_names, resolve_house_style

    for name in house_style_names():
        print(f"{name:14} {resolve_house_style(name).description}")
    return EXIT_OK


def _cmd_template_init(args: argparse.Namespace) -> int:
    from .package import write_output
    from .templates import resolve_template

    source = resolve_template(args.source, None)
    write_output(source.read_bytes(), args.output, force=args.force)
    print(f"wrote {args.output}: restyle it in Word or LibreOffice, then `ldd-reports template check {args.output}`")
    return EXIT_OK


def _cmd_template_check(args: argparse.Namespace) -> int:
    from .template_check import check_template

    findings = check_template(args.template, args.house_style)
    for finding in findings:
        print(f"  {finding}")
    errors = sum(f.severity == "error" for f in findings)
    print(f"{args.template}: {errors} error(s), {len(findings) - errors} warning(s)")
    return EXIT_INVALID if errors else EXIT_OK


def _cmd_templates(args: argparse.Namespace) -> int:
    from .templates import list_templates

    for t in list_templates():
        print(f"{t.name:24} {t.description}")
    return EXIT_OK


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ldd-reports",
        description="Draft council decision papers on the Local Digital Declaration as Word documents.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("render", help="render inputs (YAML or JSON) to .docx (or tagged PDF) files")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input file(s) (.yaml, .yml or .json)")
    p.add_argument("-o", "--output", type=Path, help="output .docx or .pdf, for one input (default: the input's "
                   "name with .docx)")
    p.add_argument("--format", choices=["docx", "pdf"], help="output format (default: -o's extension, else docx); "
                   "pdf needs LibreOffice")
    p.add_argument("--out-dir", type=Path, help="folder for the outputs, named after the inputs")
    p.add_argument("--template", help="built-in template name or path to a .docx (default: the house style's)")
    p.add_argument("--house-style", help=_HOUSE_STYLE_HELP)
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--public", action="store_true", help="the version for publication: exempt parts replaced by "
                   "the Schedule 12A statement")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--draft", action="store_true",
                      help="render with open [TO COMPLETE: ...] items highlighted, marked DRAFT")
    mode.add_argument("--final", action="store_true",
                      help="refuse while anything is open (the default)")
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser("new", help="write a complete new paper's input YAML, placeholders marked")
    p.add_argument("--organisation", required=True, help="e.g. 'Rugby Borough Council'")
    p.add_argument("--kind", required=True, choices=[k.value for k in OrganisationKind],
                   help="kind of body ('other': not a local authority)")
    p.add_argument("--body", required=True, help="decision body as the paper names it, e.g. Cabinet")
    p.add_argument("--body-kind", choices=[k.value for k in BodyKind], help="default: guessed from --body")
    p.add_argument("--date", type=_iso_date, help="meeting date, YYYY-MM-DD (leave out while not known: the "
                   "paper gets a placeholder)")
    p.add_argument("-o", "--output", required=True, type=Path, help="the YAML file to write")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("check", help="the clerk's check: findings with severity and field (exit 1 on errors)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input file(s)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.add_argument("--profile", choices=["default", "plain_english"], help="plain_english: long sentences are errors")
    p.add_argument("--require", action="append", metavar="SECTION",
                   help="a section the house style requires (repeatable), e.g. 'implications:legal'")
    p.add_argument("--house-style", help=_HOUSE_STYLE_HELP)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("check-docx", help="accessibility check of any .docx: title, language, headings, tables, "
                       "alt text, empty paragraphs, links, contrast, lists (exit 1 on errors)")
    p.add_argument("files", nargs="+", metavar="FILE", help=".docx file(s), ours or edited by hand")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.set_defaults(func=_cmd_check_docx)

    p = sub.add_parser("batch", help="one paper per CSV row over a base input (columns are field paths)")
    p.add_argument("rows", metavar="ROWS.csv", help="CSV whose header names dotted field paths, e.g. organisation.name")
    p.add_argument("--base", required=True, help="the base input (YAML or JSON) each row overrides")
    p.add_argument("--out", required=True, type=Path, help="folder for the papers")
    p.add_argument("--workers", type=int, help="processes to use (default: the machine's cores)")
    p.add_argument("--format", choices=["docx", "pdf"], default="docx", help="output format (pdf: tagged, "
                   "through one LibreOffice process for the whole batch)")
    p.add_argument("--template", help="built-in template name or path to a .docx (default: the house style's)")
    p.add_argument("--house-style", help=_HOUSE_STYLE_HELP)
    p.add_argument("--draft", action="store_true", help="render drafts (open placeholders allowed)")
    p.add_argument("--force", action="store_true", help="overwrite existing files in the folder")
    p.add_argument("--skip-existing", action="store_true", help="leave papers already in the folder, quietly")
    p.add_argument("--public", action="store_true", help="the versions for publication: exempt parts replaced by "
                   "the Schedule 12A statement")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_batch)

    p = sub.add_parser("validate", help="check inputs against the model; report every problem")
    p.add_argument("inputs", nargs="+", help="input files")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("schema", help="print the input's JSON Schema (or a house style file's)")
    p.add_argument("--house-style", action="store_true", help="the schema of a house style file instead")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("templates", help="list the built-in templates")
    p.set_defaults(func=_cmd_templates)

    p = sub.add_parser("house-styles", help="list the built-in house styles")
    p.set_defaults(func=_cmd_house_styles)

    p = sub.add_parser("template", help="a council's own Word template: start one, or check one")
    tsub = p.add_subparsers(dest="template_command", metavar="ACTION")
    tsub.required = True
    t = tsub.add_parser("init", help="copy a built-in template to restyle in Word")
    t.add_argument("--from", dest="source", default="council_report", help="built-in template name (default: "
                   "council_report)")
    t.add_argument("-o", "--output", required=True, type=Path, help="the .docx to write")
    t.add_argument("--force", action="store_true", help="overwrite an existing file")
    t.set_defaults(func=_cmd_template_init)
    t = tsub.add_parser("check", help="check a template: variables, parts shown, styles, lists, tags")
    t.add_argument("template", type=Path, help="the .docx template")
    t.add_argument("--house-style", help=_HOUSE_STYLE_HELP)
    t.set_defaults(func=_cmd_template_check)
    return parser


def _show_warning(message: Warning | str, category: type[Warning], *args: object, **kwargs: object) -> None:
    """A warning (what a template lost to the safety policy) as one line, not Python's two."""
    print(f"ldd-reports: warning: {message}", file=sys.stderr)


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning  # restored on leaving the block
            return int(args.func(args))
    except _Usage as e:
        parser.error(str(e))  # exits 2
    except LddReportsError as e:
        print(f"ldd-reports: {e}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("ldd-reports: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 -- the last resort: one line, never a traceback, unless asked
        if args.debug:
            raise
        print(f"ldd-reports: unexpected error ({type(e).__name__}: {e}); rerun with --debug for the details, "
              "and please report it", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
