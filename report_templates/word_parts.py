"""The shared Word parts of every built-in template: styles, numbering, settings, header and footer.

Style names are the contract with ldd_reports.word.wordml.STYLE_NAMES (a template is matched by
name, not id). The paper's own numbering comes from its house style at render time; the
numbering here only serves paragraphs a clerk adds in Word: ``heading_numbers=True`` numbers
Heading 1 (1.) and Numbered Paragraph (1.1), False numbers paragraphs 1, 2, 3.
"""

from __future__ import annotations

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FONT = "Arial"


def _pstyle(sid: str, name: str, ppr: str = "", rpr: str = "", based: str = "Normal", nxt: str | None = None,
            ui: int = 10, extra: str = "") -> str:
    default = ' w:default="1"' if sid == "Normal" else ""
    return (f'<w:style w:type="paragraph"{default} w:styleId="{sid}"><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{based}"/>' if based else "")
            + (f'<w:next w:val="{nxt}"/>' if nxt else "")
            + f'{extra}<w:uiPriority w:val="{ui}"/><w:qFormat/>'
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>")


def _num(num_id: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def styles_xml(heading_numbers: bool) -> str:
    h1_num = _num(1, 0) if heading_numbers else ""
    h2_num = _num(1, 1) if heading_numbers else ""
    para_num = _num(1, 1) if heading_numbers else _num(1, 0)
    styles = [
        _pstyle("Normal", "Normal", '<w:spacing w:after="120" w:line="276" w:lineRule="auto"/>', based="", ui=0),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        # The title is the document's first heading (level 1), for screen readers and PDF bookmarks.
        _pstyle("Title", "Title", '<w:keepNext/><w:spacing w:after="240"/><w:outlineLvl w:val="0"/>',
                '<w:b/><w:sz w:val="44"/><w:szCs w:val="44"/>', nxt="Normal"),
        _pstyle("Subtitle", "Subtitle", '<w:spacing w:after="240"/>', '<w:sz w:val="28"/><w:szCs w:val="28"/>',
                nxt="Normal", ui=11),
        _pstyle("Heading1", "heading 1", f'<w:keepNext/>{h1_num}<w:spacing w:before="360" w:after="120"/>'
                '<w:outlineLvl w:val="0"/>', '<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>', nxt="Normal", ui=9),
        _pstyle("Heading2", "heading 2", f'<w:keepNext/>{h2_num}<w:spacing w:before="240" w:after="120"/>'
                '<w:outlineLvl w:val="1"/>', '<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>', nxt="Normal", ui=9),
        _pstyle("Heading3", "heading 3", '<w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/>',
                '<w:b/><w:i/>', nxt="Normal", ui=9),
        _pstyle("BodyText", "Body Text", "", "", ui=99),
        _pstyle("NumberedParagraph", "Numbered Paragraph", para_num, "", based="BodyText", ui=20),
        _pstyle("ListBullet", "List Bullet", _num(2, 0) + '<w:contextualSpacing/>', "", ui=99),
        _pstyle("ListBullet2", "List Bullet 2", _num(2, 1) + '<w:contextualSpacing/>', "", ui=99),
        _pstyle("ListBullet3", "List Bullet 3", _num(2, 2) + '<w:contextualSpacing/>', "", ui=99),
        _pstyle("ListNumber", "List Number", _num(3, 0) + '<w:contextualSpacing/>', "", ui=99),
        _pstyle("ListNumber2", "List Number 2", _num(3, 1) + '<w:contextualSpacing/>', "", ui=99),
        _pstyle("ListNumber3", "List Number 3", _num(3, 2) + '<w:contextualSpacing/>', "", ui=99),
        _pstyle("ListLetter", "List Letter", _num(4, 0), "", ui=99),
        # A draft says so on its first page, large and in a colour that contrasts (7:1 on white).
        _pstyle("DraftBanner", "Draft Banner", '<w:spacing w:after="240"/><w:jc w:val="center"/>',
            '<w:b/><w:color w:val="A00000"/><w:sz w:val="32"/><w:szCs w:val="32"/>', ui=99),
        _pstyle("TableHeading", "Table Heading", '<w:keepNext/><w:spacing w:after="60"/>', "<w:b/>", ui=50),
        _pstyle("Header", "header", '<w:tabs><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0"/>',
                '<w:sz w:val="18"/><w:szCs w:val="18"/>', ui=99),
        _pstyle("Footer", "footer", '<w:tabs><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:after="0"/>',
                '<w:sz w:val="18"/><w:szCs w:val="18"/>', ui=99),
        _pstyle("FootnoteText", "footnote text", '<w:spacing w:after="0"/>', '<w:sz w:val="20"/><w:szCs w:val="20"/>',
                ui=99),
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>',
        '<w:style w:type="character" w:styleId="Placeholder"><w:name w:val="Placeholder"/><w:uiPriority w:val="1"/>'
        '<w:qFormat/><w:rPr><w:b/></w:rPr></w:style>',  # the highlight is the runs' own: Word ignores one in a style
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="39"/><w:pPr><w:spacing w:before="60" w:after="60"/></w:pPr><w:tblPr><w:tblBorders>'
        + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                  for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders></w:tblPr></w:style>',
    ]
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
                f'w:cs="{FONT}"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB" w:eastAsia="en-GB" '
                'w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr>'
                '</w:pPrDefault></w:docDefaults>')
    return f'{XML_HEAD}<w:styles {W_NS}>{defaults}{"".join(styles)}</w:styles>'


