"""`ldd-reports template check`: what is wrong with a council's own Word template, and where."""

from __future__ import annotations

import os
import re
from ..checks.findings import Finding
from ..errors import TemplateError, close_matches
from ..house_styles.style import PARTS, HouseStyle, resolve_house_style
from ..models import CommitmentStatement, Report
from ..outline.outliner import schemes_for
from ..word.wordml import STYLE_NAMES
from .safety import sanitise
from .templates import (TEMPLATED, compile_part, fragments_used, parse_part, patch_tags, read_package,
                        resolve_template, style_table)

__all__ = ["check_template"]

_CONTEXT = {"doc", "fragments", "furniture", "words", "draft"}
_FRAGMENTS = set(PARTS) | {"paper", "statement"}
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_TAG = re.compile(r"\{[{%].*?[%}]\}")


def _did_you_mean(name: str, known: set[str]) -> str:
    close = close_matches(name, sorted(known), 1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _model_fields() -> dict[str, set[str]]:
    """Attribute names a template may use on doc (either document) and on its sub-models."""
    fields: dict[str, set[str]] = {"doc": set()}
    for model in (Report, CommitmentStatement):
        for name, info in model.model_fields.items():
            fields["doc"].add(name)
            sub = getattr(info.annotation, "model_fields", None)
            for arg in getattr(info.annotation, "__args__", ()):  # Optional[Person] and the like
                sub = sub or getattr(arg, "model_fields", None)
            if sub:
                fields.setdefault(name, set()).update(sub)
    return fields


def _variables(part: str, source: str) -> list[Finding]:
    from jinja2 import meta, nodes

    tree = parse_part(source)
    found = [Finding("error", part, f"unknown variable {name!r}{_did_you_mean(name, _CONTEXT)}", "unknown_variable")
             for name in sorted(meta.find_undeclared_variables(tree) - _CONTEXT)]
    known = _model_fields()
    for node in tree.find_all(nodes.Getattr):
        where = f"{part}, line {node.lineno}"
        if isinstance(node.node, nodes.Name) and node.node.name == "fragments" and node.attr not in _FRAGMENTS:
            found.append(Finding("error", where, f"no fragment {node.attr!r}{_did_you_mean(node.attr, _FRAGMENTS)}",
                                 "unknown_variable"))
        elif isinstance(node.node, nodes.Name) and node.node.name == "doc" and node.attr not in known["doc"]:
            found.append(Finding("error", where, f"the input has no field {node.attr!r}"
                                                 f"{_did_you_mean(node.attr, known['doc'])}", "unknown_variable"))
        elif (isinstance(node.node, nodes.Getattr) and isinstance(node.node.node, nodes.Name)
              and node.node.node.name == "doc" and node.node.attr in known and node.attr not in known[node.node.attr]):
            parent = node.node.attr
            found.append(Finding("error", where, f"{parent} has no field {node.attr!r}"
                                                 f"{_did_you_mean(node.attr, known[parent])}", "unknown_variable"))
    return found


def _split_tags(part: str, xml: str) -> list[Finding]:
    """Tags Word split across runs (docxtpl rejoins them, but formatting inside them is lost)."""
    found = []
    for n, para in enumerate(re.findall(r"<w:p[ >].*?</w:p>", xml, re.S), 1):
        texts = _TEXT.findall(para)
        whole = "".join(texts)
        for tag in _TAG.findall(whole):
            if not any(tag in t for t in texts):
                found.append(Finding("warning", f"{part}, paragraph {n}", f"the tag {tag!r} is split across runs "
                                     "(Word does this when part of it is formatted or spell-checked): retype it in "
                                     "one go, or format the whole tag alike", "split_tag"))
    return found


def _lists(parts: dict[str, bytes], style: HouseStyle, ids: dict[str, str]) -> list[Finding]:
    """Styles whose own numbering cannot show the labels the house style asks for."""
    numbering = parts.get("word/numbering.xml", b"").decode("utf-8", "replace")
    num_to_abstract = dict(re.findall(r'<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"', numbering))
    levels: dict[tuple[str, str], tuple[str, str]] = {}
    for abstract, body in re.findall(r'<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>(.*?)</w:abstractNum>',
                                     numbering, re.S):
        for ilvl, lvl in re.findall(r'<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>(.*?)</w:lvl>', body, re.S):
            fmt = re.search(r'<w:numFmt w:val="([^"]+)"', lvl)
            text = re.search(r'<w:lvlText w:val="([^"]*)"', lvl)
            levels[(abstract, ilvl)] = (fmt.group(1) if fmt else "", text.group(1) if text else "")
    schemes = schemes_for(style)
    para_level = 1 if style.numbering.paragraphs == "by_section" else 0
    wanted = {"paragraph": (schemes["paragraphs"], para_level), "number1": (schemes["lists"], 0)}
    if style.numbering.paragraphs == "by_section":
        wanted["heading1"] = (schemes["paragraphs"], 0)
    styles = parts.get("word/styles.xml", b"").decode("utf-8", "replace")
    found = []
    for role, (scheme, level) in wanted.items():
        body = re.search(rf'<w:style\b[^>]*w:styleId="{re.escape(ids[role])}"[^>]*>(.*?)</w:style>', styles, re.S)
        num = re.search(r'<w:numId w:val="(\d+)"/>', body.group(1)) if body else None
        if not num or num.group(1) == "0" or style.numbering.paragraphs == "none":
            continue
        ilvl = re.search(r'<w:ilvl w:val="(\d+)"/>', body.group(1))  # type: ignore[union-attr]
        have = levels.get((num_to_abstract.get(num.group(1), ""), ilvl.group(1) if ilvl else "0"))
        want = scheme.levels[level]
        if have != (want.fmt, want.text):
            shown = f"{have[1]!r} ({have[0]})" if have else "a list numbering.xml does not define"
            found.append(Finding("warning", f"word/styles.xml, style {STYLE_NAMES[role]!r}",
                                 f"numbers as {shown} but house style {style.name!r} labels these "
                                 f"{want.text!r} ({want.fmt}): the paper itself is numbered right, but paragraphs "
                                 "a clerk adds in Word with this style will not match", "list_definition"))
    return found


def check_template(path: str | os.PathLike[str], house_style: HouseStyle | str | None = None) -> list[Finding]:
    """Every problem with a .docx template, errors first; ``house_style`` for the lists and parts it needs."""
    style = resolve_house_style(house_style)
    try:
        p = resolve_template(path, None)  # a built-in's name too
        safe = sanitise(read_package(p), p.name)
    except TemplateError as e:
        return [Finding("error", os.fspath(path), str(e), "unsafe" if "not allowed" in str(e) else "unreadable")]
    parts = safe.parts
    found: list[Finding] = [Finding("warning", item.split(" ", 1)[0], f"removed at render: {item} is not allowed in "
                                    "a template", "stripped") for item in safe.stripped]
    by_name, _ = style_table(parts)
    missing = [n for n in STYLE_NAMES.values() if " ".join(n.lower().split()) not in by_name]
    found += [Finding("error", "word/styles.xml", f"no style named {n!r} (styles are found by name)", "missing_style")
              for n in missing]
    sources = {}
    for part, data in sorted(parts.items()):
        if not TEMPLATED.fullmatch(part):
            continue
        xml = data.decode("utf-8", "replace")
        found += _split_tags(part, xml)
        sources[part] = patch_tags(xml)
        try:
            compile_part(sources[part], part, p.name)
        except TemplateError as e:
            found.append(Finding("error", f"{part}, line {e.line}" if e.line else part,
                                 str(e).split(": ", 1)[-1], "syntax"))
            del sources[part]
            continue
        found += _variables(part, sources[part])
    used = fragments_used(sources) if sources else frozenset()
    is_statement = "statement" in used
    if "paper" not in used and not is_statement:
        found += [Finding("error", "word/document.xml", f"never shows the paper's {part} (place {{{{p fragments."
                                                        f"{part} }}}} or {{{{p fragments.paper }}}}); a paper that "
                                                        "has it is refused", "part_not_shown")
                  for part in style.parts if part not in used]
    if not missing:
        ids = {role: by_name[" ".join(n.lower().split())] for role, n in STYLE_NAMES.items()}
        found += _lists(parts, style, ids)
    return sorted(found, key=lambda f: f.severity != "error")

