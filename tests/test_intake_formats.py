"""Every kind of return a department actually receives, read as if it lay in the folder."""

from __future__ import annotations

import shutil
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest

from consolidate.documents.convert import find_soffice
from consolidate.documents.discover import sniff
from consolidate.pipeline import consolidate

from .factories import docx_form

DATA = Path(__file__).parent / "data"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


def _run(consultation, folder):
    result = consolidate(consultation, folder)
    return result, {u.unit.name: u for u in result.units}


def _copy(name: str, folder: Path, as_name: str | None = None) -> Path:
    target = folder / (as_name or name)
    shutil.copyfile(DATA / name, target)
    return target


# ---------------------------------------------------------------- office formats


@pytest.mark.parametrize(
    "name", ["lo-sheet.xlsx", "lo-sheet.xls", "lo-sheet.et", "lo-sheet.ods", "lo-form.docx"]
)
def test_reads_office_files_written_by_libreoffice(consultation, returns_dir, name):
    _copy(name, returns_dir)
    result, units = _run(consultation, returns_dir)
    assert units["自治区教育厅"].status == "opinions"
    assert units["自治区教育厅"].opinions == 2
    assert result.opinions[0].text.startswith("建议将第三部分第一段")


@needs_soffice
@pytest.mark.parametrize("name", ["lo-form.doc", "lo-form.wps", "lo-form.rtf", "lo-form.odt"])
def test_converts_legacy_word_processor_files_with_libreoffice(consultation, returns_dir, name):
    source = _copy(name, returns_dir)
    before = source.read_bytes()
    result, units = _run(consultation, returns_dir)
    assert units["自治区教育厅"].opinions == 2
    assert any(f.code == "converted" for f in result.findings)
    assert source.read_bytes() == before
    assert sorted(p.name for p in returns_dir.iterdir()) == [name]


@needs_soffice
def test_converts_all_legacy_files_in_one_go(consultation, returns_dir):
    for n, name in enumerate(["lo-form.doc", "lo-form.wps", "lo-form.rtf"]):
        _copy(name, returns_dir, f"{n}-教育厅{Path(name).suffix}")
    result, units = _run(consultation, returns_dir)
    assert units["自治区教育厅"].files and len(units["自治区教育厅"].files) == 3
    assert not [f for f in result.findings if f.severity == "error"]


def test_without_libreoffice_a_doc_is_a_clear_finding(consultation, returns_dir, monkeypatch):
    monkeypatch.setenv("CONSOLIDATE_SOFFICE", "")
    _copy("lo-form.doc", returns_dir, "财政厅意见.doc")
    result, units = _run(consultation, returns_dir)
    (finding,) = [f for f in result.findings if f.code == "needs-libreoffice"]
    assert "LibreOffice" in finding.message and ".docx" in finding.message
    assert finding.file == "财政厅意见.doc"
    assert units["自治区财政厅"].status == "needs_review"


def test_file_types_come_from_content_not_extension(tmp_path):
    assert sniff(_copy("lo-form.docx", tmp_path, "really-docx.doc")) == "docx"
    assert sniff(_copy("lo-sheet.xlsx", tmp_path, "really-xlsx.xls")) == "sheet"
    assert sniff(_copy("lo-form.pdf", tmp_path, "scan.docx")) == "pdf"
    html = tmp_path / "export.xls"
    html.write_text("<html><body><table><tr><td>序号</td></tr></table></body></html>", encoding="utf-8")
    assert sniff(html) == "html"
    csv = tmp_path / "export2.xls"
    csv.write_text("序号,单位,修改意见\n1,自治区财政厅,建议甲\n", encoding="utf-8")
    assert sniff(csv) == "csv"


def test_an_html_table_saved_as_xls_is_read(consultation, returns_dir):
    (returns_dir / "财政厅.xls").write_text(
        "<html><body><p>单位名称（盖章）：自治区财政厅 填表时间：2023年3月29日</p><table>"
        "<tr><th>序号</th><th>单位</th><th>修改意见</th><th>修改理由</th></tr>"
        "<tr><td>1</td><td>自治区财政厅</td><td>建议删除“明确按一定比例”</td><td>理由</td></tr>"
        "</table></body></html>",
        encoding="gb18030",
    )
    _, units = _run(consultation, returns_dir)
    assert units["自治区财政厅"].opinions == 1


def test_a_csv_saved_as_xls_is_read(consultation, returns_dir):
    (returns_dir / "财政厅.xls").write_bytes(
        "序号,单位,修改意见,修改理由\n1,自治区财政厅,建议甲,理由\n".encode("gb18030")
    )
    _, units = _run(consultation, returns_dir)
    assert units["自治区财政厅"].opinions == 1


# ---------------------------------------------------------------- e-mail


