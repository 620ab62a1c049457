"""Make, with LibreOffice, the Word 97 (.doc) returns that reply letters and forms with
their header inside the table come in.

Run ``python tests/data/make_reply_files.py`` (needs ``soffice``); the outputs are committed
so the tests that read them need no office suite (converting them back does).

- ``lo-reply-on-behalf.doc``: a bureau's reply letter, on its city government's behalf,
  that has no opinion (来函收悉 … 受河池市人民政府委托 … 无修改意见 … 特此函复).
- ``lo-header-in-table.doc``: a form whose header line is typed into a merged cell at the
  top of the table and whose contact details are a key/value row at its foot.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.data.make_real_files import convert  # noqa: E402
from tests.factories import docx_form_header_in_table, docx_letter  # noqa: E402

LETTER = [
    "自治区人力资源社会保障厅：",
    "你厅《关于征求〈关于进一步加强高技能人才队伍建设的若干措施（征求意见稿）〉意见的函》（桂人社函〔2023〕57号）收悉。"
    "受河池市人民政府委托，经研究，我局对征求意见稿无修改意见。",
    "特此函复。",
    "河池市人力资源和社会保障局",
    "2023年3月29日",
    "（联系人：覃丽，联系电话：0778-2281234）",
]
ROWS = [
    ["1", "南宁市人民政府", "建议将第二部分第一段“生均公用经费”修改为“生均拨款”。", "与国家表述一致。", ""],
    ["2", "南宁市人民政府", "建议在乡村工匠计划中增加职业院校参与内容。", "发挥院校作用。", ""],
    ["填表人", "黄敏", "联系电话", "0771-5551234", ""],
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        profile = work / "profile"
        sources = {
            "lo-reply-on-behalf.doc": docx_letter(work / "letter.docx", LETTER),
            "lo-header-in-table.doc": docx_form_header_in_table(
                work / "form.docx", ROWS, [["单位名称（盖章）：南宁市人民政府    填表时间：2023年3月30日"]]
            ),
        }
        for name, source in sources.items():
            # Through LibreOffice's own format first: its Word 97 export keeps the tables
            # of documents it wrote itself.
            (work / f"odt-{name}").mkdir()
            odt = convert(source, "odt", work / f"odt-{name}", profile)
            (work / f"doc-{name}").mkdir()
            shutil.copyfile(convert(odt, "doc:MS Word 97", work / f"doc-{name}", profile), HERE / name)
    print("written:", ", ".join(sources))


if __name__ == "__main__":
    main()
