"""Make the sample's returns in formats only an office suite writes (.doc, .wps, .xls, .et,
text PDF), with LibreOffice, into legacy/.

Run once (``python samples/gx-2023-57/make_legacy.py``, needs ``soffice``) when those
returns change; the outputs are committed and make_sample.py copies them into returns/,
so building the sample needs no office suite and stays byte-for-byte deterministic.
.wps and .et are Word 97 and BIFF8 files under WPS Office's names, as WPS saves them.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from make_sample import FORMS, LEGACY, write_form

TARGETS = {".doc": "doc:MS Word 97", ".wps": "doc:MS Word 97", ".pdf": "pdf:writer_pdf_Export",
           ".xls": "xls:MS Excel 97", ".et": "xls:MS Excel 97"}  # fmt: skip


def convert(source: Path, target: str, work: Path) -> Path:
    outdir = work / f"out{len(list(work.iterdir()))}"
    outdir.mkdir()
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    (produced,) = list(outdir.iterdir())
    return produced


def main() -> None:
    LEGACY.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for form in FORMS:
            if form.channel != "legacy":
                continue
            suffix = Path(form.file).suffix
            sheet = suffix in (".xls", ".et")
            source = write_form(form, work / ("source.xlsx" if sheet else "source.docx"))
            if not sheet:
                # Through LibreOffice's own format: its Word 97 export keeps the tables of
                # documents it wrote, not always those it imported.
                source = convert(source, "odt", work)
            shutil.copyfile(convert(source, TARGETS[suffix], work), LEGACY / form.file)
            print("written", form.file)


if __name__ == "__main__":
    main()
