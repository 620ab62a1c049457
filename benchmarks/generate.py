"""A synthetic consultation of any size, for timing `consolidate` on realistic volumes.

``generate(folder, n)`` writes ``consultation.toml`` (an N-unit roster), ``draft.docx`` (the
sample's draft) and ``returns/`` with N returned Annex-3 forms, about 70 % Word and 30 %
Excel, plus ``manifest.json`` describing what was generated (so a benchmark can check the
tool found it). The content imitates a real round of comments: on average three opinions per
return, one return in ten saying only 无修改意见, and a *campaign* — some 40 % of opinions are
small rewordings of 20 stock opinions about the same sentences of the draft, which is what
happens when units copy from each other or from their line ministry.

Speed matters (10,000 returns should take seconds, not minutes), so the blank form the tool
prints (`consolidate.papers.forms`) is written once as .docx and once as .xlsx, with markers
where a unit writes, as a template; every return is then that template zip with its
``word/document.xml`` (or ``xl/worksheets/sheet1.xml`` + ``xl/sharedStrings.xml``) produced by
string templating and appended with `zipfile`. The result is a valid Office file of the same
shape the repository's sample has: the tool's blank form, filled in.

Everything is decided by ``random.Random(seed)``, zip timestamps and file mtimes are fixed, so
the same ``(n, seed)`` gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import re
import shutil
import time
import zipfile
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

GENERATOR_VERSION = 2  # 2: returns built on consolidate.papers.forms' blank form
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "gx-2023-57"
FIXED_ZIP_TIME = (2023, 3, 20, 9, 0, 0)
CST = dt.timezone(dt.timedelta(hours=8))

# ---------------------------------------------------------------- the roster

_PROVINCIAL = (
    "发展改革委", "教育厅", "科技厅", "工业和信息化厅", "民族宗教委", "公安厅", "民政厅", "司法厅",
    "财政厅", "自然资源厅", "生态环境厅", "住房城乡建设厅", "交通运输厅", "水利厅", "农业农村厅",
    "商务厅", "文化和旅游厅", "卫生健康委", "退役军人厅", "应急管理厅", "审计厅", "外事办", "国资委",
    "市场监管局", "广电局", "体育局", "统计局", "医保局", "机关事务管理局", "乡村振兴局",
    "大数据发展局", "林业局", "粮食和物资储备局", "药监局", "地方金融监管局", "北部湾办",
    "党委组织部", "党委宣传部", "党委统战部", "党委网信办", "党委编办", "总工会", "妇联", "科协",
    "工商联", "残联", "侨联", "社科联", "人大常委会办公厅", "政协办公厅",
)  # fmt: skip
_PROVINCIAL_OTHER = ("共青团广西区委", "广西税务局")
_CITIES = (
    "南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州", "河池",
    "来宾", "崇左",
)  # fmt: skip
_CITY_DEPTS = (
    "人民政府", "发展改革委", "教育局", "科技局", "工业和信息化局", "民政局", "司法局", "财政局",
    "人力资源社会保障局", "自然资源局", "生态环境局", "住房城乡建设局", "交通运输局", "水利局",
    "农业农村局", "商务局", "文化广电体育和旅游局", "卫生健康委", "退役军人事务局", "应急管理局",
    "审计局", "国资委", "市场监管局", "统计局", "医保局", "乡村振兴局", "大数据发展局", "总工会",
    "妇联", "科协", "工商联", "残联",
)  # fmt: skip
_COUNTIES = (
    "兴宁区", "青秀区", "江南区", "西乡塘区", "良庆区", "邕宁区", "武鸣区", "隆安县", "马山县",
    "上林县", "宾阳县", "城中区", "鱼峰区", "柳南区", "柳北区", "柳江区", "柳城县", "鹿寨县",
    "融安县", "融水苗族自治县", "三江侗族自治县", "秀峰区", "叠彩区", "象山区", "七星区", "雁山区",
    "临桂区", "阳朔县", "灵川县", "全州县", "兴安县", "永福县", "灌阳县", "龙胜各族自治县", "资源县",
    "平乐县", "恭城瑶族自治县", "万秀区", "长洲区", "龙圩区", "苍梧县", "藤县", "蒙山县", "海城区",
    "银海区", "铁山港区", "合浦县", "港口区", "防城区", "上思县", "钦南区", "钦北区", "灵山县",
    "浦北县", "港北区", "港南区", "覃塘区", "平南县", "玉州区", "福绵区", "容县", "陆川县", "博白县",
    "兴业县", "右江区", "田阳区", "田东县", "德保县", "那坡县", "凌云县", "乐业县", "田林县", "西林县",
    "隆林各族自治县", "八步区", "平桂区", "昭平县", "钟山县", "富川瑶族自治县", "金城江区", "宜州区",
    "南丹县", "天峨县", "凤山县", "东兰县", "罗城仫佬族自治县", "环江毛南族自治县", "巴马瑶族自治县",
    "都安瑶族自治县", "大化瑶族自治县", "兴宾区", "忻城县", "象州县", "武宣县", "金秀瑶族自治县",
    "江州区", "扶绥县", "宁明县", "龙州县", "大新县", "天等县",
)  # fmt: skip
_COUNTY_DEPTS = (
    "人民政府", "发展和改革局", "教育局", "财政局", "人力资源社会保障局", "农业农村局", "工业和信息化局",
    "民政局", "自然资源局", "住房城乡建设局", "交通运输局", "水利局", "商务局", "卫生健康局",
    "市场监管局", "应急管理局", "审计局", "统计局", "医保局", "乡村振兴局", "文化体育和旅游局",
    "总工会", "妇联", "科协", "工商联",
)  # fmt: skip
# Made-up county names (syllable pairs) once the real ones run out; and towns beyond that.
_FIRST = "安宁平永兴隆昭富德凌灵融罗天田西上东南北长新仁清和"
_SECOND = "山江林川阳城源溪河塘坪岭水州"
_TOWN = "大小新石黄白龙凤金马桥坡"

# Long official forms units write instead of the roster's short ones (any one applies).
_VARIANTS = (
    ("自治区", "广西壮族自治区"), ("人力资源社会保障", "人力资源和社会保障"),
    ("发展改革委", "发展和改革委员会"), ("卫生健康委", "卫生健康委员会"),
    ("住房城乡建设", "住房和城乡建设"), ("国资委", "国有资产监督管理委员会"),
    ("市场监管局", "市场监督管理局"), ("科技厅", "科学技术厅"),
)  # fmt: skip


def _unit_pool(size: int) -> list[tuple[str, str]]:
    """At least ``size`` distinct ``(name, group)`` pairs, region first, then cities, counties, towns."""
    pool: dict[str, str] = {}
    for dept in _PROVINCIAL:
        pool[f"自治区{dept}"] = "区直单位"
    for name in _PROVINCIAL_OTHER:
        pool[name] = "区直单位"
    for city in _CITIES:
        for dept in _CITY_DEPTS:
            pool[f"{city}市{dept}"] = "设区市"
    counties = list(_COUNTIES) + [
        f"{a}{b}县" for a in _FIRST for b in _SECOND if f"{a}{b}县" not in _COUNTIES and a != b
    ]
    for county in counties:
        if len(pool) >= size:
            return list(pool.items())
        for dept in _COUNTY_DEPTS:
            pool[f"{county}{dept}"] = "县（市、区）"
    for county in counties:
        for a in _TOWN:
            for b in _SECOND:
                if len(pool) >= size:
                    return list(pool.items())
                pool[f"{county}{a}{b}镇人民政府"] = "乡镇"
    if len(pool) < size:
        raise ValueError(f"cannot make {size} distinct unit names (at most {len(pool)})")
    return list(pool.items())


def make_roster(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """N distinct units, a mix of region departments, cities and counties, in roster order."""
    pool = _unit_pool(max(int(n * 1.2), 600))
    chosen = sorted(rng.sample(range(len(pool)), n))
    return [pool[i] for i in chosen]


def name_variant(name: str, rng: random.Random) -> str:
    """How a unit might sign itself instead of the roster name (a long official form)."""
    options = [(a, b) for a, b in _VARIANTS if a in name]
    if not options:
        return name
    short, long = rng.choice(options)
    return name.replace(short, long, 1)


# ---------------------------------------------------------------- the opinions

_CN = "〇一二三四五六七八九十"

# The campaign: stock opinions (and reasons) about real sentences of the sample draft.
CAMPAIGN: tuple[tuple[str, str], ...] = (
    ("建议将第三部分第一段“提高中等职业学校生均公用经费基本拨款标准”修改为“落实中等职业学校生均公用经费基本拨款标准，并建立动态调整机制”。",
     "中职生均公用经费标准已由国家统一确定最低标准，宜表述为落实并动态调整。"),
    ("建议将第三部分第二段“建立全区中等职业学校统一招生平台”修改为“完善全区中等职业学校统一招生平台”。",
     "全区中职统一招生平台已建成并投入使用。"),
    ("建议删除第三部分第一段“各级职业教育经费明确按一定比例用于技工教育发展”中的“明确按一定比例”。",
     "职业教育经费由各级按事权统筹安排，不宜规定固定比例。"),
    ("建议将第八部分第一段“分别一次性给予每人5万元、2万元奖励”修改为“按规定给予奖励”。",
     "奖励标准应按照评比达标表彰有关规定执行，不宜明确具体金额。"),
    ("建议将第四部分“定期编制发布《重点产业急需紧缺技能人才职业（工种）目录》”修改为“定期编制发布重点产业急需紧缺技能人才目录”。",
     "与产业发展规划相衔接。"),
    ("建议第六部分第一段删除“主持自治区科研项目”。", "科研项目主持人资格按项目管理办法执行。"),
    ("建议将第七部分第二段“揭榜领题”修改为“揭榜挂帅”。", "与国家和自治区科技管理文件表述保持一致。"),
    ("建议在第七部分第二段“设立相关津贴”后增加“，津贴标准由企业自主确定”。", "尊重企业自主分配权。"),
    ("建议将第七部分第三段“实现技高者多得”修改为“实现技高者多得、多劳者多得”。", "体现按劳分配原则。"),
    ("建议删除第六部分第一段“允许公办职业学校高技能领军人才实施年薪制、协议制等特殊工资制度”中的“年薪制”。",
     "公办职业学校属事业单位，实行年薪制缺乏政策依据。"),
    ("建议删除第三部分第二段“适当增加中等职业学校教师高级专业技术岗位设置比例”。",
     "岗位设置比例按规定核定，不宜在本文件中作出规定。"),
    ("建议将第六部分第三段“区块链、人工智能等数字技能人才”修改为“区块链、人工智能、网络安全等数字技能人才”。",
     "网络安全人才紧缺。"),
    ("建议将第六部分第四段“梯次培养乡村工匠、名师、大师队伍”修改为“梯次培养乡村工匠、乡村工匠名师、乡村工匠大师队伍”。",
     "与乡村工匠培育有关文件表述一致。"),
    ("建议将第五部分“建立专项职业能力逐级晋升通道”修改为“建立专项职业能力考核与技能等级认定衔接通道”。",
     "表述更准确。"),
    ("建议明确第八部分第二段“用人单位可按当地最低工资标准2倍发放不超过1年的生活补贴”中生活补贴的资金来源。",
     "资金来源不明确，执行中易产生争议。"),
    ("建议在第一部分增加“各设区市要结合实际制定配套措施”。", "便于各地落实。"),
    ("建议在第二部分“建立全区统一的高技能人才数据库”中明确由自治区人力资源社会保障厅牵头建设。", "明确责任主体。"),
    ("建议将第九部分“到工会、共青团、妇联等群团组织挂职或兼职”修改为“到工会、共青团、妇联等群团组织挂职、兼职”。",
     "拓宽高技能人才发展渠道。"),
    ("建议将第八部分第一段“分别一次性给予每人30万元、15万元奖励”修改为“分别一次性给予每人50万元、20万元奖励”。",
     "与周边省份奖励标准相当。"),
    ("建议在第六部分第五段“定期举办广西技能大赛等各类技能竞赛”后增加“，支持各设区市举办市级技能竞赛”。",
     "发挥市级竞赛作用。"),
)  # fmt: skip

# Small rewordings: each near-duplicate applies one to three that fit.
_MUTATIONS = (
    ("建议将", "建议把"), ("修改为", "改为"), ("修改为", "调整为"), ("建议删除", "建议删去"),
    ("建议", "我单位建议"), ("建议", "经研究，建议"), ("第一段", "第1段"), ("第二段", "第2段"),
    ("第三段", "第3段"), ("。", "；"), ("。", ""), ("增加", "补充"), ("明确", "进一步明确"),
)  # fmt: skip
_ADDITIONS = (
    "并建立动态调整机制", "所需经费按现行渠道解决", "加强督促检查", "纳入年度绩效考核",
    "具体办法由自治区人力资源社会保障厅另行制定", "鼓励有条件的地方先行先试", "落实属地管理责任",
    "支持民营企业参照执行", "加强部门协同配合", "探索建立容错纠错机制", "做好政策宣传解读",
    "完善配套措施", "建立跟踪评估机制", "向欠发达地区适当倾斜", "引导社会资本参与",
    "加强数据共享", "按程序报批后实施", "统筹用好现有资金渠道", "强化结果运用", "建立工作台账",
)  # fmt: skip
_REASONS = (
    "表述更加准确。", "与上位政策表述保持一致。", "便于基层操作执行。", "增强政策的可操作性。",
    "避免产生歧义。", "结合我单位工作实际。", "相关工作已有专门文件规定。", "明确责任主体，便于落实。",
    "资金保障渠道需进一步明确。", "与国家有关文件衔接。", "体现我区工作特色。", "防止政策执行中出现偏差。",
    "近年来该项工作已取得阶段性成效。", "充分发挥行业主管部门作用。", "减轻基层负担。",
)  # fmt: skip
_TOPICS = ("高技能人才认定", "技能竞赛奖励", "校企合作", "职业技能等级评价", "技工院校建设", "技能人才薪酬分配",
           "高技能人才引进", "企业新型学徒制", "乡村工匠培育", "数字技能人才培养")  # fmt: skip
_ASPECTS = ("责任分工", "资金来源", "实施步骤", "考核办法", "配套政策", "时间节点", "适用范围")
_VERBS = (("支持", "鼓励和支持"), ("建立", "建立健全"), ("加强", "切实加强"), ("推进", "加快推进"),
          ("完善", "健全完善"), ("开展", "组织开展"), ("提高", "稳步提高"))  # fmt: skip
_NO_OPINION = ("无修改意见", "无修改意见。", "无", "经研究，我单位无修改意见。", "原则同意，无修改意见。",
               "无意见", "我单位无修改意见。")  # fmt: skip
_REMARKS = ("请予采纳", "供参考", "已与有关处室沟通")
_FILE_PATTERNS = ("{u}-修改意见表", "{u}修改意见表", "附件3-修改意见表（{u}）", "{u}反馈意见", "{u}-意见反馈表",
                  "关于若干措施的修改意见（{u}）")  # fmt: skip


@dataclass(frozen=True)
class DraftPart:
    """One numbered part of the draft and the quotable phrases of each of its paragraphs."""

    number: int
    phrases: tuple[tuple[str, ...], ...]


@cache
def draft_parts() -> tuple[DraftPart, ...]:
    """The sample draft's parts (一、二、…), read from its source text once.

    Paragraphs keep their position even when they have no quotable phrase, so that
    “第K段” in a generated opinion is the paragraph the quote really comes from.
    """
    lines = (SAMPLE / "draft-source.txt").read_text(encoding="utf-8").splitlines()
    parts: list[list[tuple[str, ...]]] = []
    for line in lines:
        if re.match(r"^[一二三四五六七八九十]+、", line) and len(line) < 16:
            parts.append([])
        elif parts and line.strip():
            line = re.sub(r"[（(]责任单位[:：].*?[）)]", "", line)
            pieces = re.split(r"[，。；：、（）()“”《》,]", line)
            parts[-1].append(tuple(p for p in pieces if 6 <= len(p) <= 28))
    return tuple(DraftPart(number, tuple(paragraphs)) for number, paragraphs in enumerate(parts, start=1))


def _cn(number: int) -> str:
    if number <= 10:
        return _CN[number]
    return ("" if number < 20 else _CN[number // 10]) + "十" + (_CN[number % 10] if number % 10 else "")


def _changed(phrase: str, rng: random.Random) -> str:
    verbs = [(a, b) for a, b in _VERBS if a in phrase and b not in phrase]
    choice = rng.random()
    if verbs and choice < 0.5:
        a, b = rng.choice(verbs)
        return phrase.replace(a, b, 1)
    if choice < 0.8 or not phrase.startswith(
        ("支持", "建立", "加强", "推进", "完善", "开展", "提高", "推动", "鼓励")
    ):
        return f"{phrase}，{rng.choice(_ADDITIONS)}"
    return f"进一步{phrase}"


def unique_opinion(rng: random.Random) -> tuple[str, str]:
    """An opinion written for the occasion: about a quoted sentence, a part, or the whole draft."""
    parts = draft_parts()
    part = rng.choice(parts)
    k = rng.choice([i for i, phrases in enumerate(part.phrases) if phrases])
    phrase = rng.choice(part.phrases[k])
    p, pk = _cn(part.number), _cn(k + 1)
    form = rng.random()
    if form < 0.25:
        text = f"建议将第{p}部分第{pk}段“{phrase}”修改为“{_changed(phrase, rng)}”。"
    elif form < 0.40:
        text = f"{p}（{k + 1}）中“{phrase}”，建议修改为“{_changed(phrase, rng)}”。"
    elif form < 0.60:
        text = f"建议在“{phrase}”后增加“，{rng.choice(_ADDITIONS)}”。"
    elif form < 0.70:
        text = f"建议删除第{p}部分“{phrase}”。"
    elif form < 0.80:
        text = f"建议在第{p}部分增加“{rng.choice(_ADDITIONS)}”的表述。"
    elif form < 0.90:
        cut = rng.randrange(1, len(phrase) - 1)
        misquoted = phrase[:cut] + phrase[cut + 1 :]
        text = f"“{misquoted}”的表述不够准确，建议修改为“{_changed(phrase, rng)}”。"
    else:
        text = f"建议进一步明确{rng.choice(_TOPICS)}的{rng.choice(_ASPECTS)}。"
    return text, rng.choice(_REASONS)


def campaign_opinion(rng: random.Random) -> tuple[str, str]:
    """A near-duplicate of one of the 20 stock opinions: one to three small rewordings."""
    text, reason = rng.choice(CAMPAIGN)
    for _ in range(rng.randint(1, 3)):
        fitting = [
            (a, b)
            for a, b in _MUTATIONS
            if a in text and (not b or b not in text) and (a != "建议" or text.startswith("建议"))
        ]
        if not fitting:
            break
        a, b = rng.choice(fitting)
        text = text.replace(a, b, 1)
    if rng.random() < 0.3:
        reason = rng.choice(_REASONS)
    return text, reason


# ---------------------------------------------------------------- one return


@dataclass
class Row:
    """One row of the form's table."""

    opinion: str
    reason: str = ""
    remark: str = ""
    unit: str = ""


