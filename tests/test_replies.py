import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consolidate.intake.header import read_header
from consolidate.intake.replies import is_no_opinion
from consolidate.text.dates import parse_date


@pytest.mark.parametrize(
    "text",
    ["无", "无修改意见", "无意见。", "原则同意", "同意", "没有意见", "暂无意见", "无异议",
     "经研究，我单位无修改意见。", "经研究，我厅对《若干措施》无修改意见。", "我市无修改意见。", "无意见，原则同意。"],
)  # fmt: skip
def test_recognises_no_opinion_replies(text):
    assert is_no_opinion(text)


@pytest.mark.parametrize(
    "text",
    [
        "无意见。但建议增加一条",
        "建议同意职业学校开展培训",
        "无修改意见，建议将“A”改为“B”",
        "",
        "/",
        "建议删除",
    ],
)
def test_an_opinion_after_no_opinion_words_is_an_opinion(text):
    assert not is_no_opinion(text)


def test_reads_header_line_with_unit_and_date():
    fields = read_header("单位名称（盖章）：自治区教育厅          填表时间：2023年3月28日")
    assert fields is not None
    assert (fields.unit, fields.date) == ("自治区教育厅", dt.date(2023, 3, 28))


def test_reads_blank_header_line_as_header_without_values():
    fields = read_header("单位名称（盖章）：                填表时间：  年  月  日")
    assert fields is not None
    assert (fields.unit, fields.date) == (None, None)


def test_reads_half_width_brackets_and_colons():
    fields = read_header("单位名称(盖章):广西税务局 填表时间:2023.3.30")
    assert fields is not None
    assert (fields.unit, fields.date) == ("广西税务局", dt.date(2023, 3, 30))


@pytest.mark.parametrize(
    "text",
    [
        "2023年3月28日",
        "2023-03-28",
        "2023.3.28",
        "2023/3/28",
        "２０２３年３月２８日",
        "二〇二三年三月二十八日",
        "2023 年 3 月 28 日",
    ],
)
def test_parses_dates_as_offices_type_them(text):
    assert parse_date(text) == dt.date(2023, 3, 28)


def test_an_impossible_date_is_no_date():
    assert parse_date("2023年2月30日") is None


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_written_date_parses_back(day):
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_date(day.isoformat()) == day


@pytest.mark.parametrize(
    "text",
    ["经研究，我局原则同意《若干措施》，无修改意见。", "经我办研究，无修改意见", "完全同意", "经研究，同意",
     "对征求意见稿无修改意见，原则同意"],
)  # fmt: skip
def test_recognises_longer_no_opinion_statements(text):
    assert is_no_opinion(text)


@pytest.mark.parametrize(
    "text", ["同意职业学校开展培训", "同意，但建议删除第三部分", "无修改意见，建议将“A”改为“B”"]
)
def test_agreement_followed_by_a_proposal_is_an_opinion(text):
    assert not is_no_opinion(text)


# --- the header line, field by field -------------------------------------------------


def test_reads_every_field_of_a_header_line():
    fields = read_header(
        "单位名称（盖章）：柳州市人力资源和社会保障局  联系人：韦小红  联系电话：0772-2826011  填表时间：2024.6.12"
    )
    assert fields == HeaderFields(
        "柳州市人力资源和社会保障局", dt.date(2024, 6, 12), "韦小红", "0772-2826011"
    )


def test_a_unit_written_against_the_next_labels_stops_before_them():
    assert read_header("单位名称（盖章）：南宁市财政局联系人联系电话").unit == "南宁市财政局"
    assert (
        read_header("单位名称：青海省地方金融监督管理局联系电话：0971-8481234").unit
        == "青海省地方金融监督管理局"
    )


def test_a_phone_number_typed_after_the_unit_is_the_phone():
    fields = read_header("单位名称：昆明市民政局 0871-63131234")
    assert (fields.unit, fields.phone) == ("昆明市民政局", "0871-63131234")


