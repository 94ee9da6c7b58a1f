"""``appraise report --format docx``: the appendix as an accessible Word document.

Read back with python-docx and its XML: the title and language, headings in order, every
table's repeating header row and unbreakable rows, no merged cells, every chart a picture
with alt text whose numbers are also in a table, the footer's page number and appendix label,
the council's reference document, and the same bytes from the same inputs.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import REPO, run_appraise
from docx.oxml.ns import qn

from appraisal.render.blocks import Cell, Column, Paragraph, Run, Table
from appraisal.render.word.markdown import inline, parse

W_LANG = qn("w:lang")


@pytest.fixture(scope="module")
def reference_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "appendix.docx"
    run = run_appraise("report", REPO, "--output", out)
    assert run.code == 0, run.err
    return out


def headings(document: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs
            if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Title")]


def test_title_and_language_are_in_the_properties_and_the_default_style(reference_docx: Path) -> None:
    document = docx.Document(str(reference_docx))
    props = document.core_properties
    assert props.title == "Children's Centre services commissioning options"
    assert props.language == "en-GB"
    assert props.author == "Bath and North East Somerset Council"
    assert props.created is not None and props.created.date().isoformat() == "2017-03-14"
    default = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert default.find(qn("w:rPr")).find(W_LANG).get(qn("w:val")) == "en-GB"


def test_headings_are_real_heading_styles_in_order(reference_docx: Path) -> None:
    found = headings(docx.Document(str(reference_docx)))
    assert found[0] == ("Title", "Children's Centre services commissioning options")
    level = 0
    for style, _ in found[1:]:
        this = int(style.removeprefix("Heading "))
        assert this <= level + 1, f"{style} follows Heading {level}"
        level = this
    sections = [text for style, text in found if style == "Heading 1"]
    assert sections == ["Recommendation", "Method", "Summary of the options", "Scoring matrix",
                        "The shortlisted options", "Options not taken forward", "Equality impacts", "Financial summary",
                        "Value for money", "Sensitivity", "Technical annex"]
    assert ("Heading 2", "Bring Bath West into the Council as one Council-managed Children's Centre service") in found
    assert ("Heading 3", "Scores") in found


def test_every_table_has_a_repeating_header_row_rows_that_do_not_split_and_no_merged_cells(
        reference_docx: Path) -> None:
    document = docx.Document(str(reference_docx))
    assert len(document.tables) > 20
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr is not None and rows[0].trPr.find(qn("w:tblHeader")) is not None
        for row in rows:
            assert row.trPr.find(qn("w:cantSplit")) is not None
        for row in rows[1:]:
            assert row.trPr.find(qn("w:tblHeader")) is None
        xml = table._tbl.xml
        assert "w:gridSpan" not in xml and "w:vMerge" not in xml and "w:hMerge" not in xml
        assert all(cell.text.strip() for cell in table.rows[0].cells), "an empty header cell"


def test_only_sections_with_a_table_too_wide_for_a4_portrait_are_set_landscape(
        reference_docx: Path) -> None:
    from docx.enum.section import WD_ORIENT

    document = docx.Document(str(reference_docx))
    sections = document.sections
    assert sections[0].orientation == WD_ORIENT.PORTRAIT and sections[0].page_width == 7_560_310  # A4
    # each landscape section starts at a section's heading; the scoring matrix's is one, the
    # options' (narrow tables) is not
    body = document.element.body
    breaks = [p for p in body.iterchildren() if p.find(".//" + qn("w:sectPr")) is not None]
    starts = [docx.text.paragraph.Paragraph(p.getnext(), document).text for p in breaks]
    landscape = [starts[i - 1] for i, s in enumerate(sections) if s.orientation == WD_ORIENT.LANDSCAPE]
    assert "Scoring matrix" in landscape and "The shortlisted options" not in landscape
    assert all(s.page_width == 10_692_130 for s in sections if s.orientation == WD_ORIENT.LANDSCAPE)
    for table in document.tables:
        widths = [cell.width for cell in table.rows[0].cells]
        assert all(w and w > 0 for w in widths)
        assert sum(widths) <= 10_692_130 - 2 * 720_000


def test_every_chart_is_a_picture_with_alt_text_and_its_numbers_in_a_table(reference_docx: Path) -> None:
    document = docx.Document(str(reference_docx))
    pictures = document.element.body.xpath(".//wp:docPr")
    assert len(pictures) == 3  # the scoring matrix's bars, value for money, rank probabilities
    alts = [p.get("descr") for p in pictures]
    titles = [p.get("title") for p in pictures]
    assert titles == ["Figure 1: Total points by option", "Figure 2: Cost and points by option",
                      "Figure 3: Share of samples in which each option took each place"]
    assert alts[0].startswith("A horizontal stacked bar for each of the 5 options")
    assert "74.45" in alts[0] and "67.33" in alts[0]
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"74.45", "67.33", "29.63"} <= cells
    assert alts[1].startswith("A scatter chart of the 5 options shown") and "efficiency frontier" in alts[1]
    assert "%" in alts[2]
    images = [p for p in zipfile.ZipFile(reference_docx).namelist() if p.startswith("word/media/")]
    assert len(images) == 3 and all(name.endswith(".png") for name in images)
    # the caption under each picture is short; the long description stays alt text, not printed
    captions = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert captions == titles
    assert not any(alt in p.text for alt in alts for p in document.paragraphs)
    # the Markdown's "(The HTML report draws this as a chart.)" gives way to the chart itself
    assert not any("The HTML report draws" in p.text for p in document.paragraphs)


def test_every_option_name_and_the_digest_are_in_the_document(reference_docx: Path) -> None:
    text = "\n".join([p.text for p in docx.Document(str(reference_docx)).paragraphs]
                     + [c.text for t in docx.Document(str(reference_docx)).tables
                        for row in t.rows for c in row.cells])
    for name in ("Bring Bath West into the Council as one Council-managed Children's Centre service",
                 "Tender one contract for one Children's Centre service",
                 "Include in Your Care Your Way (prime contract or dynamic purchasing system)"):
        assert name in text
    assert "B&NES" in text and "&amp;" not in text and "\\" not in text.replace("\\n", "")


def test_the_footer_has_the_page_number_and_the_appendix_label(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    assert run_appraise("report", REPO, "-o", out, "--appendix", "Appendix 3").code == 0
    footer = docx.Document(str(out)).sections[0].footer
    assert footer.paragraphs[-1].text.startswith("Appendix 3 – page ")
    instructions = [f.get(qn("w:instr")).strip() for f in footer._element.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_the_appendix_label_may_be_set_in_criteria_yaml(tmp_path: Path, reference_copy: Path) -> None:
    criteria = reference_copy / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace(
        "organisation:", "appendix: Appendix B\norganisation:", 1), encoding="utf-8")
    out = tmp_path / "a.docx"
    run = run_appraise("report", reference_copy, "-o", out)
    assert run.code == 0, run.err
    assert docx.Document(str(out)).sections[0].footer.paragraphs[-1].text.startswith("Appendix B – page")
    assert run_appraise("report", reference_copy, "-o", out, "--appendix", "Appendix 4").code == 0
    assert docx.Document(str(out)).sections[0].footer.paragraphs[-1].text.startswith("Appendix 4 – page")


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path, reference_docx: Path) -> None:
    again = tmp_path / "again.docx"
    assert run_appraise("report", REPO, "--format", "docx", "-o", again).code == 0
    assert again.read_bytes() == reference_docx.read_bytes()
    entries = zipfile.ZipFile(again).infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}


def council_template(path: Path) -> Path:
    """A council's Word template: Arial text, a dark red Heading 1, a header with its name."""
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(12)
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0x00, 0x00)
    document.sections[0].header.paragraphs[0].text = "Somewhere Council: Cabinet, 1 April 2026"
    document.add_paragraph("Template text that must not reach the report")
    document.save(str(path))
    return path


