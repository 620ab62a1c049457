"""Consultations unlike the sample, end to end: `init` on the letter, `consolidate` on the returns.

Each folder under tests/consultations/ holds a letter, a draft, returns as units send them
and ``expected.toml`` (written by the folder's make.py from the same data as the files):
the roster `init` should produce, the deadline and contacts, every unit's status, and every
opinion with its unit and the clause labels as the draft names them. The tests compare
property by property, one test per consultation, so that each can be marked as a known
failure on its own; the accuracy per consultation is printed at the end of the run.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from consolidate.consultation import load_consultation
from consolidate.model import Consolidation, Opinion
from consolidate.pipeline import consolidate
from consolidate.textnorm import fold

CASES_DIR = Path(__file__).parent / "consultations"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "expected.toml").is_file())
CLAUSE_ACCURACY_REQUIRED = 0.90

# Known failures of today's code, per consultation and test. Remove an entry when the
# property holds; `strict=False` keeps the suite green while the code catches up.
_NO_FILE = "init writes no consultation.toml when it finds no deadline"
_UNMATCHED = "opinions of unmatched units go to unlisted respondents"
KNOWN_FAILURES: dict[str, dict[str, str]] = {
    # 办法 in 章/条/款/项, grouped 名单 annex, 各市、州、直管市、林区人民政府
    "hubei": {
        "json_labels": "clause groups labelled 第N部分第K段",
        "init_writes_a_file": "deadline with a weekday 6月14日（星期五）17:30前 not read; " + _NO_FILE,
        "roster": _NO_FILE + "; group headings and 各市、州、直管市、林区 not understood",
        "roster_groups": _NO_FILE,
        "deadline": "a weekday between the date and the time: 6月14日（星期五）17:30前",
        "contacts": _NO_FILE,
        "letter_facts": _NO_FILE,
        "statuses": "a 复函 saying 收悉…无修改意见 is an opinion; 宜昌.docx; 恩施州 for 恩施土家族苗族自治州",
        "no_unlisted": "header 单位名称（盖章）：（blank） 联系人：… read as a unit; 恩施州 not matched",
        "opinion_counts": "复函 and 其他条款无意见 counted as opinions",
        "opinions_found": _UNMATCHED + " (宜昌.docx, 恩施州)",
        "no_invented": "复函 lines and 其他条款无意见 read as opinions",
        "clause_accuracy": "articles labelled 第N部分第K段, items counted as 款",
        "draft_structure": "articles are parts 第N部分, 款 and 项 are paragraphs 第K段",
    },
    # plan 一、（一）1. with 牵头单位/责任单位 lines, 市直 list/table, 各县（市、区）人民政府
    "suining": {
        "json_labels": "clause groups labelled 第N部分第K段",
        "init_writes_a_file": "deadline without a year and 下班前 (7月5日下班前) not read; " + _NO_FILE,
        "roster": _NO_FILE,
        "roster_groups": _NO_FILE,
        "deadline": "deadline without a year, 下班前",
        "contacts": _NO_FILE,
        "letter_facts": _NO_FILE,
        "statuses": "复函 named 司法局复函; 国网四川省电力公司遂宁供电公司; 区住建局（受区政府委托）; 县政府办公室",
        "no_unlisted": "full names and delegates of 区/县 governments not matched",
        "opinion_counts": _UNMATCHED,
        "opinions_found": _UNMATCHED,
        "clause_accuracy": "（一） and 1. are paragraphs 第二部分第N段; 责任单位 lines are paragraphs",
        "draft_structure": "（一） and 1. are not levels; 责任单位 lines are paragraphs of their own",
        "roster_file": "init has no --units option",
    },
    # 法工委 letter with units in the 主送 line, 条例 with 条标, a court's letter
    "zhejiang": {
        "json_labels": "clause groups labelled 第N部分第K段",
        "init_writes_a_file": "deadline in Chinese numerals 二〇二四年九月二十日前 not read; " + _NO_FILE,
        "roster": _NO_FILE + "; units in the 主送 line; 各设区市人大常委会法工委",
        "roster_groups": _NO_FILE,
        "deadline": "deadline in Chinese numerals",
        "contacts": _NO_FILE,
        "letter_facts": _NO_FILE,
        "statuses": "reply letters (高院, 检察院, 金华) not identified; 法制工作委员会 for 法工委; 宁波市.docx",
        "no_unlisted": "reply letters, 法制工作委员会, header 单位名称：… 联系人：… 电话：…",
        "opinion_counts": "其他无意见 counted as an opinion; " + _UNMATCHED,
        "opinions_found": _UNMATCHED,
        "no_invented": "其他无意见 and the 收悉 sentence of a reply letter read as opinions",
        "clause_accuracy": "articles labelled 第N部分第K段, items counted as 款",
        "draft_structure": "articles are parts 第N部分, 款 and 项 are paragraphs 第K段",
    },
    # ministry letter: 各省、自治区、直辖市及新疆生产建设兵团人力资源社会保障厅（局） + 名单 annex; 指导意见 一、/（一）
    "mohrss": {
        "json_labels": "clause groups labelled 第N部分第K段",
        "roster": "各省、自治区、直辖市及新疆生产建设兵团…厅（局） not expanded; annex heading 国务院有关部门和单位： glued to a name",
        "roster_groups": "the annex heading is part of a name",
        "contacts": "联系人及电话：赵磊 010-84201234，钱敏 010-84205678 read as one name",
        "statuses": "units differing only by province share one name core (云南省人社厅 → 河北省…厅, 浙江 superseded); "
        "四川.docx; 中国企业联合会、中国企业家协会",
        "no_unlisted": "header 单位名称（盖章）：（blank）; a joint name 中国企业联合会、中国企业家协会 with 联系人 glued",
        "opinion_counts": "其他无意见 counted; opinions given to the wrong province",
        "opinions_found": "a province's return matched to another province and superseded; " + _UNMATCHED,
        "no_invented": "其他无意见 read as an opinion",
        "clause_accuracy": "（一） sections are paragraphs 第N部分第K段; 二（二）（三） placed on one",
        "draft_structure": "（一） sections are paragraphs 第N部分第K段",
    },
}

# The held-out consultations (written after the code, never tuned on): what today's code gets
# wrong on them, diagnosed to the module and phrase. Keys are a consultation, or
# "consultation/letter file" for a property of one letter only.
_TXT_TABLE = (
    "letter.txt: the annex table pasted as text, one row a line ('序号　单位名称', '1　省发展改革委'): "
    "each line is split on the full-width space and '序号', '单位名称', '1'…'10' become units (group 有关单位)"
)
_DIRECTLY = (
    "主送 '省政府有关部门、直属机构' (a collective whose members are the annex table) is expanded into a "
    "unit '省政府直属机构' instead of being recognised as covered by the 名单 annex"
)
_TOWN_PREFIX = (
    "roster.name_core strips only province prefixes, so '洞口县石江镇人民政府' never reduces to the "
    "roster's '石江镇人民政府' (fuzzy ratio 82 < 85; the longer 罗溪瑶族乡 passes at 86); Roster.find_in "
    "cannot find '石江镇' in the file name 石江镇意见.docx because only the full name is a key"
)
_SHANMEN = (
    "山门镇无意见.eml: the body '经研究，山门镇对该方案无意见。' is an opinion because replies._NONE_PART "
    "and _NO_OPINION accept only 我/本+单位 as the subject, not the unit's own name; and the unit is "
    "unidentified (signature 洞口县山门镇人民政府, file name 山门镇…: see the county prefix)"
)
_FOSHAN = (
    "佛山.docx with a blank 单位名称: the file stem is the bare city name; Roster.find_in only looks a "
    "city up before a '市' ('佛山市…'), so '佛山' goes to 未识别单位（佛山）"
)
_WPS_HEADER = (
    "省自然资源厅意见.xlsx: a table header over two rows (序号 | 条款 | 意见建议 merged over "
    "修改内容 | 修改理由): the second header row is read as a data row, inventing the opinion '修改内容'"
)
_ITEM_TEXT = (
    "a clause's text as the tool keeps it drops the items' own numbering: 第五条 reads '…条件：/具有独立法人资格；' "
    "where the draft has '…条件：/（一）具有独立法人资格；' (also 第十二条, 第十二条第二款, 第十七条)"
)
HOLDOUT_FAILURES: dict[str, dict[str, str]] = {
    "guangdong/letter.txt": {"roster": _TXT_TABLE + "; " + _DIRECTLY, "roster_groups": _TXT_TABLE},
    "guangdong/letter.docx": {"roster": _DIRECTLY, "roster_groups": _DIRECTLY},
    "guangdong": {
        # clause accuracy passes at 18/19; the miss: '在第九条后增加一条作为第十条' is placed on 第九条 and
        # 第十条 (reference, 0.95, not flagged): 作为第十条 numbers the new article, it cites no clause.
        "statuses": _FOSHAN,
        "no_unlisted": _FOSHAN,
        "opinion_counts": _FOSHAN + "; " + _WPS_HEADER,
        "opinions_found": _FOSHAN,
        "no_invented": _WPS_HEADER,
        "draft_structure": _ITEM_TEXT,
    },
    "dongkou/letter.txt": {
        "roster_groups": "主送 line '文昌街道办事处、…、那溪瑶族乡人民政府，县发展和改革局、…：': the comma that "
        "separates the two categories (顿号 within one) is not used as a group boundary; all 30 units are "
        "put in one group 有关单位",
    },
    "dongkou": {
        "statuses": _TOWN_PREFIX + "; " + _SHANMEN,
        "no_unlisted": _TOWN_PREFIX + "; " + _SHANMEN,
        "opinion_counts": _TOWN_PREFIX,
        "opinions_found": _TOWN_PREFIX,
        "no_invented": _SHANMEN,
        "clause_accuracy": "13/15 (87%): references.py reads 措施N but not '第N项措施' (the number before "
        "项措施), and a bare 第N项 needs a parent: '纳入第4项措施' (高沙镇) is left unplaced (flagged; "
        "'第9项措施' lands right only by similar wording at 0.5); '附件《重点任务清单》第3条' (黄桥镇, an annex "
        "that is not part of the draft) is pinned on 序言 by similar wording at 0.7, above the review "
        "threshold, so not flagged — it belongs to 总体意见",
        "json_labels": "13/15: the same two opinions as clause_accuracy",
        "draft_structure": "a measure's text loses its '1.' and its own 责任单位 line (the draft's "
        "'4.分区分类推进治理。…/责任单位：…'); a section's and a part's text lose their headings "
        "('（一）扎实推进农村厕所革命'), so 第一部分, 第二部分（一）… 第三部分 differ from the draft",
    },
}
for _key_, _failures_ in HOLDOUT_FAILURES.items():
    KNOWN_FAILURES.setdefault(_key_, {}).update(_failures_)

REPORT: dict[str, dict[str, str]] = {}


def cases(test: str, names: list[str] | None = None) -> list:
    """The consultations as parameters, each marked xfail where the property is known to fail."""
    params = []
    for name in names if names is not None else CASES:
        case = name.split("/")[0]
        reason = KNOWN_FAILURES.get(name, {}).get(test) or KNOWN_FAILURES.get(case, {}).get(test)
        marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


# ------------------------------------------------------------------ what is expected


@functools.cache
def expected(case: str) -> dict:
    return tomllib.loads((CASES_DIR / case / "expected.toml").read_text(encoding="utf-8"))


def letters(case: str) -> list[str]:
    return [p.name for p in sorted((CASES_DIR / case).glob("letter.*"))]


LETTERS = [f"{case}/{letter}" for case in CASES for letter in letters(case)]


def canonical(case: str, name: str) -> str:
    """The expected unit a name produced by `init` stands for (exact name or an accepted variant)."""
    for unit in expected(case)["unit"]:
        if name == unit["name"] or name in unit.get("accept", []):
            return unit["name"]
    return name


def label_to_id(label: str) -> str:
    """A hierarchical id derived from a label, for comparing ids if ever needed:
    第八条第二款第（一）项 → 8.2.1, 第八条 → 8, 第二部分（三）10 → 2.3.10."""
    from consolidate.numerals import parse_number

    numbers = re.findall(
        r"第([一二三四五六七八九十百〇]+)[条部款]|（([一二三四五六七八九十]+)）|(\d+)$", label
    )
    parts = [parse_number(a or b) if (a or b) else int(c) for a, b, c in numbers]
    if re.search(r"条第（", label):  # an item of a one-paragraph article sits in its first paragraph
        parts.insert(1, 1)
    return ".".join(str(p) for p in parts)


# ------------------------------------------------------------------ what init makes


@dataclass
class Initialised:
    output: str
    toml: dict | None


@functools.cache
def initialise(case_letter: str, *extra: str) -> Initialised:
    from click.testing import CliRunner

    from consolidate.cli import main

    case, letter = case_letter.split("/")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "c"
        args = [str(CASES_DIR / case / a) if a.endswith((".xlsx", ".docx", ".txt")) else a for a in extra]
        run = CliRunner().invoke(main, ["init", str(CASES_DIR / case / letter), "-o", str(out), *args])
        target = out / "consultation.toml"
        data = None
        if target.is_file():
            try:
                data = tomllib.loads(target.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError:
                data = None
        return Initialised(run.output + (repr(run.exception) if run.exception else ""), data)


def init_units(case_letter: str) -> list[tuple[str, str]]:
    data = initialise(case_letter).toml or {}
    return [(u.get("name", ""), u.get("group", "")) for u in data.get("unit", [])]


# ------------------------------------------------------------------ what consolidate makes


@functools.cache
def result(case: str) -> Consolidation:
    consultation = load_consultation(CASES_DIR / case / "consultation.toml")
    return consolidate(consultation, CASES_DIR / case / "returns", use_cache=False)


def _key(text: str) -> str:
    return fold(text)


@dataclass
class Matching:
    """Which produced opinion each expected opinion became (by its key phrase)."""

    found: dict[int, Opinion] = field(default_factory=dict)  # expected index → opinion
    invented: list[Opinion] = field(default_factory=list)  # opinions matching no key


@functools.cache
def matching(case: str) -> Matching:
    wanted = expected(case).get("opinion", [])
    out = Matching()
    for opinion in result(case).effective_opinions:
        text = _key(opinion.text)
        hits = [i for i, e in enumerate(wanted) if _key(e["key"]) in text]
        if not hits:
            out.invented.append(opinion)
        for i in hits:
            out.found.setdefault(i, opinion)
    return out


def placed_labels(case: str, opinion: Opinion) -> set[str]:
    draft = result(case).consultation.draft
    labels = set()
    for clause_id in opinion.clauses:
        clause = draft.get(clause_id) if draft else None
        labels.add(clause.label if clause else f"?{clause_id}")
    return labels


def same_place(case: str, opinion: Opinion, labels: list[str]) -> bool:
    """Placed on the right text whatever the clause is called (a diagnostic, not the target)."""
    draft = result(case).consultation.draft
    texts = expected(case)["clauses"]
    placed = [draft.get(c) for c in opinion.clauses] if draft else []
    if not labels:
        return not opinion.clauses
    if not placed or any(c is None for c in placed):
        return False

    def matches(clause_text: str, want: str) -> bool:
        # The clause's own text, or its opening paragraph (a measure without its 责任单位
        # line, an article's first 款 where the draft has one), or the same text with a
        # numbering prefix more or less.
        a, b, head = _key(clause_text), _key(want), _key(want.split("\n")[0])
        return (
            a in (b, head) or (b in a and len(a) <= len(b) * 1.2 + 10) or (a in b and len(a) >= 0.8 * len(b))
        )

    return all(any(matches(c.text, texts[label]) for c in placed) for label in labels) and all(
        any(matches(c.text, texts[label]) for label in labels) for c in placed
    )


def unit_statuses(case: str) -> dict[str, tuple[str, int]]:
    return {u.unit.name: (u.status, u.opinions) for u in result(case).units if u.unit.listed}


# ------------------------------------------------------------------ the measurements


def _record(case: str, key: str, value: str) -> None:
    REPORT.setdefault(case, {})[key] = value


def _ratio(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.0%})" if total else "0/0"


# ------------------------------------------------------------------ init: roster, deadline, contacts


@pytest.mark.parametrize("case_letter", cases("init_writes_a_file", LETTERS))
def test_init_writes_a_consultation_file(case_letter):
    init = initialise(case_letter)
    assert init.toml is not None, init.output


@pytest.mark.parametrize("case_letter", cases("roster", LETTERS))
def test_roster(case_letter):
    case = case_letter.split("/")[0]
    want = {u["name"] for u in expected(case)["unit"]}
    got = [canonical(case, name) for name, _ in init_units(case_letter)]
    right = len(want & set(got))
    _record(
        case,
        f"roster ({case_letter.split('/')[1]})",
        f"{_ratio(right, len(want))}, extra {len(set(got) - want)}",
    )
    assert len(got) == len(set(got)), "a unit appears twice"
    assert sorted(set(got) - want) == [] and sorted(want - set(got)) == []


ROSTER_FILES = [f"{case}/letter.txt" for case in CASES if list((CASES_DIR / case).glob("名单.*"))]


@pytest.mark.parametrize("case_letter", cases("roster_file", ROSTER_FILES))
def test_roster_from_a_separate_file(case_letter):
    """`init LETTER --units 名单.xlsx`: the file's units, each once, though the letter's annex
    lists them too."""
    case = case_letter.split("/")[0]
    roster = next((CASES_DIR / case).glob("名单.*")).name
    data = initialise(case_letter, "--units", roster).toml or {}
    got = [canonical(case, u.get("name", "")) for u in data.get("unit", [])]
    want = {u["name"] for u in expected(case)["unit"]}
    assert len(got) == len(set(got)) and set(got) == want, initialise(case_letter, "--units", roster).output


@pytest.mark.parametrize("case_letter", cases("roster_groups", LETTERS))
def test_roster_groups(case_letter):
    case = case_letter.split("/")[0]
    got: dict[str, set[str]] = {}
    for name, group in init_units(case_letter):
        got.setdefault(_group(group), set()).add(canonical(case, name))
    want: dict[str, set[str]] = {}
    for unit in expected(case)["unit"]:
        want.setdefault(unit["group"], set()).add(unit["name"])
    assert sorted(map(sorted, got.values())) == sorted(map(sorted, want.values()))
    for unit in expected(case)["unit"]:
        if unit["group_exact"]:
            assert unit["name"] in got.get(unit["group"], set()), (unit["name"], unit["group"])


def _group(name: str) -> str:
    """A group as named by its heading, without the count: 市直单位（19个） → 市直单位."""
    return re.sub(r"[（(]\s*\d+\s*个\s*[）)]$", "", name).strip()


@pytest.mark.parametrize("case_letter", cases("deadline", LETTERS))
def test_deadline(case_letter):
    case = case_letter.split("/")[0]
    want = expected(case)["deadline"]
    got = (initialise(case_letter).toml or {}).get("deadline")
    assert isinstance(got, dt.datetime | dt.date), got
    got_date = got.date() if isinstance(got, dt.datetime) else got
    assert got_date == want.date()
    if expected(case)["deadline_has_time"]:
        assert isinstance(got, dt.datetime) and (got.hour, got.minute) == (want.hour, want.minute)


@pytest.mark.parametrize("case_letter", cases("contacts", LETTERS))
def test_contacts(case_letter):
    case = case_letter.split("/")[0]
    got = [
        (c.get("name", ""), c.get("phone", ""), c.get("email", ""))
        for c in (initialise(case_letter).toml or {}).get("contact", [])
    ]
    want = [(c["name"], c["phone"], c["email"]) for c in expected(case)["contact"]]
    assert [g[:2] for g in got] == [w[:2] for w in want]
    for (_, _, got_email), (_, _, want_email) in zip(got, want):
        if want_email:
            assert got_email == want_email


@pytest.mark.parametrize("case_letter", cases("letter_facts", LETTERS))
def test_reference_issuer_and_title(case_letter):
    case = case_letter.split("/")[0]
    data = initialise(case_letter).toml or {}
    want = expected(case)
    assert (data.get("reference"), data.get("title")) == (want["reference"], want["title"])
    assert data.get("issuer") in [want["issuer"], *want["issuer_accept"]]


# ------------------------------------------------------------------ consolidate: units and opinions


@pytest.mark.parametrize("case", cases("statuses"))
def test_statuses(case):
    got = unit_statuses(case)
    wrong = {u["name"]: (got.get(u["name"], ("?", 0))[0], u["status"]) for u in expected(case)["unit"]
             if got.get(u["name"], ("?", 0))[0] != u["status"]}  # fmt: skip
    total = len(expected(case)["unit"])
    _record(case, "statuses right", _ratio(total - len(wrong), total))
    unlisted = [u.unit.name for u in result(case).units if not u.unit.listed]
    _record(case, "unlisted respondents", str(len(unlisted)))
    assert wrong == {}, f"(got, want): {wrong}; unlisted respondents: {unlisted}"


@pytest.mark.parametrize("case", cases("no_unlisted"))
def test_every_reply_is_matched_to_a_roster_unit(case):
    assert [u.unit.name for u in result(case).units if not u.unit.listed] == []


@pytest.mark.parametrize("case", cases("opinion_counts"))
def test_opinion_counts(case):
    got = unit_statuses(case)
    wrong = {u["name"]: (got.get(u["name"], ("?", 0))[1], u["opinions"]) for u in expected(case)["unit"]
             if got.get(u["name"], ("?", 0))[1] != u["opinions"]}  # fmt: skip
    assert wrong == {}, f"(got, want): {wrong}"


@pytest.mark.parametrize("case", cases("opinions_found"))
def test_every_opinion_is_found_under_its_unit(case):
    wanted = expected(case)["opinion"]
    found = matching(case).found
    right = [i for i, e in enumerate(wanted) if i in found and found[i].unit == e["unit"]]
    _record(case, "opinions found under their unit", _ratio(len(right), len(wanted)))
    lost = [f"{e['unit']}: {e['key']} → {found[i].unit if i in found else 'not found'}"
            for i, e in enumerate(wanted) if i not in right]  # fmt: skip
    assert lost == [], "\n".join(lost)


@pytest.mark.parametrize("case", cases("no_invented"))
def test_no_invented_opinions(case):
    invented = matching(case).invented
    _record(case, "invented opinions", str(len(invented)))
    merged = [o for o in result(case).effective_opinions
              if sum(_key(e["key"]) in _key(o.text) for e in expected(case)["opinion"]) > 1]  # fmt: skip
    assert [f"{o.unit}: {o.text[:50]}" for o in invented] == []
    assert [f"{o.unit}: {o.text[:50]}" for o in merged] == [], "several opinions read as one"


@pytest.mark.parametrize("case", cases("clause_accuracy"))
def test_clause_accuracy(case):
    wanted = expected(case)["opinion"]
    found = matching(case).found
    right = place = silent = silent_place = 0
    wrong = []
    for i, entry in enumerate(wanted):
        opinion = found.get(i)
        if opinion is None:
            wrong.append(f"{entry['key']}: not found")
            continue
        ok = placed_labels(case, opinion) == set(entry["labels"])
        right += ok
        there = same_place(case, opinion, entry["labels"])
        place += there
        silent += (not ok) and not opinion.needs_review
        silent_place += (not there) and not opinion.needs_review
        if not ok:
            wrong.append(f"{entry['key']}: {sorted(placed_labels(case, opinion))} want {entry['labels']}")
    _record(case, "clause named right", _ratio(right, len(wanted)))
    _record(case, "right text, any name", _ratio(place, len(wanted)))
    _record(case, "wrong name, not flagged", str(silent))
    _record(case, "wrong text, not flagged", str(silent_place))
    assert right >= CLAUSE_ACCURACY_REQUIRED * len(wanted), "\n".join(wrong)


@pytest.mark.parametrize("case", cases("json_labels"))
def test_the_json_result_names_clauses_as_the_draft_does(case):
    """What other tools read: each opinion sits under clause groups labelled as the draft
    names them (总体意见 for the text as a whole)."""
    from consolidate.render.json_out import to_data

    data = to_data(result(case))
    labels_of: dict[str, set[str]] = {}
    for group in data["clauses"]:
        for opinion_id in group["opinions"]:
            labels_of.setdefault(opinion_id, set()).add(group["label"])
    found = matching(case).found
    wanted = expected(case)["opinion"]
    right = sum(
        1
        for i, entry in enumerate(wanted)
        if i in found and labels_of.get(found[i].id, set()) == (set(entry["labels"]) or {"总体意见"})
    )
    assert right >= CLAUSE_ACCURACY_REQUIRED * len(wanted), f"{right}/{len(wanted)}"


def test_label_to_id_reads_the_drafts_own_numbering():
    assert label_to_id("第八条第二款第（一）项") == "8.2.1"
    assert label_to_id("第八条第（三）项") == "8.1.3"
    assert label_to_id("第十五条") == "15"
    assert label_to_id("第二部分（三）10") == "2.3.10"


def test_every_consultation_has_a_labelled_evaluation_set():
    assert len(CASES) >= 3, CASES
    for case in CASES:
        data = expected(case)
        assert (
            10
            <= len({o["file"] for o in data["opinion"]})
            + sum(1 for u in data["unit"] if u["status"] == "no_opinion")
            <= 30
        )
        assert all(set(o["labels"]) <= set(data["clauses"]) for o in data["opinion"])


@pytest.mark.parametrize("case", cases("draft_structure"))
def test_the_draft_is_numbered_as_it_numbers_itself(case):
    """Every clause the draft has (条, 款, 项; 部分, （一）, 1.) is found under its own name
    with its own text."""
    draft = result(case).consultation.draft
    assert draft is not None
    by_label = {c.label: c for c in draft.clauses}
    want = expected(case)["clauses"]
    right = [
        label for label, text in want.items() if label in by_label and _same_text(by_label[label].text, text)
    ]
    _record(case, "draft clauses named as the draft", _ratio(len(right), len(want)))
    assert sorted(set(want) - set(right)) == []


def _same_text(got: str, want: str) -> bool:
    """The same words, whatever the numbering prefix (第八条, （一）, 1.) and the line breaks."""

    def strip(text: str) -> str:
        return re.sub(
            r"^(?:第[一二三四五六七八九十百]+条(?:[（(][^）)]{1,12}[）)])?|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])",
            "",
            text,
        )

    return _key(strip(got)) == _key(strip(want)) or _key(got) == _key(want)


@pytest.mark.parametrize("case", CASES)
def test_the_consultation_files_are_rebuilt_byte_for_byte(case, tmp_path):
    """The committed files are what make.py writes from the labelled data, so the files and
    their labels cannot drift apart."""
    import shutil
    import subprocess
    import sys

    shutil.copy(CASES_DIR / "kit.py", tmp_path / "kit.py")
    shutil.copytree(CASES_DIR / case, tmp_path / case, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, str(tmp_path / case / "make.py")], check=True, capture_output=True)
    for path in sorted((CASES_DIR / case).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rebuilt = tmp_path / case / path.relative_to(CASES_DIR / case)
            assert rebuilt.read_bytes() == path.read_bytes(), path.name
