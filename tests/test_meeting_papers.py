"""What the meeting reads: no tool words, deletions struck through, clause order, letters
that say what became of each opinion."""

from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document

from consolidate.analysis.summary import counts
from consolidate.papers.report import clause_order

from .papers_run import Papers, run
from .test_counts import docx_text


@pytest.fixture(scope="module", params=["sample", "small"])
def papers(request, tmp_path_factory) -> Papers:
    return run(request.param, tmp_path_factory.mktemp(request.param))


def test_the_digest_and_report_name_no_ids_files_settings_or_options(papers):
    result = papers.result
    files = {f for r in result.returns for f in [r.file]} | {o.file for o in result.opinions if o.file}
    for path in (papers.digest, papers.report):
        text = docx_text(path)
        assert not any(o.id in text for o in result.opinions)
        assert not any(name in text for name in files if name)
        assert not re.search(r"consultation\.toml|aliases|overrides|--[a-z]", text)


def test_no_paper_doubles_its_full_stop(papers):
    for path in papers.word_files:
        assert "。。" not in docx_text(path), path.name


def test_report_rows_follow_the_drafts_clause_order(papers):
    table = Document(str(papers.report)).tables[-1]
    clauses = [row.cells[1].text for row in table.rows[1:]]
    assert len(clauses) == counts(papers.result).all_opinions
    keys = [clause_order(label) for label in clauses]
    assert keys == sorted(keys)


def test_each_letter_has_a_clause_column_and_an_opening_that_adds_up(papers):
    for path in papers.letters:
        document = Document(str(path))
        table = document.tables[0]
        assert [c.text for c in table.rows[0].cells][:3] == ["序号", "条款", "修改意见"]
        text = "\n".join(p.text for p in document.paragraphs)
        match = re.search(r"提出的(\d+)条修改意见收悉", text)
        assert match and int(match.group(1)) == len(table.rows) - 1
        decided = re.search(r"经认真研究，([^。]+)。", text).group(1)
        total = int(match.group(1))
        if "全部予以采纳" not in decided and "已予采纳" not in decided:
            assert sum(int(n) for n in re.findall(r"(\d+)条", decided)) == total
        assert "其余" not in text


def test_a_proposed_deletion_is_struck_through_in_the_digest(tmp_path):
    papers = run("small", tmp_path)
    with zipfile.ZipFile(papers.digest) as z:
        xml = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
    struck = {m.group(1) for m in re.finditer(r'<w:style w:type="character"[^>]*w:styleId="([^"]+)".*?</w:style>', styles, re.S)
              if "<w:strike" in m.group(0)}  # fmt: skip
    runs = re.findall(r'<w:r><w:rPr><w:rStyle w:val="([^"]+)"/></w:rPr><w:t[^>]*>([^<]*)</w:t>', xml)
    assert any(style in struck and text == "稳定招生规模" for style, text in runs)


def test_an_opinion_against_a_deletion_is_not_struck_through():
    from consolidate.analysis.review import struck_spans
    from consolidate.model import Opinion
    from consolidate.papers.digest_docx import _struck

    kept = Opinion("x", "自治区教育厅", "不宜删除“稳定招生规模”，该表述有政策依据。")
    assert not any(style.get("strike") for _, style in _struck(kept.text, struck_spans(kept)))
    dropped = Opinion("y", "自治区教育厅", "建议将“稳定招生规模”删除。")
    assert [t for t, style in _struck(dropped.text, struck_spans(dropped)) if style.get("strike")] == [
        "稳定招生规模"
    ]