def test_a_name_padded_to_width_is_one_name():
    assert read_header("联系人：覃  丽        联系电话：0778-2281234").contact == "覃丽"


@pytest.mark.parametrize("text", ["时间节点应提前至2024年", "联系人制度应完善，建议增加联系电话", "单位名称应统一规范",
                                  "建议将“单位”改为“机构”"])  # fmt: skip
def test_a_sentence_that_starts_with_a_label_word_is_no_header(text):
    assert read_header(text) is None


_FIELD_LABELS = {
    "unit": [
        "单位名称（盖章）",
        "单位名称(盖章)",
        "填报单位",
        "反馈单位",
        "单位名称",
        "单位（盖章）",
        "报送单位（盖章）",
    ],
    "contact": ["联系人", "经办人"],
    "phone": ["联系电话", "电话", "手机", "联系方式"],
    "filler": ["填表人", "填报人"],
    "date": ["填表时间", "填表日期", "日期", "填报日期"],
}
_UNITS = ["自治区教育厅", "河池市人民政府", "中共江西省委网络安全和信息化委员会办公室", "郑州市市场监督管理局",
          "国家税务总局山东省税务局", "宁夏回族自治区农业农村厅", "武汉市江汉区人民政府", "共青团广西区委"]  # fmt: skip


@st.composite
def header_lines(draw):
    """A header line with its fields in any order, any separators, some left blank."""
    fields = draw(st.permutations(list(_FIELD_LABELS)))
    fields = [f for f in fields if f == "unit" or draw(st.booleans())]
    unit = draw(st.sampled_from(_UNITS))
    day = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)))
    values = {
        "unit": unit,
        "contact": draw(st.sampled_from(["张三", "韦小红", "欧阳娜", "王  五"])),
        "phone": draw(st.sampled_from(["0771-5851234", "13907712345", "020-38621234", "5856789"])),
        "filler": draw(st.sampled_from(["李四", "覃丽"])),
        "date": draw(st.sampled_from([f"{day.year}年{day.month}月{day.day}日", f"{day:%Y-%m-%d}",
                                      f"{day.year}.{day.month}.{day.day}"])),
    }  # fmt: skip
    blank = {f for f in fields if f != "unit" and draw(st.booleans())}
    parts = []
    for f in fields:
        label = draw(st.sampled_from(_FIELD_LABELS[f]))
        colon = (
            draw(st.sampled_from(["：", ":", "： ", ""]))
            if "（" in label or "(" in label
            else draw(st.sampled_from(["：", ":", "： "]))
        )
        value = draw(st.sampled_from(["", "____", "    "])) if f in blank else values[f]
        parts.append(f"{label}{colon}{value}")
    sep = draw(st.sampled_from(["  ", "    ", "\u3000\u3000", "\t", " "]))
    return sep.join(parts), unit, (day if "date" in fields and "date" not in blank else None)


@given(header_lines())
def test_the_unit_is_exactly_the_unit_in_any_header_layout(case):
    line, unit, day = case
    fields = read_header(line)
    assert fields is not None
    assert fields.unit == unit
    assert fields.date == day


# --- reply letters ---------------------------------------------------------------------

from consolidate.intake.header import HeaderFields  # noqa: E402
from consolidate.intake.replies import is_acknowledgement, is_closing, is_lead_in, on_behalf_of  # noqa: E402


@pytest.mark.parametrize("text", ["无其他意见", "其他无意见", "其他内容无修改意见", "除上述意见外，无其他意见",
                                  "其余无意见", "我局无修改和补充意见", "来函收悉，经研究，我局无意见",
                                  "经研究，我局无修改意见，请查收", "您好，附件为我委反馈意见表，我委无意见",
                                  "受河池市人民政府委托，经研究，我局对征求意见稿无修改意见"])  # fmt: skip
def test_recognises_no_opinion_in_letter_wording(text):
    assert is_no_opinion(text)


