"""`consolidate init` on letters of the shapes offices send: a provincial bureau's letter with
its units one per line under group headings, a legislature's letter naming units in the 主送
line, a Word letter with a table annex, a LibreOffice .doc, a text PDF, a letter without a
deadline, and a separate roster file."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from consolidate.cli import main
from consolidate.consultation import divisions as dv
from consolidate.consultation.addressees import Place, parse_unit_list
from consolidate.consultation.letter import consultation_toml, parse_letter, todo_findings
from consolidate.consultation.settings import BEIJING, ConsultationError, load_consultation

# A provincial bureau's letter (modelled on 鄂民政函-style letters): 主送 a collective with
# generic 省直有关单位, contacts on two lines, a deadline without a year, with a weekday and
# 下班前, the annex lists units one per line under numbered group headings with counts.
HUBEI = """湖北省民政厅
鄂民函〔2024〕35号
湖北省民政厅关于征求《湖北省养老服务设施建设管理办法
（征求意见稿）》意见的函
各市、州、直管市、神农架林区民政局，省直有关单位：
为加快构建居家社区机构相协调、医养康养相结合的养老服务体系，我厅起草了《湖北省养老服务设施建设管理办法（征求意见稿）》，现印送你们，请结合工作实际认真研究，于6月14日（星期五）下班前将书面意见（加盖公章）及电子版反馈我厅养老服务处。逾期未反馈的视为无意见。
联系人：张明远，电话：027-87231456，邮箱：ylfwc@mzt.hubei.gov.cn
        李  婷，电话：13907120088
附件：1.湖北省养老服务设施建设管理办法（征求意见稿）
      2.征求意见单位名单
湖北省民政厅
2024年6月3日
附件1
湖北省养老服务设施建设管理办法
（征求意见稿）
第一条 为了规范养老服务设施建设管理，根据有关法律法规，结合本省实际，制定本办法。
第二条 本省行政区域内养老服务设施的规划、建设、管理，适用本办法。
第三条 县级以上人民政府应当将养老服务设施建设纳入国民经济和社会发展规划。
附件2
征求意见单位名单
一、省直单位（6个）
1.省发展改革委
2.省财政厅
3.省自然资源厅
4.省住房城乡建设厅
5.省卫生健康委
6.省医保局
二、市州民政局（17个）
各市、州、直管市、神农架林区民政局
"""

# A legislature-style letter: units named in the 主送 line with shared prefixes, no annex
# list; the deadline with a year, a weekday and a time.
ZHEJIANG = """浙江省人大常委会法制工作委员会
浙人大法工委函〔2024〕12号
关于征求《浙江省数字经济促进条例（修订草案）》修改意见的函
省发展改革委、经信厅、财政厅、省市场监管局，省高级人民法院，省人民检察院，杭州市人大常委会：
《浙江省数字经济促进条例（修订草案）》已经省人大常委会第十次会议审议，现送你们征求意见。请于2024年7月5日（星期五）17:30之前将意见书面反馈我委。
联系人及电话：王晓东 0571-87052316；陈佳 0571-87052877
电子邮箱：fgw@zjrd.gov.cn
附件：浙江省数字经济促进条例（修订草案）
浙江省人大常委会法制工作委员会
2024年6月20日
附件
浙江省数字经济促进条例（修订草案）
第一条 为了促进数字经济发展，制定本条例。
第二条 本条例适用于本省行政区域内数字经济促进工作。
"""

# A city's letter with no deadline, 主送 a county-level collective, units in a 顿号 list.
NO_DEADLINE = """杭州市人力资源和社会保障局
关于征求《杭州市技能人才评价管理办法（征求意见稿）》意见的函
各区、县（市）人力社保局，市直有关单位：
现将《杭州市技能人才评价管理办法（征求意见稿）》送你们，请提出修改意见，尽快反馈。
附件：1.杭州市技能人才评价管理办法（征求意见稿）
2.有关单位名单
附件1
杭州市技能人才评价管理办法
（征求意见稿）
一、总体要求
加强技能人才评价工作。
附件2
有关单位名单
市直单位：市发改委、市教育局、市财政局
"""

# A letter whose 主送 wraps onto a second line and whose annex grid has three names a row
# (a Word table pasted as text), contacts separated by ；, a 传真 line that is no contact.
SICHUAN = """四川省人力资源和社会保障厅
川人社函〔2024〕101号
四川省人力资源和社会保障厅
关于征求《四川省技工院校管理办法（征求意见稿）》
意见的函
各市（州）人力资源社会保障局，厅机关各处室、直属各单位，
省级有关部门：
    为规范技工院校管理，现征求你们意见。请于2024年6月14日（周五）12:00前将修改意见反馈至我厅职业能力建设处。
    联系人：张三，联系电话：028-86112233；李四，联系电话：028-86114455
    传真：028-86110000
    附件：1.四川省技工院校管理办法（征求意见稿）
          2.征求意见单位名单
                            四川省人力资源和社会保障厅
                               2024年6月5日
