"""The render pipeline: model -> fragments -> sandboxed template -> strict XML check -> .docx."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from pathlib import Path
from typing import IO, Any

import jinja2
from jinja2.exceptions import SecurityError
from lxml import etree

from markupsafe import Markup

from .checks.placeholders import open_items
from .content.messages import Catalogue, catalogue
from .errors import OpenItemsError, OutputExistsError, RenderError, TemplateError
from .governance.exempt import public_version
from .house_styles.style import HouseStyle, StyleArg, resolve_house_style
from .inputs.loaders import AnyDocument, DocumentArg, as_document
from .limits import DEFAULT_MEMORY, DEFAULT_SECONDS, bounded
from .markup import escape as markup_escape
from .models import Report
from .outline.build import document_outline
from .outline.fitting import fit
from .outline.nodes import Outline, Para, Piece
from .outline.nodes import Table as OTable
from .outline.properties import core_properties
from .outputs import FORMATS, OutputFormat
from .templating.safety import check_rendered
from .templating.sandbox import Record, printed_text, rendering, template_data
from .templating.templates import PreparedTemplate, prepare, resolve_template
from .content.dates import LANGUAGES
from .word.archive import zip_parts
from .word.package import add_footnotes, add_hyperlinks, add_numbering, core_xml, set_language, write_output
from .word.sections import SectionBreaks, add_region_headers, add_version_section, finish, version_break
from .word.wordml import PartWriter, with_language
from .word.writer import DocxWriter, first_ids, numbering_xml

__all__ = ["OutputFormat", "build_fragments", "laid_out_pages", "output_format", "planned_outputs", "render",
           "render_bytes", "template_context"]

_STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)
# A fragment's stand-in: its render's nonce, then its name. One pattern for every render (a pattern made
# with each new nonce would be compiled every render, and push other patterns out of re's cache).
_STAND_IN = re.compile("\ue000([0-9a-f]{16})([PF])(\\w+)\ue001")  # P: a fragment of the paper, F: furniture


def _render_part(prepared: PreparedTemplate, part: str, context: dict[str, Any],
                 fragments: dict[str, Markup] | None = None, furniture: dict[str, str] | None = None) -> bytes:
    """A templated part rendered and parsed strictly. With ``fragments`` (a body that only prints or tests
    them) or ``furniture`` (a part that only prints or tests the running header's and footer's words, each
    plain text), the template renders around stand-ins, that is parsed and checked (once, for a part that
    renders the same around them each time), then the library's own XML (a fragment, a word's escaped text)
    goes in their places: the paper's text is not parsed again on every render."""
    given = context
    placed: dict[str, dict[str, str]] = {}  # what goes in each stand-in's place, by its kind
    if fragments is not None:
        placed["P"] = {name: str(value) for name, value in fragments.items()}
    if furniture is not None:
        placed["F"] = furniture
    if placed:  # a stand-in no text can forge (a new nonce each render); an empty one stays empty
        nonce = secrets.token_hex(8)
        context = dict(context)
        for kind, group in (("P", "fragments"), ("F", "furniture")):
            if kind in placed:
                context[group] = Record({name: Markup(f"\ue000{nonce}{kind}{name}\ue001") if value else value
                                         for name, value in placed[kind].items()})
    try:
        xml = prepared.compiled[part].render(context)
    except SecurityError as e:
        raise TemplateError(f"{part}: not allowed in a template: {e}", prepared.name) from e
    except jinja2.UndefinedError as e:
        raise TemplateError(f"{part}: {e.message} (the template names something the input does not have)",
                            prepared.name) from e
    except jinja2.TemplateError as e:
        raise TemplateError(f"{part}: {e}", prepared.name) from e
    except MemoryError:
        raise  # the batch's memory bound reports it
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as e:
        # What a template's own expressions raise (1/0, a missing key, a macro calling itself).
        raise TemplateError(f"{part}: the template failed: {type(e).__name__}: {e}", prepared.name) from e
    xml = xml.replace("\n<w:p", "<w:p")
    if not placed:
        data = xml.encode("utf-8")
        _parsed_and_checked(prepared, part, data)
        return data
    shell = (part, *xml.split(nonce))
    if shell not in _CHECKED:
        root = _parsed_and_checked(prepared, part, xml.encode("utf-8"))
        marker = f"\ue000{nonce}"
        if xml.count(marker) != _in_text(root, marker):  # one in an attribute or a comment: render it whole
            return _render_part(prepared, part, given)
        words = marker + "F"  # a word's text goes only where a run's text is shown: in a field's instruction
        if words in xml and xml.count(words) != _in_shown_text(root, words):  # it would be a field unchecked
            return _render_part(prepared, part, given)
    xml = _STAND_IN.sub(lambda m: placed[m.group(2)][m.group(3)] if m.group(1) == nonce else m.group(), xml)
    if nonce in xml:  # a stand-in the template changed after all: render it whole
        return _render_part(prepared, part, given)
    _hold_checked(shell)
    return xml.encode("utf-8")


