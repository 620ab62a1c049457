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

from consolidate.consultation.settings import load_consultation
from consolidate.model import Consolidation, Opinion
from consolidate.pipeline import consolidate
from consolidate.text.normalise import fold

CASES_DIR = Path(__file__).parent / "consultations"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "expected.toml").is_file())
CLAUSE_ACCURACY_REQUIRED = 0.90

# Known failures, per consultation (or "case/letter.ext") and property: reason. Every
# property of every consultation holds today, so the table is empty; an entry added later
# is strict, so the suite says so as soon as the property holds again.
KNOWN_FAILURES: dict[str, dict[str, str]] = {}

REPORT: dict[str, dict[str, str]] = {}


def cases(test: str, names: list[str] | None = None) -> list:
    """The consultations as parameters, each marked xfail where the property is known to fail."""
    params = []
    for name in names if names is not None else CASES:
        case = name.split("/")[0]
        reason = KNOWN_FAILURES.get(name, {}).get(test) or KNOWN_FAILURES.get(case, {}).get(test)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
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
    from consolidate.text.numerals import parse_number

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
    from consolidate.papers.json_out import to_data

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
