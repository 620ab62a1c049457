"""Legacy word-processor files (.doc, .wps, .rtf, .odt) converted to .docx before reading.

Two kinds of converter stand behind one interface:

- LibreOffice, headless: all such files of a run go to one ``soffice`` call (about 1.5 s
  for one file, 2.6 s for twenty), with its own user profile so it neither disturbs nor
  waits for a LibreOffice the clerk has open. Found on PATH, or where its installers put
  it on Windows and macOS (which do not add it to PATH).
- On Windows without LibreOffice, the Microsoft Word or WPS Office already on the clerk's
  PC, driven by COM automation (pywin32, the optional ``[windows]`` extra): invisible,
  alerts and macros off, each file opened read-only and saved as .docx.

Either way inputs are copied first into the run's private temporary folder: a converter
only ever sees copies. ``CONSOLIDATE_CONVERTER`` (``libreoffice``, ``word``, ``wps`` or
``none``) chooses; ``CONSOLIDATE_SOFFICE`` names the soffice binary (empty: none).
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from consolidate.codes import Code, Severity
from consolidate.documents.discover import FoundFile
from consolidate.model import FileKind, Finding

TIMEOUT_BASE_S = 60
TIMEOUT_PER_FILE_S = 5

#: COM programme ids, in the order tried: Word first (its automation is the reference
#: WPS imitates), then the two spellings WPS has registered over its versions.
COM_APPLICATIONS = (
    ("Word.Application", "Microsoft Word"),
    ("Kwps.Application", "WPS 文字"),
    ("KWps.Application", "WPS 文字"),
)
WD_FORMAT_XML_DOCUMENT = 12  # .docx in Word's and WPS's SaveAs
WD_DO_NOT_SAVE_CHANGES = 0
WD_ALERTS_NONE = 0
MSO_AUTOMATION_SECURITY_FORCE_DISABLE = 3


def no_converter_message(system: str | None = None) -> str:
    """What to install on *this* operating system to read legacy files."""
    system = system or platform.system()
    if system == "Windows":
        how = (
            "请安装 LibreOffice（https://zh-cn.libreoffice.org/ ，安装后无需其他设置），"
            '或在已安装 WPS/Microsoft Word 的电脑上执行 pip install "consolidate[windows]"'
        )
    elif system == "Darwin":
        how = (
            "请安装 LibreOffice（brew install --cask libreoffice，或从 https://zh-cn.libreoffice.org/ 下载）"
        )
    else:
        how = (
            "请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
            "其他发行版：用软件包管理器安装 libreoffice）"
        )
    return f"读取 .doc/.wps/.rtf/.odt 文件需要文档转换程序：{how}；或请将该文件另存为 .docx 后放回文件夹"


class Converter(Protocol):
    """Converts copies in ``inbox`` to ``outbox/<stem>.docx``; returns what went wrong
    with the batch as a whole (a message), or None. A file that did not convert is
    noticed by its missing output."""

    @property
    def label(self) -> str: ...

    def convert(self, inputs: list[Path], outbox: Path, workdir: Path) -> str | None: ...


@dataclass(frozen=True)
class LibreOffice:
    soffice: str
    label: str = "LibreOffice"

    def convert(self, inputs: list[Path], outbox: Path, workdir: Path) -> str | None:
        profile = workdir / "lo-profile"
        profile.mkdir(parents=True, exist_ok=True)
        command = [
            self.soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outbox),
            *(str(p) for p in inputs),
        ]  # fmt: skip
        try:
            subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_BASE_S + TIMEOUT_PER_FILE_S * len(inputs),
                check=False, cwd=workdir, env={**os.environ, "HOME": str(profile)},
            )  # fmt: skip
        except (subprocess.TimeoutExpired, OSError) as exc:
            return f"LibreOffice 转换失败或超时（{exc}）"
        return None


@dataclass(frozen=True)
class OfficeAutomation:
    """Word or WPS through COM. ``dispatch`` starts the application from its programme
    id (``win32com.client.DispatchEx``: a private instance, never the clerk's open one)."""

    prog_id: str
    label: str
    dispatch: Callable[[str], Any]

    def convert(self, inputs: list[Path], outbox: Path, workdir: Path) -> str | None:
        try:
            app = self.dispatch(self.prog_id)
        except Exception as exc:
            return f"无法启动 {self.label}（{exc}）"
        try:
            app.Visible = False
            app.DisplayAlerts = WD_ALERTS_NONE
            with contextlib.suppress(Exception):  # WPS lacks it; it runs no macros on open anyway
                app.AutomationSecurity = MSO_AUTOMATION_SECURITY_FORCE_DISABLE
            for source in inputs:
                self._convert_one(app, source, outbox / f"{source.stem}.docx")
        finally:
            with contextlib.suppress(Exception):
                app.Quit(WD_DO_NOT_SAVE_CHANGES)
        return None

    def _convert_one(self, app: Any, source: Path, target: Path) -> None:
        document = None
        try:
            # A password that is surely wrong makes a protected file fail at once
            # instead of waiting for someone to type one in an invisible dialog.
            document = app.Documents.Open(
                str(source), ConfirmConversions=False, ReadOnly=True, AddToRecentFiles=False,
                PasswordDocument="consolidate-no-password", Visible=False,
            )  # fmt: skip
            try:
                document.SaveAs2(str(target), FileFormat=WD_FORMAT_XML_DOCUMENT)
            except AttributeError:  # older WPS: only SaveAs
                document.SaveAs(str(target), FileFormat=WD_FORMAT_XML_DOCUMENT)
        except Exception:
            target.unlink(missing_ok=True)  # the missing output reports the file
        finally:
            if document is not None:
                with contextlib.suppress(Exception):
                    document.Close(WD_DO_NOT_SAVE_CHANGES)


def soffice_candidates(system: str, environ: Mapping[str, str]) -> list[Path]:
    """Where LibreOffice's installers put ``soffice`` (they do not add it to PATH)."""
    if system == "Windows":
        roots = [environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        found = [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in roots if r]
        if environ.get("LOCALAPPDATA"):
            found.append(
                Path(environ["LOCALAPPDATA"]) / "Programs" / "LibreOffice" / "program" / "soffice.exe"
            )
        return found
    if system == "Darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return [Path("/opt/libreoffice/program/soffice"), Path("/usr/lib/libreoffice/program/soffice")]


def find_soffice(system: str | None = None, environ: Mapping[str, str] | None = None) -> str | None:
    """The LibreOffice binary: ``CONSOLIDATE_SOFFICE`` (empty: pretend none), PATH, the
    installers' folders, then (Windows) the path LibreOffice records in the registry."""
    environ = os.environ if environ is None else environ
    system = system or platform.system()
    configured = environ.get("CONSOLIDATE_SOFFICE")
    if configured is not None:
        return configured or None
    on_path = shutil.which("soffice") or shutil.which("libreoffice")
    if on_path:
        return on_path
    for candidate in [*soffice_candidates(system, environ), *_registered_soffice(system)]:
        if candidate.is_file():
            return str(candidate)
    return None


def _registered_soffice(system: str) -> list[Path]:
    if system != "Windows" or sys.platform != "win32":
        return []
    import winreg

    found = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, r"SOFTWARE\LibreOffice\UNO\InstallPath") as key:
                folder, _ = winreg.QueryValueEx(key, "")
        except OSError:
            continue
        found.append(Path(folder) / "soffice.exe")
    return found


def find_converter(system: str | None = None) -> Converter | None:
    """LibreOffice where it is installed; else, on Windows, Word or WPS by COM."""
    system = system or platform.system()
    wanted = os.environ.get("CONSOLIDATE_CONVERTER", "").strip().lower()
    if wanted == "none":
        return None
    if wanted in ("", "libreoffice"):
        soffice = find_soffice(system)
        if soffice is not None or wanted == "libreoffice":
            return LibreOffice(soffice) if soffice else None
    if system != "Windows" and wanted not in ("word", "wps"):
        return None
    dispatch = _com_dispatch()
    if dispatch is None:
        return None
    for prog_id, label in COM_APPLICATIONS:
        if wanted == "word" and not prog_id.startswith("Word"):
            continue
        if wanted == "wps" and prog_id.startswith("Word"):
            continue
        if _com_registered(prog_id):
            return OfficeAutomation(prog_id, label, dispatch)
    return None


def _com_dispatch() -> Callable[[str], Any] | None:
    try:
        from win32com.client import DispatchEx
    except ImportError:
        return None
    return DispatchEx


def _com_registered(prog_id: str) -> bool:
    """Whether ``prog_id`` is registered, without starting the application."""
    if sys.platform != "win32":
        return False
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, rf"{prog_id}\CLSID"):
            return True
    except OSError:
        return False