def _parsed_and_checked(prepared: PreparedTemplate, part: str, data: bytes) -> Any:
    """A rendered part parsed strictly and checked: one that does not parse is a bug or a broken template, and one
    with a fetching field or a DOCTYPE assembled from pieces is refused; never output."""
    try:
        root = etree.fromstring(data, _STRICT)
    except etree.XMLSyntaxError as e:
        raise TemplateError(f"{part}: rendered XML is not well-formed ({e})", prepared.name) from e
    check_rendered(part, root, prepared.name)
    return root


# Bodies rendered around stand-ins and found sound, by their text around the nonce: a later render the same
# but for its own nonce (every paper of a batch, as a rule) needs no parse. Sound because the nonce's 16 hex
# digits stand only in element text (checked), where other digits parse and check the same, and are all
# replaced. A body naming its row's council is held too, so the memo starts again when full.
_CHECKED: set[tuple[str, ...]] = set()
_CHECKED_MOST = 64


def _hold_checked(shell: tuple[str, ...]) -> None:
    if shell not in _CHECKED:
        if len(_CHECKED) >= _CHECKED_MOST:
            _CHECKED.clear()
        _CHECKED.add(shell)


def _in_shown_text(root: Any, marker: str) -> int:
    """How often ``marker`` stands in a run's shown text (a w:t), where text is only ever text."""
    return sum(node.text.count(marker) for node in root.iter(_SHOWN) if node.text)


_SHOWN = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _in_text(root: Any, marker: str) -> int:
    """How often ``marker`` stands in the text between elements (not in an attribute, a comment or an instruction)."""
    count = 0
    for node in root.iter():
        if isinstance(node.tag, str) and node.text:  # an element's own text (a comment's is not)
            count += node.text.count(marker)
        if node.tail:
            count += node.tail.count(marker)
    return count


def render_bytes(document: DocumentArg, template: str | os.PathLike[str] | None = None, *,
                 draft: bool = False, when: dt.datetime | None = None, house_style: StyleArg = None,
                 public: bool = False, record: bool = False, time_limit: float | None = DEFAULT_SECONDS,
                 memory_limit: int | None = DEFAULT_MEMORY, language: str | None = None) -> bytes:
    """Render ``document`` and return the .docx bytes (a bilingual paper's version in ``language``, by
    default the version it is: ``load`` gives the first language's).

    ``house_style`` is a built-in name, a .yaml path or a :class:`HouseStyle` (default: the
    document's own ``house_style``, else the one for its decision body); ``template`` overrides
    the house style's template. A final render (the default) refuses while any [TO COMPLETE: ...]
    placeholder is open, listing each with its field; a draft highlights them and is marked DRAFT.
    ``public``: the version for publication, every exempt part replaced by its Schedule 12A
    statement before anything reads the document (templates included). ``record``: the decision
    record of the report's ``decision`` block, in the paper's house style and template.
    ``time_limit`` (seconds) and ``memory_limit`` (bytes beyond what the process uses) bound the
    render as a batch row is bounded (None: unbounded; see :func:`ldd_reports.limits.bounded`):
    a template that loops for minutes or grows to gigabytes is a :class:`LimitExceeded` error.
    """
    doc = as_document(document)
    if language is not None:
        doc = doc.version(language)
    # A combined bilingual paper is every version in one document, unless one was asked for
    combined = bool(doc.languages) and doc.bilingual == "combined" and language is None
    with bounded(time_limit, memory_limit):
        return _render_bytes(doc, template, draft, when, house_style, public, record, combined)


