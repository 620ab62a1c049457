"""Recognising what form-fillers write besides opinions: no-opinion replies, what a reply
letter says around its message (来函收悉, 现将意见函复如下, 特此函复, 附件, 发文字号), whom it
answers for (受……委托, 代……), and dates in any of the ways offices type them. The header
line itself is read by header.py."""

from __future__ import annotations

import re

from consolidate.text.normalise import fold

_NO_OPINION = re.compile(
    r"^(?:经(?:认真)?(?:研究|审阅|研读|审核|征求.{0,12}意见)[,，]?)?"
    r"(?:(?:我|本)(?:单位|局|厅|委|办|部|市|会|院|室|处)?)?"
    r"(?:对(?:.{0,60}?)(?:稿|措施|意见|文件|办法|方案)[》」)）]{0,3})?"
    r"(?:(?:表示)?(?:原则)?同意(?:该|此|本)?(?:稿|文件|措施|意见稿)?[,，]?)?"
    r"(?:(?:无|没有|暂无|未有|并无)(?:任何)?(?:修改|其他|不同|补充|修改和补充)?(?:意见|异议|建议)|(?:原则)?同意(?:该|此|本)?(?:稿|文件|措施|意见稿)?|无)"
    r"(?:[,，]?(?:原则)?同意(?:该|此|本)?(?:稿|文件)?)?[。.！!]?$"
)
_BLANK_MARKS = {"", "/", "／", "-", "—", "——", "--", "无内容", "空"}


_UNIT_WORD = r"(?:单位|局|厅|委|办|部|市|会|院|室|处|县|区|司|中心|镇|乡|街道|公司)"
# Who states it: 我局, 本单位, 该单位, or the unit's own name ("山门镇对该方案无意见"); a
# name must be followed by 对… or 原则同意, so that "第三条无意见" or "山门镇不同意" never
# reads as a subject and a statement.
_SUBJECT = rf"(?:(?:我|本|该){_UNIT_WORD}?|[^，,。；;：:“”《》]{{2,30}}?(?=对|(?:原则|完全|表示)同意))"
_PREAMBLE_PART = re.compile(
    rf"^(?:(?:经|我{_UNIT_WORD})?(?:我{_UNIT_WORD})?(?:对(?:《[^》]*》|征求意见稿|草案|该稿|文件))?(?:进行了|进行)?(?:认真)?"
    r"(?:研究|审阅|研读|审核|讨论|征求.{0,12}意见)(?:《[^》]*》)?(?:后)?(?:认为)?|(?:我|本)"
    + _UNIT_WORD
    + r"?"
    r"|除(?:上述|以上|此|前述|上面)(?:意见|修改意见|建议|几点意见|\d+条意见)?(?:外|以外)"
    # Who speaks for whom, what about, greetings and attachment notes: no opinion in them.
    r"|(?:关于|对于|就)《[^》]*》|受[^，,。]{2,30}委托|经[^，,。]{1,20}(?:政府|领导|党组|办公会)同意"
    r"|(?:我.{0,3})?代表?[^，,。]{1,30}?(?:人民政府|政府|办公厅|办公室|委员会|委|厅|局|办|院|会|部)"
    r"(?:反馈|答复|回复|函复|复函)?(?:如下)?"
    r"|您好|你好|.{0,4}附件(?:为|是)[^，,。]{0,24}|[^，,。]{0,12}见附件)$"
)
_PRAISE_PART = re.compile(
    r"^(?:该|此|本|上述)?(?:措施|方案|办法|稿|文件|征求意见稿|条例|规定|细则|草案|内容|文本)?(?:内容|结构|措施|条款)?"
    r"(?:总体|整体)?(?:较为|比较|十分|非常)?(?:全面|具体|可行|合理|科学|规范|严谨|清晰|完善|详实|周全|务实|有力|操作性强|针对性强)"
    r"|^(?:对|有利于|有助于)[^，,。]{0,40}(?:具有|起到|有)(?:重要|积极|很强的)?(?:意义|作用|指导意义)$"
)
_AGREE_PART = re.compile(
    rf"^(?:{_SUBJECT})?(?:对.{{0,40}}?)?(?:原则|完全|表示|均)?同意"
    r"(?:该|此|本|上述|以上)?(?:《[^》]{0,40}》|征求意见稿|意见稿|稿|文件|措施|内容|方案|办法|条例|草案|规定|细则)?"
    r"(?:的?(?:内容|表述))?$"
)
_NONE_PART = re.compile(
    rf"^(?:{_SUBJECT})?(?:对.{{0,60}}?)?(?:均)?(?:无|没有|暂无|未有|并无)(?:任何)?(?:修改|其他|不同|补充|修改和补充|修改或补充|补充和修改)?(?:意见|异议|建议)$"
    # Nothing more to add, after opinions or alone: 其他无意见, 除上述意见外无其他意见.
    r"|^(?:除(?:上述|以上|此|前述)(?:意见|修改意见|建议)?(?:外|以外)(?:[,，])?)?(?:我.{0,3})?"
    r"(?:其他|其它|其余|另)?(?:内容|方面|条款|部分|章节|表述)?(?:均|暂|再)?"
    r"(?:无|没有|暂无|并无)(?:其他|其它|别的|另外|再)?(?:的)?(?:修改|补充|不同|具体|修改和补充|修改补充)?(?:意见|异议|建议)$"
)


