import pytest
from hypothesis import given
from hypothesis import strategies as st

from consolidate.analysis.edits import ProposedEdit, locate, parse_edits, quoted_spans
from consolidate.papers.digest_docx import redline


@pytest.mark.parametrize(
    ("text", "edit"),
    [
        ("建议将“提高标准”修改为“落实标准”。", ProposedEdit("replace", "提高标准", "落实标准")),
        ("“揭榜领题”建议修改为“揭榜挂帅”。", ProposedEdit("replace", "揭榜领题", "揭榜挂帅")),
        ("“揭榜领题”改为“揭榜挂帅”", ProposedEdit("replace", "揭榜领题", "揭榜挂帅")),
        ("建议删除“明确按一定比例”。", ProposedEdit("delete", "明确按一定比例")),
        ("“年薪制”一句删除", ProposedEdit("delete", "年薪制")),
        ("在“技能比武”后增加“、师带徒”", ProposedEdit("insert_after", "技能比武", "、师带徒")),
        ("建议在“技能比武”后面增加“、师带徒”", ProposedEdit("insert_after", "技能比武", "、师带徒")),
        ("在“组织岗位练兵”前增加“定期”", ProposedEdit("insert_before", "组织岗位练兵", "定期")),
        ("建议将“各级职业教育经费”中的“各级”修改为“各级政府”", ProposedEdit("replace", "各级", "各级政府")),
        ("建议删除“职业教育经费按比例”中的“按比例”", ProposedEdit("delete", "按比例")),
        ('建议将"提高标准"修改为"落实标准"', ProposedEdit("replace", "提高标准", "落实标准")),
    ],
)
def test_parses_the_usual_wordings_of_an_edit(text, edit):
    assert parse_edits(text) == [edit]


def test_nested_quotations_stay_whole():
    text = "建议将“选择“八桂系列”劳务品牌等项目”修改为“选择“八桂系列”劳务品牌、传统工艺等项目”"
    assert parse_edits(text) == [
        ProposedEdit("replace", "选择“八桂系列”劳务品牌等项目", "选择“八桂系列”劳务品牌、传统工艺等项目")
    ]


def test_a_suggestion_without_quoted_draft_text_has_no_edit():
    assert parse_edits("建议增加“支持工会开展竞赛”的表述。") == []
    assert parse_edits("建议进一步细化。") == []


def test_locates_exact_and_misquoted_text():
    text = "加大资金投入，提高中等职业学校生均公用经费基本拨款标准，完善办学设施设备"
    exact = locate(ProposedEdit("delete", "加大资金投入"), text)
    assert (exact.start, exact.end, exact.exact) == (0, 6, True)
    fuzzy = locate(ProposedEdit("replace", "提高中等职业学校生均公用经费拨款标准", "x"), text)
    assert text[fuzzy.start : fuzzy.end] == "提高中等职业学校生均公用经费基本拨款标准"
    assert not fuzzy.exact


def test_text_not_in_the_clause_is_not_located():
    assert locate(ProposedEdit("delete", "完全不相干的一句话内容"), "加大资金投入，完善办学设施设备") is None


def test_redline_marks_deleted_and_inserted_text():
    text = "组织岗位练兵、技能比武、创先争优"
    located = locate(ProposedEdit("replace", "技能比武", "技能竞赛"), text)
    assert redline(text, located) == [
        ("组织岗位练兵、", ""),
        ("技能比武", "deleted"),
        ("技能竞赛", "inserted"),
        ("、创先争优", ""),
    ]


@given(st.lists(st.text(alphabet="甲乙丙丁戊“”", min_size=0, max_size=8), max_size=6))
def test_quoted_spans_are_always_inside_the_text(pieces):
    text = "".join(pieces)
    for start, end in quoted_spans(text):
        assert 0 < start <= end < len(text)