_Version = tuple[AnyDocument, HouseStyle, Outline]


def _versions(document: AnyDocument, house_style: StyleArg, public: bool, record: bool, combined: bool
              ) -> list[_Version]:
    """The document (or, combined, each of its versions) with its house style and outline."""
    docs = [document.version(code) for code in document.languages] if combined else [document]
    given = resolve_house_style(house_style, document) if combined and house_style is not None else None
    out: list[_Version] = []
    for doc in docs:
        if combined:  # a style given is the one for the version in its language
            style = given if given is not None and given.language == doc.language else resolve_house_style(None, doc)
        else:
            style = resolve_house_style(house_style, doc)
        if public and isinstance(doc, Report):
            doc = public_version(doc, style.words)
        out.append((doc, style, document_outline(doc, style, public=public, record=record)))
    authoritative = out[0][1].authoritative if combined else None
    for _, style, outline in out if authoritative else ():  # which version rules, said in each
        message = f"bilingual.authoritative.{authoritative}"
        first = next(blocks for blocks in outline.parts.values() if blocks)
        first.insert(0, Para([Piece(style.words.text(message), "", "house_style", message=message)]))
    return out


def _render_bytes(document: AnyDocument, template: str | os.PathLike[str] | None, draft: bool,
                  when: dt.datetime | None, house_style: StyleArg, public: bool, record: bool,
                  combined: bool = False) -> bytes:
    versions = _versions(document, house_style, public, record, combined)
    document, style, outline = versions[0]
    properties = core_properties(document, draft, record, style.words)  # (the first version's open items read them)
    if not draft:
        still_open = [p for doc, each, outline_of in versions
                      for p in open_items(doc, outline_of, each.words, record, properties if doc is document else None)]
        if still_open:
            raise OpenItemsError(list(dict.fromkeys(still_open)))
    own = style.template_path(record=record) if isinstance(document, Report) else None
    prepared = prepare(resolve_template(template or own, document))
    fragments, writer = build_fragments(outline, prepared, document.text_format == "markup")
    if len(versions) > 1:
        _combine(fragments, writer, prepared, versions)
    markup = writer.markup
    parts = dict(prepared.parts)
    running = furniture_words(document, outline)
    printed = _printed(running, markup) if prepared.furniture_as_written else None  # (the same in each such part)
    data = template_context(document, outline, fragments, draft, style.words, running)
    for part in prepared.compiled:
        body = part == "word/document.xml"
        part_writer = writer if body else PartWriter(markup=markup, link_fields=False, ids=prepared.ids, notes=False)
        with rendering(part_writer, style.date_format_for(document), style.language):
            parts[part] = _render_part(prepared, part, data, fragments if body and prepared.placed_as_written else None,
                                       printed if part in prepared.furniture_as_written else None)
    first_abstract, first_num = first_ids(prepared.parts.get("word/numbering.xml"))
    numbering: bytes | None = prepared.parts.get("word/numbering.xml")
    for _, _, each in versions:  # the second version's lists after the first's
        numbering = numbering_xml(numbering, each, first_abstract, first_num)
        first_abstract, first_num = first_abstract + len(each.schemes), first_num + len(each.lists)
    add_numbering(parts, numbering or b"", prepared.rels_name)
    if len(versions) > 1:
        second, second_style, second_outline = versions[1]
        data = template_context(second, second_outline, fragments, draft, second_style.words)
        furniture = {}
        for part in prepared.compiled:
            if part.startswith(("word/header", "word/footer")):
                with rendering(PartWriter(markup=markup, link_fields=False, ids=prepared.ids, notes=False),
                               second_style.date_format_for(second), second_style.language):
                    furniture[part] = _render_part(prepared, part, data)
        add_version_section(parts, prepared.rels_name, furniture)
    add_footnotes(parts, writer.footnotes, prepared.rels_name)
    if writer.sections is not None and writer.sections.marks:
        parts["word/document.xml"] = finish(parts["word/document.xml"], writer.sections)
        add_region_headers(parts, prepared.rels_name, writer.sections)
    if writer.links:
        parts[prepared.rels_name] = add_hyperlinks(parts[prepared.rels_name], writer.links)
    parts["docProps/core.xml"] = core_xml(properties, when or dt.datetime.now(dt.timezone.utc))
    if style.language != "en":
        set_language(parts, LANGUAGES[style.language])
    return zip_parts(parts)


