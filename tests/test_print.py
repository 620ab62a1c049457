"""The Word papers as printed: rendered by LibreOffice, checked page by page.

Skipped where LibreOffice is not installed. Every paper of a run — the digest, the report,
every feedback letter, the chase notices one per unit and as a list — is rendered once.
"""

from __future__ import annotations

import pytest

from .pages import Page, pages, problems, render, soffice
from .papers_run import Papers, run

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
pytest.importorskip("pdfplumber")


@pytest.fixture(scope="module", params=["sample", "small"])
def printed(request, tmp_path_factory) -> tuple[Papers, dict[str, list[Page]], list[str]]:
    folder = tmp_path_factory.mktemp(f"print-{request.param}")
    papers = run(request.param, folder)
    pdfs = render(papers.word_files, folder / "pdf")
    issuer = papers.result.consultation.issuer
    found = [problem for pdf in pdfs for problem in problems(pdf, (issuer,))]
    return papers, {pdf.stem: pages(pdf) for pdf in pdfs}, found


def test_no_page_is_nearly_empty_holds_only_a_signature_or_ends_with_a_heading(printed):
    _, _, found = printed
    assert found == []


def test_every_paper_was_rendered(printed):
    papers, rendered, _ = printed
    assert {path.stem for path in papers.word_files} == set(rendered)
    assert all(rendered[name] for name in rendered)


def test_a_letter_closes_with_its_signature_on_the_page_of_its_last_row(printed):
    papers, rendered, _ = printed
    issuer = papers.result.consultation.issuer
    for letter in papers.letters:
        last = rendered[letter.stem][-1]
        assert "特此函复。" in last.lines and issuer in last.lines
        assert any(line[:1].isdigit() for line in last.lines[: last.lines.index("特此函复。")])


def test_the_title_prints_in_the_lines_it_was_broken_into(printed):
    """No title line is wrapped again by the word processor, so no break falls inside
    "（征求意见稿）" or a word."""
    papers, rendered, _ = printed
    for path in papers.word_files:
        lines = _title_lines(path)
        assert lines and all(len(line) <= 20 for line in lines)
        printed_lines = [line.replace(" ", "") for line in rendered[path.stem][0].lines]
        assert all(line in printed_lines for line in lines), (path.name, lines, printed_lines[:4])
        assert not any(line.endswith("（征求意见") for line in lines)


def _title_lines(path) -> list[str]:
    from docx import Document

    from consolidate.papers.officedoc import TITLE_FONT

    document = Document(str(path))
    lines = []
    for paragraph in document.paragraphs:
        if paragraph.runs and paragraph.runs[0].font.name == TITLE_FONT:
            lines.append(paragraph.text)
        elif lines:
            break
    return lines


def test_a_chase_notice_starts_each_unit_on_its_own_page(printed):
    papers, rendered, _ = printed
    missing = [r.unit.name for r in papers.result.listed_units if r.status == "missing"]
    notices = rendered[papers.notices.stem]
    for unit in missing:
        assert sum(1 for page in notices if f"{unit}：" in page.lines) == 1


def test_the_check_sees_a_lone_signature_a_nearly_empty_page_and_a_heading_at_a_page_foot(tmp_path):
    from docx.enum.text import WD_BREAK

    from consolidate.papers import officedoc as od

    document = od.new_document()
    for n in range(19):
        od.paragraph(document, f"第{n + 1}行正文内容。")
    od.heading(document, "三、其他事项", 1).paragraph_format.keep_with_next = False
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    od.paragraph(document, "广西壮族自治区人力资源和社会保障厅", align="right")
    od.paragraph(document, "2023年4月20日", align="right")
    path = tmp_path / "bad.docx"
    document.save(str(path))
    (pdf,) = render([path], tmp_path / "pdf")
    found = problems(pdf, ("广西壮族自治区人力资源和社会保障厅",))
    assert any("holds only a signature" in p for p in found)
    assert any("nearly empty" in p for p in found)
    assert any("ends with a heading: 三、其他事项" in p for p in found), found