_PROPOSES = re.compile(
    r"建议|增加|增设|补充(?!意见|和修改)|修改(?!意见|建议|和补充|稿|草案)|删除|删去|改为|调整|明确|修订(?!稿|草案)"
    r"|替换|表述为|写入|纳入"
)


def proposes_change(text: str) -> bool:
    """Words that ask for a change (建议, 增加, 修改, 删除, 改为 …): such a sentence is never furniture."""
    return bool(_PROPOSES.search(fold(text)))


def is_no_opinion(text: str) -> bool:
    """True for a statement that the unit has nothing to change (and nothing else).

    Each clause of the statement must be a lead-in (经研究, 我局), an agreement with the
    draft (原则同意《若干措施》) or a no-opinion phrase, and one of the last two must be
    there. "无意见。但建议…" is not: anything else said makes it an opinion.
    """
    folded = fold(text).rstrip("。.")
    if not folded or folded in _BLANK_MARKS:
        return False
    if _NO_OPINION.match(folded + "。") or _NO_OPINION.match(folded):
        return True
    parts = [p for p in re.split(r"[，,。；;！!]", folded) if p]
    if not parts or any(_PROPOSES.search(p) and not _NONE_PART.match(p) for p in parts):
        return False
    said = False
    for part in parts:
        if (
            _NONE_PART.match(part)
            or _AGREE_PART.match(part)
            or part == "无"
            or _NO_OPINION.match(part + "。")
        ):
            said = True
        elif not (
            _PREAMBLE_PART.match(part)
            or all(_PRAISE_PART.fullmatch(p) for p in part.split("、"))
            or is_closing(part)
            or is_acknowledgement(part)
        ):
            return False
    return said


def is_blank_mark(text: str) -> bool:
    """Dashes and slashes people put in cells they mean to leave empty."""
    return fold(text) in _BLANK_MARKS


_CLOSING = re.compile(
    r"^(?:以上|上述)(?:意见|建议|修改意见)?(?:仅)?供(?:参考|参阅|研究参考|你(?:委|厅|局|办|部|院|会)参考)"
    r"|^(?:特此|专此)(?:函复|复函|函告|反馈|回复|说明|报告)|^此复|^妥否[,，]?请(?:酌|批示|审定)"
    r"|^(?:纸质|盖章|正式)(?:件|版|文件)(?:随后|另行|已|将|稍后)?(?:寄送|报送|送达|邮寄|寄出|报|送|寄)"
    r"|^请(?:按|依)(?:程序|规定)?(?:推进|办理|报批|印发|审议|推进实施)|^谢谢|^感谢"
    r"|^请(?:予以|予)?(?:酌处|酌定|参考|审阅|查收|研究采纳|予以采纳|采纳|酌情采纳)"
    r"|^(?:专此|特此)?(?:函达|奉复)"
)
_ACKNOWLEDGED = re.compile(
    r"^(?:(?:你|贵|来|省|市|区|县)[^。]{0,80}?|[^。]{0,80}?(?:函|通知|文|件|稿|》|意见|邮件|材料))(?:已)?(?:收悉|收到|悉)"
    r"|^来(?:函|文|件)(?:已)?收悉"
)
_RECEIVED = re.compile(
    r"(?:我.{0,3})?(?:已|均已)?收到(?:你|贵).{0,3}(?:的)?(?:来函|函|《[^》]*》)?|(?:我.{0,3})?(?:已)?收到《[^》]*》(?:的函|函|文件|材料|等材料)?"
)
_LEAD_IN = re.compile(
    r"(?:意见|建议|情况|修改意见|反馈意见)?(?:函复|反馈|回复|答复|报送|复函|提出|报告|汇总|报)?(?:如下|以下意见|以下修改意见|以下建议|以下几点意见)"
    r"(?:[(（]?(?:详|具体)?见(?:下表|附表|附件|表格)[)）]?)?[:：]?$"
)
_CHANGES = re.compile(
    r"增加|增设|删除|删去|改为|修改为|调整为|表述为|将[^，,]{0,30}(?:修改|调整)(?!意见|建议)"
)
_FURNITURE = re.compile(
    r"^(?:抄送|抄报|主送|附件|附|签发人|发文|印发|主题词)[:：]"
    r"|^[^。；;，,]{0,12}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号$"
    r"|^[(（](?:此件|联系人|经办人|本件)[^)）]*[)）]$"
    r"|^(?:附件\s*(?:\d+|[:：])|附\s*[:：])[^。；;]{0,60}$"
)


