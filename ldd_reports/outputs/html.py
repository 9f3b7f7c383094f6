"""The outline as HTML: a preview in a notebook (``_repr_html_``) or a browser (``ldd-reports preview``).

One more reader of the outline the Word writer reads: the same paragraphs, in the same order,
with the labels Word shows ("2.3", "a)") as text, tables as tables, exempt parts as marked
sections and open placeholders highlighted. It previews the words and structure, not the
template's page layout (fonts and margins are the .docx's business).
"""

from __future__ import annotations

import functools
import html
from importlib import resources
from typing import Any

from ..content.messages import Catalogue, catalogue
from ..errors import LddReportsError
from ..house_styles.style import StyleArg, resolve_house_style
from ..inputs.loaders import DocumentArg, as_document
from ..markup import parse
from ..outline.build import document_outline, outline_of
from ..outline.nodes import Block, Outline, Para, Piece, Region, Table
from ..outline.properties import core_properties

__all__ = ["notebook_html", "outline_html", "page_html", "preview"]

_SAFE_LINKS = ("http://", "https://", "mailto:")


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("ldd_reports.content").joinpath("preview.css").read_text(encoding="utf-8")


def preview(document: DocumentArg, house_style: StyleArg = None, *, public: bool = False,
            record: bool = False, language: str | None = None) -> str:
    """The document as a whole HTML page, from its outline in its house style (``ldd-reports preview``).

    ``public``: the version for publication; ``record``: the decision record (as :func:`render`);
    ``language``: a bilingual paper's version in it (default: the version given, the first language's).
    """
    doc = as_document(document)
    doc = doc.version(language) if language else doc
    style = resolve_house_style(house_style, doc)
    outline = document_outline(doc, style, public=public, record=record)
    properties = core_properties(doc, record=record, words=style.words)
    return page_html(outline, properties["title"], lang=properties["language"], words=style.words)


def notebook_html(document: Any) -> str:
    """What a notebook shows for a document: its preview, or the reason there is none (never a traceback)."""
    try:
        return outline_html(outline_of(document))
    except LddReportsError as e:
        said = html.escape(catalogue().text("preview.no_preview"))
        return f'<div class="ldd-preview-error"><strong>{said}</strong> <pre>{html.escape(str(e))}</pre></div>'


def page_html(outline: Outline, title: str, *, lang: str = "en-GB", draft: bool = False,
              words: Catalogue | None = None) -> str:
    """A whole HTML page for a browser."""
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n"
            f"{outline_html(outline, draft=draft, styled=False, words=words)}\n</body>\n</html>\n")


def outline_html(outline: Outline, *, draft: bool = False, styled: bool = True, words: Catalogue | None = None) -> str:
    """The document as one ``<div>`` (with its own scoped style when ``styled``, as a notebook shows it)."""
    writer = _Writer()
    body = "".join(writer.block(b) for _, b in outline.blocks())
    furniture = {k: writer.spans(text, False) for k, text in outline.furniture_text().items()}
    notes = "".join(f'<li id="ldd-note-{i}">{writer.spans(text, True)}</li>' for i, text in enumerate(writer.notes, 1))
    style = f"<style>{_css()}</style>" if styled else ""
    return ("<div class=\"ldd-preview\">" + style
            + (f'<p class="ldd-draft">{html.escape((words or catalogue()).text("preview.draft"))}</p>' if draft else "")
            + (f'<header class="ldd-running">{furniture["header"]}</header>' if furniture.get("header") else "")
            + f"<main>{body}</main>"
            + (f'<ol class="ldd-notes">{notes}</ol>' if notes else "")
            + (f'<footer class="ldd-running">{furniture["footer"]}</footer>' if furniture.get("footer") else "")
            + "</div>")


class _Writer:
    """Blocks to HTML; collects footnotes in order, numbered as Word numbers them."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def block(self, block: Block) -> str:
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Region):
            mark = "".join(self.piece(p) for p in block.mark)
            inner = "".join(self.block(b) for b in block.blocks)
            return f'<section class="ldd-region"><p class="ldd-mark">{mark}</p>{inner}</section>'
        return self.para(block)

    def table(self, table: Table) -> str:
        rows = []
        for r, row in enumerate(table.rows):
            cell_tag = "th" if r < table.header_rows else "td"
            scope = ' scope="col"' if cell_tag == "th" else ""
            cells = "".join(f"<{cell_tag}{scope}>{''.join(self.block(b) for b in cell)}</{cell_tag}>" for cell in row)
            rows.append(f"<tr>{cells}</tr>")
        head, body = rows[:table.header_rows], rows[table.header_rows:]
        return ("<table>" + (f"<thead>{''.join(head)}</thead>" if head else "")
                + f"<tbody>{''.join(body)}</tbody></table>")

    def para(self, para: Para) -> str:
        # The title is h1; headings of levels 1-3 are h2-h4, under it.
        tag = "h%d" % min(para.level + 1, 4) if para.role == "heading" else "h1" if para.role == "title" else "p"
        classes = [f"ldd-{para.role}"] + (["ldd-break"] if para.page_break else [])
        style = []
        if para.role == "heading":
            pass  # a heading's number sits in its line, as Word shows it
        elif para.numbering is not None and para.num is not None:
            scheme, _ = para.numbering
            style.append(f"margin-left:{para.indent + scheme.levels[para.num[1]].indent / 20:g}pt")
        elif para.indent:
            style.append(f"margin-left:{para.indent}pt")
        pieces = list(para.pieces)
        label = ""
        if para.label is not None:
            label = f'<span class="ldd-label">{html.escape(para.label)}</span>'
        if para.label_width:  # 'Label<tab>value': the label in a column of its own width
            tab = next((i for i, p in enumerate(pieces) if p.text == "\t"), None)
            if tab is not None:
                label = (f'<span class="ldd-field" style="min-width:{para.label_width}pt">'
                         + "".join(self.piece(p) for p in pieces[:tab]) + "</span>")
                pieces = pieces[tab + 1:]
        attrs = f' class="{" ".join(classes)}"' + (f' style="{";".join(style)}"' if style else "") \
            + (f' lang="{para.language}"' if para.language else "")
        return f"<{tag}{attrs}>{label}{''.join(self.piece(p) for p in pieces)}</{tag}>"

    def piece(self, piece: Piece) -> str:
        out = self.spans(piece.text, piece.markup)
        if piece.bold:
            out = f"<strong>{out}</strong>"
        if piece.link and piece.link.startswith(_SAFE_LINKS):
            out = f'<a href="{html.escape(piece.link)}">{out}</a>'
        return out

    def spans(self, text: str, markup: bool) -> str:
        out = []
        for span in parse(text, markup):
            if span.footnote is not None:
                self.notes.append(span.footnote)
                n = len(self.notes)
                out.append(f'<sup class="ldd-ref"><a href="#ldd-note-{n}">{n}</a></sup>')
                continue
            text_html = html.escape(span.text).replace("\n", "<br>")
            if span.placeholder:
                out.append(f'<mark class="ldd-placeholder">{text_html}</mark>')
                continue
            for on, tag in ((span.bold, "strong"), (span.italic, "em"), (span.underline, "u")):
                if on:
                    text_html = f"<{tag}>{text_html}</{tag}>"
            if span.link and span.link.startswith(_SAFE_LINKS):
                text_html = f'<a href="{html.escape(span.link)}">{text_html}</a>'
            out.append(text_html)
        return "".join(out)
