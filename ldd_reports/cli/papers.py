"""Commands that write papers: render, record (the decision record), preview (HTML), new, batch."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputError, LddReportsError
from ..limits import DEFAULT_MEMORY, DEFAULT_SECONDS
from ..models.kinds import BodyKind, OrganisationKind
from ..outputs import FORMATS
from .common import (EXIT_INVALID, EXIT_OK, HOUSE_STYLE_HELP, STDOUT, Usage, error_line, expand, iso_date, output_format,
                     refuse_clashes, write_to)

__all__ = ["COMMANDS"]


def _cmd_render(args: argparse.Namespace) -> int:
    from ..inputs.loaders import load
    from ..pipeline import planned_outputs, render

    args.inputs = expand(args.inputs)
    if args.output and len(args.inputs) > 1:
        raise Usage("-o/--output names one file; use --out-dir with several inputs")
    fmt = output_format(args.output, args.format, FORMATS, "a paper") or "docx"
    named = (Path(name).stem + ("_record." if args.record else ".") + fmt for name in args.inputs)
    plan = [(name, args.output or (args.out_dir or Path(name).parent) / out) for name, out in zip(args.inputs, named)]
    to_stdout = str(args.output) == STDOUT
    if not to_stdout:
        refuse_clashes(plan, [args.template, args.house_style])
    status = EXIT_OK
    for name, out in plan:
        try:
            doc = load(name)
            target = sys.stdout.buffer if to_stdout else out
            try:
                files = [where for _, where in planned_outputs(doc, target, args.language)]
                render(doc, target, args.template, draft=args.draft,
                       force=args.force, house_style=args.house_style, format=fmt,  # type: ignore[arg-type]
                       public=args.public, record=args.record, language=args.language, **limits(args))
            except InputError as e:  # the record's own problems (no decision block): name the input
                raise e.located(name) from e
        except LddReportsError as e:
            print(error_line(e), file=sys.stderr)
            status = EXIT_INVALID
        else:
            for where in files:  # a bilingual paper published separately: a file per language
                print("wrote standard output" if to_stdout else f"wrote {where}",
                      file=sys.stderr if to_stdout else sys.stdout)
    return status


def limits(args: argparse.Namespace) -> dict[str, Any]:
    """``--time-limit`` and ``--memory-limit`` as render's keywords (0 lifts a bound)."""
    return {"time_limit": args.time_limit or None,
            "memory_limit": int(args.memory_limit * 1024 * 1024) if args.memory_limit else None}


def _add_limits(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--time-limit", type=_positive, default=DEFAULT_SECONDS, metavar="SECONDS",
                   help=f"stop {what} that takes longer than this (default: {DEFAULT_SECONDS:g}; 0: no limit)")
    p.add_argument("--memory-limit", type=_positive, default=DEFAULT_MEMORY / (1024 * 1024), metavar="MB",
                   help=f"stop {what} that needs more memory than this (default: {DEFAULT_MEMORY // (1024 * 1024)}; "
                   "0: no limit; Linux only)")


def _non_blank(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be blank: the paper would print nothing where it goes")
    return text


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"not a number of 0 or more: {text!r}")
    return value


def _workers_count(text: str) -> int:
    """A count of processes: a whole number, at least 1 (argparse says which option, and exits 2)."""
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"at least 1 process, not {count}")
    return count


def _cmd_preview(args: argparse.Namespace) -> int:
    from ..inputs.loaders import load
    from ..outputs.html import preview

    output_format(args.output, None, {".html": "html", ".htm": "html"}, "a preview")
    out = args.output or Path(args.input).with_suffix(".html")
    if str(out) != STDOUT:
        refuse_clashes([(args.input, out)], [args.house_style])
    page = preview(load(args.input), args.house_style, public=args.public, record=args.record,
                   language=args.language)
    said = write_to(page.encode("utf-8"), out, args.force)
    print(said, file=sys.stderr if str(out) == STDOUT else sys.stdout)
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from ..checks.placeholders import open_items
    from ..drafting import new_report, new_report_yaml

    output_format(args.output, None, {".yaml": "yaml", ".yml": "yaml"}, "a new paper's input")
    report = new_report(args.organisation, args.kind, args.body, args.date, args.body_kind)
    said = write_to(new_report_yaml(report).encode("utf-8"), args.output, args.force)
    print(f"{said}: {len(open_items(report))} item(s) marked [TO COMPLETE: ...]",
          file=sys.stderr if str(args.output) == STDOUT else sys.stdout)
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from ..batch import render_many
    from ..progress import ProgressBar

    if args.force and args.skip_existing:
        raise Usage("--force and --skip-existing contradict each other")
    bar = ProgressBar(enabled=False if args.quiet else None)
    try:
        result = render_many(args.base, args.rows, args.out, template=args.template, workers=args.workers,
                             draft=args.draft, force=args.force, skip_existing=args.skip_existing, progress=bar,
                             house_style=args.house_style, format=args.format, public=args.public, **limits(args))
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