@pytest.mark.parametrize(
    "text", ["以上意见供参考。", "特此函复。", "此复", "特此复函", "请予酌处", "专此函复"]
)
def test_sign_offs_are_closings(text):
    assert is_closing(text)


@pytest.mark.parametrize("text", ["你委《关于征求〈若干措施〉意见的函》收悉。", "来函收悉。",
                                  "《关于征求〈湖南省养老服务条例〉意见的函》收悉", "你委陕发改函〔2024〕233号文收悉",
                                  "贵局5月28日来函悉"])  # fmt: skip
def test_acknowledgements_of_the_request(text):
    assert is_acknowledgement(text)


@pytest.mark.parametrize("text", ["现将有关意见函复如下：", "经研究，提出以下意见：", "受河池市人民政府委托，现将我局意见反馈如下：",
                                  "现将我局修改意见反馈如下（详见下表）。"])  # fmt: skip
def test_lead_ins_announce_opinions(text):
    assert is_lead_in(text)


def test_a_proposal_ending_in_as_follows_is_no_lead_in():
    assert not is_lead_in("建议将第三条修改如下：")


@pytest.mark.parametrize(
    ("text", "principal"),
    [("受河池市人民政府委托，现将我局意见反馈如下", "河池市人民政府"), ("代唐山市人民政府提出以下意见", "唐山市人民政府"),
     ("现代表市政府反馈如下：", "市政府"), ("我局代南宁市人民政府答复如下", "南宁市人民政府"),
     ("经大同市人民政府同意，现将有关意见函复如下", "大同市人民政府"), ("建议加快推进现代化产业体系建设", None),
     ("以新一代信息技术替代传统手段", None)],
)  # fmt: skip
def test_finds_the_unit_a_reply_answers_for(text, principal):
    assert on_behalf_of(text) == principal


_NOTHING_MORE = ["无意见", "无修改意见", "无其他意见", "其他无意见", "其余无意见", "原则同意", "经研究，我局无修改意见",
                 "除上述意见外无其他意见", "其他内容无修改意见", "同意"]  # fmt: skip
_PROPOSALS = st.builds(
    lambda verb, what: f"{verb}{what}",
    st.sampled_from(
        ["建议", "建议增加", "增加", "修改", "删除", "改为", "建议删除", "建议修改为", "将其改为"]
    ),
    st.sampled_from(["第三条", "“应当”", "乡村工匠内容", "第二部分第1段最后一句", "职业院校参与培训", ""]),
)


@given(
    st.sampled_from(_NOTHING_MORE), _PROPOSALS, st.sampled_from(["，", "。", "；", "，但", "。另外，", " "])
)
def test_no_opinion_words_never_swallow_a_proposed_change(no_opinion, proposal, joint):
    assert not is_no_opinion(f"{no_opinion}{joint}{proposal}")
    assert not is_closing(f"{no_opinion}{joint}{proposal}")


# --- reply letters in the folder of returns ----------------------------------------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from consolidate.documents.convert import find_soffice  # noqa: E402
from consolidate.pipeline import consolidate  # noqa: E402

from .factories import docx_form, docx_letter  # noqa: E402

DATA = Path(__file__).parent / "data"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def _units(consultation, folder):
    result = consolidate(consultation, folder)
    return result, {u.unit.name: u for u in result.units}


def test_a_reply_letter_with_no_opinion_is_a_no_opinion_reply_not_an_opinion(consultation, returns_dir):
    docx_letter(returns_dir / "复函.docx", [
        "自治区人力资源社会保障厅：",
        "你厅《关于征求〈若干措施〉意见的函》收悉。经研究，我厅无修改意见。",
        "特此函复。",
        "自治区财政厅",
        "2023年3月29日",
    ])  # fmt: skip
    result, units = _units(consultation, returns_dir)
    assert units["自治区财政厅"].status == "no_opinion"
    assert not result.opinions


