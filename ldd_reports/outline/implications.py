"""Implications in the house style's layout: a heading each, run-in numbered paragraphs (grouped), or a table."""

from __future__ import annotations

from typing import Any

from ..content.wording import implication_wording
from ..models import ImplicationsSection
from .nodes import Block, Para, Piece, Table
from .outliner import SectionWriter

__all__ = ["implications"]


def _none(sentence: str, path: str) -> Piece:
    """The 'none arising' sentence, worded already (the catalogue's, or the house style's own)."""
    return Piece(sentence, f"{path}.none", "library", markup=True, message="implications.none")


def implications(w: SectionWriter, sec: ImplicationsSection, field: str, level: int, numbered: bool,
                 list_id: int | None, appendix: bool, heading: bool) -> list[Block]:
    """The implications of ``sec``; ``heading``: the section's own heading is already printed above."""
    rule = w.style.implications
    inner = level + 1 if heading else level  # a flat section's implications stand at its own level
    if rule.layout == "table":
        return [_table(w, sec, field)]
    if rule.layout == "run_in":
        return _run_in(w, sec, field, w.para_num(numbered, level, list_id, appendix))
    out: list[Block] = []
    for i, imp in enumerate(sec.items):
        path = f"{field}.items[{i}]"
        title, said, none_sentence = implication_wording(imp.kind.value, rule.kinds, w.words, w.fields)
        head = w.officer(imp.title, f"{path}.title") if imp.title else Piece(title, "", "house_style", message=said)
        tags = frozenset({f"implications:{imp.kind.value}"})
        out.append(w.heading(head, inner, w.heading_num(numbered, inner, list_id, appendix), tags=tags))
        own = w.para_num(numbered, inner, list_id, appendix)
        if imp.none:
            out += w.paras(_none(none_sentence, path), "paragraph" if own else "body", own)
        out += w.blocks(imp.content, f"{path}.content", own)
        out += _sign_off(w, imp, path)
    return out


def _sign_off(w: SectionWriter, imp: Any, path: str) -> list[Block]:
    """'Sign-off: Head of Finance' after an implication, where no table column shows it."""
    if not imp.sign_off:
        return []
    label = Piece(w.style.implications.sign_off_label, "", "house_style", True)
    return [*w.paras(w.officer(imp.sign_off, f"{path}.sign_off"), lead=[label, w.label(" ")])]


def _run_in_paras(w: SectionWriter, imp: Any, path: str, num: Any, role: str) -> list[Block]:
    """'**Financial Implications** \u2013 first paragraph'; the implication's other blocks follow."""
    title, said, none_sentence = implication_wording(imp.kind.value, w.style.implications.kinds, w.words, w.fields)
    head = w.officer(imp.title, f"{path}.title", bold=True) if imp.title else \
        Piece(title, "", "house_style", True, message=said)
    tags = frozenset({f"implications:{imp.kind.value}"})
    own = w.style.implications.kinds.get(imp.kind.value)
    lead = [head, w.label(own.separator if own is not None and own.separator is not None
                          else w.style.implications.separator)]
    if imp.none:
        return w.paras(_none(none_sentence, path), role, num, lead=lead, tags=tags) + \
            _sign_off(w, imp, path)
    if imp.content and isinstance(imp.content[0], str):
        out: list[Block] = [*w.paras(w.officer(imp.content[0], f"{path}.content[0]"), role, num, lead=lead,
                                     tags=tags)]
        rest, start = imp.content[1:], 1
    else:
        out, rest, start = [*w.paras(head, role, num, tags=tags)], imp.content, 0
    # Later paragraphs continue the numbering where the implication is a numbered paragraph itself.
    out += w.blocks(rest, f"{path}.content", num if role == "paragraph" else None, start)
    return out + _sign_off(w, imp, path)


def _run_in(w: SectionWriter, sec: ImplicationsSection, field: str, para: Any) -> list[Block]:
    """Numbered paragraphs with run-in titles; grouped kinds as a), b) under one paragraph ('Resources:')."""
    groups = {kind: g for g in w.style.implications.groups for kind in g.kinds}
    role = "paragraph" if para else "body"
    done: set[int] = set()
    out: list[Block] = []
    for i, imp in enumerate(sec.items):
        if i in done:
            continue
        group = groups.get(imp.kind.value)
        if group is None:
            out += _run_in_paras(w, imp, f"{field}.items[{i}]", para, role)
            continue
        members = [j for j, other in enumerate(sec.items) if other.kind.value in group.kinds]
        done.update(members)
        out += w.paras(w.label(group.title), role, para, keep_next=True)
        if w.sub_bullets:
            sub, sub_role = (w.bullets, 0), "bullet"
        else:  # a), b) under the numbered paragraph, or a list of their own where paragraphs are unnumbered
            sub, sub_role = ((para[0], para[1] + 1) if para else (w.o.new_list("lists"), 0)), "number"
        for j in members:
            out += _run_in_paras(w, sec.items[j], f"{field}.items[{j}]", sub, sub_role)
    return out


def _table(w: SectionWriter, sec: ImplicationsSection, field: str) -> Table:
    """One row per implication, in the columns the house style names (e.g. Issue | Implications | Sign-off)."""
    rule = w.style.implications
    rows: list[list[list[Block]]] = [[[Para([w.label(head)], "table_heading")] for head, _ in rule.columns]]
    for i, imp in enumerate(sec.items):
        path = f"{field}.items[{i}]"
        title, said, none_sentence = implication_wording(imp.kind.value, rule.kinds, w.words, w.fields)
        row: list[list[Block]] = []
        for _, what in rule.columns:
            if what == "title":
                piece = w.officer(imp.title, f"{path}.title") if imp.title else \
                    Piece(title, "", "house_style", message=said)
                row.append([Para([piece], "body", tags=frozenset({f"implications:{imp.kind.value}"}))])
            elif what == "sign_off":
                row.append([Para([w.officer(imp.sign_off, f"{path}.sign_off")] if imp.sign_off else [], "body")])
            elif imp.none:
                row.append(list(w.paras(_none(none_sentence, path))))
            else:
                row.append(w.blocks(imp.content, f"{path}.content", None) or [Para([], "body")])
        rows.append(row)
    return Table(rows, 1)