def is_closing(text: str) -> bool:
    """A letter's sign-off (特此函复, 此复, 以上意见供参考): no opinion, and no statement of none."""
    return bool(_CLOSING.match(fold(text).rstrip("。.!！")) and len(fold(text)) <= 30)


def is_acknowledgement(text: str) -> bool:
    """The opening of a reply letter: "你委《…》的函收悉", "来函收悉。" (the sentence only)."""
    folded = fold(text).rstrip("。.!！,，")
    said = (
        bool(_ACKNOWLEDGED.match(folded))
        and bool(re.search(r"(?:收悉|(?<![未没])收到|[函文件》示告知稿]悉)$", folded))
        and bool(re.search(r"函|《|文|通知|件|稿|邮件|材料", folded))
    )
    return (said or bool(_RECEIVED.fullmatch(folded))) and not _PROPOSES.search(
        re.sub(r"《[^》]*》", "", folded)
    )


def is_lead_in(text: str) -> bool:
    """ "现将有关意见函复如下：", "受市政府委托，现将我局意见反馈如下：": announces opinions, is
    none. "建议将第三条修改如下：" proposes a change and is not a lead-in."""
    folded = fold(text).rstrip("。.")
    return (
        len(folded) <= 50
        and "。" not in folded
        and bool(_LEAD_IN.search(folded))
        and not _CHANGES.search(folded)
    )


def is_letter_furniture(text: str) -> bool:
    """Lines every official letter has besides its message: 发文字号, 抄送, 附件, （此件公开发布）."""
    return bool(_FURNITURE.match(fold(text)))


_PRINCIPAL = r"[^，,。；;：:“”\s]{1,30}?(?:人民政府|政府|办公厅|办公室|委员会|委|厅|局|办|院|会|部|处|中心)"
_ON_BEHALF = (
    re.compile(rf"受(?P<who>{_PRINCIPAL})(?:的)?委托"),
    re.compile(
        rf"(?<![时年替取交世迭])代(?:表)?(?P<who>{_PRINCIPAL})(?:统一)?(?:反馈|答复|回复|函复|复函|提出|报送|汇总|研究)"
    ),
    re.compile(rf"^代(?:表)?(?P<who>{_PRINCIPAL})$"),
    re.compile(r"经(?P<who>[^，,。；;]{1,20}?(?:人民政府|政府))同意[,，]"),
)


def on_behalf_of(text: str) -> str | None:
    """The unit a letter says it answers for: 受XX市人民政府委托, 代XX市人民政府, 现代表市政府反馈如下."""
    for sentence in re.split(r"[。；;]", fold(text)):
        # Only what comes before the opinions: "建议改为：经县级人民政府同意，…" quotes a
        # rule and speaks for no one.
        segment = re.split(r"[:：]", sentence)[0] if _PROPOSES.search(sentence) else sentence
        if _PROPOSES.search(segment):
            continue
        for pattern in _ON_BEHALF:
            found = pattern.search(segment)
            if found:
                return found.group("who")
    return None