@dataclass
class Form:
    """What one unit returned, before it becomes a file."""

    file: str
    header_unit: str
    date: str
    rows: list[Row] = field(default_factory=list)
    below: str = ""
    merge_unit: bool = False
    split_runs: bool = False
    blank_rows: int = 0
    received: float = 0.0


@dataclass
class Manifest:
    """What was generated: counts a benchmark can check the tool's result against."""

    n: int
    seed: int
    generator_version: int = GENERATOR_VERSION
    docx: int = 0
    xlsx: int = 0
    opinions: int = 0
    campaign_opinions: int = 0
    no_opinion_returns: int = 0
    late_returns: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def files(self) -> int:
        return self.docx + self.xlsx

    def to_dict(self) -> dict[str, object]:
        return asdict(self) | {"files": self.files}


def make_form(unit: str, excel: bool, rng: random.Random, manifest: Manifest) -> Form:
    """Decide one return's content (and count it in ``manifest``)."""
    signed = name_variant(unit, rng) if rng.random() < 0.15 else unit
    late = rng.random() < 0.03
    day = dt.date(2023, 4, rng.randint(1, 3)) if late else dt.date(2023, 3, rng.randint(20, 31))
    manifest.late_returns += late
    if excel and rng.random() < 0.4:
        date = rng.choice((f"{day:%Y-%m-%d}", f"{day.year}.{day.month}.{day.day}"))
    else:
        date = f"{day.year}年{day.month}月{day.day}日"
    received = dt.datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=CST)
    pattern = rng.choice(_FILE_PATTERNS)
    file = pattern.format(u=signed) + (".xlsx" if excel else ".docx")
    form = Form(file, signed, date, received=received.timestamp())
    form.split_runs = not excel and rng.random() < 0.25
    unit_cell = "" if rng.random() < 0.1 else signed

    if rng.random() < 0.10:  # a no-opinion reply
        manifest.no_opinion_returns += 1
        if not excel and rng.random() < 0.2:
            form.below = f"经研究，我单位对《若干措施》{rng.choice(('无修改意见', '无意见'))}。"
        else:
            form.rows.append(Row(rng.choice(_NO_OPINION), unit=unit_cell))
        form.blank_rows = rng.choice((0, 5))
        return form

    count = rng.choices((1, 2, 3, 4, 5, 6), weights=(16, 20, 22, 18, 12, 12))[0]
    for _ in range(count):
        opinions = 2 if rng.random() < 0.05 else 1
        texts, reasons = [], []
        for _ in range(opinions):
            if rng.random() < 0.4:
                text, reason = campaign_opinion(rng)
                manifest.campaign_opinions += 1
            else:
                text, reason = unique_opinion(rng)
            texts.append(text)
            reasons.append(reason)
            manifest.opinions += 1
        if opinions > 1:
            opinion = "\n".join(f"{i}.{t}" for i, t in enumerate(texts, start=1))
            reason = "\n".join(f"{i}.{r}" for i, r in enumerate(reasons, start=1))
        else:
            opinion, reason = texts[0], reasons[0]
        remark = rng.choice(_REMARKS) if rng.random() < 0.05 else ""
        form.rows.append(Row(opinion, reason, remark, unit_cell))
    form.merge_unit = not excel and count > 1 and unit_cell != "" and rng.random() < 0.15
    form.blank_rows = max(0, 6 - count) if rng.random() < 0.5 else 0
    return form


