"""Make the test fixtures that only a real office suite can make, with LibreOffice.

Run ``python tests/data/make_real_files.py`` (needs ``soffice``). The outputs are
committed, so the tests that read them need no office suite; LibreOffice stamps them with
the time, so re-running changes their bytes but not their content.

Each is the same Annex-3 form from 自治区教育厅 with two opinions, saved by LibreOffice
as .docx, .doc, .rtf, .odt, .xlsx, .xls, .ods and as a text PDF (a stamped copy printed
from Word); .wps and .et are the Word 97 and BIFF8 files under WPS Office's names.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.factories import docx_form, xlsx_form  # noqa: E402

ROWS = [
    ["1", "自治区教育厅", "建议将第三部分第一段“生均公用经费”修改为“生均拨款”。", "与国家表述一致。", ""],
    ["2", "自治区教育厅", "建议在乡村工匠计划中增加职业院校参与内容。", "发挥院校作用。", ""],
]


def convert(source: Path, target_format: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target_format, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    (produced,) = list(outdir.iterdir())
    return produced


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = work / "profile"
        generated = docx_form(work / "generated.docx", ROWS)
        # LibreOffice's own document first: its Word 97 export drops tables it imported
        # from python-docx, but keeps tables of documents it wrote itself.
        (work / "odt").mkdir()
        word = convert(generated, "odt", work / "odt", profile)
        word = word.rename(work / "lo-form.odt")
        sheet = xlsx_form(work / "lo-sheet.xlsx", [[1, *ROWS[0][1:]], [2, *ROWS[1][1:]]],
                          header="单位名称（盖章）：自治区教育厅    填表时间：2023年3月28日")  # fmt: skip
        for fmt, name in (
            ("docx:MS Word 2007 XML", "lo-form.docx"),
            ("doc:MS Word 97", "lo-form.doc"),
            ("rtf", "lo-form.rtf"),
            ("odt", "lo-form.odt"),
            ("pdf:writer_pdf_Export", "lo-form.pdf"),
        ):
            out = work / f"out-{name}"
            out.mkdir()
            shutil.copyfile(convert(word, fmt, out, profile), HERE / name)
        for fmt, name in (
            ("xlsx:Calc MS Excel 2007 XML", "lo-sheet.xlsx"),
            ("xls:MS Excel 97", "lo-sheet.xls"),
            ("ods", "lo-sheet.ods"),
        ):
            out = work / f"out-{name}"
            out.mkdir()
            shutil.copyfile(convert(sheet, fmt, out, profile), HERE / name)
    shutil.copyfile(HERE / "lo-form.doc", HERE / "lo-form.wps")
    shutil.copyfile(HERE / "lo-sheet.xls", HERE / "lo-sheet.et")
    print("written:", ", ".join(sorted(p.name for p in HERE.glob("lo-*"))))


if __name__ == "__main__":
    main()
