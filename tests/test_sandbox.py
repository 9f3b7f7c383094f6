"""Templates see data, not objects: nothing they do reaches the library's state, and nothing asks for gigabytes."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import time

import pytest

import ldd_reports
from ldd_reports import InputError, TemplateError

from conftest import ROOT, minimal_report, open_docx, sample_path
from docx_fixtures import build, make_template

WHEN = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)

REACHING = [
    "{{ _writer }}",
    "{{ _writer.docx._cache }}",
    "{{ doc.model_copy(update={'title': 'x'}) }}",
    "{{ doc.model_dump() }}",
    "{{ doc.check() }}",
    "{{ doc.organisation.__dict__ }}",
    "{{ fragments.__class__ }}",
    "{{ fragments.paper.__class__.__init__ }}",
    "{{ doc._fields }}",
    "{{ fragments._fields.update({'paper': 'x'}) }}",
    "{{ doc.sections.append(1) }}",
    "{% set x = doc.organisation.__setattr__('name', 'Evil') %}",
    "{{ doc.organisation }}",
    "{{ doc.__class__.__subclasses__() }}",
    "{{ fragments.body.__class__.__init__.__globals__ }}",
    "{{ range(10) }}",
    "{{ lipsum() }}",
]


@pytest.mark.parametrize("expression", REACHING)
def test_a_template_cannot_reach_objects_or_change_the_data(tmp_path, expression):
    template = make_template(tmp_path, build.p(expression))
    with pytest.raises(TemplateError):
        ldd_reports.render(minimal_report(), io.BytesIO(), template)


def test_after_hostile_templates_a_render_is_byte_identical_to_a_fresh_process(tmp_path):
    for i, expression in enumerate(REACHING):
        template = make_template(tmp_path, build.p(expression), name=f"t{i}.docx")
        try:
            ldd_reports.render(minimal_report(), io.BytesIO(), template)
        except TemplateError:
            pass
    source = sample_path("london_councils_executive_2019")
    here = ldd_reports.render_bytes(ldd_reports.load(source), when=WHEN)
    script = ("import sys, datetime as dt, ldd_reports; sys.stdout.buffer.write(ldd_reports.render_bytes("
              f"ldd_reports.load({str(source)!r}), when=dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc)))")
    fresh = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT, check=True).stdout
    assert here == fresh


def test_template_data_reads_like_the_model(tmp_path):
    template = make_template(tmp_path, build.p("{{ doc.organisation.name }}|{{ doc['meeting']['body'] }}|"
                                               "{{ doc.meeting.body_kind }}|{{ doc.meeting.date|date }}|"
                                               "{{ doc.recommendations.items|length }}|{{ doc.title.upper() }}"))
    out = tmp_path / "out.docx"
    ldd_reports.render(minimal_report(), out, template)
    assert open_docx(out).paragraphs[0].text == ("Rugby Borough Council|Cabinet|cabinet|10 December 2026|1|"
                                                 "LOCAL DIGITAL DECLARATION")


@pytest.mark.parametrize("expression", [
    "{{ 'a' * 10**9 }}",
    "{{ 10**9 * 'a' }}",
    "{{ 9 ** (9 ** 9) }}",
    "{{ 'x'|center(10**9) }}",
    "{{ 'x'|indent(10**9) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ 'x'.zfill(10**9) }}",
    "{{ '%999999999d'|format(1) }}",
    "{{ '%999999999d' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ ('a' * 100000)|replace('a', 'b' * 100000) }}",
    "{{ ('a' * 100000).replace('a', 'b' * 100000) }}",
    "{{ ('a' * 100000)|join('b' * 100000) }}",
    "{{ ('b' * 100000).join('a' * 100000) }}",
    "{{ fragments.paper|wordwrap(1, wrapstring=fragments.paper) }}",
])
def test_arithmetic_repetition_and_padding_are_capped(tmp_path, expression):
    template = make_template(tmp_path, build.p(expression))
    started = time.perf_counter()
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), template)
    assert "limit" in str(info.value) or "not available" in str(info.value)
    assert time.perf_counter() - started < 10  # refused before the work, not after it


@pytest.mark.parametrize("expression,raised", [
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError"),
    ("{{ 1 // 0 }}", "ZeroDivisionError"),
    ("{{ doc.organisation.name + 1 }}", "TypeError"),
])
def test_an_exception_from_a_templates_own_expression_is_a_template_error(tmp_path, expression, raised):
    template = make_template(tmp_path, build.p(expression))
    with pytest.raises(TemplateError, match=raised):
        ldd_reports.render(minimal_report(), io.BytesIO(), template)


def test_small_padding_and_arithmetic_still_work(tmp_path):
    template = make_template(tmp_path, build.p("{{ 'ab'|center(6) }}|{{ 2 ** 10 }}|{{ '-' * 3 }}|{{ '%03d'|format(7) }}"))
    out = tmp_path / "out.docx"
    ldd_reports.render(minimal_report(), out, template)
    assert open_docx(out).paragraphs[0].text == "  ab  |1024|---|007"


def test_a_date_format_with_a_huge_width_is_refused_on_its_field():
    data = minimal_report(date_format="{day:>300000000} {month} {year}")
    with pytest.raises(InputError) as info:
        ldd_reports.loads(__import__("json").dumps(data), "json")
    assert info.value.problems[0].field == "date_format"
    doc = ldd_reports.loads(__import__("json").dumps(minimal_report(date_format="{day:02}/{month} {year}")), "json")
    assert doc.date_format == "{day:02}/{month} {year}"