def _mail(
    path: Path, *, sender: str, date: str, body: str, attachments: list[tuple[str, bytes]], charset="utf-8"
):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "zynljsc@rst.gxzf.gov.cn"
    message["Subject"] = "修改意见反馈"
    message["Date"] = date
    message.set_content(body, charset=charset)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(bytes(message))
    return path


def test_an_emails_attachments_are_read_with_its_date_and_sender(consultation, returns_dir, tmp_path):
    form = docx_form(
        tmp_path / "form.docx", [["1", "", "建议第二部分第二段增加培训内容。", "", ""]], header=None
    )
    _mail(
        returns_dir / "反馈.eml",
        sender="广西税务局 <tax@example.cn>",
        date="Mon, 03 Apr 2023 09:15:00 +0800",
        body="您好，附件为我局修改意见，请查收。",
        attachments=[("修改意见表.docx", form.read_bytes())],
    )
    result, units = _run(consultation, returns_dir)
    report = units["广西税务局"]
    assert report.status == "opinions" and report.late is True
    assert report.files == ("反馈.eml/修改意见表.docx",)
    assert result.opinions[0].clauses == ("2.2",)


def test_an_email_body_saying_no_opinion_counts(consultation, returns_dir):
    _mail(returns_dir / "a.eml", sender="自治区财政厅 <czt@example.cn>", date="Thu, 30 Mar 2023 10:00:00 +0800",
          body="经研究，我厅无修改意见。", attachments=[])  # fmt: skip
    _, units = _run(consultation, returns_dir)
    assert units["自治区财政厅"].status == "no_opinion"
    assert units["自治区财政厅"].late is False


def test_gb2312_labelled_gbk_names_and_rfc2231_file_names_decode(consultation, returns_dir, tmp_path):
    form = docx_form(tmp_path / "form.docx", [["1", "", "建议甲", "", ""]], header=None)
    raw = _mail(tmp_path / "m.eml", sender="x <x@example.cn>", date="Thu, 30 Mar 2023 10:00:00 +0800",
                body="附件", attachments=[("河池市人力资源和社会保障局意见.docx", form.read_bytes())]).read_bytes()  # fmt: skip
    # A GBK-only character (镕) in a display name labelled gb2312, as Chinese clients do.
    name = (
        "=?gb2312?B?" + __import__("base64").b64encode("南宁市人民政府（镕）".encode("gbk")).decode() + "?="
    )
    raw = raw.replace(b"From: x <x@example.cn>", f"From: {name} <nn@example.cn>".encode())
    (returns_dir / "m.eml").write_bytes(raw)
    _, units = _run(consultation, returns_dir)
    assert units["河池市人民政府"].status == "opinions"  # the file name decides over the sender


# ---------------------------------------------------------------- archives


def _zip_with_gbk_names(path: Path, members: dict[str, bytes]) -> None:
    """A zip as Chinese Windows writes it: names in GBK bytes, UTF-8 flag not set."""
    placeholders = {}
    with zipfile.ZipFile(path, "w") as archive:
        for n, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            placeholder = f"{n:02d}".encode() + b"_" * (len(raw) - 2)
            placeholders[placeholder] = raw
            archive.writestr(zipfile.ZipInfo(placeholder.decode(), (2023, 3, 30, 9, 0, 0)), data)
    content = path.read_bytes()
    for placeholder, raw in placeholders.items():
        content = content.replace(placeholder, raw)
    path.write_bytes(content)


def test_a_zip_with_gbk_member_names_is_read(consultation, returns_dir, tmp_path):
    form = docx_form(tmp_path / "f.docx", [["1", "", "建议甲", "", ""]], header=None)
    _zip_with_gbk_names(returns_dir / "反馈材料.zip", {"自治区财政厅修改意见表.docx": form.read_bytes()})
    _, units = _run(consultation, returns_dir)
    assert units["自治区财政厅"].files == ("反馈材料.zip/自治区财政厅修改意见表.docx",)


def test_nested_archives_and_traversal_names_stay_inside(consultation, returns_dir, tmp_path):
    form = docx_form(tmp_path / "f.docx", [["1", "", "建议甲", "", ""]], header=None).read_bytes()
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("../../../../tmp/自治区教育厅-逃逸.docx", form)
    with zipfile.ZipFile(returns_dir / "outer.zip", "w") as archive:
        archive.writestr("sub/inner.zip", inner.read_bytes())
        archive.writestr("/abs/南宁市人民政府.docx", form)
    _result, units = _run(consultation, returns_dir)
    assert units["自治区教育厅"].status == "opinions"
    assert units["南宁市人民政府"].status == "opinions"
    assert not Path("/tmp/自治区教育厅-逃逸.docx").exists()
    assert sorted(p.name for p in returns_dir.iterdir()) == ["outer.zip"]


