"""One set of numbers: terminal, digest, JSON, ledger statistics and report agree, and add up."""

from __future__ import annotations

import json
import re

import pytest
from docx import Document

from consolidate.analysis.summary import Counts, counts, counts_from_statistics, counts_sentence, statistics
from consolidate.papers.ledger import read_ledger, read_ledger_contents, read_summary
from consolidate.papers.plain_text import summary_text

from .papers_run import Papers, run

_PATTERNS = {
    "consulted": r"共征求(\d+)个单位意见",
    "replied": r"收到(\d+)个单位反馈",
    "no_opinion": r"(\d+)个单位无修改意见",
    "with_opinions": r"(\d+)个单位提出修改意见\d+条",
    "opinions": r"\d+个单位提出修改意见(\d+)条",
    "needs_review": r"(\d+)个单位反馈内容待核实",
    "missing": r"(\d+)个单位未反馈",
    "late": r"含(\d+)个单位在[^）]*截止后反馈",
    "unlisted": r"另有(\d+)个名单外单位",
    "unlisted_opinions": r"名单外单位反馈意见(\d+)条",
}


def said(text: str) -> dict[str, int]:
    """The numbers a summary sentence states (0 for what it does not mention)."""
    found = {}
    text = re.sub(r"\s+", "", text)  # a terminal wraps the sentence
    for name, pattern in _PATTERNS.items():
        match = re.search(pattern, text)
        found[name] = int(match.group(1)) if match else 0
    return found


def stated(n: Counts) -> dict[str, int]:
    return {name: getattr(n, name) for name in _PATTERNS}


def docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module", params=["sample", "small"])
def papers(request, tmp_path_factory) -> Papers:
    return run(request.param, tmp_path_factory.mktemp(request.param))


def test_the_sentence_adds_up(papers):
    numbers = said(counts_sentence(counts(papers.result), 3, 31))
    assert numbers["consulted"] == numbers["replied"] + numbers["missing"]
    assert numbers["replied"] == numbers["no_opinion"] + numbers["with_opinions"] + numbers["needs_review"]


def test_the_run_counts_are_what_the_units_say(papers):
    n = counts(papers.result)
    listed = papers.result.listed_units
    assert n.consulted == len(papers.result.consultation.units)
    assert n.opinions + n.unlisted_opinions == len(papers.result.effective_opinions)
    assert n.with_opinions == sum(1 for u in listed if u.opinions)


def test_terminal_digest_json_ledger_and_report_state_the_same_numbers(papers):
    expected = stated(counts(papers.result))
    from rich.console import Console

    from consolidate.papers.terminal import print_summary

    console = Console(record=True, width=200)
    print_summary(papers.result, console)
    assert said(console.export_text()) == expected
    assert said(summary_text(papers.result)) == expected
    assert said(docx_text(papers.digest)) == expected
    data = json.loads(papers.json.read_text(encoding="utf-8"))["consultation"]["counts"]
    assert {name: data[name] for name in expected} == expected
    sheet = read_summary(papers.ledger)
    for label in (
        "征求意见单位数",
        "反馈单位数",
        "无修改意见单位数",
        "提出意见单位数",
        "意见条数",
        "未反馈单位数",
    ):
        name = dict((lab, field) for lab, field in _LABELS)[label]
        assert name in sheet.recorded and sheet.counts is not None, label
        assert getattr(sheet.counts, name) == expected[name], label
    report = docx_text(papers.report)
    if "late" not in sheet.recorded:
        # A ledger that does not record late replies: the report then claims no deadline.
        assert "截至" not in report and "截止后反馈" not in report
        expected = {**expected, "late": 0}
    assert said(report) == expected


_LABELS = (
    ("征求意见单位数", "consulted"), ("反馈单位数", "replied"), ("无修改意见单位数", "no_opinion"),
    ("提出意见单位数", "with_opinions"), ("意见条数", "opinions"), ("未反馈单位数", "missing"),
)  # fmt: skip


def test_the_report_reads_the_ledger_once_and_finds_what_the_two_readers_find(papers):
    contents = read_ledger_contents(papers.ledger)
    assert list(contents.rows) == read_ledger(papers.ledger)
    assert contents.summary == read_summary(papers.ledger)


def test_the_digest_lists_as_many_units_as_it_counts(papers):
    text = docx_text(papers.digest)
    n = counts(papers.result)
    assert f"提出修改意见的单位（{n.with_opinions}个）" in text
    assert f"无修改意见的单位（{n.no_opinion}个）" in text
    assert f"未反馈的单位（{n.missing}个）" in text


def test_the_reports_decisions_add_up_to_every_opinion_decided(papers):
    text = docx_text(papers.report)
    n = counts(papers.result)
    match = re.search(
        r"对以上(\d+)条意见，采纳(\d+)条，部分采纳(\d+)条，未采纳(\d+)条(?:，已吸收(\d+)条)?", text
    )
    assert match, text[:500]
    total, *decided = (int(x or 0) for x in match.groups())
    assert total == n.all_opinions == sum(decided)


def test_unlisted_respondents_are_said_apart_from_the_roster():
    n = Counts(consulted=42, replied=29, with_opinions=19, no_opinion=8, needs_review=2, missing=13,
               opinions=38, late=0, unlisted=1, unlisted_opinions=2)  # fmt: skip
    sentence = counts_sentence(n, 3, 31)
    assert "截至3月31日，收到29个单位反馈，其中8个单位无修改意见，19个单位提出修改意见38条" in sentence
    assert "另有1个名单外单位反馈意见2条（未计入以上单位数和意见数）" in sentence
    assert "。。" not in sentence


def test_late_replies_are_counted_inside_the_replies_not_beside_them():
    n = Counts(consulted=10, replied=6, with_opinions=4, no_opinion=2, needs_review=0, missing=4,
               opinions=9, late=2, unlisted=0, unlisted_opinions=0)  # fmt: skip
    sentence = counts_sentence(n, 3, 31)
    assert "收到6个单位反馈（含2个单位在3月31日截止后反馈）" in sentence
    assert said(sentence)["replied"] == 6 and "其中" in sentence and sentence.count("其中") == 1


def test_statistics_read_back_as_the_same_counts():
    n = Counts(consulted=42, replied=29, with_opinions=19, no_opinion=8, needs_review=2, missing=13,
               opinions=38, late=1, unlisted=1, unlisted_opinions=2, superseded=1, uncertain_placements=3)  # fmt: skip
    sheet = {label: str(value) for label, value in statistics(n)}
    assert counts_from_statistics(sheet) == n
    assert counts_from_statistics({"文件": "某某办法"}) is None