def _add_paper(sub: Any, name: str) -> None:  # render and record: the same arguments, but for two
    what, suffix = ("paper", "") if name == "render" else ("record", "_record")
    help_ = ("render inputs (YAML or JSON) to .docx (or tagged PDF) files" if name == "render" else
             "the decision record (decision, reasons, alternatives rejected, conflicts, call-in) from each "
             "input's 'decision:' block, to .docx or tagged PDF")
    p = sub.add_parser(name, help=help_)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="input file(s) (.yaml, .yml or .json)"
                   + (" with a 'decision:' block" if name == "record" else ""))
    p.add_argument("-o", "--output", type=Path, help=f"output .docx or .pdf, for one input (default: the "
                   f"input's name with {suffix}.docx); '-' writes it to standard output")
    p.add_argument("--format", choices=sorted(set(FORMATS.values())), help="output format (default: -o's extension, else "
                   "docx); pdf needs LibreOffice")
    p.add_argument("--out-dir", type=Path, help=f"folder for the {what}s, named after the inputs")
    p.add_argument("--template", help="built-in template name or path to a .docx (default: the house style's)")
    p.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.add_argument("--language", choices=["cy", "en"], help=f"a bilingual {what}'s version in this language "
                   "(default: each version, named paper.cy.docx and paper.en.docx)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--draft", action="store_true",
                      help="render with open [TO COMPLETE: ...] items highlighted, marked DRAFT")
    mode.add_argument("--final", action="store_true", help="refuse while anything is open (the default)")
    if name == "render":
        p.add_argument("--public", action="store_true", help="the version for publication: exempt parts "
                       "replaced by the Schedule 12A statement")
    _add_limits(p, "a render")
    p.set_defaults(func=_cmd_render, record=name == "record", public=False)

def _add_preview(sub: Any) -> None:
    p = sub.add_parser("preview", help="the paper as an HTML page for a browser, from the outline the .docx "
                       "is written from (labels, tables, placeholders highlighted)")
    p.add_argument("input", metavar="INPUT", help="input file (.yaml or .json)")
    p.add_argument("-o", "--output", type=Path, help="the .html to write (default: the input's name with .html)")
    p.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    p.add_argument("--public", action="store_true", help="the version for publication (exempt parts left out)")
    p.add_argument("--record", action="store_true", help="the decision record instead of the paper")
    p.add_argument("--language", choices=["cy", "en"], help="a bilingual paper's version in this language (default: "
                   "its first)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=_cmd_preview)

def _add_new(sub: Any) -> None:
    p = sub.add_parser("new", help="write a complete new paper's input YAML, placeholders marked")
    p.add_argument("--organisation", required=True, type=_non_blank, help="e.g. 'Rugby Borough Council'")
    p.add_argument("--kind", required=True, choices=[k.value for k in OrganisationKind],
                   help="kind of body ('other': not a local authority)")
    p.add_argument("--body", required=True, type=_non_blank, help="decision body as the paper names it, e.g. Cabinet")
    route = p.add_mutually_exclusive_group()
    route.add_argument("--route", dest="body_kind", choices=[k.value for k in BodyKind],
                       help="the decision route: full cabinet, executive, council, committee, an individual "
                       "cabinet_member decision or an officer decision under delegated powers (default: guessed "
                       "from --body); it chooses the wording and the house style")
    route.add_argument("--body-kind", dest="body_kind", choices=[k.value for k in BodyKind], help=argparse.SUPPRESS)
    p.add_argument("--date", type=iso_date, help="meeting date, YYYY-MM-DD (leave out while not known: the "
                   "paper gets a placeholder)")
    p.add_argument("-o", "--output", required=True, type=Path, help="the YAML file to write")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=_cmd_new)

def _add_batch(sub: Any) -> None:
    p = sub.add_parser("batch", help="one paper per CSV row over a base input (columns are field paths)")
    p.add_argument("rows", metavar="ROWS.csv", help="CSV whose header names dotted field paths, e.g. organisation.name")
    p.add_argument("--base", required=True, help="the base input (YAML or JSON) each row overrides")
    p.add_argument("--out", required=True, type=Path, help="folder for the papers")
    p.add_argument("--workers", type=_workers_count, help="processes to use (default: the cores this process may "
                   "use: its CPU affinity, and a container's CPU limit)")
    p.add_argument("--format", choices=sorted(set(FORMATS.values())), default="docx", help="output format (pdf: tagged, "
                   "through one LibreOffice process for the whole batch)")
    p.add_argument("--template", help="built-in template name or path to a .docx (default: the house style's)")
    p.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    p.add_argument("--draft", action="store_true", help="render drafts (open placeholders allowed)")
    p.add_argument("--force", action="store_true", help="overwrite existing files in the folder")
    p.add_argument("--skip-existing", action="store_true", help="leave papers already in the folder, quietly")
    p.add_argument("--public", action="store_true", help="the versions for publication: exempt parts replaced by "
                   "the Schedule 12A statement")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_limits(p, "a row")
    p.set_defaults(func=_cmd_batch)


#: Each command's parser, by name, in the order ``--help`` lists them: only the one a command line names is built.
COMMANDS: dict[str, Callable[[Any], None]] = {
    "render": functools.partial(_add_paper, name="render"),
    "record": functools.partial(_add_paper, name="record"),
    "preview": _add_preview,
    "new": _add_new,
    "batch": _add_batch,
}