def test_a_reference_document_gives_its_styles_and_header(tmp_path: Path) -> None:
    template = council_template(tmp_path / "council.docx")
    out = tmp_path / "a.docx"
    run = run_appraise("report", REPO, "-o", out, "--reference-doc", template)
    assert run.code == 0, run.err
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Arial"
    assert document.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0x80, 0x00, 0x00)
    assert document.sections[0].header.paragraphs[0].text == "Somewhere Council: Cabinet, 1 April 2026"
    assert document.sections[0].footer.paragraphs[-1].text.startswith("Page ")
    assert not any("Template text" in p.text for p in document.paragraphs)
    assert headings(document)[1] == ("Heading 1", "Recommendation")


def test_a_reference_document_that_is_not_a_word_file_is_a_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "council.docx"
    bad.write_text("not a zip", encoding="utf-8")
    out = tmp_path / "a.docx"
    run = run_appraise("report", REPO, "-o", out, "--reference-doc", bad)
    assert run.code == 2
    assert run.err.startswith(f"{bad}:1:1: error: --reference-doc: it is not a Word document (.docx)")
    assert "save it as a Word Document (.docx)" in run.err and "Traceback" not in run.err
    assert not out.exists()


@pytest.mark.parametrize("args", [("--appendix", "Appendix 1"), ("--reference-doc", "x.docx")])
def test_document_options_need_a_document_format(tmp_path: Path, args: tuple[str, str]) -> None:
    run = run_appraise("report", REPO, "-o", tmp_path / "a.md", *args)
    assert run.code == 2
    assert f"{args[0]} is for --format docx or pdf, not markdown" in run.err