# ---------------------------------------------------------------- Word, by templating


def _fixed_zip(data: bytes, drop: set[str], edit: dict[str, bytes] | None = None) -> bytes:
    """Rewrite an Office zip without ``drop`` members, with fixed times and replaced members."""
    edit = edit or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename in drop:
                continue
            body = edit.get(info.filename, source.read(info.filename))
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2023-03-20T09:00:00Z", body
                )
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _paragraph_around(xml: str, marker: str) -> tuple[int, int]:
    """Start and end offsets of the ``<w:p>`` element holding ``marker``."""
    at = xml.index(marker)
    start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    end = xml.index("</w:p>", at) + len("</w:p>")
    return start, end


@dataclass(frozen=True)
class _ParagraphTemplate:
    """A paragraph split around its run, so text can go in one run or many."""

    open: str
    run_open: str
    run_close: str
    close: str

    def render(self, text: str, split: bool = False, rng: random.Random | None = None) -> str:
        lines = text.split("\n")
        out = []
        for line in lines:
            if split and rng is not None and len(line) > 6:
                pieces, at = [], 0
                while at < len(line):
                    step = rng.randint(3, 12)
                    pieces.append(line[at : at + step])
                    at += step
            else:
                pieces = [line]
            runs = "".join(self.run_open + escape(p) + self.run_close for p in pieces if p)
            out.append(self.open + runs + self.close)
        return "".join(out)