def test_7z_archives_are_a_clear_finding(consultation, returns_dir):
    (returns_dir / "a.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 40)
    result, _ = _run(consultation, returns_dir)
    assert [f.code for f in result.findings if f.code != "responsible-not-consulted"] == ["7z-file"]


# ---------------------------------------------------------------- tracked changes and comments


def _draft_with_changes(path: Path) -> Path:
    """The draft's 2.2 paragraph returned with an insertion, a deletion and a comment."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    document.add_paragraph("二、夯实培养基础")
    p = document.add_paragraph()
    p.add_run("建立全区中等职业学校统一招生平台，")
    ins = p._p.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "自治区教育厅 张三"})
    run = p.add_run("逐步")._r
    p._p.remove(run)
    ins.append(run)
    p._p.append(ins)
    p.add_run("稳定招生规模。")
    dele = p._p.makeelement(qn("w:del"), {qn("w:id"): "2", qn("w:author"): "自治区教育厅 张三"})
    run = p.add_run("（责任单位：自治区教育厅）")._r
    p._p.remove(run)
    for t in run.iter(qn("w:t")):
        t.tag = qn("w:delText")
    dele.append(run)
    p._p.append(dele)
    document.save(path)
    return path


def test_a_draft_returned_with_tracked_changes_becomes_opinions(consultation, returns_dir):
    _draft_with_changes(returns_dir / "征求意见稿（教育厅修改）.docx")
    result, units = _run(consultation, returns_dir)
    texts = [o.text for o in result.opinions]
    assert texts == ["在“建立全区中等职业学校统一招生平台，”后增加“逐步”", "删除“（责任单位：自治区教育厅）”"]
    assert {o.clauses for o in result.opinions} == {("2.2",)}
    assert units["自治区教育厅"].status == "opinions"


def test_the_unit_can_come_from_the_change_author(consultation, returns_dir):
    _draft_with_changes(returns_dir / "征求意见稿-修改.docx")
    _, units = _run(consultation, returns_dir)
    assert units["自治区教育厅"].status == "opinions"


def test_the_untouched_draft_in_the_folder_is_not_a_reply(consultation, returns_dir):
    from docx import Document

    from .conftest import DRAFT_LINES

    document = Document()
    for line in DRAFT_LINES:
        document.add_paragraph(line)
    document.save(returns_dir / "征求意见稿.docx")
    result, _units = _run(consultation, returns_dir)
    assert not result.opinions
    assert [f.code for f in result.findings if f.code != "responsible-not-consulted"] == ["not-a-return"]


# ---------------------------------------------------------------- stamped copies


def test_a_text_pdf_alone_is_read_as_a_fallback(consultation, returns_dir):
    _copy("lo-form.pdf", returns_dir, "自治区教育厅（盖章件）.pdf")
    result, units = _run(consultation, returns_dir)
    report = units["自治区教育厅"]
    assert report.status == "opinions" and report.opinions == 2
    assert report.stamped_copy and not report.editable_copy
    assert any(f.code == "stamped-only" for f in result.findings)


def test_a_stamped_copy_beside_the_editable_one_is_paired(consultation, returns_dir):
    _copy("lo-form.pdf", returns_dir, "教育厅盖章件.pdf")
    _copy("lo-form.docx", returns_dir, "教育厅.docx")
    result, units = _run(consultation, returns_dir)
    report = units["自治区教育厅"]
    assert report.stamped_copy and report.editable_copy and report.opinions == 2
    assert len(result.effective_opinions) == 2
    assert not any(f.code in ("copies-differ", "stamped-only") for f in result.findings)


def test_copies_that_differ_are_reported(consultation, returns_dir):
    _copy("lo-form.pdf", returns_dir, "教育厅盖章件.pdf")
    docx_form(returns_dir / "教育厅.docx", [["1", "自治区教育厅", "另一条意见", "", ""]])
    result, _ = _run(consultation, returns_dir)
    assert any(f.code == "copies-differ" for f in result.findings)


def test_a_scan_alone_needs_review(consultation, returns_dir):
    (returns_dir / "财政厅盖章件.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    result, units = _run(consultation, returns_dir)
    assert units["自治区财政厅"].status == "needs_review"
    assert any(f.code == "stamped-only" and "可编辑" in f.message for f in result.findings)


# ---------------------------------------------------------------- everything else


def test_litter_is_listed_once_as_ignored(consultation, returns_dir):
    (returns_dir / "~$教育厅.docx").write_bytes(b"\x00" * 162)
    (returns_dir / "Thumbs.db").write_bytes(b"\x00" * 10)
    (returns_dir / ".DS_Store").write_bytes(b"\x00" * 10)
    (returns_dir / "快捷方式.lnk").write_bytes(b"L\x00\x00\x00")
    result, units = _run(consultation, returns_dir)
    assert sorted(f.file for f in result.findings if f.code == "ignored-file") == sorted(
        ["~$教育厅.docx", "Thumbs.db", ".DS_Store", "快捷方式.lnk"]
    )
    assert all(u.status == "missing" for u in units.values())
