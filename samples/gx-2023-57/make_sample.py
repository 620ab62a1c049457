"""Build the sample consultation 桂人社函〔2023〕57号 deterministically.

Run from anywhere: ``python samples/gx-2023-57/make_sample.py``. It writes, beside itself:
consultation.toml, draft.docx (from draft-source.txt, Annex 1 of the real letter), the blank
form as 附件3-修改意见表.docx/.xlsx, and returns/ — a folder of returns as a clerk saves
them: Word and Excel forms made the way units fill them in (merged unit cells, runs split
mid-word, extra columns, numbered cells) on the blank form the tool prints
(`consolidate.papers.forms`), no-opinion replies, a late reply, stamped PDF
copies, one damaged file, a city answered by its 人社局, a corrected second version and a
respondent that is not on the roster. Every file is byte-for-byte the same on every run.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment

from consolidate.consultation.letter import CITIES as CITIES_BY_REGION
from consolidate.papers.forms import BLANK_ROWS, HEADERS, FormLayout, form_document, form_workbook

HERE = Path(__file__).resolve().parent
RETURNS = HERE / "returns"
LEGACY = HERE / "legacy"
FIXED_TIME = (2023, 3, 20, 9, 0, 0)

PROVINCIAL = [
    "自治区人大常委会办公厅",
    "自治区政协办公厅",
    "自治区党委组织部",
    "自治区党委宣传部",
    "自治区党委统战部",
    "自治区党委网信办",
    "自治区党委编办",
    "自治区科协",
    "自治区发展改革委",
    "自治区教育厅",
    "自治区科技厅",
    "自治区工业和信息化厅",
    "自治区民政厅",
    "自治区财政厅",
    "自治区农业农村厅",
    "自治区商务厅",
    "自治区文化和旅游厅",
    "自治区卫生健康委",
    "自治区国资委",
    "自治区市场监管局",
    "自治区乡村振兴局",
    "自治区北部湾办",
    "广西税务局",
    "自治区总工会",
    "共青团广西区委",
    "自治区妇联",
    "自治区残联",
    "自治区工商联",
]
CITIES = CITIES_BY_REGION["广西"]  # the 14 设区市 the letter is addressed to

# Sentences of the draft marked as the national document's wording (underlined) and the
# region's refinement (wavy underline). Illustrative: the seed text lost the real marks.
NATIONAL = ("大力发展职业教育特别是技工教育", "督促其按规定足额提取和使用职工教育经费")
REFINED = (
    "提高中等职业学校生均公用经费基本拨款标准",
    "允许公办职业学校高技能领军人才实施年薪制、协议制等特殊工资制度",
)


# ---------------------------------------------------------------- the returns' content


@dataclass
class Row:
    opinion: str
    reason: str = ""
    remark: str = ""
    unit: str | None = None  # None: the form's unit; "" leaves the cell empty
    extra: str = ""  # value of an added column (涉及条款, 章节)


@dataclass
class Form:
    file: str
    header: str  # what the unit wrote after 单位名称（盖章）：
    date: str  # what it wrote after 填表时间：
    rows: list[Row] = field(default_factory=list)
    below: str = ""  # a sentence under the table
    merge_unit: bool = False
    split_runs: bool = False
    extra_column: str = ""  # an added column's header, placed after 单位
    unit_column_blank: bool = False
    column_order: tuple[str, ...] = ()
    stamped: bool = False
    # How it reached the clerk: "" a file in the folder; "legacy" a .doc/.wps/.xls/.et/text
    # PDF made once by LibreOffice (see make_legacy.py) and copied from legacy/; "mail" an
    # .eml (mail = sender, date, body) carrying the form; "zip" inside ``archive``;
    # "tracked" the draft itself returned with tracked changes and a comment.
    channel: str = ""
    mail: tuple[str, str, str] = ("", "", "")
    archive: str = ""


FORMS: list[Form] = [
    Form(
        "自治区教育厅-修改意见表.docx",
        "广西壮族自治区教育厅",
        "2023年3月28日",
        [
            Row(
                "建议将第三部分第一段“提高中等职业学校生均公用经费基本拨款标准”修改为“落实中等职业学校生均公用经费基本拨款标准，并建立动态调整机制”。",
                "中职生均公用经费标准已由国家统一确定最低标准，我区已按标准落实，宜表述为落实并动态调整。",
            ),
            Row(
                "三（2）中“建立全区中等职业学校统一招生平台”，建议修改为“完善全区中等职业学校统一招生平台”。",
                "我区已建成中职统一招生平台，2022年起已投入使用。",
            ),
            Row(
                "建议在第四部分增加“支持职业学校与行业龙头企业共建产业学院”的表述。",
                "落实《关于深化现代职业教育体系建设改革的意见》有关要求。",
            ),
            Row(
                "建议将“允许公办职业学校高技能领军人才实施年薪制、协议制等特殊工资制度”修改为“支持公办职业学校对高技能领军人才实施年薪制、协议工资制等特殊工资制度”。",
                "吸引高技能领军人才到职业学校任教。",
            ),
        ],
        merge_unit=True,
        split_runs=True,
        stamped=True,
    ),
    Form(
        "财政厅反馈意见表.xlsx",
        "自治区财政厅",
        "2023-03-29",
        [
            Row(
                "建议删除“各级职业教育经费明确按一定比例用于技工教育发展”中的“明确按一定比例”。",
                "职业教育经费由各级按事权统筹安排，不宜规定固定比例，避免形成新的支出挂钩。",
            ),
            Row(
                "第八部分第一段“分别一次性给予每人5万元、2万元奖励”，建议修改为“按规定给予奖励”。",
                "奖励标准应按照自治区评比达标表彰有关规定执行，不宜在文件中明确具体金额。",
            ),
        ],
        stamped=True,
    ),
    Form(
        "附件3-修改意见表（发改委）.docx",
        "广西壮族自治区发展和改革委员会",
        "2023年3月30日",
        [
            Row(
                "建议将“定期编制发布《重点产业急需紧缺技能人才职业（工种）目录》”修改为“定期编制发布重点产业急需紧缺技能人才目录，与产业发展规划相衔接”。",
                "与我区“十四五”产业发展规划衔接。",
            )
        ],
    ),
    Form(
        "自治区科技厅-修改意见表.docx",
        "自治区科学技术厅",
        "2023年3月27日",
        [Row("建议第六部分第一项删除“主持自治区科研项目”。", "科研项目主持人资格按项目管理办法执行。")],
    ),
    Form(
        "自治区科技厅-修改意见表（更正）.docx",
        "自治区科学技术厅",
        "2023年3月30日",
        [
            Row(
                "1.第六部分第一项“支持其组织团队申报、主持自治区科研项目”，建议修改为“支持其按规定组织团队申报自治区科研项目”。\n"
                "2.第七部分第二段“揭榜领题”建议修改为“揭榜挂帅”。\n"
                "3.建议在第七部分第二段增加“支持高技能人才参与科技成果转化”。",
                "1.科研项目主持人资格按自治区科技计划项目管理办法执行。\n2.与国家和自治区科技管理文件表述保持一致。\n3.促进技能人才参与成果转化。",
            )
        ],
    ),
    Form(
        "工信厅-修改意见表.docx",
        "自治区工业和信息化厅",
        "2023年3月29日",
        [
            Row(
                "建议在“推行“技师+工程师”等团队合作模式”后增加“，支持企业设立技能大师工作室”。",
                "鼓励企业搭建高技能人才创新平台。",
                extra="第七部分第二段",
            ),
            Row(
                "建议将“实现技高者多得”修改为“实现技高者多得、多劳者多得”。",
                "体现按劳分配原则。",
                extra="第七部分第三段",
            ),
        ],
        extra_column="涉及条款",
    ),
    Form(
        "自治区国资委意见.xlsx",
        "广西壮族自治区人民政府国有资产监督管理委员会",
        "2023年3月31日",
        [
            Row(
                "“国有企业要发挥向技能人才倾斜的示范作用”后建议增加“，将高技能人才队伍建设情况纳入国有企业负责人经营业绩考核”。",
                "强化国有企业主体责任。",
                extra="七（三）",
            ),
            Row(
                "建议删除“允许公办职业学校高技能领军人才实施年薪制、协议制等特殊工资制度”中的“年薪制”。",
                "公办职业学校属事业单位，实行年薪制缺乏政策依据。",
                extra="六（1）",
            ),
        ],
        extra_column="章节",
        column_order=("序号", "章节", "修改意见", "修改理由", "单位", "备注"),
    ),
    Form(
        "组织部-修改意见表.docx",
        "中共广西壮族自治区委员会组织部",
        "2023年3月30日",
        [Row("无修改意见。")],
        stamped=True,
    ),
    Form(
        "自治区党委宣传部反馈.docx",
        "自治区党委宣传部",
        "2023年3月29日",
        [],
        below="经研究，我部对《若干措施》无修改意见。",
    ),
    Form(
        "区党委编办-修改意见表.docx",
        "中共广西壮族自治区委员会机构编制委员会办公室",
        "2023年3月31日",
        [
            Row(
                "建议删除第三部分第二段“适当增加中等职业学校教师高级专业技术岗位设置比例”。",
                "岗位设置比例由人社部门会同有关部门按规定核定，不宜在本文件中作出规定。",
            )
        ],
    ),
    Form(
        "网信办-修改意见表.docx",
        "自治区党委网信办",
        "2023年3月30日",
        [
            Row(
                "建议在数字技能骨干人才计划中增加“网络安全”类数字技能人才培养内容，将“区块链、人工智能等数字技能人才”修改为“区块链、人工智能、网络安全等数字技能人才”。",
                "网络安全人才紧缺。",
            )
        ],
    ),
    Form(
        "自治区科协意见反馈表.xls",
        "广西壮族自治区科学技术协会",
        "2023年3月28日",
        [Row("无")],
        channel="legacy",
    ),
    Form(
        "民政厅修改意见表（盖章件）.pdf",
        "自治区民政厅",
        "2023年3月24日",
        [Row("原则同意。")],
        channel="legacy",
    ),
    Form(
        "农业农村厅-修改意见表.docx",
        "广西壮族自治区农业农村厅",
        "2023年3月30日",
        [
            Row(
                "建议将“梯次培养乡村工匠、名师、大师队伍”修改为“梯次培养乡村工匠、乡村工匠名师、乡村工匠大师队伍”。",
                "与《关于推进乡村工匠培育工作的指导意见》表述一致。",
            )
        ],
    ),
    Form("自治区商务厅-修改意见表.docx", "自治区商务厅", "2023年3月30日", [Row("（此文件将被截断）")]),
    Form(
        "文旅厅反馈意见.wps",
        "",
        "2023年3月29日",
        [
            Row(
                "第五部分“选择“八桂系列”劳务品牌、非物质文化遗产等项目”，建议修改为“选择“八桂系列”劳务品牌、非物质文化遗产代表性项目、传统工艺等项目”。",
                "与非遗保护工作表述一致。",
                unit="自治区文化和旅游厅",
            )
        ],
        channel="legacy",
    ),
    Form("卫健委-修改意见表.docx", "自治区卫生健康委员会", "2023年4月3日", [Row("无修改意见")]),
    Form(
        "乡村振兴局-修改意见表.docx",
        "自治区乡村振兴局",
        "2023年3月30日",
        [
            Row(
                "建议乡村工匠计划的责任单位增加“自治区乡村振兴局”。",
                "乡村工匠培育是巩固拓展脱贫攻坚成果同乡村振兴有效衔接的重要内容。",
            )
        ],
        channel="mail",
        mail=(
            "自治区乡村振兴局 <xczxj@example.gov.cn>",
            "Thu, 30 Mar 2023 11:05:31 +0800",
            "您好！附件为我局对《若干措施（征求意见稿）》的修改意见，请查收。",
        ),
    ),
    Form(
        "广西税务局-修改意见表.docx",
        "国家税务总局广西壮族自治区税务局",
        "2023年3月31日",
        [
            Row(
                "根据《中华人民共和国企业所得税法实施条例》第四十二条，建议将第七部分第一段“督促其按规定足额提取和使用职工教育经费”的责任单位中“广西税务局”删除。",
                "职工教育经费税前扣除属税收政策执行，督促提取和使用不属我局职责。",
            )
        ],
    ),
    Form(
        "总工会意见.xlsx",
        "广西壮族自治区总工会",
        "2023年3月31日",
        [
            Row(
                "技能竞赛引领计划中，建议增加“支持各级工会组织开展职工职业技能竞赛”。",
                "工会长期组织开展职工技能竞赛。",
            ),
            Row("建议全文“群团组织”表述统一为“工会、共青团、妇联等群团组织”。", "表述规范。"),
            Row(
                "第九部分，建议将“到工会、共青团、妇联等群团组织挂职或兼职”修改为“到工会、共青团、妇联等群团组织挂职、兼职或担任领导职务”。",
                "拓宽高技能人才发展渠道。",
            ),
        ],
    ),
    Form(
        "征求意见稿（团区委修改稿）.docx",
        "共青团广西壮族自治区委员会",
        "2023年3月29日",
        [
            Row(
                "青年技能拔尖人才计划中“通过开展青年文明号、青年岗位能手、标兵等创建评选”，建议修改为“通过开展青年文明号、青年岗位能手等创建评选”。",
                "“标兵”不属于共青团组织开展的评选项目。",
            )
        ],
        channel="tracked",
    ),
    Form("自治区妇联-修改意见表.et", "自治区妇联", "2023年3月27日", [Row("无意见")], channel="legacy"),
    Form(
        "工商联-修改意见表.doc",
        "自治区工商联",
        "2023年3月30日",
        [
            Row(
                "建议在“开展民办职业培训机构星级评定”后增加“，鼓励民营企业举办职业培训机构”。",
                "支持民营经济参与技能人才培养。",
            )
        ],
        channel="legacy",
    ),
    Form(
        "南宁市人民政府-修改意见表.docx",
        "南宁市人民政府办公室",
        "2023年3月31日",
        [
            Row(
                "建议将“用人单位可按当地最低工资标准2倍发放不超过1年的生活补贴”中生活补贴资金来源予以明确。",
                "生活补贴由用人单位承担还是财政承担不明确，执行中易产生争议。",
            ),
            Row("建议在第一部分增加“各设区市要结合实际制定配套措施”。", "便于各市落实。"),
            Row("建议在“广西技能大赛”后增加“和各市技能竞赛”。", "发挥市级技能竞赛选拔作用。"),
        ],
    ),
    Form(
        "柳州市意见汇总.xlsx",
        "柳州市人民政府",
        "2023年3月30日",
        [
            Row(
                "建议将“中华技能大奖”“全国技术能手”奖励标准提高到每人50万元、20万元。",
                "与周边省份奖励标准相当。",
                unit="柳州市人力资源和社会保障局",
            ),
            Row(
                "建议明确技师学院纳入高等职业学校序列的具体条件和程序。",
                "便于技师学院对照推进。",
                unit="柳州市教育局",
            ),
            Row(
                "建议将“支持鼓励高技能人才在岗位上发挥技能、管理班组、带徒传技”修改为“支持鼓励高技能人才在岗位上发挥技能、管理班组、带徒传技，对带徒成效突出的给予奖励”。",
                "激励高技能人才带徒传技。",
                unit="柳州市总工会",
            ),
        ],
    ),
    Form(
        "桂林市人民政府-反馈.docx",
        "桂林市人民政府",
        "2023年3月30日",
        [],
        stamped=True,
        channel="mail",
        mail=(
            "桂林市人民政府办公室 <glzfb@example.gov.cn>",
            "Thu, 30 Mar 2023 16:42:10 +0800",
            "自治区人力资源社会保障厅：\n经研究，我市对《若干措施（征求意见稿）》无修改意见。盖章件见附件。\n桂林市人民政府办公室",
        ),
    ),
    Form(
        "河池市-修改意见表.docx",
        "河池市人力资源和社会保障局",
        "2023年3月29日",
        [
            Row(
                "建议第八部分第二段增加“对引进的急需紧缺高技能人才给予安家补贴”。",
                "增强欠发达地区引才吸引力。",
            ),
            Row(
                "建议“建立全区统一的高技能人才数据库”明确由自治区人力资源社会保障厅牵头建设。",
                "明确责任主体。",
            ),
        ],
        stamped=True,
        channel="zip",
        archive="河池市反馈材料.zip",
    ),
    Form(
        "百色市修改意见表.docx",
        "百色市人民政府",
        "2023年3月30日",
        [
            Row(
                "①建议在乡村工匠计划中增加“支持革命老区、民族地区开展乡村工匠培育”；②建议在“广西技能大赛”后增加“及各市技能竞赛”；③建议适当放宽高技能领军人才参加职称评审的条件。",
                "①百色为革命老区；②发挥市级竞赛作用；③进一步畅通发展通道。",
            )
        ],
    ),
    Form(
        "玉林市修改意见表.docx",
        "玉林市人民政府",
        "2023年3月28日",
        [Row("经研究，我市无修改意见。")],
        stamped=True,
    ),
    Form(
        "自治区大数据发展局-意见.docx",
        "广西壮族自治区大数据发展局",
        "2023年3月30日",
        [
            Row(
                "建议在第六部分第三项“数字技能骨干人才计划”中增加“依托数字广西建设项目培养数字技能人才”。",
                "与数字广西建设相衔接。",
            )
        ],
    ),
]

STAMPED_ONLY = ["自治区市场监管局-修改意见表（盖章）.pdf"]
DAMAGED = "自治区商务厅-修改意见表.docx"


# ---------------------------------------------------------------- writers


def _eastasia(run, name: str = "仿宋_GB2312", size: float = 12, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _para(
    container,
    text: str,
    size: float = 12,
    bold: bool = False,
    center: bool = False,
    font: str = "仿宋_GB2312",
    split: bool = False,
):
    para = container.add_paragraph() if hasattr(container, "add_paragraph") else container
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Word splits runs wherever editing or spell-checking touched the text; mimic it.
    pieces = [text[i : i + 7] for i in range(0, len(text), 7)] if split else [text]
    for piece in pieces:
        _eastasia(para.add_run(piece), font, size, bold)
    return para


def _set_cell(cell, text: str, split: bool = False) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    _para(first, lines[0], split=split)
    for line in lines[1:]:
        _para(cell, line, split=split)


def _layout(form: Form, header: str, below: tuple[str, ...] = ()) -> FormLayout:
    """The blank form as this unit had it: its columns, and rows enough for its opinions."""
    return FormLayout(
        columns=form.column_order or _columns(form),
        header_lines=(header,),
        blank_rows=max(BLANK_ROWS, len(form.rows)),
        below=below,
    )


def write_docx_form(form: Form, path: Path) -> None:
    header = f"单位名称（盖章）：{form.header or ' ' * 12}            填表时间：{form.date}"
    layout = _layout(form, header, (form.below,) if form.below else ())
    doc = form_document(layout)
    table = doc.tables[0]
    for n, row in enumerate(form.rows, start=1):
        values = _row_values(form, row, n)
        for cell, name in zip(table.rows[n].cells, layout.columns):
            _set_cell(cell, values.get(name, ""), split=form.split_runs)
    if form.merge_unit and len(form.rows) > 1:
        col = layout.columns.index("单位")
        first = table.cell(1, col)
        merged = first.merge(table.cell(len(form.rows), col))
        for para in merged.paragraphs[1:]:
            para._element.getparent().remove(para._element)
    doc.save(path)


def _columns(form: Form) -> tuple[str, ...]:
    if form.extra_column:
        return (*HEADERS[:2], form.extra_column, *HEADERS[2:])
    return HEADERS


def _row_values(form: Form, row: Row, n: int) -> dict[str, str]:
    if row.unit is not None:
        unit = row.unit
    else:
        unit = form.header if not form.unit_column_blank else ""
    values = {
        "序号": str(n),
        "单位": unit,
        "修改意见": row.opinion,
        "修改理由": row.reason,
        "备注": row.remark,
    }
    if form.extra_column:
        values[form.extra_column] = row.extra
    if form.merge_unit and n > 1:
        values["单位"] = ""
    return values


def write_xlsx_form(form: Form, path: Path) -> None:
    layout = _layout(form, f"单位名称（盖章）：{form.header}          填表时间：{form.date}")
    wb, header_row = form_workbook(layout)
    ws = wb.active
    for n, row in enumerate(form.rows, start=1):
        values = _row_values(form, row, n)
        for c, name in enumerate(layout.columns, start=1):
            value = values.get(name, "")
            cell = ws.cell(
                row=header_row + n, column=c, value=int(value) if name == "序号" else (value or None)
            )
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.properties.creator = "User"
    wb.save(path)


def write_stamped_pdf(path: Path, label_seed: str) -> None:
    """A one-page 'scan': a red seal drawn over grey lines, no text layer (like a real scan)."""
    k = 0.5523
    r = 60 + (sum(map(ord, label_seed)) % 10)
    cx, cy = 420, 250
    circle = (
        f"{cx + r} {cy} m "
        f"{cx + r} {cy + k * r} {cx + k * r} {cy + r} {cx} {cy + r} c "
        f"{cx - k * r} {cy + r} {cx - r} {cy + k * r} {cx - r} {cy} c "
        f"{cx - r} {cy - k * r} {cx - k * r} {cy - r} {cx} {cy - r} c "
        f"{cx + k * r} {cy - r} {cx + r} {cy - k * r} {cx + r} {cy} c S"
    )
    lines = " ".join(f"80 {y} m 515 {y} l S" for y in range(700, 300, -28))
    content = f"0.6 G 0.8 w {lines} 0.8 0 0 RG 3 w {circle}".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


def make_deterministic(path: Path) -> None:
    """Rewrite an Office zip with fixed timestamps and fixed document dates."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            if name.endswith(".xml"):
                data = re.sub(rb'w:date="[^"]*"', b'w:date="2023-03-29T10:00:00Z"', data)
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2023-03-20T09:00:00Z", data
                )
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


