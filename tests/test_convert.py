"""Legacy files on a PC without LibreOffice: Word or WPS by COM, behind the same interface."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consolidate.documents import convert
from consolidate.documents.convert import (
    LibreOffice,
    OfficeAutomation,
    convert_word_files,
    find_converter,
    find_soffice,
    no_converter_message,
)
from consolidate.documents.discover import FoundFile
from consolidate.pipeline import consolidate

DATA = Path(__file__).parent / "data"


class FakeDocument:
    def __init__(self, app: FakeOffice, path: str) -> None:
        self.app, self.path = app, path

    def SaveAs2(self, target: str, FileFormat: int) -> None:
        assert FileFormat == 12  # .docx
        # What Word would write for the form LibreOffice also converted in tests/data.
        shutil.copyfile(DATA / "lo-form.docx", target)
        self.app.saved.append(Path(target).name)

    def Close(self, save_changes: int) -> None:
        assert save_changes == 0
        self.app.closed += 1


class FakeDocuments:
    def __init__(self, app: FakeOffice) -> None:
        self.app = app

    def Open(self, path: str, **options) -> FakeDocument:
        self.app.opened.append((Path(path).name, options))
        if self.app.refuse and self.app.refuse in Path(path).read_bytes()[:4096]:
            raise OSError("com_error: 文件已损坏")
        return FakeDocument(self.app, path)


class FakeOffice:
    """Word.Application as far as the converter uses it; records what it was asked."""

    def __init__(self, refuse: bytes = b"") -> None:
        self.Visible = True
        self.DisplayAlerts = -1
        self.Documents = FakeDocuments(self)
        self.opened: list[tuple[str, dict]] = []
        self.saved: list[str] = []
        self.closed = 0
        self.quit = False
        self.refuse = refuse

    def Quit(self, save_changes: int = 0) -> None:
        self.quit = True


def _word(app: FakeOffice, prog_ids: list[str] | None = None) -> OfficeAutomation:
    def dispatch(prog_id: str) -> FakeOffice:
        if prog_ids is not None:
            prog_ids.append(prog_id)
        return app

    return OfficeAutomation("Word.Application", "Microsoft Word", dispatch)


def _found(folder: Path, name: str, data: str = "lo-form.doc") -> FoundFile:
    path = folder / name
    shutil.copyfile(DATA / data, path)
    return FoundFile(path, name, "word")


def test_word_converts_each_file_invisibly_read_only_and_quits(tmp_path):
    app, asked = FakeOffice(), []
    files = [_found(tmp_path, "教育厅.doc"), _found(tmp_path, "财政厅.wps", "lo-form.wps")]
    work = tmp_path / "work"
    converted, findings = convert_word_files(files, work, _word(app, asked))
    assert findings == []
    assert set(converted) == {"教育厅.doc", "财政厅.wps"}
    assert all(p.suffix == ".docx" and p.is_file() for p in converted.values())
    assert asked == ["Word.Application"]
    assert app.Visible is False and app.DisplayAlerts == 0
    assert all(o["ReadOnly"] and not o["ConfirmConversions"] and o["PasswordDocument"] for _, o in app.opened)
    assert app.closed == 2 and app.quit


def test_word_only_ever_sees_copies_in_the_private_folder(tmp_path):
    app = FakeOffice()
    convert_word_files([_found(tmp_path, "教育厅.doc")], tmp_path / "work", _word(app))
    ((opened, _),) = app.opened
    assert opened != "教育厅.doc" and (tmp_path / "work" / "lo-in" / opened).is_file()


def test_a_file_word_cannot_open_is_reported_and_the_others_convert(tmp_path):
    app = FakeOffice(refuse=b"{\\rtf")
    files = [_found(tmp_path, "教育厅.doc"), _found(tmp_path, "坏文件.rtf", "lo-form.rtf")]
    converted, findings = convert_word_files(files, tmp_path / "work", _word(app))
    assert list(converted) == ["教育厅.doc"]
    (finding,) = findings
    assert finding.file == "坏文件.rtf" and "Microsoft Word 无法转换" in finding.message
    assert app.quit


def test_word_that_will_not_start_is_one_finding_and_every_file_is_reported(tmp_path):
    def broken(prog_id: str):
        raise OSError("Class not registered")

    files = [_found(tmp_path, "教育厅.doc"), _found(tmp_path, "财政厅.doc")]
    converted, findings = convert_word_files(
        files, tmp_path / "work", OfficeAutomation("Word.Application", "Microsoft Word", broken)
    )
    assert converted == {}
    assert "无法启动 Microsoft Word" in findings[0].message
    assert {f.file for f in findings[1:]} == {"教育厅.doc", "财政厅.doc"}


def test_a_return_converted_by_word_is_read_like_any_other(consultation, returns_dir, monkeypatch):
    app = FakeOffice()
    monkeypatch.setattr(convert, "find_converter", lambda system=None: _word(app))
    shutil.copyfile(DATA / "lo-form.doc", returns_dir / "教育厅意见.doc")
    result = consolidate(consultation, returns_dir)
    units = {u.unit.name: u for u in result.units}
    assert units["自治区教育厅"].status == "opinions" and units["自治区教育厅"].editable_copy
    assert app.saved and app.quit
    assert not [f for f in result.findings if f.severity == "error" and f.file]


def test_on_windows_soffice_is_found_where_the_installer_puts_it(tmp_path, monkeypatch):
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    soffice = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    environ = {"ProgramFiles": str(tmp_path / "Program Files")}
    assert find_soffice("Windows", environ) == str(soffice)
    assert find_soffice("Windows", {"ProgramFiles": str(tmp_path / "elsewhere")}) is None


def test_soffice_on_path_comes_first_and_the_variable_overrides_both(monkeypatch):
    monkeypatch.setattr(convert.shutil, "which", lambda name: "/usr/bin/soffice")
    assert find_soffice("Linux", {}) == "/usr/bin/soffice"
    assert find_soffice("Linux", {"CONSOLIDATE_SOFFICE": ""}) is None
    assert find_soffice("Linux", {"CONSOLIDATE_SOFFICE": "/opt/lo/soffice"}) == "/opt/lo/soffice"


def test_libreoffice_is_preferred_and_com_is_only_tried_on_windows(monkeypatch):
    monkeypatch.delenv("CONSOLIDATE_CONVERTER", raising=False)
    monkeypatch.setattr(convert, "find_soffice", lambda system=None: "/usr/bin/soffice")
    assert isinstance(find_converter("Windows"), LibreOffice)
    monkeypatch.setattr(convert, "find_soffice", lambda system=None: None)
    monkeypatch.setattr(convert, "_com_dispatch", lambda: lambda prog_id: FakeOffice())
    monkeypatch.setattr(convert, "_com_registered", lambda prog_id: prog_id == "Kwps.Application")
    chosen = find_converter("Windows")
    assert isinstance(chosen, OfficeAutomation) and chosen.label == "WPS 文字"
    assert find_converter("Linux") is None


def test_converter_none_disables_conversion(monkeypatch):
    monkeypatch.setenv("CONSOLIDATE_CONVERTER", "none")
    assert find_converter() is None


@pytest.mark.parametrize(
    ("system", "says", "never"),
    [
        ("Windows", ["LibreOffice", "WPS", "consolidate[windows]"], "apt-get"),
        ("Linux", ["apt-get install libreoffice"], "brew"),
        ("Darwin", ["brew install --cask libreoffice"], "apt-get"),
    ],
)
def test_the_missing_converter_message_names_what_to_install_on_this_system(system, says, never):
    message = no_converter_message(system)
    assert all(s in message for s in says) and never not in message
    assert ".docx" in message
