"""Build an offline installation bundle: the project's wheel and a wheel of every dependency.

For an office PC without internet access. Run on any machine that can reach PyPI::

    python scripts/make_bundle.py                      # Windows x64, Python 3.11–3.13
    python scripts/make_bundle.py --target native      # this machine's OS and Python

The bundle folder holds ``wheels/``, ``install.bat`` (Windows) or ``install.sh``, and
``使用说明.txt``; ``--zip`` also packs it into one .zip to carry across.

Why not just ``pip download``: asked for another platform, pip evaluates environment
markers against the machine it runs on, so a dependency only Windows needs (click's
``colorama; platform_system == "Windows"``, pywin32) is silently left out. The
requirements are therefore walked here, each marker evaluated for the target, one wheel
fetched per requirement and Python version (``pip download --no-deps``), until every
requirement of every wheel in the bundle is met by a wheel in the bundle: `check_bundle`
is the proof, and the tests run it.
"""

from __future__ import annotations

import argparse
import email.parser
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.tags import Tag, compatible_tags, cpython_tags, sys_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # pip always carries a copy
    from pip._vendor.packaging.markers import default_environment  # type: ignore
    from pip._vendor.packaging.requirements import Requirement  # type: ignore
    from pip._vendor.packaging.tags import Tag, compatible_tags, cpython_tags, sys_tags  # type: ignore
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename  # type: ignore

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "consolidate"
SUPPORTED_PYTHONS = ("3.11", "3.12", "3.13")
WINDOWS_EXTRAS = ("windows",)


