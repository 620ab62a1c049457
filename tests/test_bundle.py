"""The offline bundle: complete for Windows by inspection, and proved by installing it here.

These tests download from PyPI (about 2 minutes on a slow machine) and are marked
``network``: they skip where PyPI cannot be reached; ``-m "not network"`` leaves them out.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_script():
    spec = importlib.util.spec_from_file_location("make_bundle", ROOT / "scripts" / "make_bundle.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_bundle"] = module
    spec.loader.exec_module(module)
    return module


mb = _load_script()


def _pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=3).close()
        return True
    except OSError:
        return False


network = pytest.mark.skipif(not _pypi_reachable(), reason="PyPI is not reachable")


@pytest.fixture(scope="session")
def project_wheel(tmp_path_factory):
    if not _pypi_reachable():
        pytest.skip("PyPI is not reachable")
    return mb.build_project_wheel(tmp_path_factory.mktemp("project"))


def _bundle(folder: Path, project, targets, extras) -> Path:
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    shutil.copyfile(project.path, wheels / project.path.name)
    mb.fetch_dependencies(wheels, mb.Wheel.of(wheels / project.path.name), targets, extras)
    mb.write_clerk_files(folder, targets, extras)
    return folder


WINDOWS = [mb.Target("win_amd64", v) for v in mb.SUPPORTED_PYTHONS]


@pytest.fixture(scope="session")
def windows_bundle(tmp_path_factory, project_wheel):
    return _bundle(tmp_path_factory.mktemp("win") / "bundle", project_wheel, WINDOWS, mb.WINDOWS_EXTRAS)


@pytest.mark.network
@network
def test_the_windows_bundle_meets_every_requirement_for_every_supported_python(windows_bundle):
    assert mb.check_bundle(windows_bundle / "wheels", WINDOWS, extras=mb.WINDOWS_EXTRAS) == []


@pytest.mark.network
@network
def test_the_windows_bundle_has_compiled_wheels_for_each_python_and_the_com_extra(windows_bundle):
    names = [p.name for p in (windows_bundle / "wheels").glob("*.whl")]
    for version in ("cp311", "cp312", "cp313"):
        assert any(
            n.startswith("lxml-") and f"-{version}-" in n and n.endswith("win_amd64.whl") for n in names
        )
        assert any(n.startswith("pywin32-") and f"-{version}-" in n for n in names)


@pytest.mark.network
@network
def test_the_windows_bundle_carries_an_installer_and_instructions(windows_bundle):
    bat = (windows_bundle / "install.bat").read_bytes()
    assert b"\r\n" in bat and b"--no-index" in bat and b"--find-links" in bat
    assert "python.org" in bat.decode("gbk")  # the console's code page on a Chinese PC
    notes = (windows_bundle / "使用说明.txt").read_bytes()
    assert notes.startswith(b"\xef\xbb\xbf") and "install.bat" in notes.decode("utf-8-sig")


def test_an_incomplete_bundle_is_caught(tmp_path):
    # A bundle with only the project's wheel misses every dependency, on every target.
    wheel = tmp_path / "consolidate-0.1.0-py3-none-any.whl"
    import zipfile

    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(
            "consolidate-0.1.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: consolidate\nVersion: 0.1.0\nRequires-Dist: click>=8.1\n"
            'Requires-Dist: pywin32>=306; sys_platform == "win32" and extra == "windows"\n',
        )
    problems = mb.check_bundle(tmp_path, WINDOWS, extras=["windows"])
    assert len(problems) == 6 and any("pywin32" in p for p in problems)
    assert (
        len(mb.check_bundle(tmp_path, [mb.Target("manylinux2014_x86_64", "3.12")], extras=["windows"])) == 1
    )


@pytest.mark.network
@network
@pytest.mark.skipif(os.name == "nt", reason="install.sh is the POSIX bundle's installer")
def test_the_native_bundle_installs_offline_into_a_fresh_venv(tmp_path, project_wheel):
    native = [mb.Target("native", f"{sys.version_info[0]}.{sys.version_info[1]}")]
    bundle = _bundle(tmp_path / "bundle", project_wheel, native, ())
    assert mb.check_bundle(bundle / "wheels", native) == []
    venv = tmp_path / "venv"
    # No configured index, find-links or constraints: only the bundle's wheels exist.
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PYTHON": sys.executable, "PIP_NO_INDEX": "1"}
    env.pop("PYTHONPATH", None)
    subprocess.run(["sh", str(bundle / "install.sh"), str(venv)], check=True, env=env, timeout=600,
                   capture_output=True)  # fmt: skip
    help_text = subprocess.run(
        [str(venv / "bin" / "consolidate"), "--help"], capture_output=True, check=True, timeout=60,
        env={**env, "CONSOLIDATE_LANG": "zh"}, cwd=tmp_path,
    ).stdout.decode("utf-8")  # fmt: skip
    assert "用法：consolidate" in help_text
    version = subprocess.run([str(venv / "bin" / "python"), "-m", "consolidate", "--version"],
                             capture_output=True, check=True, timeout=60, env=env, cwd=tmp_path)  # fmt: skip
    assert b"consolidate" in version.stdout
    imported = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import consolidate.pipeline, lxml, python_calamine, pdfplumber"],
        capture_output=True, timeout=60, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