def _paragraph_template(paragraph: str, marker: str) -> _ParagraphTemplate:
    run_start = paragraph.index("<w:r>")
    run_end = paragraph.rindex("</w:r>") + len("</w:r>")
    run = paragraph[run_start:run_end]
    before, after = run.split(marker)
    before = before.replace("<w:t>", '<w:t xml:space="preserve">')
    return _ParagraphTemplate(paragraph[:run_start], before, after, paragraph[run_end:])


@dataclass(frozen=True)
class DocxTemplate:
    """The form's document.xml cut into pieces, and the zip of every other part."""

    zip_bytes: bytes
    head: str
    header: _ParagraphTemplate
    table_open: str
    row_open: str
    cell_props: tuple[str, ...]
    cell: tuple[_ParagraphTemplate, ...]
    blank_row: str
    table_close: str
    below: _ParagraphTemplate
    tail: str

    def document_xml(self, form: Form, rng: random.Random) -> bytes:
        header = f"单位名称（盖章）：{form.header_unit}    填表时间：{form.date}"
        parts = [self.head, self.header.render(header), self.table_open]
        for n, row in enumerate(form.rows, start=1):
            values = (str(n), row.unit, row.opinion, row.reason, row.remark)
            parts.append(self.row_open)
            for c, value in enumerate(values):
                props = self.cell_props[c]
                if c == 1 and form.merge_unit:
                    merge = '<w:vMerge w:val="restart"/>' if n == 1 else "<w:vMerge/>"
                    props = props.replace("</w:tcPr>", merge + "</w:tcPr>")
                    value = value if n == 1 else ""
                parts.append("<w:tc>" + props)
                if value:
                    parts.append(self.cell[c].render(value, form.split_runs, rng))
                else:
                    parts.append("<w:p/>")
                parts.append("</w:tc>")
            parts.append("</w:tr>")
        parts.append(self.blank_row * form.blank_rows)
        parts.append(self.table_close)
        if form.below:
            parts.append(self.below.render(form.below))
        parts.append(self.tail)
        return "".join(parts).encode("utf-8")


