import datetime as dt

from consolidate.analysis.status import assess_units, newest
from consolidate.model import Opinion, Return


def _ret(
    consultation,
    name,
    file,
    *,
    opinions=0,
    no_opinion=False,
    fill=None,
    modified=0.0,
    copy="editable",
    readable=True,
):
    unit = next(u for u in consultation.units if u.name == name)
    ops = tuple(Opinion(f"{file}-{n}", name, f"意见{n}") for n in range(opinions))
    return Return(
        file, copy, unit, readable, fill_date=fill, modified=modified, opinions=ops, no_opinion=no_opinion
    )


def _report(reports, name):
    return next(r for r in reports if r.unit.name == name)


def test_a_unit_without_files_is_missing(consultation):
    reports = assess_units(consultation, []).reports
    assert {r.status for r in reports} == {"missing"}
    assert len(reports) == len(consultation.units)


def test_statuses_for_opinions_and_no_opinion(consultation):
    returns = [
        _ret(consultation, "自治区教育厅", "a.docx", opinions=2),
        _ret(consultation, "自治区财政厅", "b.docx", no_opinion=True),
    ]
    assessment = assess_units(consultation, returns)
    reports, opinions = assessment.reports, assessment.opinions
    assert _report(reports, "自治区教育厅").status == "opinions"
    assert _report(reports, "自治区教育厅").opinions == 2
    assert _report(reports, "自治区财政厅").status == "no_opinion"
    assert len(opinions) == 2


def test_an_unreadable_return_needs_review(consultation):
    reports = assess_units(
        consultation, [_ret(consultation, "自治区教育厅", "a.docx", readable=False)]
    ).reports
    assert _report(reports, "自治区教育厅").status == "needs_review"


def test_a_blank_form_needs_review(consultation):
    reports = assess_units(consultation, [_ret(consultation, "自治区教育厅", "a.docx")]).reports
    assert _report(reports, "自治区教育厅").status == "needs_review"


def test_only_a_stamped_copy_needs_review_with_a_finding(consultation):
    assessment = assess_units(consultation, [_ret(consultation, "自治区教育厅", "a.pdf", copy="stamped")])
    reports, findings = assessment.reports, assessment.findings
    report = _report(reports, "自治区教育厅")
    assert report.status == "needs_review" and report.stamped_copy and not report.editable_copy
    assert any(f.code == "stamped-only" for f in findings)


def test_a_reply_dated_after_the_deadline_is_late(consultation):
    returns = [
        _ret(consultation, "自治区教育厅", "a.docx", no_opinion=True, fill=dt.date(2023, 4, 3)),
        _ret(consultation, "自治区财政厅", "b.docx", no_opinion=True, fill=dt.date(2023, 3, 31)),
        _ret(consultation, "广西税务局", "c.docx", no_opinion=True),
    ]
    reports = assess_units(consultation, returns).reports
    assert _report(reports, "自治区教育厅").late is True
    assert _report(reports, "自治区财政厅").late is False
    assert _report(reports, "广西税务局").late is None


def test_the_newer_form_supersedes_and_the_old_opinions_are_kept_marked(consultation):
    old = _ret(consultation, "自治区教育厅", "a.docx", opinions=1, fill=dt.date(2023, 3, 27))
    new = _ret(consultation, "自治区教育厅", "a（更正）.docx", opinions=3, fill=dt.date(2023, 3, 30))
    assessment = assess_units(consultation, [new, old])
    reports, opinions, findings = assessment.reports, assessment.opinions, assessment.findings
    assert _report(reports, "自治区教育厅").opinions == 3
    assert sum(o.superseded for o in opinions) == 1
    assert any(f.code == "superseded" and f.file == "a.docx" for f in findings)


def test_newest_falls_back_to_file_time_then_correction_words():
    a = Return("a.docx", "editable", None, True, modified=1.0)
    b = Return("b.docx", "editable", None, True, modified=2.0)
    assert newest([a, b]) is b
    c = Return("c.docx", "editable", None, True, modified=2.0)
    d = Return("c（更正）.docx", "editable", None, True, modified=2.0)
    assert newest([d, c]) is d
