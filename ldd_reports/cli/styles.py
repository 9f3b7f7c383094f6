"""Commands for a council's look: templates, house-styles, template init / check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import EXIT_INVALID, EXIT_OK, HOUSE_STYLE_HELP, STDOUT, output_format, write_to

__all__ = ["add_commands"]


def _cmd_house_styles(args: argparse.Namespace) -> int:
    from ..house_styles.style import house_style_names, resolve_house_style

    for name in house_style_names():
        print(f"{name:14} {resolve_house_style(name).description}")
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



def add_commands(sub: Any) -> None:
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
    t.add_argument("template", help="the .docx template, or a built-in template's name (see templates)")
    t.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    t.set_defaults(func=_cmd_template_check)
