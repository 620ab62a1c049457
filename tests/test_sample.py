"""The sample consultation, end to end: what a new user sees first."""

import json
import subprocess
import sys

import pytest

from consolidate.pipeline import consolidate

from .conftest import SAMPLE

MISSING = {
    "自治区人大常委会办公厅", "自治区政协办公厅", "自治区党委统战部", "自治区北部湾办", "自治区残联",
    "梧州市人民政府", "北海市人民政府", "防城港市人民政府", "钦州市人民政府", "贵港市人民政府",
    "贺州市人民政府", "来宾市人民政府", "崇左市人民政府",
}  # fmt: skip

# Where each sample opinion belongs, by a phrase of its text.
EXPECTED_CLAUSES = {
    "生均公用经费基本拨款标准”修改为": ("3.1",),
    "完善全区中等职业学校统一招生平台": ("3.2",),
    "共建产业学院": ("4.1",),
    "明确按一定比例”": ("3.1",),
    "按规定给予奖励": ("8.1",),
    "急需紧缺技能人才目录": ("4.1",),
    "按规定组织团队申报": ("6.1",),
    "揭榜挂帅": ("7.2",),
    "科技成果转化": ("7.2",),
    "技能大师工作室": ("7.2",),
    "多劳者多得": ("7.3",),
    "经营业绩考核": ("7.3",),
    "中的“年薪制”": ("6.1",),
    "教师高级专业技术岗位设置比例": ("3.2",),
    "网络安全": ("6.3",),
    "乡村工匠名师": ("6.4",),
    "传统工艺等项目": ("5.1",),
    "责任单位增加“自治区乡村振兴局”": ("6.4",),
    "足额提取和使用职工教育经费”的责任单位": ("7.1",),
    "职工职业技能竞赛": ("6.5",),
    "表述统一为": (),
    "担任领导职务": ("9.1",),
    "删除“、标兵”": ("6.2",),
    "、师带徒": ("6.2",),
    "关于“青年文明号”": ("6.2",),
    "鼓励民营企业举办职业培训机构": ("3.3",),
    "生活补贴资金来源": ("8.2",),
    "结合实际制定配套措施": ("1.1",),
    "50万元": ("8.1",),
    "技师学院纳入高等职业学校序列": ("3.1",),
    "带徒成效突出": ("7.2",),
    "革命老区": ("6.4",),
    "及各市技能竞赛": ("6.5",),
    "职称评审的条件": ("8.2",),
    "安家补贴": ("8.2",),
    "高技能人才数据库": ("2.1",),
    "数字广西建设项目": ("6.3",),
    "协议工资制等特殊工资制度": ("6.1",),
    "和各市技能竞赛": ("6.5",),
}


@pytest.fixture(scope="module")
def result(sample_consultation):
    return consolidate(sample_consultation, SAMPLE / "returns")


def _status(result, name):
    return next(u for u in result.units if u.unit.name == name)


def test_exactly_the_units_that_did_not_reply_are_missing(result):
    assert {u.unit.name for u in result.units if u.status == "missing"} == MISSING


def test_about_two_thirds_replied(result):
    replied = sum(1 for u in result.listed_units if u.status != "missing")
    assert replied == 29


def test_every_opinion_is_on_the_clause_it_concerns(result):
    placed = {}
    for opinion in result.effective_opinions:
        keys = [k for k in EXPECTED_CLAUSES if k in opinion.text]
        assert len(keys) == 1, opinion.text
        placed[keys[0]] = opinion.clauses
    assert placed == EXPECTED_CLAUSES


def test_a_city_answered_by_its_department_counts_for_the_city(result):
    report = _status(result, "河池市人民政府")
    assert report.status == "opinions" and report.answered_by == "河池市人力资源和社会保障局"


def test_the_corrected_version_supersedes_the_first(result):
    assert _status(result, "自治区科技厅").opinions == 3
    assert sum(o.superseded for o in result.opinions if o.unit == "自治区科技厅") == 1


def test_special_cases_of_the_sample(result):
    assert _status(result, "自治区商务厅").status == "needs_review"  # damaged file
    assert _status(result, "自治区市场监管局").status == "needs_review"  # stamped copy only
    assert _status(result, "自治区卫生健康委").late is True
    assert _status(result, "自治区教育厅").stamped_copy
    assert _status(result, "自治区党委宣传部").status == "no_opinion"  # said under the table
    assert [u.unit.name for u in result.units if not u.unit.listed] == ["广西壮族自治区大数据发展局"]


def test_a_numbered_cell_became_three_opinions(result):
    assert _status(result, "百色市人民政府").opinions == 3


def test_the_sample_is_rebuilt_byte_for_byte(tmp_path):
    import shutil

    copy = tmp_path / "gx"
    shutil.copytree(SAMPLE, copy)
    subprocess.run(
        [sys.executable, str(copy / "make_sample.py")], check=True, cwd=tmp_path, capture_output=True
    )
    for path in sorted(SAMPLE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rebuilt = copy / path.relative_to(SAMPLE)
            assert rebuilt.read_bytes() == path.read_bytes(), path.name


def test_the_readme_command_runs_the_sample(tmp_path):
    out = tmp_path / "digest.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "consolidate.cli", "digest", str(SAMPLE / "returns"), "-o", str(out), "--json", str(tmp_path / "r.json")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out.exists()
    assert "Traceback" not in proc.stdout + proc.stderr
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert len(data["opinions"]) == len({o["id"] for o in data["opinions"]})


def test_every_channel_of_the_sample_reaches_its_unit(result):
    expect = {
        "自治区工商联": ("opinions", "工商联-修改意见表.doc"),  # Word 97, converted by LibreOffice
        "自治区文化和旅游厅": ("opinions", "文旅厅反馈意见.wps"),  # WPS Writer
        "自治区科协": ("no_opinion", "自治区科协意见反馈表.xls"),  # Excel 97
        "自治区妇联": ("no_opinion", "自治区妇联-修改意见表.et"),  # WPS Spreadsheets
        "自治区民政厅": ("no_opinion", "民政厅修改意见表（盖章件）.pdf"),  # stamped text PDF only
        "自治区乡村振兴局": ("opinions", "乡村振兴局-修改意见表.eml/乡村振兴局-修改意见表.docx"),
        "桂林市人民政府": ("no_opinion", "桂林市人民政府-反馈.eml/（邮件正文）"),  # said in the mail
        "河池市人民政府": ("opinions", "河池市反馈材料.zip/河池市-修改意见表.docx"),  # GBK zip
        "共青团广西区委": ("opinions", "征求意见稿（团区委修改稿）.docx"),  # tracked changes
    }
    for name, (status, file) in expect.items():
        report = _status(result, name)
        assert report.status == status, name
        assert file in report.files, name