def _lvl(ilvl: int, fmt: str, text: str, left: int, hanging: int = 567, style: str | None = None,
         font: str | None = None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{style}"/>' if style else "")
            + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>')


def numbering_xml(heading_numbers: bool) -> str:
    if heading_numbers:  # 1. Heading / 1.1 paragraph (Warwickshire)
        body = _lvl(0, "decimal", "%1.", 567) + _lvl(1, "decimal", "%1.%2", 567)
    else:  # paragraphs numbered 1, 2, 3 ... through the paper (London Councils)
        body = _lvl(0, "decimal", "%1.", 567) + _lvl(1, "lowerLetter", "(%2)", 1134)
    abstracts = [
        (1, "multilevel", body),
        (2, "hybridMultilevel", _lvl(0, "bullet", "\u2022", 567, font=FONT) + _lvl(1, "bullet", "\u2013", 1134, font=FONT)
         + _lvl(2, "bullet", "\u25aa", 1701, font=FONT)),
        (3, "hybridMultilevel", _lvl(0, "decimal", "%1.", 567) + _lvl(1, "lowerLetter", "%2)", 1134)
         + _lvl(2, "lowerRoman", "%3)", 1701)),
        (4, "singleLevel", _lvl(0, "upperLetter", "%1.", 567)),
    ]
    xml = "".join(f'<w:abstractNum w:abstractNumId="{i}"><w:multiLevelType w:val="{t}"/>{lv}</w:abstractNum>'
                  for i, t, lv in abstracts)
    xml += "".join(f'<w:num w:numId="{i}"><w:abstractNumId w:val="{i}"/></w:num>' for i, _, _ in abstracts)
    return f"{XML_HEAD}<w:numbering {W_NS}>{xml}</w:numbering>"


SETTINGS_XML = (f'{XML_HEAD}<w:settings {W_NS}><w:defaultTabStop w:val="720"/>'
                '<w:characterSpacingControl w:val="doNotCompress"/>'
                '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
                '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
                'w:val="15"/></w:compat><w:themeFontLang w:val="en-GB"/></w:settings>')

FONT_TABLE_XML = (f'{XML_HEAD}<w:fonts {W_NS}><w:font w:name="{FONT}"><w:panose1 w:val="020B0604020202020204"/>'
                  '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>')


def _field(code: str) -> str:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update as they lay out the pages."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {code} '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def header_xml(text: str) -> str:
    """Header: the (escaped, templated) text on the left; DRAFT at the one right tab while a draft.

    One tab stop, and the text fitted to the line before it (``fitting.fit``): it never wraps.
    """
    return (f'{XML_HEAD}<w:hdr {W_NS}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r><w:r><w:tab/></w:r>'
            '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{% if draft %}{{ words.draft }}{% endif %}</w:t></w:r>'
            '</w:p></w:hdr>')


def footer_xml(text: str) -> str:
    """Footer: the (templated) text on the left, 'Page N of M' on the right (its words the catalogue's)."""
    return (f'{XML_HEAD}<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r><w:r><w:tab/></w:r>'
            f'<w:r><w:t xml:space="preserve">{{{{ words.page }}}}</w:t></w:r>{_field("PAGE")}'
            f'<w:r><w:t xml:space="preserve">{{{{ words.page_of }}}}</w:t></w:r>{_field("NUMPAGES")}</w:p></w:ftr>')


# Footnotes part: Word requires the separator (-1) and continuation separator (0) notes.
FOOTNOTES_XML = (f'{XML_HEAD}<w:footnotes {W_NS}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                 'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                 'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>')

# The theme every Word document has (Word's own "Office" colours; Arial as both theme fonts, as
# the styles use): without one, strict validators count an error on every file.
_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_COLOURS = (("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'), ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
            ("dk2", '<a:srgbClr val="44546A"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
            ("accent1", '<a:srgbClr val="4472C4"/>'), ("accent2", '<a:srgbClr val="ED7D31"/>'),
            ("accent3", '<a:srgbClr val="A5A5A5"/>'), ("accent4", '<a:srgbClr val="FFC000"/>'),
            ("accent5", '<a:srgbClr val="5B9BD5"/>'), ("accent6", '<a:srgbClr val="70AD47"/>'),
            ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>'))
_FONTS = f'<a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/>'
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
THEME_XML = (f'{XML_HEAD}<a:theme {_A} name="Office Theme"><a:themeElements>'
             '<a:clrScheme name="Office">' + "".join(f"<a:{k}>{v}</a:{k}>" for k, v in _COLOURS) + '</a:clrScheme>'
             f'<a:fontScheme name="ldd-reports"><a:majorFont>{_FONTS}</a:majorFont><a:minorFont>{_FONTS}</a:minorFont>'
             '</a:fontScheme><a:fmtScheme name="Office">'
             f'<a:fillStyleLst>{_FILL * 3}</a:fillStyleLst><a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>'
             '<a:effectStyleLst>' + '<a:effectStyle><a:effectLst/></a:effectStyle>' * 3 + '</a:effectStyleLst>'
             f'<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
             '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')