附件2
征求意见单位名单
省级有关部门（8个）
省委编办\t省发展改革委\t省教育厅
省经济和信息化厅\t省财政厅\t省住房城乡建设厅
省国资委\t省总工会\t
各市（州）人力资源社会保障局
"""


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _names(letter) -> list[str]:
    return [name for name, _ in letter.units]


# ---------------------------------------------------------------- the bureau letter


def test_group_headings_become_groups_never_unit_names():
    letter = parse_letter(_lines(HUBEI))
    names = _names(letter)
    assert names[:6] == [
        "省发展改革委",
        "省财政厅",
        "省自然资源厅",
        "省住房城乡建设厅",
        "省卫生健康委",
        "省医保局",
    ]
    assert all(group == "省直单位" for _, group in letter.units[:6])
    assert not any(n in ("一", "省直单位", "市州民政局") or n.startswith(("一、", "省直单位")) for n in names)


def test_collective_addressee_is_written_out_from_the_divisions_dataset():
    letter = parse_letter(_lines(HUBEI))
    cities = [name for name, group in letter.units if group == "市州民政局"]  # the annex's heading
    assert len(cities) == 17
    assert cities[0] == "武汉市民政局"
    assert (
        "恩施土家族苗族自治州民政局" in cities and "仙桃市民政局" in cities and "神农架林区民政局" in cities
    )
    assert letter.aliases["恩施土家族苗族自治州民政局"] == ("恩施州民政局",)


def test_a_collective_in_both_the_addressee_line_and_the_annex_appears_once():
    letter = parse_letter(_lines(HUBEI))
    names = _names(letter)
    assert len(names) == len(set(names)) == 23


def test_bureau_letter_facts():
    letter = parse_letter(_lines(HUBEI))
    assert letter.reference == "鄂民函〔2024〕35号"
    assert letter.issuer == "湖北省民政厅"
    assert letter.title == "湖北省养老服务设施建设管理办法（征求意见稿）"
    assert letter.signed == dt.date(2024, 6, 3)
    assert letter.deadline == dt.datetime(2024, 6, 14, 17, 30, tzinfo=BEIJING)
    assert letter.draft_lines[0] == "湖北省养老服务设施建设管理办法"


def test_contacts_on_two_lines_keep_phones_out_of_names():
    letter = parse_letter(_lines(HUBEI))
    assert letter.contacts == [
        ("张明远", "027-87231456", "ylfwc@mzt.hubei.gov.cn"),
        ("李婷", "13907120088", ""),
    ]


def test_a_wrapped_addressee_line_and_a_grid_of_names():
    letter = parse_letter(_lines(SICHUAN))
    names = _names(letter)
    assert names[:8] == ["省委编办", "省发展改革委", "省教育厅", "省经济和信息化厅", "省财政厅", "省住房城乡建设厅",
                         "省国资委", "省总工会"]  # fmt: skip
    assert {group for _, group in letter.units[:8]} == {"省级有关部门"}
    assert len(names) == 8 + 21 and "凉山彝族自治州人力资源社会保障局" in names
    assert not any("处室" in n or "直属" in n for n in names)


def test_contacts_separated_by_semicolons_and_no_fax():
    letter = parse_letter(_lines(SICHUAN))
    assert letter.contacts == [("张三", "028-86112233", ""), ("李四", "028-86114455", "")]
    assert letter.deadline == dt.datetime(2024, 6, 14, 12, 0, tzinfo=BEIJING)


def test_notes_and_totals_under_a_unit_list_are_not_units():
    from consolidate.consultation.addressees import Place, parse_unit_list

    lines = ["有关单位名单", "1、省委编办", "2、省教育厅", "（共2个）", "注：以上单位请于6月1日前书面反馈。"]
    units, _ = parse_unit_list(lines, Place(dv.province("湖北")))
    assert [u.name for u in units] == ["省委编办", "省教育厅"]


@pytest.mark.parametrize(
    "top",
    [["湖北省民政厅文件", "湖北省民政厅关于征求《某办法（征求意见稿）》意见的函"],
     ["湖北省民政厅", "关于征求《某办法（征求意见稿）》", "意见的函"],
     ["湖北省民政厅文件", "鄂民函〔2024〕3号", "关于征求《某办法（征求意见稿）》意见的函"],
     ["关于征求《某办法（征求意见稿）》意见的函"]],
)  # fmt: skip
def test_the_issuer_from_the_title_the_letterhead_or_the_signature(top):
    letter = parse_letter([*top, "各市州民政局：", "请于6月14日前反馈。", "湖北省民政厅", "2024年6月3日"])
    assert (letter.issuer, letter.title) == ("湖北省民政厅", "某办法（征求意见稿）")
    assert len(letter.units) == 13
    assert letter.deadline == dt.datetime(2024, 6, 14, 23, 59, tzinfo=BEIJING)


def test_a_sentence_ending_in_a_colon_is_no_addressee_line():
    letter = parse_letter(
        ["关于征求《某某办法（征求意见稿）》意见的函", "现将有关事项通知如下：", "请于2024年6月1日前反馈。"]
    )
    assert letter.units == []


def test_init_on_the_bureau_letter_gives_a_consultation_the_other_commands_load(tmp_path):
    source = tmp_path / "来函.txt"
    source.write_text(HUBEI, encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(source), "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "注意" not in result.output  # everything was found
    consultation = load_consultation(tmp_path / "c" / "consultation.toml")
    assert len(consultation.units) == 23
    enshi = next(u for u in consultation.units if u.name.startswith("恩施"))
    assert enshi.aliases == ("恩施州民政局",)
    assert consultation.deadline == dt.datetime(2024, 6, 14, 17, 30, tzinfo=BEIJING)
    assert [c.name for c in consultation.contacts] == ["张明远", "李婷"]
    assert consultation.draft is not None and len(consultation.draft.clauses) >= 3


# ---------------------------------------------------------------- the legislature's letter


def test_units_named_in_the_addressee_line_with_shared_prefixes():
    letter = parse_letter(_lines(ZHEJIANG))
    assert _names(letter) == [
        "省发展改革委", "省经信厅", "省财政厅", "省市场监管局", "省高级人民法院", "省人民检察院", "杭州市人大常委会",
    ]  # fmt: skip
    assert dict(letter.units)["省财政厅"] == "省直单位"


def test_legislature_letter_facts():
    letter = parse_letter(_lines(ZHEJIANG))
    assert letter.title == "浙江省数字经济促进条例（修订草案）"
    assert letter.reference == "浙人大法工委函〔2024〕12号"
    assert letter.issuer == "浙江省人大常委会法制工作委员会"
    assert letter.deadline == dt.datetime(2024, 7, 5, 17, 30, tzinfo=BEIJING)
    assert letter.contacts == [("王晓东", "0571-87052316", "fgw@zjrd.gov.cn"), ("陈佳", "0571-87052877", "")]
    assert letter.draft_lines[0] == "浙江省数字经济促进条例（修订草案）"


# ---------------------------------------------------------------- a letter missing things


def test_a_letter_without_a_deadline_still_gives_a_file_that_says_what_to_fill_in(tmp_path):
    letter = parse_letter(_lines(NO_DEADLINE))
    assert letter.deadline is None
    text = consultation_toml(letter)
    findings = todo_findings(text)
    deadline_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("deadline"))
    assert any(f"第{deadline_line}行（deadline）" in f.message and "截止时间" in f.message for f in findings)
    path = tmp_path / "consultation.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConsultationError, match=rf"consultation.toml:{deadline_line}: deadline"):
        load_consultation(path)


def test_a_citys_county_level_collective_takes_the_citys_counties():
    letter = parse_letter(_lines(NO_DEADLINE))
    names = _names(letter)
    assert names[:3] == ["市发改委", "市教育局", "市财政局"]
    assert all(group == "市直单位" for _, group in letter.units[:3])
    assert "西湖区人力社保局" in names and "建德市人力社保局" in names and "桐庐县人力社保局" in names
    assert len(names) == 3 + len(dv.counties("杭州市"))


def test_a_letter_with_nothing_readable_still_writes_every_key_for_the_clerk():
    letter = parse_letter(["请大家提意见。"])
    text = consultation_toml(letter)
    keys = {f.message.split("（")[1].split("）")[0] for f in todo_findings(text) if "行（" in f.message}
    assert {"title", "deadline", "issuer", "draft"} <= keys
    assert any("征求意见单位" in f.message for f in todo_findings(text))
    tomllib.loads(text)  # still valid TOML


def test_init_without_deadline_writes_the_file_and_names_the_line(tmp_path):
    source = tmp_path / "letter.txt"
    source.write_text(NO_DEADLINE, encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(source), "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c" / "consultation.toml").exists()
    assert "截止 待填写" in result.output
    assert "行（deadline）：未能从来函中读出反馈截止时间" in result.output


def test_an_unreadable_letter_still_gives_a_file_to_fill_in(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 not really a pdf")
    result = CliRunner().invoke(main, ["init", str(scan), "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "无法读取 scan.pdf" in result.output
    text = (tmp_path / "c" / "consultation.toml").read_text(encoding="utf-8")
    assert 'deadline = "待填写"' in text and "# [[unit]]" in text


# ---------------------------------------------------------------- Word, .doc, PDF, roster files


def _word_letter(path, table_rows, header=("序号", "单位类别", "单位名称")):
    document = Document()
    for line in [
        "广东省人力资源和社会保障厅",
        "粤人社函〔2024〕88号",
        "广东省人力资源和社会保障厅关于征求《广东省职业技能等级认定管理办法（征求意见稿）》意见的函",
        "各地级以上市人力资源社会保障局，省直有关单位：",
        "请于2024.6.14前将意见反馈我厅职业能力建设处。",
        "联系人：赵一鸣（电话：020-83330001）",
        "附件：1.广东省职业技能等级认定管理办法（征求意见稿）",
        "2.征求意见单位名单",
        "附件1",
        "广东省职业技能等级认定管理办法",
        "第一条 为了规范职业技能等级认定，制定本办法。",
        "附件2",
        "征求意见单位名单",
    ]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=len(header))
    for cell, name in zip(table.rows[0].cells, header):
        cell.text = name
    for row in table_rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    document.add_paragraph("")  # Word always ends the body with a paragraph after a table
    document.save(path)
    return path


GD_ROWS = [
    ("1", "省直单位", "省教育厅"),
    ("2", "省直单位", "省财政厅"),
    ("3", "行业组织", "省职业技能鉴定协会"),
]


def test_a_word_letter_with_a_table_annex(tmp_path):
    path = _word_letter(tmp_path / "来函.docx", GD_ROWS)
    result = CliRunner().invoke(main, ["init", str(path), "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "c" / "consultation.toml").read_text(encoding="utf-8"))
    units = [(u["name"], u["group"]) for u in data["unit"]]
    assert units[:3] == [
        ("省教育厅", "省直单位"),
        ("省财政厅", "省直单位"),
        ("省职业技能鉴定协会", "行业组织"),
    ]
    assert len(units) == 3 + 21  # 广东's 21 地级以上市
    assert ("广州市人力资源社会保障局", "地级以上市") in units
    assert data["deadline"] == dt.datetime(2024, 6, 14, 23, 59, tzinfo=BEIJING)
    assert data["contact"] == [{"name": "赵一鸣", "phone": "020-83330001"}]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_doc_letter_saved_by_libreoffice(tmp_path):
    import subprocess

    source = _word_letter(tmp_path / "letter.docx", GD_ROWS)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "doc",
         "--outdir", str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    result = CliRunner().invoke(
        main, ["init", str(tmp_path / "out" / "letter.doc"), "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "c" / "consultation.toml").read_text(encoding="utf-8"))
    assert [u["name"] for u in data["unit"]][:3] == ["省教育厅", "省财政厅", "省职业技能鉴定协会"]
    assert data["reference"] == "粤人社函〔2024〕88号"


def test_a_separate_roster_file_replaces_the_letters_list(tmp_path):
    from openpyxl import Workbook

    letter = tmp_path / "letter.txt"
    letter.write_text(ZHEJIANG, encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "单位名称", "备注"])
    sheet.append([1, "省司法厅", ""])
    sheet.append([2, "省公安厅", "书面反馈"])
    book.save(tmp_path / "名单.xlsx")
    result = CliRunner().invoke(
        main, ["init", str(letter), "--units", str(tmp_path / "名单.xlsx"), "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "c" / "consultation.toml").read_text(encoding="utf-8"))
    assert [u["name"] for u in data["unit"]] == ["省司法厅", "省公安厅"]


def test_a_roster_text_file_numbered_and_grouped(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text(ZHEJIANG, encoding="utf-8")
    roster = tmp_path / "名单.txt"
    roster.write_text(
        "征求意见单位名单\n（一）省直单位：省委组织部、宣传部，省教育厅\n（二）设区市（11个）\n各设区市人民政府\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["init", str(letter), "--units", str(roster), "-o", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "c" / "consultation.toml").read_text(encoding="utf-8"))
    names = [u["name"] for u in data["unit"]]
    assert names[:3] == ["省委组织部", "省委宣传部", "省教育厅"]
    assert names[3:] == [f"{d.name}人民政府" for d in dv.prefectures("浙江")]
    assert {u["group"] for u in data["unit"][3:]} == {"设区市"}


def test_a_text_pdf_letter(tmp_path):
    pdf = _pdf_letter(tmp_path / "letter.pdf", ZHEJIANG.splitlines())
    result = CliRunner().invoke(main, ["init", str(pdf), "-o", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "c" / "consultation.toml").read_text(encoding="utf-8"))
    assert data["deadline"] == dt.datetime(2024, 7, 5, 17, 30, tzinfo=BEIJING)
    assert [u["name"] for u in data["unit"]] == _names(parse_letter(_lines(ZHEJIANG)))
    assert data["contact"][0] == {"name": "王晓东", "phone": "0571-87052316", "email": "fgw@zjrd.gov.cn"}


def _pdf_letter(path, lines):
    """A text PDF as Word would print it: LibreOffice when present, else a minimal PDF writer."""
    if shutil.which("soffice") is None:
        pytest.skip("needs LibreOffice to print a PDF")
    import subprocess

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    source = path.with_suffix(".docx")
    document.save(source)
    profile = path.parent / "profile-pdf"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
         "--outdir", str(path.parent), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return path


# ---------------------------------------------------------------- the sample is unchanged


def test_the_samples_cities_come_from_the_dataset():
    from consolidate.consultation.letter import CITIES

    assert CITIES["广西"][0] == "南宁" and len(CITIES["广西"]) == 14


# ---------------------------------------------------------------- 主送 categories and pasted tables

# A city office's letter (own example): 主送 a collective and generic phrases whose members are
# the annex, the annex a table pasted as text (full-width spaces between cells).
PASTED_TABLE = """江西省人民政府办公厅
赣府厅函〔2024〕77号
江西省人民政府办公厅关于征求《江西省水资源节约管理办法（征求意见稿）》意见的函
各设区市人民政府，省政府各部门、各直属机构：
现将《江西省水资源节约管理办法（征求意见稿）》印送你们，请于2024年5月10日前反馈。
附件：1.江西省水资源节约管理办法（征求意见稿）
2.征求意见省直单位名单
江西省人民政府办公厅
2024年4月26日
附件1
江西省水资源节约管理办法
（征求意见稿）
第一条　为了节约水资源，制定本办法。
附件2
征求意见省直单位名单
序号　单位名称
1　省水利厅
2　省农业农村厅
3　省统计局"""


def test_generic_category_phrases_in_the_addressee_line_are_never_units():
    letter = parse_letter(_lines(PASTED_TABLE))
    names = _names(letter)
    assert not any("直属机构" in n or "各部门" in n for n in names)


def test_a_table_pasted_as_text_gives_its_names_not_its_numbers_or_titles():
    letter = parse_letter(_lines(PASTED_TABLE))
    annex = [name for name, group in letter.units if not name.endswith("人民政府")]
    assert annex == ["省水利厅", "省农业农村厅", "省统计局"]


def test_the_annex_without_headings_is_named_by_the_generic_phrase_it_stands_for():
    letter = parse_letter(_lines(PASTED_TABLE))
    assert dict(letter.units)["省统计局"] == "省政府各部门、各直属机构"
    assert len([n for n, _ in letter.units if n.endswith("市人民政府")]) == 11  # 江西's 设区市


def _county_letter(addressees: str) -> str:
    return f"""宁乡县人民政府办公室