@cache
def docx_template() -> DocxTemplate:
    """Write the blank form once, markers in its header line, first row and the line below."""
    from consolidate.papers.forms import FormLayout, form_document

    doc = form_document(FormLayout(header_lines=("@@HEADER@@",), blank_rows=2, below=("@@BELOW@@",)))
    for c, cell in enumerate(doc.tables[0].rows[1].cells):
        cell.paragraphs[0].add_run(f"@@C{c}@@")
    doc.core_properties.author = "Administrator"
    doc.core_properties.last_modified_by = "Administrator"
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")

    h_start, h_end = _paragraph_around(xml, "@@HEADER@@")
    rows = [m.span() for m in re.finditer(r"<w:tr[ >].*?</w:tr>", xml, re.S)]
    (_, _), (d_start, d_end), (b_start, b_end) = rows
    data_row = xml[d_start:d_end]
    cells = re.findall(r"<w:tc>.*?</w:tc>", data_row, re.S)
    cell_props = tuple(re.search(r"<w:tcPr>.*?</w:tcPr>", c, re.S).group(0) for c in cells)  # type: ignore[union-attr]
    cell_templates = tuple(
        _paragraph_template(cell[cell.index("<w:p>") : cell.rindex("</w:p>") + 6], f"@@C{i}@@")
        for i, cell in enumerate(cells)
    )
    w_start, w_end = _paragraph_around(xml, "@@BELOW@@")
    table_close = xml[b_end:w_start]
    return DocxTemplate(
        zip_bytes=_fixed_zip(buffer.getvalue(), drop={"word/document.xml"}),
        head=xml[:h_start],
        header=_paragraph_template(xml[h_start:h_end], "@@HEADER@@"),
        table_open=xml[h_end:d_start],
        row_open=data_row[: data_row.index("<w:tc>")],
        cell_props=cell_props,
        cell=cell_templates,
        blank_row=xml[b_start:b_end],
        table_close=table_close,
        below=_paragraph_template(xml[w_start:w_end], "@@BELOW@@"),
        tail=xml[w_end:],
    )


