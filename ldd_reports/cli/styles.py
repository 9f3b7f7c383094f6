"""Commands for a council's look: templates, house-styles, template init / check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from collections.abc import Callable
from typing import Any

from .common import EXIT_INVALID, EXIT_OK, HOUSE_STYLE_HELP, STDOUT, Usage, output_format, write_to

__all__ = ["COMMANDS"]


def _cmd_house_styles(args: argparse.Namespace) -> int:
    from ..house_styles.style import builtin_source, house_style_names, resolve_house_style

    if args.copy:  # a built-in to start from, without digging in site-packages
        if args.output is None:
            raise Usage("--copy NAME needs -o ours.yaml (or -o - for standard output)")
        output_format(args.output, None, {".yaml": "yaml", ".yml": "yaml"}, "a house style")
        said = write_to(builtin_source(args.copy), args.output, args.force)
        print(f"{said}: set its name, then `ldd-reports render paper.yaml --house-style {args.output}`",
              file=sys.stderr if str(args.output) == STDOUT else sys.stdout)
        return EXIT_OK
    for name in house_style_names():
        print(f"{name:14} {resolve_house_style(name).description}")
    return EXIT_OK


def _cmd_wording(args: argparse.Namespace) -> int:
    from ..content.messages import vocabulary
    from ..house_styles.style import resolve_house_style

    words = resolve_house_style(args.house_style).words
    rows: list[dict[str, Any]] = [{"id": message_id, "text": words.text(message_id),
                                   "fields": sorted(vocabulary(message_id)),
                                   "house_style": message_id in words.overrides} for message_id in words.ids()
                                  if not args.ids or any(message_id.startswith(prefix) for prefix in args.ids)]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    every = vocabulary("")
    for row in rows:
        own = [f for f in row["fields"] if f not in every]
        mark = "*" if row["house_style"] else " "
        print(f"{mark} {row['id']}: {row['text']!r}" + (f"  (also {', '.join(own)})" if own else ""))
    print(f"{len(rows)} message(s); * the house style's own. Every message may use "
          f"{', '.join('{%s}' % f for f in sorted(every))}; '(also ...)' lists its own fields.")
    return EXIT_OK


def _cmd_template_init(args: argparse.Namespace) -> int:
    from ..templating.templates import resolve_template

    output_format(args.output, None, {".docx": "docx"}, "a template")
    source = resolve_template(args.source, None)
    said = write_to(source.read_bytes(), args.output, args.force)
    print(f"{said}: restyle it in Word or LibreOffice, then `ldd-reports template check {args.output}`",
          file=sys.stderr if str(args.output) == STDOUT else sys.stdout)
    return EXIT_OK


def _cmd_template_check(args: argparse.Namespace) -> int:
    from ..templating.check import check_template

    findings = check_template(args.template, args.house_style)
    for finding in findings:
        print(f"  {finding}")
    errors = sum(f.severity == "error" for f in findings)
    print(f"{args.template}: {errors} error(s), {len(findings) - errors} warning(s)")
    return EXIT_INVALID if errors else EXIT_OK


def _cmd_templates(args: argparse.Namespace) -> int:
    from ..templating.templates import list_templates

    for t in list_templates():
        print(f"{t.name:24} {t.description}")
    return EXIT_OK


def _add_templates(sub: Any) -> None:
    p = sub.add_parser("templates", help="list the built-in templates")
    p.set_defaults(func=_cmd_templates)

def _add_house_styles(sub: Any) -> None:
    p = sub.add_parser("house-styles", help="list the built-in house styles, or copy one to start from")
    p.add_argument("--copy", metavar="NAME", help="write the built-in house style NAME to -o, to make your own")
    p.add_argument("-o", "--output", type=Path, help="with --copy: the .yaml to write")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=_cmd_house_styles)

def _add_wording(sub: Any) -> None:
    p = sub.add_parser("wording", help="every message the library writes, by id, as a house style words it")
    p.add_argument("ids", nargs="*", metavar="PREFIX", help="only the ids that start so (e.g. record)")
    p.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    p.add_argument("--format", choices=["text", "json"], default="text", help="json: each id with its text, "
                   "the fields it may use and whether the house style sets it")
    p.set_defaults(func=_cmd_wording)

def _add_template(sub: Any) -> None:
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
    t.add_argument("template", help="the .docx template, or a built-in template's name (see templates)")
    t.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    t.set_defaults(func=_cmd_template_check)


#: Each command's parser, by name, in the order ``--help`` lists them: only the one a command line names is built.
COMMANDS: dict[str, Callable[[Any], None]] = {
    "templates": _add_templates,
    "house-styles": _add_house_styles,
    "wording": _add_wording,
    "template": _add_template,
}