def test_a_reply_on_behalf_of_a_city_counts_for_the_city(consultation, returns_dir):
    docx_letter(returns_dir / "南宁市教育局复函.docx", [
        "来函收悉。受南宁市人民政府委托，现将我局意见函复如下：",
        "建议在乡村工匠计划中增加职业院校参与内容。",
        "南宁市教育局",
    ])  # fmt: skip
    result, units = _units(consultation, returns_dir)
    report = units["南宁市人民政府"]
    assert (report.status, report.answered_by) == ("opinions", "南宁市教育局")
    assert [o.unit for o in result.opinions] == ["南宁市人民政府"]


def test_a_reply_for_the_city_without_its_name_takes_the_writers_city(consultation, returns_dir):
    docx_form(returns_dir / "意见.docx", [["1", "", "建议甲", "", ""]],
              header="单位名称（盖章）：河池市财政局  填表时间：2023年3月29日", below=["现代表市政府反馈如上。"])  # fmt: skip
    docx_letter(returns_dir / "说明.docx", ["现代表市政府反馈如下：经研究，无修改意见。", "南宁市财政局"])
    _, units = _units(consultation, returns_dir)
    assert units["河池市人民政府"].answered_by == "河池市财政局"
    assert (units["南宁市人民政府"].status, units["南宁市人民政府"].answered_by) == (
        "no_opinion",
        "南宁市财政局",
    )


def test_an_on_behalf_statement_naming_no_listed_unit_changes_nothing(consultation, returns_dir):
    docx_form(returns_dir / "教育厅.docx", [["1", "", "建议甲", "", ""]],
              below=["受某某协会委托，一并反馈。"])  # fmt: skip
    _, units = _units(consultation, returns_dir)
    assert units["自治区教育厅"].status == "opinions"


@needs_soffice
def test_a_word_97_reply_letter_on_behalf_with_no_opinion(consultation, returns_dir):
    shutil.copyfile(DATA / "lo-reply-on-behalf.doc", returns_dir / "复函.doc")
    result, units = _units(consultation, returns_dir)
    report = units["河池市人民政府"]
    assert (report.status, report.answered_by) == ("no_opinion", "河池市人力资源和社会保障局")
    assert not result.opinions


@needs_soffice
def test_a_word_97_form_with_its_header_inside_the_table(consultation, returns_dir):
    shutil.copyfile(DATA / "lo-header-in-table.doc", returns_dir / "反馈.doc")
    result, units = _units(consultation, returns_dir)
    assert units["南宁市人民政府"].opinions == 2
    assert not [f for f in result.findings if f.code in ("cells-lost", "unit-unlisted", "unit-unknown")]


@pytest.mark.parametrize("text", ["市民对政策不熟悉", "县级财政资金企业尚未收到", "原稿表述不准确，应予完善"])
def test_sentences_that_only_look_like_letter_furniture_are_kept(text):
    assert not (is_acknowledgement(text) or is_closing(text) or is_lead_in(text))


def test_a_quoted_rule_about_approval_speaks_for_no_one():
    assert on_behalf_of("建议第五条改为：经县级人民政府同意，可以延长一次") is None


@pytest.mark.parametrize(
    "text",
    ["经研究，石门乡对该方案无意见。", "我镇对该方案无修改意见", "该单位对征求意见稿没有意见。",
     "临江县石门乡人民政府对《实施方案》无修改意见。", "经研究，石门乡原则同意该方案。", "本街道对方案无意见"],
)  # fmt: skip
def test_a_unit_naming_itself_before_its_no_opinion_states_no_opinion(text):
    assert is_no_opinion(text)


@pytest.mark.parametrize(
    "text",
    ["石门乡对该方案无意见，建议增加一条", "石门乡不同意该方案", "石门乡对第五条有不同意见",
     "石门乡对该方案原则同意，但应将“三日”改为“五日”"],
)  # fmt: skip
def test_a_unit_naming_itself_and_proposing_or_disagreeing_gives_an_opinion(text):
    assert not is_no_opinion(text)
