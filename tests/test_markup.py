"""Inline markup: what is formatted, what stays literal, and escaping."""

from __future__ import annotations

import pytest

from ldd_reports.markup import escape, parse, plain_text


def fmt(text, markup=True):
    return [(s.text, s.bold, s.italic, s.underline, s.link, s.placeholder) for s in parse(text, markup)]


def test_bold_italic_underline_and_links():
    assert fmt("a **b** *c* ++d++ [e](https://x.org/p)") == [
        ("a ", False, False, False, None, False), ("b", True, False, False, None, False),
        (" ", False, False, False, None, False), ("c", False, True, False, None, False),
        (" ", False, False, False, None, False), ("d", False, False, True, None, False),
        (" ", False, False, False, None, False), ("e", False, False, False, "https://x.org/p", False)]


def test_nesting():
    assert fmt("*it **both** it*")[1] == ("both", True, True, False, None, False)


@pytest.mark.parametrize("text", ["5 * 3 * 2", "**unclosed", "a ** b", "[not a link](javascript:x)",
                                  "<u>x</u> & {{ y }} &amp; &#60;", "* starts a list", "price: 2*3", "snake_case_name",
                                  "a_file_name.py", "C:\\Users\\x", "line one\n   indented", "++ not underlined ++",
                                  "[relative](page.html)", "# not a heading", "> not a quote", "`not code`"])
def test_text_that_is_not_markup_stays_literal(text):
    assert plain_text(parse(text)) == text


def test_plain_mode_keeps_every_character():
    text = "**not bold** [x](https://y) \\*"
    assert fmt(text, markup=False) == [(text, False, False, False, None, False)]


def test_placeholders_are_found_in_both_modes():
    for markup in (True, False):
        spans = parse("Name: [TO COMPLETE: report author] end", markup)
        assert [s.placeholder for s in spans] == [False, True, False]


def test_escape_round_trips():
    text = r"a **b** [c](https://x) \ _d_ * e [^f] __g__ ++h++ (i)"
    assert plain_text(parse(escape(text))) == text
    assert [s.placeholder for s in parse(escape("x [TO COMPLETE: y] *z*"))] == [False, True, False]


def test_double_underscores_are_bold_as_in_markdown_and_underline_has_its_own_markers():
    assert fmt("__b__ _i_ ++u++") == [("b", True, False, False, None, False), (" ", False, False, False, None, False),
                                      ("i", False, True, False, None, False), (" ", False, False, False, None, False),
                                      ("u", False, False, True, None, False)]
    assert plain_text(parse("+++x+++")) == "+x+" and [s.underline for s in parse("+++x+++")] == [False, True, False]


def test_only_web_and_mail_links_are_links():
    assert fmt("[a](mailto:x@y.org) [b](file:///etc/passwd)") == [
        ("a", False, False, False, "mailto:x@y.org", False), (" [b](file:///etc/passwd)", False, False, False, None, False)]


def test_footnote_reference():
    spans = parse("boroughs[^Brent, Camden.] have")
    assert [(s.text, s.footnote) for s in spans] == [("boroughs", None), ("", "Brent, Camden."), (" have", None)]


# -- the library's own texts, parsed once into parsed_markup.json ----------------------------------
def test_each_text_the_library_keeps_parsed_is_what_markdown_it_gives():
    """parsed_markup.json holds markdown-it-py's spans for each text, and parse gives them (never the parser's
    other answer): a text with a link, one with bold, both kept."""
    from ldd_reports.markup import library_spans, parse_with_markdown_it

    kept = library_spans()
    assert any(span.link for spans in kept.values() for span in spans)
    assert any(span.bold for spans in kept.values() for span in spans)
    for text, spans in kept.items():
        assert parse_with_markdown_it(text) == spans, text
        assert tuple(parse(text)) == spans
        assert plain_text(list(spans)) != text  # each holds markup (its markers are not printed)


def test_a_text_not_kept_is_parsed_as_it_comes_and_a_kept_one_only_with_markup_on():
    from ldd_reports.markup import library_spans

    kept = next(iter(library_spans()))
    assert fmt(kept, markup=False) == [(kept, False, False, False, None, False)]  # plain text: as written
    changed = kept + " **now bold**"
    assert changed not in library_spans()
    assert fmt(changed)[-1] == ("now bold", True, False, False, None, False)


def test_a_paper_of_standard_content_never_imports_the_parser_and_an_officers_markup_does():
    """The batch's base (all its markup the library's) drafts without markdown-it-py; a paper whose officer
    wrote a link imports it and links it."""
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys, ldd_reports\n"
            "ldd_reports.render_bytes(ldd_reports.load('sample_inputs/batch_base.yaml'), draft=True)\n"
            "print('markdown_it' in sys.modules)\n"
            "doc = ldd_reports.load('sample_inputs/batch_base.yaml')\n"
            "doc.summary = ['See [the fund](https://localdigital.gov.uk/fund/).']\n"
            "data = ldd_reports.render_bytes(doc, draft=True)\n"
            "print('markdown_it' in sys.modules, b'localdigital.gov.uk/fund/' in __import__('zipfile').ZipFile("
            "__import__('io').BytesIO(data)).read('word/_rels/document.xml.rels'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.split() == ["False", "True", "True"]
