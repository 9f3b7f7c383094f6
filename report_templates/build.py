"""Rebuild the built-in .docx templates from code, byte for byte (``--check`` compares instead).

    python report_templates/build.py          # rewrite the .docx files beside this script
    python report_templates/build.py --check  # exit 1 if a checked-in file differs from its build

Each template is its layout: the order of the parts, fixed wording, tables and page furniture.
Content comes in as fragments (``{{p fragments.body }}``) built from the model; tags follow
docxtpl's syntax (``{{p``, ``{%p``, ``{%tr``), so a council's own template made in Word works
the same way.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import word_parts as hs  # type: ignore[import-not-found,no-redef]
else:
    from . import word_parts as hs

HERE = Path(__file__).resolve().parent
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so a rebuild is byte-identical


def p(text: str = "", style: str | None = None, *, unnumbered: bool = False) -> str:
    """A template paragraph: one run whose text may hold Jinja tags (escaped as XML text)."""
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>' if unnumbered else "")
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


# The paper's structure (header block, numbering, positions) comes from its house style; a
# template places it (all of it, or part by part: fragments.header_block, fragments.body ...)
# and owns the look: styles, page, header and footer.
DRAFT_BANNER = (p("{%p if draft %}") + p("{{ words.draft_banner }}", "DraftBanner")
                + p("{%p endif %}"))
REPORT_BODY = DRAFT_BANNER + p("{{p fragments.paper }}")
COMMITMENT_BODY = DRAFT_BANNER + p("{{p fragments.paper }}")

TEMPLATES = {
    # name: (description, body, numbered headings, header text, footer text)
    "cabinet_report": ("Cabinet report: Heading 1 and paragraphs numbered by style (1., 1.1) for text a clerk "
                       "adds", REPORT_BODY, True, "{{ furniture.header }}", "{{ furniture.footer }}"),
    "council_report": ("Council report: unnumbered headings, paragraphs numbered 1, 2, 3 by style",
                       REPORT_BODY, False, "{{ furniture.header }}", "{{ furniture.footer }}"),
    "executive_report": ("Executive report (London Councils' look): paragraphs numbered 1, 2, 3 by style",
                         REPORT_BODY, False, "{{ furniture.header }}", "{{ furniture.footer }}"),
    "commitment_statement": ("Signed commitment statement for the Local Digital Declaration", COMMITMENT_BODY, False,
                             "{{ furniture.header }}", "{{ furniture.footer }}"),
}

SECT_PR = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
           '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
           '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
           'w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>')

CONTENT_TYPES = (
    f'{hs.XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    + "".join(f'<Override PartName="/word/{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              f'wordprocessingml.{t}+xml"/>' for n, t in (("styles", "styles"), ("numbering", "numbering"),
                                                          ("settings", "settings"), ("fontTable", "fontTable"),
                                                          ("header1", "header"), ("footer1", "footer"),
                                                          ("footnotes", "footnotes")))
    + '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')

PACKAGE_RELS = (
    f'{hs.XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" '
    'Target="docProps/app.xml"/></Relationships>')

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = (
    f'{hs.XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + "".join(f'<Relationship Id="{i}" Type="{_REL}{t}" Target="{target}"/>' for i, t, target in (
        ("rIdStyles", "styles", "styles.xml"), ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"), ("rIdFontTable", "fontTable", "fontTable.xml"),
        ("rIdHeader1", "header", "header1.xml"), ("rIdFooter1", "footer", "footer1.xml"),
        ("rIdFootnotes", "footnotes", "footnotes.xml"), ("rIdTheme", "theme", "theme/theme1.xml")))
    + "</Relationships>")


def core_xml(title: str, description: str) -> str:
    return (f'{hs.XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:description>{escape(description)}</dc:description><dc:creator>ldd-reports</dc:creator><dc:language>en-GB</dc:language>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2018-07-04T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2018-07-04T00:00:00Z</dcterms:modified>'
            '</cp:coreProperties>')


APP_XML = (f'{hs.XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>ldd-reports</Application><DocSecurity>0</DocSecurity></Properties>')


def build(name: str) -> bytes:
    """The .docx bytes of one built-in template."""
    description, body, numbered, header, footer = TEMPLATES[name]
    # No closing empty paragraph (an empty tag in a PDF): the writer ends the paper on a paragraph.
    document = f'{hs.XML_HEAD}<w:document {hs.W_NS}><w:body>{body}{SECT_PR}</w:body></w:document>'

    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": core_xml(f"ldd-reports template: {name}", description),
        "docProps/app.xml": APP_XML,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": hs.styles_xml(numbered),
        "word/numbering.xml": hs.numbering_xml(numbered),
        "word/settings.xml": hs.SETTINGS_XML,
        "word/fontTable.xml": hs.FONT_TABLE_XML,
        "word/header1.xml": hs.header_xml(escape(header)),
        "word/footer1.xml": hs.footer_xml(escape(footer)),
        "word/footnotes.xml": hs.FOOTNOTES_XML,
        "word/theme/theme1.xml": hs.THEME_XML,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for part, xml in parts.items():
            info = zipfile.ZipInfo(part, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, xml.encode("utf-8"))
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing; exit 1 on a difference")
    ap.add_argument("--out", type=Path, default=HERE, help="folder to write to (default: beside this script)")
    args = ap.parse_args(argv)
    stale = []
    for name in TEMPLATES:
        target = args.out / f"{name}.docx"
        data = build(name)
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(target.name)
        else:
            target.write_bytes(data)
            print(f"wrote {target}")
    # The built-in templates' parts with their tags patched (docxtpl), so rendering never needs to load it
    from ldd_reports.templating.templates import PATCHED_FILE, patched_file

    target = args.out / PATCHED_FILE
    text = patched_file()
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:  # (a checkout may end lines \r\n)
            stale.append(target.name)
    else:
        target.write_bytes(text.encode("utf-8"))  # \n on every platform
        print(f"wrote {target}")
    if stale:
        print("out of date (run python report_templates/build.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
