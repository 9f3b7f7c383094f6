"""Commands for the decision around a paper: its statutory timetable (the record is written by ``papers``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from .common import EXIT_OK, HOUSE_STYLE_HELP

__all__ = ["COMMANDS"]


def _cmd_timetable(args: argparse.Namespace) -> int:
    from ..content.dates import format_date
    from ..errors import InputError, Problem
    from ..models import Report
    from ..house_styles.style import resolve_house_style
    from ..inputs.loaders import load
    from ..governance.timetable import KEYS, timetable

    doc = load(args.input)
    if not isinstance(doc, Report):
        raise InputError([Problem("document", "a timetable is for a report's decision, not a commitment statement")],
                         args.input)
    style = resolve_house_style(args.house_style, doc)
    t = timetable(doc, style)  # its labels and rules in the style's language, as its dates
    if args.format == "json":
        print(json.dumps(t.as_dict(), indent=2, ensure_ascii=False))
        return EXIT_OK
    what = [t.nation.replace("_", " ").title(), t.route.replace("_", " ")]
    what += ["key decision"] if t.key_decision else []
    what += ["exempt information"] if t.exempt else []
    print(f"{doc.organisation.name}, {doc.meeting.body}: "
          f"{format_date(t.meeting, '{weekday} {day} {month} {year}', style.language)} "
          f"({', '.join(what)})")
    for key in KEYS:
        day, label = t.dates[key], t.rules[key]["label"]
        shown = f"{day.isoformat()}  {format_date(day, '{weekday} {day} {month} {year}', style.language):28}" if day else \
            f"{'-':10}  {'does not apply':28}"
        print(f"  {label:26} {shown} {t.rules[key]['says']}")
        print(f"  {'':26} {'':40} Source: {t.rules[key]['source']}")
    return EXIT_OK


def _add_timetable(sub: Any) -> None:
    p = sub.add_parser("timetable", help="the statutory timetable around the decision: forward plan, agenda, "
                       "decision record, call-in (each rule with its source)")
    p.add_argument("input", metavar="INPUT", help="the paper's input (.yaml or .json)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.add_argument("--house-style", help=HOUSE_STYLE_HELP)
    p.set_defaults(func=_cmd_timetable)


#: Each command's parser, by name, in the order ``--help`` lists them: only the one a command line names is built.
COMMANDS: dict[str, Callable[[Any], None]] = {
    "timetable": _add_timetable,
}