def test_an_html_template_cannot_lay_out_a_word_document(tmp_path: Path) -> None:
    template = tmp_path / "mine.html.j2"
    template.write_text("<p>{{ title }}</p>", encoding="utf-8")
    run = run_appraise("report", REPO, "-o", tmp_path / "a.docx", "--template", template)
    assert run.code == 2 and "must be a Markdown template (.md.j2)" in run.err


def test_a_word_document_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from appraisal.cli.documents import check_document_options
    from appraisal.errors import UsageError

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(UsageError, match="give --output FILE.docx"):
        check_document_options("docx", None, None, None, None)


def test_without_python_docx_the_message_says_what_to_install(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    out = tmp_path / "a.docx"
    run = run_appraise("report", REPO, "-o", out)
    assert run.code == 2
    assert "pip install python-docx Pillow" in run.err and not out.exists()


# The Markdown reader: what the bundled templates write, read back exactly.

def test_escapes_and_entities_are_undone_and_markup_becomes_looks() -> None:
    assert inline(r"**Preferred: A \*B\* &amp; C** (1 \| 2)") == (
        Run("Preferred: A *B* & C", bold=True), Run(" (1 | 2)"))
    assert inline("see [the method](#method) and `code`") == (
        Run("see "), Run("the method"), Run(" and "), Run("code", code=True))
    assert inline("2 * 3") == (Run("2 * 3"),)


def test_tables_lists_and_paragraphs_are_read_as_blocks() -> None:
    blocks = parse("Intro line\ngoes on.\n\n- one\n- two\n\n| A | B \\| C |\n| --- | ---: |\n| x | 1 |\n")
    assert blocks[0] == Paragraph((Run("Intro line goes on."),))
    assert [b.kind for b in blocks[1:3] if isinstance(b, Paragraph)] == ["bullet", "bullet"]
    table = blocks[3]
    assert isinstance(table, Table)
    assert table.columns == (Column("A", "prose"), Column("B | C", "number"))
    assert table.rows == ((Cell((Run("x"),)), Cell((Run("1"),))),)


TRICKY = r"A | B **not bold** <b>x</b> & C \ `tick` [link](#x) _u_ #1 2 * 3 {attr} $5^2"


def test_user_text_with_markdown_and_html_in_it_stays_text_in_word(tmp_path: Path,
                                                                   reference_copy: Path) -> None:
    option = reference_copy / "options" / "tender-one.yaml"
    lines = option.read_text(encoding="utf-8").splitlines()
    lines = ["name: '" + TRICKY.replace("'", "''") + "'" if line.startswith("name:") else line
             for line in lines]
    option.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "a.docx"
    run = run_appraise("report", reference_copy, "-o", out)
    assert run.code == 0, run.err
    document = docx.Document(str(out))
    assert ("Heading 2", TRICKY) in headings(document)
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert TRICKY in cells or f"{TRICKY} (baseline)" in cells
    bold = {r.text for p in document.paragraphs for r in p.runs if r.bold}
    assert "not bold" not in bold


def test_a_section_added_later_gets_its_chart_at_the_end_of_its_section() -> None:
    """A new section needs no Word code: its Markdown partial is read as blocks and its chart
    placed at its end as a figure with a short caption."""
    from appraisal.render.charts import stacked_bars
    from appraisal.render.word import render_docx
    from appraisal.render.word.markdown import parse
    from appraisal.report.document import build_document

    chart = stacked_bars([("Option A", [30.0, 20.0], "50.00", True)], ["One", "Two"])
    context = {"title": "T", "date_iso": "", "version": "0", "sections": [
        {"id": "later", "title": "Later", "data": {"chart": chart, "chart_title": "Later chart",
                                                   "chart_description": "Option A has 50 points."}},
        {"id": "last", "title": "Last", "data": {}}]}
    partials = {"later": "The panel met.\n\n| Who | Points |\n| --- | ---: |\n| A | 50 |\n", "last": "End.\n"}
    built = build_document(context, lambda section: parse(partials[section["id"]]))
    document = docx.Document(io.BytesIO(render_docx(built)))
    body = [p for p in document.element.body.iterchildren()]
    texts = [docx.text.paragraph.Paragraph(p, document).text if p.tag == qn("w:p") else "<table>"
             for p in body]
    picture = next(i for i, p in enumerate(body) if p.xpath(".//wp:docPr"))
    assert texts[picture + 1] == "Figure 1: Later chart"
    assert texts.index("<table>") < picture < texts.index("Last")
    assert body[picture].xpath(".//wp:docPr")[0].get("descr") == "Option A has 50 points."
    assert document.core_properties.created.year == 2000  # no date: a fixed one, not the clock


def test_a_bar_not_ranked_is_hatched_in_the_picture_as_in_the_svg() -> None:
    from PIL import Image

    from appraisal.render.word.charts import SCALE, chart_png

    def bar(y: float, ranked: bool) -> dict[str, object]:
        return {"y": y, "lines": ["Option"], "label": "o", "title": "Option", "total": "50.00",
                "total_x": 356, "ranked": ranked, "width": 250,
                "segments": [{"x": 100, "width": 250, "colour": "#1d70b8", "series": "One", "value": "50"}]}

    chart = {"width": 500, "height": 160, "plot_left": 100, "plot_right": 450, "plot_top": 0,
             "plot_bottom": 120, "bar_height": 24, "line_height": 18, "legend_row": 18,
             "ticks": [], "legend": [], "bars": [bar(20, True), bar(70, False)]}
    png = chart_png(chart)
    assert png is not None
    image = Image.open(io.BytesIO(png)).convert("RGB")

    def inks(y: float) -> int:
        row = [image.getpixel((x, round((y + 12) * SCALE))) for x in range(110 * SCALE, 340 * SCALE)]
        return sum(1 for p in row if max(p) < 40)

    assert inks(20) == 0 and inks(70) > 20


@pytest.mark.parametrize("character", ["£", "€", "–", "’", "ŵ", "é"])
def test_the_charts_font_draws_the_pound_sign_dashes_and_accented_letters(character: str) -> None:
    """Pillow's own font drew £, € and dashes as the box it draws for a character it lacks."""
    from appraisal.render.word.charts import chart_png

    def drawn(label: str) -> bytes:
        chart = {"width": 300, "height": 80, "plot_left": 100, "plot_right": 280, "plot_top": 0,
                 "plot_bottom": 60, "bar_height": 24, "line_height": 18, "legend_row": 18,
                 "ticks": [], "legend": [],
                 "bars": [{"y": 20, "lines": [f"{label}12m"], "label": "o", "title": "t", "total": "1",
                           "total_x": 200, "ranked": True, "width": 50, "segments": []}]}
        png = chart_png(chart)
        assert png is not None
        return png

    lacking = "\U0010fffd"  # a private-use code point: no font has a glyph for it
    assert drawn(character) != drawn(lacking)
