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
    import house_style as hs  # type: ignore[import-not-found,no-redef]
else:
    from . import house_style as hs

HERE = Path(__file__).resolve().parent
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so a rebuild is byte-identical


def p(text: str = "", style: str | None = None, *, unnumbered: bool = False) -> str:
    """A template paragraph: one run whose text may hold Jinja tags (escaped as XML text)."""
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>' if unnumbered else "")
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def cell(width: int, *paras: str, header: bool = False) -> str:
    body = "".join(paras) or p()
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def row(*cells: str, header: bool = False) -> str:
    trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def table(widths: list[int], *rows: str) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def tag_row(tag: str, columns: int) -> str:
    """A table row that holds only a {%tr %} tag (docxtpl removes the row, keeps the tag)."""
    return row(cell(1000, p(tag)), *[cell(1000) for _ in range(columns - 1)])


H = "TableHeading"

CABINET_BODY = "".join([
    p("{{ doc.meeting.body }}", "Subtitle"),
    p("{{ doc.meeting.date|date }}", "Subtitle"),
    p("{%p if doc.meeting.item %}"),
    p("Agenda item {{ doc.meeting.item }}", "Subtitle"),
    p("{%p endif %}"),
    p("{{ doc.title }}", "Title"),
    p("{%p if doc.report_date %}"),
    p("Report dated {{ doc.report_date|date }}", "BodyText"),
    p("{%p endif %}"),
    p("{%p if doc.summary %}"),
    p("Summary", "Heading1", unnumbered=True),
    p("{{p fragments.summary }}"),
    p("{%p endif %}"),
    p("Recommendations", "Heading1", unnumbered=True),
    p("{{p fragments.recommendations }}"),
    p("{{p fragments.body }}"),
    p("Background Papers", "Heading1", unnumbered=True),
    p("{{p fragments.background_papers }}"),
    p("{%p if doc.contacts or doc.report_of or doc.lead_member %}"),
    table([2200, 3000, 3800],
          row(cell(2200, p("Role", H)), cell(3000, p("Name", H)), cell(3800, p("Contact Information", H)), header=True),
          tag_row("{%tr if doc.report_of %}", 3),
          row(cell(2200, p("Report of")), cell(3000, p("{{ doc.report_of.name }}")),
              cell(3800, p("{{ doc.report_of.job_title }}"))),
          tag_row("{%tr endif %}", 3),
          tag_row("{%tr for c in doc.contacts %}", 3),
          row(cell(2200, p("{{ c.role }}")), cell(3000, p("{{ [c.name, c.job_title]|lines }}")),
              cell(3800, p("{{ [c.email, c.telephone]|lines }}"))),
          tag_row("{%tr endfor %}", 3),
          tag_row("{%tr if doc.lead_member %}", 3),
          row(cell(2200, p("Lead Member")), cell(3000, p("{{ doc.lead_member.name }}")),
              cell(3800, p("{{ doc.lead_member.job_title }}"))),
          tag_row("{%tr endif %}", 3)),
    p("{%p endif %}"),
    p("{{p fragments.circulation }}"),
    p("{{p fragments.appendices }}"),
])

EXECUTIVE_BODY = "".join([
    p("{{ doc.meeting.body }}", "Subtitle"),
    p("{{ doc.meeting.date|date }}", "Subtitle"),
    table([2400, 6600],
          row(cell(2400, p("{{ doc.title }}", H)), cell(6600, p("{% if doc.meeting.item %}Item {{ doc.meeting.item }}"
                                                                 "{% endif %}", H)), header=True),
          tag_row("{%tr if doc.report_of %}", 2),
          row(cell(2400, p("Report by")), cell(6600, p("{{ doc.report_of.name }}"))),
          tag_row("{%tr endif %}", 2),
          tag_row("{%tr if doc.report_of and doc.report_of.job_title %}", 2),
          row(cell(2400, p("Job title")), cell(6600, p("{{ doc.report_of.job_title }}"))),
          tag_row("{%tr endif %}", 2),
          tag_row("{%tr if doc.report_date %}", 2),
          row(cell(2400, p("Date")), cell(6600, p("{{ doc.report_date|date }}"))),
          tag_row("{%tr endif %}", 2),
          tag_row("{%tr for c in doc.contacts %}", 2),
          row(cell(2400, p("{{ c.role or 'Contact Officer' }}")), cell(6600, p("{{ [c.name, c.job_title]|lines }}"))),
          tag_row("{%tr if c.telephone %}", 2),
          row(cell(2400, p("Telephone")), cell(6600, p("{{ c.telephone }}"))),
          tag_row("{%tr endif %}", 2),
          tag_row("{%tr if c.email %}", 2),
          row(cell(2400, p("Email")), cell(6600, p("{{ c.email }}"))),
          tag_row("{%tr endif %}", 2),
          tag_row("{%tr endfor %}", 2),
          tag_row("{%tr if doc.lead_member %}", 2),
          row(cell(2400, p("Lead member")), cell(6600, p("{{ [doc.lead_member.name, doc.lead_member.job_title]|lines }}"))),
          tag_row("{%tr endif %}", 2),
          row(cell(2400, p("Summary", H)), cell(6600, p("{{p fragments.summary }}"))),
          row(cell(2400, p("Recommendations", H)), cell(6600, p("{{p fragments.recommendations }}")))),
    p(),
    p("{{ doc.title }}", "Title"),
    p("{{p fragments.body }}"),
    p("{%p if doc.appendices %}"),
    p("Appendices", "Heading1", unnumbered=True),
    p("{{p fragments.appendix_list }}"),
    p("{%p endif %}"),
    p("Background papers", "Heading1", unnumbered=True),
    p("{{p fragments.background_papers }}"),
    p("{{p fragments.circulation }}"),
    p("{{p fragments.appendices }}"),
])

COMMITMENT_BODY = "".join([
    p("Signed on behalf of {{ doc.organisation.name }}", "Title"),
    p("{{ doc.pledge }}", "BodyText"),
    p("{{ doc.commitments_lead_in }}", "BodyText"),
    p("{{p fragments.commitments }}"),
    p("Signed:", "BodyText"),
    p(), p(),
    p("{{ doc.signatory.name }}", "BodyText"),
    p("{{ doc.signatory.role }}", "BodyText"),
    p("Date: {{ doc.date|date }}", "BodyText"),
])

TEMPLATES = {
    # name: (description, body, numbered headings, header text, footer text)
    "cabinet_report": ("Cabinet report, numbered headings (1.) and paragraphs (1.1); contacts table at the end",
                       CABINET_BODY, True, "{{ doc.organisation.name }}", "{{ doc.meeting.body }} \u2013 {{ doc.title }}"),
    "executive_report": ("Executive report: header block (Item, Report by, Date, contacts, Summary, "
                         "Recommendations), paragraphs numbered 1, 2, 3", EXECUTIVE_BODY, False,
                         "{{ doc.organisation.name }}", "{{ doc.meeting.body }} \u2013 {{ doc.title }}"),
    "commitment_statement": ("Signed commitment statement for the Local Digital Declaration", COMMITMENT_BODY, False,
                             "{{ doc.organisation.name }}", "Local Digital Declaration commitment"),
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
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
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
        ("rIdFootnotes", "footnotes", "footnotes.xml")))
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
    # A closing empty paragraph: the body then never ends on a table, which Word dislikes.
    document = f'{hs.XML_HEAD}<w:document {hs.W_NS}><w:body>{body}{p()}{SECT_PR}</w:body></w:document>'

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
    if stale:
        print("out of date (run python report_templates/build.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