宁政办函〔2024〕9号
关于征求《宁乡县垃圾分类工作方案（征求意见稿）》意见的函
{addressees}：
现将方案印送你们，请于2024年3月8日前反馈。"""


def test_a_comma_between_two_lists_in_the_addressee_line_separates_two_groups():
    letter = parse_letter(
        _lines(
            _county_letter(
                "东城镇人民政府、西河乡人民政府、南岭街道办事处，县财政局、县教育局、市生态环境局宁乡分局"
            )
        )
    )
    groups = dict(letter.units)
    assert groups["东城镇人民政府"] == groups["南岭街道办事处"] == "乡镇（街道）"
    assert groups["县财政局"] == groups["市生态环境局宁乡分局"] == "县直单位"


def test_units_alone_between_commas_join_the_list_beside_them():
    letter = parse_letter(_lines(_county_letter("县法院，县检察院，县财政局、县教育局，国网宁乡供电公司")))
    assert {group for _, group in letter.units} == {"县直单位"}


def _ministry_letter(addressees: str) -> str:
    return f"""财政部办公厅
财办函〔2024〕12号
财政部办公厅关于征求《政府采购需求管理办法（征求意见稿）》意见的函
{addressees}：
现将办法印送你们，请于2024年3月8日前反馈。"""


def test_the_provinces_departments_take_the_name_each_province_gives_them():
    letter = parse_letter(
        _lines(_ministry_letter("各省、自治区、直辖市、计划单列市及新疆生产建设兵团财政厅（局）"))
    )
    names = _names(letter)
    assert "河北省财政厅" in names and "广西壮族自治区财政厅" in names
    assert "上海市财政局" in names and "新疆生产建设兵团财政局" in names
    assert "深圳市财政局" in names and not any(n.startswith("各") for n in names)
    assert {group for _, group in letter.units} == {"省级财政部门"}


def test_the_provinces_governments_without_the_corps():
    letter = parse_letter(_lines(_ministry_letter("各省、自治区、直辖市人民政府，国务院各部委、各直属机构")))
    assert len(letter.units) == 31
    assert "新疆维吾尔自治区人民政府" in _names(letter) and "重庆市人民政府" in _names(letter)


def test_a_bracketed_alternative_longer_than_one_character_is_the_municipalities_name():
    letter = parse_letter(_lines(_ministry_letter("各省、自治区、直辖市教育厅（教委）")))
    assert "北京市教委" in _names(letter) and "湖南省教育厅" in _names(letter)
    assert {group for _, group in letter.units} == {"省级教育部门"}


def test_the_provinces_named_without_an_office_are_their_governments():
    letter = parse_letter(_lines(_ministry_letter("各省、自治区、直辖市，国务院各部委")))
    assert len(letter.units) == 31 and _names(letter)[0] == "北京市人民政府"


_UNIT_NAMES = st.lists(
    st.builds(
        lambda place, body, end: place + body + end,
        st.sampled_from(["省", "市", "县", "自治区"]),
        st.text(alphabet="发展改革财政教育卫生健康交通运输水利审计", min_size=2, max_size=6),
        st.sampled_from(["厅", "局", "委", "办公室", "中心"]),
    ),
    min_size=1,
    max_size=12,
    unique=True,
)


@given(names=_UNIT_NAMES, gap=st.sampled_from(["\u3000", "  ", " ", "\u3000\u3000"]))
def test_a_roster_table_pasted_as_text_gives_exactly_its_names(names, gap):
    lines = [f"序号{gap}单位名称"] + [f"{k}{gap}{name}" for k, name in enumerate(names, 1)]
    units, _ = parse_unit_list(lines, Place(None))
    assert [u.name for u in units] == names


def test_a_bare_generic_addressee_leaves_the_annex_units_their_own_groups():
    text = PASTED_TABLE.replace("各设区市人民政府，省政府各部门、各直属机构", "各有关单位")
    letter = parse_letter(_lines(text))
    assert dict(letter.units)["省统计局"] == "省直单位"