# ---------------------------------------------------------------- the consultation


def write_draft(path: Path) -> None:
    lines = (HERE / "draft-source.txt").read_text(encoding="utf-8").splitlines()
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    title_lines = {"关于进一步加强新时代高技能人才", "队伍建设的若干措施", "（征求意见稿）"}
    for line in lines:
        if line == "附件1":
            _para(doc, line, 16, font="黑体")
        elif line in title_lines:
            _para(doc, line, 22, center=True, font="方正小标宋简体")
        elif re.match(r"^[一二三四五六七八九十]+、", line) and len(line) < 16:
            para = _para(doc, line, 16, font="黑体")
            para.paragraph_format.first_line_indent = Pt(32)
        else:
            para = doc.add_paragraph()
            para.paragraph_format.first_line_indent = Pt(32)
            _marked_runs(para, line)
    doc.save(path)


def _marked_runs(para, text: str) -> None:
    marks = [(s, WD_UNDERLINE.SINGLE) for s in NATIONAL] + [(s, WD_UNDERLINE.WAVY) for s in REFINED]
    spans = sorted((text.index(s), s, u) for s, u in marks if s in text)
    at = 0
    for start, sentence, underline in spans:
        if start > at:
            _eastasia(para.add_run(text[at:start]), size=16)
        run = para.add_run(sentence)
        _eastasia(run, size=16)
        run.font.underline = underline
        at = start + len(sentence)
    if at < len(text):
        _eastasia(para.add_run(text[at:]), size=16)