# ---------------------------------------------------------------- Excel, by templating

_SST = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class XlsxTemplate:
    """The workbook zip without its sheet, and the sheet XML around ``<sheetData>``."""

    zip_bytes: bytes
    sheet_head: str
    sheet_tail: str
    style_annex: str
    style_title: str
    style_line: str
    style_header: str
    style_number: str
    style_cell: str

    def parts(self, form: Form) -> tuple[bytes, bytes]:
        """``(sheet1.xml, sharedStrings.xml)`` for a form, strings shared as Excel does."""
        strings: dict[str, int] = {}
        uses = 0

        def s(text: str) -> str:
            nonlocal uses
            uses += 1
            return str(strings.setdefault(text, len(strings)))

        rows = [
            f'<row r="1"><c r="A1" s="{self.style_annex}" t="s"><v>{s("附件3")}</v></c></row>',
            f'<row r="2"><c r="A2" s="{self.style_title}" t="s"><v>{s("修改意见表")}</v></c></row>',
            f'<row r="3"><c r="A3" s="{self.style_line}" t="s"><v>{s(f"单位名称（盖章）：{form.header_unit}    填表时间：{form.date}")}</v></c></row>',
        ]
        cells = "".join(
            f'<c r="{col}4" s="{self.style_header}" t="s"><v>{s(name)}</v></c>'
            for col, name in zip("ABCDE", ("序号", "单位", "修改意见", "修改理由", "备注"))
        )
        rows.append(f'<row r="4">{cells}</row>')
        r = 4
        for n, row in enumerate(form.rows, start=1):
            r = 4 + n
            cells = f'<c r="A{r}" s="{self.style_number}"><v>{n}</v></c>'
            for col, value in zip("BCDE", (row.unit, row.opinion, row.reason, row.remark)):
                if value:
                    cells += f'<c r="{col}{r}" s="{self.style_cell}" t="s"><v>{s(value)}</v></c>'
                else:
                    cells += f'<c r="{col}{r}" s="{self.style_cell}"/>'
            rows.append(f'<row r="{r}">{cells}</row>')
        head = self.sheet_head.replace('<dimension ref="A1:E5"/>', f'<dimension ref="A1:E{max(r, 4)}"/>')
        sheet = head + "".join(rows) + self.sheet_tail
        items = "".join(
            f'<si><t xml:space="preserve">{escape(t)}</t></si>'
            if t != t.strip()
            else f"<si><t>{escape(t)}</t></si>"
            for t in strings
        )
        sst = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{_SST}" count="{uses}" uniqueCount="{len(strings)}">{items}</sst>'
        )
        return sheet.encode("utf-8"), sst.encode("utf-8")


