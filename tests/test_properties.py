"""Property-based tests for the text parsers: they never raise, and splitting never
loses characters other than the numbering marks it removes."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidate.analysis.attribution import ClauseIndex, attribute_opinion, explicit_references
from consolidate.analysis.edits import parse_edits
from consolidate.consultation.draft import parse_draft
from consolidate.consultation.roster import Roster
from consolidate.intake.header import read_header
from consolidate.intake.numbering import split_numbered
from consolidate.intake.replies import is_no_opinion
from consolidate.text.dates import parse_date

from .conftest import DRAFT_LINES, UNITS

# Characters that official Chinese text and numbering are made of, plus anything.
_OFFICE = "第一二三四五六七八九十部分段条款项（）()1234567890.、．，。；;：“”‘’「」《》①②③建议将修改为删除增加技能人才\n "
office_text = st.one_of(st.text(alphabet=_OFFICE, max_size=120), st.text(max_size=80))
_MARKS = set("0123456789.．、，,)）(（①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳一二三四五六七八九十百零〇两是；; \n\t\u3000")


@given(office_text)
def test_splitting_loses_only_numbering_marks(text):
    preamble, items = split_numbered(text)
    kept = Counter(preamble + "".join(item.text for item in items))
    lost = Counter(text) - kept
    assert {ch for ch in lost if not ch.isspace()} <= _MARKS, lost


@given(office_text)
def test_a_split_keeps_the_items_in_order(text):
    _, items = split_numbered(text)
    assert [item.number for item in items] == list(range(1, len(items) + 1))


_draft = parse_draft(DRAFT_LINES)
_index = ClauseIndex(_draft)


@settings(max_examples=200, deadline=None)
@given(office_text, office_text)
def test_attribution_never_raises_and_names_real_clauses(text, hint):
    draft, index = _draft, _index
    placement = attribute_opinion(text, index, hint=hint)
    known = {c.id for c in draft.clauses}
    assert set(placement.clauses) <= known
    assert 0.0 <= placement.confidence <= 1.0
    assert set(explicit_references(text, index)) <= known


@given(office_text)
def test_edit_parsing_never_raises(text):
    for edit in parse_edits(text):
        assert edit.kind in {"replace", "delete", "insert_after", "insert_before"}


_roster = Roster(UNITS)


@given(st.text(max_size=60))
def test_unit_matching_never_raises(text):
    match = _roster.match(text)
    assert match is None or match.unit in UNITS
    found = _roster.find_in(text)
    assert found is None or found.unit in UNITS


@given(st.text(max_size=60))
def test_reply_parsers_never_raise(text):
    is_no_opinion(text)
    parse_date(text)
    read_header(text)