def write_consultation(path: Path) -> None:
    out = [
        "# 桂人社函〔2023〕57号：关于征求《关于进一步加强新时代高技能人才队伍建设的若干措施（征求意见稿）》意见的函",
        'title = "关于进一步加强新时代高技能人才队伍建设的若干措施（征求意见稿）"',
        'reference = "桂人社函〔2023〕57号"',
        'issuer = "广西壮族自治区人力资源和社会保障厅"',
        "deadline = 2023-03-31T18:00:00+08:00",
        'draft = "draft.docx"',
        "",
        "[[contact]]",
        'name = "黄波"',
        'phone = "0771-5855902"',
        'email = "zynljsc@rst.gxzf.gov.cn"',
        "",
        "[[contact]]",
        'name = "姚伦仲"',
        'phone = "0771-5882806"',
        "",
        "# 附件4 有关单位名单（28个区直单位）",
    ]
    aliases = {"广西税务局": ["国家税务总局广西壮族自治区税务局"]}
    for name in PROVINCIAL:
        out += ["[[unit]]", f'name = "{name}"', 'group = "区直单位"']
        if name in aliases:
            out.append("aliases = [" + ", ".join(f'"{a}"' for a in aliases[name]) + "]")
        out.append("")
    out.append("# 各设区市人民政府（14个）")
    for city in CITIES:
        out += ["[[unit]]", f'name = "{city}市人民政府"', 'group = "设区市"', ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_blank_forms() -> None:
    """附件3 as the letter sends it: the blank form, numbered rows, the note under it."""
    blank = FormLayout(numbered=True, below=("注：无修改意见的，请在表中注明“无修改意见”并盖章反馈。",))
    form_document(blank).save(str(HERE / "附件3-修改意见表.docx"))
    make_deterministic(HERE / "附件3-修改意见表.docx")
    form_workbook(blank)[0].save(HERE / "附件3-修改意见表.xlsx")
    make_deterministic(HERE / "附件3-修改意见表.xlsx")


def write_form(form: Form, path: Path) -> Path:
    """The form as the unit saved it: .xlsx or .docx, deterministic bytes."""
    if path.suffix == ".xlsx":
        write_xlsx_form(form, path)
    else:
        write_docx_form(form, path)
    make_deterministic(path)
    return path


def write_mail(form: Form, path: Path, attachments: list[Path]) -> None:
    """An .eml as a mail client saves it: GBK text labelled gb2312, base64 attachments."""
    from email.message import EmailMessage

    sender, date, body = form.mail
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "zynljsc@rst.gxzf.gov.cn"
    message["Subject"] = "关于《若干措施（征求意见稿）》的反馈意见"
    message["Date"] = date
    message["Message-ID"] = f"<{abs(hash_text(form.file))}@mail.example.gov.cn>"
    message.set_content(body, charset="gb2312" if _gb2312_safe(body) else "gb18030")
    for attachment in attachments:
        message.add_attachment(
            attachment.read_bytes(), maintype="application", subtype="octet-stream", filename=attachment.name
        )
    message.set_boundary("----=_NextPart_000_0012_01D96300.5A1B2C30")
    path.write_bytes(bytes(message))


def hash_text(text: str) -> int:
    import zlib

    return zlib.crc32(text.encode("utf-8"))


def _gb2312_safe(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def write_gbk_zip(path: Path, members: list[Path]) -> None:
    """A zip as Chinese Windows makes it: member names in GBK, no UTF-8 flag."""
    placeholders: dict[bytes, bytes] = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, member in enumerate(members):
            raw = member.name.encode("gbk")
            placeholder = f"{n:02d}".encode() + b"_" * (len(raw) - 2)
            placeholders[placeholder] = raw
            archive.writestr(zipfile.ZipInfo(placeholder.decode(), FIXED_TIME), member.read_bytes())
    content = path.read_bytes()
    for placeholder, raw in placeholders.items():
        content = content.replace(placeholder, raw)
    path.write_bytes(content)


def write_tracked_draft(path: Path) -> None:
    """The draft returned with Word's tracked changes and a comment instead of the form."""
    document = Document(str(HERE / "draft.docx"))
    author = "共青团广西区委 李晓"
    for paragraph in document.paragraphs:
        text = paragraph.text
        if not text.startswith("实施青年技能拔尖人才计划"):
            continue
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        pieces = [
            ("", "实施青年技能拔尖人才计划。以培养创新型、应用型、技能型人才为目标，通过开展"),
            ("comment", "青年文明号"),
            ("", "、青年岗位能手"),
            ("del", "、标兵"),
            ("", "等创建评选，组织岗位练兵、技能比武"),
            ("ins", "、师带徒"),
            ("", text[text.index("、创先争优") :]),
        ]
        for kind, piece in pieces:
            run = paragraph.add_run(piece)
            _eastasia(run, size=16)
            if kind == "comment":
                document.add_comment(
                    run, text="建议明确由共青团组织开展的评选项目范围。", author=author, initials="LX"
                )
            elif kind in ("ins", "del"):
                tag = "w:ins" if kind == "ins" else "w:del"
                wrapper = paragraph._p.makeelement(
                    qn(tag), {qn("w:id"): "90" if kind == "ins" else "91", qn("w:author"): author,
                              qn("w:date"): "2023-03-29T10:00:00Z"}
                )  # fmt: skip
                paragraph._p.remove(run._r)
                if kind == "del":
                    for t in run._r.iter(qn("w:t")):
                        t.tag = qn("w:delText")
                wrapper.append(run._r)
                paragraph._p.append(wrapper)
    document.save(path)
    make_deterministic(path)


def main() -> None:
    import tempfile

    write_consultation(HERE / "consultation.toml")
    write_draft(HERE / "draft.docx")
    make_deterministic(HERE / "draft.docx")
    write_blank_forms()
    if RETURNS.exists():
        shutil.rmtree(RETURNS)
    RETURNS.mkdir()
    with tempfile.TemporaryDirectory() as staging:
        stage = Path(staging)
        for form in FORMS:
            if form.channel == "legacy":
                shutil.copyfile(LEGACY / form.file, RETURNS / form.file)
                continue
            if form.channel == "tracked":
                write_tracked_draft(RETURNS / form.file)
                continue
            folder = stage if form.channel in ("mail", "zip") else RETURNS
            files = [write_form(form, folder / form.file)] if form.rows or form.below else []
            if form.stamped:
                stamped = folder / (Path(form.file).stem + "（盖章件）.pdf")
                write_stamped_pdf(stamped, form.header)
                files.append(stamped)
            if form.channel == "mail":
                write_mail(form, RETURNS / (Path(form.file).stem + ".eml"), files)
            elif form.channel == "zip":
                write_gbk_zip(RETURNS / form.archive, files)
    damaged = RETURNS / DAMAGED
    damaged.write_bytes(damaged.read_bytes()[:1500])  # a transfer cut short
    for name in STAMPED_ONLY:
        write_stamped_pdf(RETURNS / name, name)
    # Word's owner file, left behind when the clerk had a return open.
    (RETURNS / "~$区教育厅-修改意见表.docx").write_bytes(b"\x0bclerk" + b"\x00" * 150)
    print(f"sample written to {HERE.relative_to(Path.cwd()) if HERE.is_relative_to(Path.cwd()) else HERE}")


if __name__ == "__main__":
    main()