@cache
def xlsx_template() -> XlsxTemplate:
    """Write the blank form's sheet once (one filled row to take the cell style from); add
    the shared-strings part Excel writes."""
    from consolidate.papers.forms import FormLayout, form_workbook

    wb, _ = form_workbook(FormLayout(header_lines=("@@HEADER@@",), blank_rows=1))
    ws = wb.active
    for c in range(1, 6):
        ws.cell(row=5, column=c, value="x")
    wb.properties.creator = "Administrator"
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        types = archive.read("[Content_Types].xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml" Id="rId99"/></Relationships>',
    )
    app = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>"
    )
    start = sheet.index("<sheetData>") + len("<sheetData>")
    end = sheet.index("</sheetData>")
    data = sheet[start:end]

    def style(ref: str) -> str:
        return re.search(rf'<c r="{ref}"[^>]*? s="(\d+)"', data).group(1)  # type: ignore[union-attr]

    return XlsxTemplate(
        zip_bytes=_fixed_zip(
            buffer.getvalue(),
            drop={"xl/worksheets/sheet1.xml"},
            edit={
                "[Content_Types].xml": types.encode(),
                "xl/_rels/workbook.xml.rels": rels.encode(),
                "docProps/app.xml": app.encode(),
            },
        ),
        sheet_head=sheet[:start],
        sheet_tail=sheet[end:],
        style_annex=style("A1"),
        style_title=style("A2"),
        style_line=style("A3"),
        style_header=style("A4"),
        style_number=style("A5"),
        style_cell=style("B5"),
    )