def furniture_words(document: AnyDocument, outline: Outline) -> dict[str, str]:
    """The running header's and footer's words as templates see them (``{{ furniture.header }}``)."""
    # Plain text cut to its line; escaped so that a '*' in it stays a '*' (placeholders stay live).
    as_written = markup_escape if document.text_format == "markup" else str
    return {k: as_written(fit(v)) for k, v in outline.furniture_text().items()}


def _printed(furniture: dict[str, str], markup: bool) -> dict[str, str] | None:
    """What ``{{ furniture.X }}`` prints for each of the words, where every one prints as plain text (else None:
    the part is rendered whole, its words' own runs parsed with it)."""
    printed = {name: printed_text(text, markup) if text else "" for name, text in furniture.items()}
    return None if any(value is None for value in printed.values()) else {k: str(v) for k, v in printed.items()}


def template_context(document: AnyDocument, outline: Outline, fragments: dict[str, Markup], draft: bool,
                     words: Catalogue | None = None, furniture: dict[str, str] | None = None) -> dict[str, Any]:
    """What templates see: plain read-only data, never the model, the writer or anything with a cache."""
    furniture = furniture if furniture is not None else furniture_words(document, outline)
    words = words or catalogue()
    # The built-in templates' own words, in the paper's language (a placeholder where it has none)
    template_words = {name: words.text(f"template.{name}") for name in ("draft_banner", "draft", "page", "page_of")}
    return {"doc": template_data(document), "fragments": Record(dict(fragments)),
            "furniture": Record(furniture), "words": Record(template_words), "draft": draft}


def build_fragments(outline: Outline, prepared: PreparedTemplate, markup: bool = True
                    ) -> tuple[dict[str, Markup], PartWriter]:
    """The Word XML of each part a template may place (and ``paper``, all of them), and its writer.

    Refuses a part with content that the template never places.
    """
    writer = PartWriter(markup=markup, ids=prepared.ids,
                        sections=SectionBreaks.of(prepared.parts.get("word/document.xml")))
    _, first_num = first_ids(prepared.parts.get("word/numbering.xml"))
    docx = DocxWriter(writer, prepared.numbered_styles, first_num, outline)
    fragments = {name: Markup(docx.blocks(blocks)) for name, blocks in outline.parts.items()}
    _all_shown(outline, prepared)
    last = next((blocks[-1] for blocks in reversed(list(outline.parts.values())) if blocks), None)
    # Word needs a paragraph after a table at the end of the body; otherwise there is none to add.
    fragments["paper"] = Markup("".join(fragments.values()) + ("<w:p/>" if isinstance(last, OTable) else ""))
    return fragments, writer


def _combine(fragments: dict[str, Markup], writer: PartWriter, prepared: PreparedTemplate,
             versions: list[_Version]) -> None:
    """A combined bilingual paper's body: the first version, a section break, the second version (its runs
    marked in its language; its lists numbered after the first's)."""
    if "paper" not in prepared.fragments_used:
        raise TemplateError("a combined bilingual paper needs a template that places the whole paper "
                            "({{p fragments.paper }}), as the built-in templates do", prepared.name)
    if any(next(outline.regions(), None) is not None for _, _, outline in versions) or writer.sections is None:
        raise TemplateError("a combined bilingual paper cannot yet hold exempt parts (each its own section): "
                            "publish the versions separately", prepared.name)
    _, first_num = first_ids(prepared.parts.get("word/numbering.xml"))
    second, _, outline = versions[1]
    docx = DocxWriter(writer, prepared.numbered_styles, first_num + len(versions[0][2].lists))
    body = "".join(docx.blocks(blocks) for blocks in outline.parts.values())
    last = next((blocks[-1] for blocks in reversed(list(outline.parts.values())) if blocks), None)
    fragments["paper"] = Markup(str(fragments["paper"]) + version_break(writer.sections.final)
                                + with_language(body, LANGUAGES[second.language])
                                + ("<w:p/>" if isinstance(last, OTable) else ""))