def convert_word_files(
    files: list[FoundFile], workdir: Path, converter: Converter | None = None
) -> tuple[dict[str, Path], list[Finding]]:
    """Convert every ``word`` file to .docx; returns ``relative → converted path`` and findings."""
    pending = [f for f in files if f.kind == FileKind.WORD]
    if not pending:
        return {}, []
    converter = converter or find_converter()
    if converter is None:
        message = no_converter_message()
        return {}, [
            Finding(Severity.ERROR, Code.NEEDS_LIBREOFFICE, message, None, f.relative) for f in pending
        ]
    inbox, outbox = workdir / "lo-in", workdir / "lo-out"
    for folder in (inbox, outbox):
        folder.mkdir(parents=True, exist_ok=True)
    copies: dict[str, FoundFile] = {}
    inputs = []
    for n, found in enumerate(pending, start=1):
        stem = f"f{n:05d}"
        target = inbox / f"{stem}{_suffix(found)}"
        shutil.copyfile(found.path, target)
        copies[stem] = found
        inputs.append(target)
    findings: list[Finding] = []
    trouble = converter.convert(sorted(inputs), outbox, workdir)
    if trouble:
        findings.append(Finding(Severity.ERROR, Code.LIBREOFFICE_FAILED, trouble, None, None))
    converted: dict[str, Path] = {}
    for stem, found in copies.items():
        output = outbox / f"{stem}.docx"
        if output.is_file() and output.stat().st_size > 0:
            converted[found.relative] = output
        else:
            findings.append(Finding(
                Severity.ERROR, Code.UNREADABLE_FILE,
                f"{converter.label} 无法转换该文件（可能已损坏或有密码保护）：请联系该单位重新发送 .docx 版本",
                None, found.relative,
            ))  # fmt: skip
    return converted, findings


def _suffix(found: FoundFile) -> str:
    suffix = Path(found.relative).suffix.lower()
    if suffix in {".doc", ".wps", ".rtf", ".odt", ".dot", ".wpt"}:
        return suffix
    with found.path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith(b"PK"):
        return ".odt"
    return ".doc"
