from hypothesis import given
from hypothesis import strategies as st

from consolidate.intake.numbering import split_numbered


def test_splits_arabic_numbered_lines():
    preamble, items = split_numbered("1.建议将A改为B。\n2.建议删除C。")
    assert preamble == ""
    assert [i.text for i in items] == ["建议将A改为B。", "建议删除C。"]


def test_splits_bracketed_numbers_inside_one_line():
    _, items = split_numbered("建议如下：（1）增加甲；（2）删除乙")
    assert [i.text for i in items] == ["增加甲", "删除乙"]


def test_splits_circled_numbers():
    _, items = split_numbered("①甲②乙③丙")
    assert [i.number for i in items] == [1, 2, 3]


def test_splits_yi_shi_er_shi_style():
    _, items = split_numbered("一是加强统筹；二是加大投入。")
    assert [i.text for i in items] == ["加强统筹", "加大投入。"]


def test_keeps_the_preamble():
    preamble, items = split_numbered("经研究，提出以下意见：\n1.甲\n2.乙")
    assert preamble == "经研究，提出以下意见："
    assert len(items) == 2


def test_does_not_split_decimals_or_amounts():
    text = "建议奖励提高到3.5万元，2.0版本另议"
    assert split_numbered(text) == (text, [])


def test_does_not_split_clause_references():
    text = "建议三（1）修改；三（2）删除"
    assert split_numbered(text) == (text, [])


def test_a_single_numbered_item_is_not_a_list():
    text = "1.建议增加一条"
    assert split_numbered(text) == (text, [])


def test_items_must_count_from_one_in_order():
    text = "2.甲\n3.乙"
    assert split_numbered(text)[1] == []


_item = st.text(alphabet="建议增加删除修改甲乙丙丁技能人才培养，", min_size=1, max_size=30)


@given(st.lists(_item, min_size=2, max_size=9))
def test_numbered_lists_split_back_into_their_items(texts):
    joined = "\n".join(f"{n}.{t}" for n, t in enumerate(texts, start=1))
    _, items = split_numbered(joined)
    assert [i.text for i in items] == [t.strip().rstrip("；;").strip() for t in texts]


@given(st.text(max_size=80))
def test_never_loses_text(text):
    preamble, items = split_numbered(text)
    kept = preamble + "".join(i.text for i in items)
    # Only markers, separators and whitespace may disappear.
    assert len(kept) <= len(text)
    if not items:
        assert preamble == text.strip()