@dataclass(frozen=True)
class Target:
    """Where the bundle will be installed: an OS/architecture and one Python version."""

    platform: str  # a wheel platform tag, e.g. win_amd64; "native" for this machine
    python: str  # "3.12"

    @property
    def native(self) -> bool:
        return self.platform == "native"

    def tags(self) -> set[Tag]:
        if self.native:
            return set(sys_tags())
        version = tuple(int(x) for x in self.python.split("."))
        interpreter = f"cp{version[0]}{version[1]}"
        platforms = [self.platform]
        return {*cpython_tags(version, platforms=platforms),
                *compatible_tags(version, interpreter, platforms)}  # fmt: skip

    def environment(self, extra: str = "") -> dict[str, str]:
        """Marker variables as they will be on the target."""
        env = {key: str(value) for key, value in default_environment().items()}
        if not self.native:
            windows = self.platform.startswith("win")
            env.update(
                python_version=self.python,
                python_full_version=f"{self.python}.0",
                implementation_name="cpython",
                platform_python_implementation="CPython",
                sys_platform="win32" if windows else ("darwin" if "macosx" in self.platform else "linux"),
                platform_system="Windows"
                if windows
                else ("Darwin" if "macosx" in self.platform else "Linux"),
                os_name="nt" if windows else "posix",
                platform_machine="AMD64" if self.platform == "win_amd64" else self.platform.split("_", 1)[-1],
            )
        env["extra"] = extra
        return env


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str
    version: str
    tags: frozenset[Tag]

    @classmethod
    def of(cls, path: Path) -> Wheel:
        name, version, _, tags = parse_wheel_filename(path.name)
        return cls(path, canonicalize_name(name), str(version), frozenset(tags))

    def requirements(self) -> list[Requirement]:
        with zipfile.ZipFile(self.path) as archive:
            metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            message = email.parser.Parser().parsestr(archive.read(metadata).decode("utf-8"))
        return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def needed(requirement: Requirement, target: Target, extras: Iterable[str]) -> bool:
    """Whether ``requirement`` applies on ``target`` when the dependent is installed
    with ``extras``."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate(target.environment(extra)) for extra in ("", *extras))


def _satisfying(requirement: Requirement, wheels: list[Wheel], target: Target) -> Wheel | None:
    tags = target.tags()
    for wheel in wheels:
        if (
            wheel.name == canonicalize_name(requirement.name)
            and requirement.specifier.contains(wheel.version, prereleases=True)
            and wheel.tags & tags
        ):
            return wheel
    return None


def check_bundle(folder: Path, targets: Iterable[Target], root: str = PROJECT,
                 extras: Iterable[str] = ()) -> list[str]:  # fmt: skip
    """Every requirement, transitively, that has no wheel in ``folder`` for a target.

    Empty when the bundle installs with ``pip install --no-index`` on every target.
    """
    wheels = [Wheel.of(p) for p in sorted(folder.glob("*.whl"))]
    problems = []
    for target in targets:
        queue = [(Requirement(f"{root}[{','.join(extras)}]" if extras else root), "(bundle)")]
        seen: set[str] = set()
        while queue:
            requirement, wanted_by = queue.pop()
            key = f"{canonicalize_name(requirement.name)}{requirement.specifier}{sorted(requirement.extras)}"
            if key in seen:
                continue
            seen.add(key)
            wheel = _satisfying(requirement, wheels, target)
            if wheel is None:
                problems.append(f"{target.platform} Python {target.python}: {requirement} (for {wanted_by})")
                continue
            for sub in wheel.requirements():
                if needed(sub, target, requirement.extras):
                    queue.append((sub, wheel.name))
    return problems


def build_project_wheel(folder: Path) -> Wheel:
    with tempfile.TemporaryDirectory() as temp:
        _pip("wheel", "--no-deps", "--wheel-dir", temp, str(ROOT))
        (built,) = Path(temp).glob(f"{PROJECT}-*.whl")
        target = folder / built.name
        shutil.copyfile(built, target)
    return Wheel.of(target)


def fetch_dependencies(folder: Path, project: Wheel, targets: list[Target], extras: Iterable[str]) -> None:
    """Download, for every target, one wheel per requirement until none is missing."""
    extras = tuple(extras)
    for target in targets:
        # One resolving download fetches nearly everything; the walk below adds what
        # pip's host-evaluated markers left out, one wheel at a time.
        wanted = f"{project.path}[{','.join(extras)}]" if extras else str(project.path)
        _pip("download", "--only-binary=:all:", "--dest", str(folder), *_platform_options(target), wanted)
        queue = [r for r in project.requirements() if needed(r, target, extras)]
        seen: set[str] = set()
        while queue:
            requirement = queue.pop()
            key = f"{canonicalize_name(requirement.name)}{requirement.specifier}{sorted(requirement.extras)}"
            if key in seen:
                continue
            seen.add(key)
            wheel = _satisfying(requirement, [Wheel.of(p) for p in folder.glob("*.whl")], target)
            if wheel is None:
                _download(requirement, target, folder)
                wheel = _satisfying(requirement, [Wheel.of(p) for p in folder.glob("*.whl")], target)
            if wheel is None:
                raise SystemExit(
                    f"PyPI 上没有 {requirement} 适用于 {target.platform} Python {target.python} 的 wheel"
                )
            queue += [r for r in wheel.requirements() if needed(r, target, requirement.extras)]


def _download(requirement: Requirement, target: Target, folder: Path) -> None:
    spec = f"{requirement.name}{requirement.specifier}"
    _pip(
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--dest",
        str(folder),
        *_platform_options(target),
        spec,
    )


def _platform_options(target: Target) -> list[str]:
    if target.native:
        return []
    return ["--platform", target.platform, "--python-version", target.python, "--implementation", "cp"]


def _pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    subprocess.run(command, check=True)


# ------------------------------------------------------------------ files for the clerk

INSTALL_BAT = r"""@echo off
rem consolidate offline installer: no internet needed.
setlocal
set "HERE=%~dp0"
set "TARGET=%LOCALAPPDATA%\consolidate\venv"
if not "%~1"=="" set "TARGET=%~1"
set "PY="
for %%V in ({versions}) do (
  if not defined PY (
    py -%%V -c "pass" >nul 2>nul && set "PY=py -%%V"
  )
)
if not defined PY (
  python -c "import sys; sys.exit(not ({lowest}) <= sys.version_info[:2] <= ({highest}))" >nul 2>nul && set "PY=python"
)
if not defined PY (
  echo 未找到 Python {first}-{last}。请先安装 python.org 的官方 Python（安装时勾选 Add python.exe to PATH），然后重新运行本文件。
  if not defined CONSOLIDATE_NO_PAUSE pause
  exit /b 1
)
echo 正在安装到 %TARGET% ……
%PY% -m venv "%TARGET%" || goto failed
"%TARGET%\Scripts\python.exe" -m pip install --no-index --find-links "%HERE%wheels" "{requirement}" || goto failed
echo.
echo 安装完成。使用方法：
echo   "%TARGET%\Scripts\consolidate.exe" --help
echo 或者：
echo   "%TARGET%\Scripts\python.exe" -m consolidate --help
if not defined CONSOLIDATE_NO_PAUSE pause
exit /b 0
:failed
echo 安装失败：请把上面的信息发给技术支持人员。
if not defined CONSOLIDATE_NO_PAUSE pause
exit /b 1
"""

INSTALL_SH = """#!/bin/sh
# consolidate offline installer: no internet needed.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
TARGET=${{1:-$HOME/.local/share/consolidate/venv}}
PYTHON=${{PYTHON:-python3}}
"$PYTHON" -m venv "$TARGET"
"$TARGET/bin/python" -m pip install --no-index --find-links "$HERE/wheels" "{requirement}"
echo "安装完成：$TARGET/bin/consolidate --help"
"""

README_TXT = """consolidate 离线安装包（{where}）
================================

本文件夹可以拷贝到没有互联网的电脑上安装，安装时不需要联网。

一、准备
  需要 Python {first}–{last}（python.org 官方安装包；安装时勾选 “Add python.exe to PATH”）。
  读取 .doc/.wps 旧格式文件需要 LibreOffice，或者电脑上已有的 WPS / Microsoft Word。