def _all_shown(outline: Outline, prepared: PreparedTemplate) -> None:
    """Refuse, never drop: every part with content must be placed by the template."""
    if "paper" in prepared.fragments_used:
        return
    missing = [name for name, blocks in outline.parts.items() if blocks and name not in prepared.fragments_used]
    if missing:
        raise TemplateError("the template never shows the paper's " + ", ".join(missing) + " (place "
                            + ", ".join("{{p fragments.%s }}" % m for m in missing)
                            + ", or {{p fragments.paper }} for the whole paper)", prepared.name)


def render(document: DocumentArg, out: str | os.PathLike[str] | IO[bytes],
           template: str | os.PathLike[str] | None = None, *, draft: bool = False, force: bool = False,
           house_style: StyleArg = None, format: OutputFormat | None = None, public: bool = False,
           record: bool = False, time_limit: float | None = DEFAULT_SECONDS,
           memory_limit: int | None = DEFAULT_MEMORY, language: str | None = None) -> None:
    """Render a document to ``out`` (a path, written atomically, or a binary stream).

    A bilingual paper published separately writes each version beside ``out``, named by language
    (``paper.cy.docx``, ``paper.en.docx``: :func:`planned_outputs`), unless ``language`` picks one.

    ``template`` is a built-in template's name or a path to a .docx; by default the house style's
    (see :func:`render_bytes`). ``format`` is 'docx' or 'pdf' (tagged PDF through LibreOffice; see
    :mod:`ldd_reports.outputs.pdf`); by default it follows the extension of ``out`` (.pdf), else .docx.
    ``public`` leaves exempt information out; ``record`` writes the decision record (see
    :func:`render_bytes`), as do ``time_limit`` and ``memory_limit`` (LibreOffice's own
    timeout bounds the PDF). An existing file at ``out`` is replaced only with ``force=True``.
    """
    fmt = format or output_format(out)
    given = as_document(document)
    planned = planned_outputs(given, out, language)
    # One version a file, unless a combined paper is written whole (its versions in one document)
    one = bool(given.languages) and (language is not None or given.bilingual == "separate")
    # Every version first (what is still open says more), then the files: never one version of two
    written = [(render_bytes(doc, template, draft=draft, house_style=house_style, public=public, record=record,
                             time_limit=time_limit, memory_limit=memory_limit, language=doc.language if one else None),
                doc, target) for doc, target in planned]
    for _, _, target in written:
        if not force and not hasattr(target, "write") and os.path.lexists(target):  # before LibreOffice's seconds
            raise OutputExistsError(str(target))
    if fmt == "pdf":
        from .outputs.pdf import docx_to_pdf, pdf_language

        # LibreOffice takes the title from the .docx's properties
        written = [(docx_to_pdf(data, language=pdf_language(doc.language),
                                output=None if hasattr(target, "write") else os.fspath(target)), doc, target)
                   for data, doc, target in written]
    for data, _, target in written:
        write_output(data, target, force=force)


def planned_outputs(document: AnyDocument, out: str | os.PathLike[str] | IO[bytes], language: str | None = None
                    ) -> list[tuple[AnyDocument, str | os.PathLike[str] | IO[bytes]]]:
    """What :func:`render` writes: each version of the paper (in one language) and where it goes."""
    if language is not None or not document.languages:
        return [(document.version(language) if language else document, out)]
    if document.bilingual == "combined":
        return [(document, out)]  # one document: every version, the first language's first
    if hasattr(out, "write"):
        raise RenderError("a bilingual paper published separately is one file per language: name a file (each "
                          "version goes beside it, paper.cy.docx and paper.en.docx) or pick one with language=")
    path = Path(os.fspath(out))
    return [(document.version(code), path.with_name(f"{path.stem}.{code}{path.suffix}"))
            for code in document.languages]


def output_format(out: str | os.PathLike[str] | IO[bytes]) -> OutputFormat:
    """The format of a path's extension (any case: .pdf is 'pdf'), else 'docx'."""
    if hasattr(out, "write"):
        return "docx"
    return FORMATS.get(os.path.splitext(os.fspath(out))[1].lower(), "docx")


def laid_out_pages(document: DocumentArg, house_style: StyleArg = None) -> int | None:
    """The sides of A4 the paper lays out on in LibreOffice (a draft render), or None without LibreOffice."""
    from .outputs.pdf import PdfError, count_pages, find_soffice

    try:
        find_soffice()
    except PdfError:
        return None
    return count_pages(render_bytes(document, draft=True, house_style=house_style))
