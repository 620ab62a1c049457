"""Legacy word-processor files (.doc, .wps, .rtf, .odt) converted by LibreOffice.

All such files of a run go to one headless ``soffice`` call (about 1.5 s for one file,
2.6 s for twenty), with its own user profile so it neither disturbs nor waits for a
LibreOffice the clerk has open, inside the run's private temporary folder. Inputs are
copied first: LibreOffice only ever sees copies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .discover import FoundFile
from .model import Finding

TIMEOUT_BASE_S = 60
TIMEOUT_PER_FILE_S = 5
NO_LIBREOFFICE = "需要安装 LibreOffice 才能读取 .doc/.wps/.rtf/.odt 文件（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或请将该文件另存为 .docx 后放回文件夹"


def find_soffice() -> str | None:
    """The LibreOffice binary, honouring ``CONSOLIDATE_SOFFICE`` (empty: pretend none)."""
    configured = os.environ.get("CONSOLIDATE_SOFFICE")
    if configured is not None:
        return configured or None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_word_files(files: list[FoundFile], workdir: Path) -> tuple[dict[str, Path], list[Finding]]:
    """Convert every ``word`` file to .docx; returns ``relative → converted path`` and findings."""
    pending = [f for f in files if f.kind == "word"]
    if not pending:
        return {}, []
    soffice = find_soffice()
    if soffice is None:
        return {}, [Finding("error", "needs-libreoffice", NO_LIBREOFFICE, None, f.relative) for f in pending]
    inbox, outbox, profile = workdir / "lo-in", workdir / "lo-out", workdir / "lo-profile"
    for folder in (inbox, outbox, profile):
        folder.mkdir(parents=True, exist_ok=True)
    copies: dict[str, FoundFile] = {}
    for n, found in enumerate(pending, start=1):
        stem = f"f{n:05d}"
        shutil.copyfile(found.path, inbox / f"{stem}{_suffix(found)}")
        copies[stem] = found
    command = [
        soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outbox),
        *sorted(str(p) for p in inbox.iterdir()),
    ]  # fmt: skip
    findings: list[Finding] = []
    try:
        subprocess.run(
            command, capture_output=True, timeout=TIMEOUT_BASE_S + TIMEOUT_PER_FILE_S * len(pending),
            check=False, cwd=workdir, env={**os.environ, "HOME": str(profile)},
        )  # fmt: skip
    except (subprocess.TimeoutExpired, OSError) as exc:
        findings.append(
            Finding("error", "libreoffice-failed", f"LibreOffice 转换失败或超时（{exc}）", None, None)
        )
    converted: dict[str, Path] = {}
    for stem, found in copies.items():
        output = outbox / f"{stem}.docx"
        if output.is_file() and output.stat().st_size > 0:
            converted[found.relative] = output
        else:
            findings.append(Finding(
                "error", "unreadable-file",
                "LibreOffice 无法转换该文件（可能已损坏或有密码保护）：请联系该单位重新发送 .docx 版本",
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