二、安装
  {how}
  程序安装在 {target}（也可以把其他文件夹作为参数传给安装脚本）。

三、使用
  打开“命令提示符”，运行：
    {exe} --help
    {exe} init 征求意见函.docx -o 某某措施
    {exe} status 某某措施\\returns
    {exe} digest 某某措施\\returns -o 修改意见汇总表.docx --ledger 处理台账.xlsx
  如果提示找不到命令，可以改用：{python} -m consolidate --help

  界面默认是中文；要看英文，先运行 set CONSOLIDATE_LANG=en。

四、包含的文件
  wheels\\  本程序及其全部依赖（{count} 个 wheel 文件，适用于 {pythons}）
"""


def write_clerk_files(folder: Path, targets: list[Target], extras: Iterable[str]) -> None:
    extras = tuple(extras)
    requirement = f"{PROJECT}[{','.join(extras)}]" if extras else PROJECT
    versions = [t.python for t in targets]
    first, last = (
        (min(versions), max(versions)) if not targets[0].native else (sys.version[:4], sys.version[:4])
    )
    count = len(list((folder / "wheels").glob("*.whl")))
    if targets[0].platform.startswith("win"):
        bat = INSTALL_BAT.format(
            versions=" ".join(sorted(versions, reverse=True)), requirement=requirement, first=first, last=last,
            lowest=first.replace(".", ", "), highest=last.replace(".", ", "),
        )  # fmt: skip
        # cmd.exe reads a batch file in the console's code page: GBK on a Chinese PC. Its
        # name stays ASCII: some unzip tools garble non-ASCII names.
        (folder / "install.bat").write_bytes(bat.replace("\n", "\r\n").encode("gbk"))
        text = README_TXT.format(
            where="Windows x64", first=first, last=last, how="双击 install.bat（安装程序）。",
            target=r"%LOCALAPPDATA%\consolidate\venv", exe=r"%LOCALAPPDATA%\consolidate\venv\Scripts\consolidate",
            python=r"%LOCALAPPDATA%\consolidate\venv\Scripts\python", count=count, pythons=", ".join(versions),
        )  # fmt: skip
        newline = "\r\n"
    else:
        script = folder / "install.sh"
        script.write_text(INSTALL_SH.format(requirement=requirement), encoding="utf-8")
        script.chmod(0o755)
        text = README_TXT.format(
            where=platform.system(), first=first, last=last, how="运行 sh install.sh。",
            target="~/.local/share/consolidate/venv", exe="~/.local/share/consolidate/venv/bin/consolidate",
            python="~/.local/share/consolidate/venv/bin/python", count=count, pythons=", ".join(versions),
        ).replace("\\\\", "/").replace("命令提示符", "终端")  # fmt: skip
        newline = "\n"
    # Notepad on every Windows version reads UTF-8 with a BOM correctly.
    (folder / "使用说明.txt").write_bytes(codec_bom() + text.replace("\n", newline).encode("utf-8"))


def codec_bom() -> bytes:
    import codecs

    return codecs.BOM_UTF8


def build_bundle(out: Path, targets: list[Target], extras: Iterable[str] = ()) -> Path:
    """Build the bundle in ``out``; returns it. Refuses to finish an incomplete bundle."""
    extras = tuple(extras)
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    project = build_project_wheel(wheels)
    fetch_dependencies(wheels, project, targets, extras)
    problems = check_bundle(wheels, targets, extras=extras)
    if problems:
        raise SystemExit("离线安装包不完整：\n" + "\n".join(problems))
    write_clerk_files(out, targets, extras)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default="win_amd64",
                        help="wheel platform tag (win_amd64, manylinux2014_x86_64, …) or 'native' (this machine)")  # fmt: skip
    parser.add_argument("--python", nargs="+", default=list(SUPPORTED_PYTHONS), help="Python versions (X.Y)")
    parser.add_argument("--out", type=Path, help="bundle folder (default: dist/consolidate-offline-TARGET)")
    parser.add_argument("--extras", nargs="*", help="extras to include (default on Windows: windows)")
    parser.add_argument("--zip", action="store_true", help="also pack the folder into a .zip")
    args = parser.parse_args(argv)
    native = args.target == "native"
    pythons = [f"{sys.version_info[0]}.{sys.version_info[1]}"] if native else args.python
    targets = [Target(args.target, p) for p in pythons]
    extras = (
        args.extras if args.extras is not None else (WINDOWS_EXTRAS if args.target.startswith("win") else ())
    )
    out = args.out or ROOT / "dist" / f"consolidate-offline-{args.target}"
    if out.exists():
        shutil.rmtree(out)
    build_bundle(out, targets, extras)
    if args.zip:
        shutil.make_archive(str(out), "zip", out.parent, out.name)
    count = len(list((out / "wheels").glob("*.whl")))
    print(f"离线安装包已生成：{out}（{count} 个 wheel，Python {', '.join(pythons)}，{args.target}）")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    raise SystemExit(main())