def _write_zip(path: Path, template: bytes, members: list[tuple[str, bytes]]) -> int:
    """The template zip plus ``members``, appended (no re-compression of the static parts)."""
    buffer = io.BytesIO(template)
    buffer.seek(0, os.SEEK_END)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members:
            archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), body, zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    path.write_bytes(data)
    return len(data)


# ---------------------------------------------------------------- the consultation


def write_consultation(path: Path, roster: list[tuple[str, str]]) -> None:
    """consultation.toml in the sample's format, with this roster."""
    out = [
        f"# 基准测试用合成征求意见：{len(roster)} 个单位（benchmarks/generate.py 生成）",
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
    ]
    for name, group in roster:
        out += ["[[unit]]", f"name = {json.dumps(name, ensure_ascii=False)}", f'group = "{group}"']
        if name == "广西税务局":
            out.append('aliases = ["国家税务总局广西壮族自治区税务局"]')
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def generate(folder: Path | str, n: int, seed: int = 0) -> Manifest:
    """Write a consultation with ``n`` units and ``n`` returns into ``folder``; see the module doc.

    An existing ``returns/`` is replaced only if ``folder`` holds a manifest (i.e. this function
    made it), so pointing it at a real consultation by mistake cannot delete anyone's files.
    """
    started = time.perf_counter()
    folder = Path(folder)
    returns = folder / "returns"
    if returns.exists():
        if not (folder / "manifest.json").exists() and any(returns.iterdir()):
            raise FileExistsError(f"{returns} exists and was not made by generate(); refusing to replace it")
        shutil.rmtree(returns)
    returns.mkdir(parents=True)
    rng = random.Random(seed)
    roster = make_roster(n, rng)
    write_consultation(folder / "consultation.toml", roster)
    shutil.copyfile(SAMPLE / "draft.docx", folder / "draft.docx")

    manifest = Manifest(n=n, seed=seed)
    docx, xlsx = docx_template(), xlsx_template()
    used: set[str] = set()
    for index, (unit, _group) in enumerate(roster):
        excel = rng.random() < 0.3
        form = make_form(unit, excel, rng, manifest)
        name = form.file
        if name in used:
            name = f"{Path(name).stem}（{index}）{Path(name).suffix}"
        used.add(name)
        path = returns / name
        if excel:
            sheet, sst = xlsx.parts(form)
            size = _write_zip(
                path, xlsx.zip_bytes, [("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", sst)]
            )
            manifest.xlsx += 1
        else:
            size = _write_zip(path, docx.zip_bytes, [("word/document.xml", docx.document_xml(form, rng))])
            manifest.docx += 1
        os.utime(path, (form.received, form.received))
        manifest.bytes += size
    manifest.seconds = round(time.perf_counter() - started, 3)
    (folder / "manifest.json").write_text(
        json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2), "utf-8"
    )
    return manifest


def load_manifest(folder: Path) -> Manifest | None:
    """The manifest of a corpus made earlier, or None if there is none (or it is stale)."""
    try:
        data = json.loads((Path(folder) / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    data.pop("files", None)
    try:
        manifest = Manifest(**data)
    except TypeError:
        return None
    return manifest if manifest.generator_version == GENERATOR_VERSION else None


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic consultation for benchmarking.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    result = generate(args.folder, args.n, args.seed)
    print(json.dumps(result.to_dict(), ensure_ascii=False))
