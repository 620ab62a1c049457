"""What a clerk reads in the terminal: aligned, legible at 80 columns, every mark explained."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from consolidate.i18n import display_width, wrap
from consolidate.papers.plain_text import LEGEND, summary_text, table_text
from consolidate.papers.terminal import print_summary, shorten
from consolidate.pipeline import consolidate

from .factories import docx_form

LONG_FILE = "关于进一步加强高技能人才队伍建设的若干措施（征求意见稿）修改意见表-自治区教育厅-第二稿.docx"


@pytest.fixture
def result(consultation, returns_dir):
    docx_form(returns_dir / LONG_FILE, [["1", "自治区教育厅", "建议第二部分第二段修改。", "规范", ""]])
    docx_form(returns_dir / "财政厅.docx", [["1", "自治区财政厅", "无修改意见", "", ""]], header=None)
    (returns_dir / "税务局.docx").write_bytes(b"PK\x03\x04broken")
    return consolidate(consultation, returns_dir)


def _rich(result, width=80, verbose=False) -> list[str]:
    out = io.StringIO()
    console = Console(file=out, width=width, no_color=True, highlight=False, legacy_windows=False)
    print_summary(result, console, show_info=verbose)
    return out.getvalue().splitlines()


def test_plain_table_columns_line_up_by_display_width():
    rows = [["自治区人大常委会办公厅", "区直单位", "1"], ["柳州", "设区市", "12"], ["Ab", "名单外单位", ""]]
    lines = table_text(["单位", "分组", "意见"], rows).splitlines()
    dashes = lines[1]
    second_column = dashes.index(" -") + 1
    for line, row in zip(lines[2:], rows):
        assert display_width(line[: line.index(row[1])]) == second_column


def test_rich_summary_fits_80_columns(result):
    assert all(display_width(line) <= 80 for line in _rich(result))


def test_no_wrapped_line_starts_with_closing_punctuation(result):
    for line in _rich(result, width=60, verbose=True):
        assert not line.strip().startswith(("：", "，", "。", "、", "；"))


def test_file_names_only_with_verbose_and_never_broken_mid_name(result):
    assert not any(".docx" in line for line in _rich(result) if "税务局" not in line)
    verbose = [line for line in _rich(result, verbose=True) if "第二稿" in line or "…" in line]
    (shown,) = [line for line in verbose if "自治区教育厅：" in line]
    assert shown.endswith("第二稿.docx") and "…" in shown


def test_every_mark_is_explained_in_the_legend(result):
    lines = _rich(result)
    text = "\n".join(lines)
    assert "说明：意见" in text
    for mark in ("逾期", "是＝", "不详＝", "有＝", "待核实＝"):
        assert mark in LEGEND
    assert " ? " not in text


def test_headers_are_whole_at_80_columns(result):
    header = next(line for line in _rich(result) if "单位" in line and "分组" in line)
    for name in ("单位", "分组", "状态", "意见", "逾期", "盖章件", "电子版"):
        assert name in header


def test_plain_summary_has_the_legend_and_lists_files_with_verbose(result):
    assert LEGEND in summary_text(result)
    assert LONG_FILE in summary_text(result, show_info=True)


def test_shorten_keeps_the_end_of_a_file_name():
    short = shorten(LONG_FILE, 40)
    assert display_width(short) <= 40 and short.endswith("第二稿.docx") and "…" in short
    assert shorten("短名.docx", 40) == "短名.docx"


@given(
    st.text(alphabet="自治区教育厅财政厅、，：；。 abcdef.docx0123", min_size=0, max_size=200),
    st.integers(10, 60),
)
def test_wrap_keeps_every_character_within_the_width(text, width):
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        body = line.rstrip("：，、；。")
        # Only closing punctuation after a Latin character, or after a lone character,
        # may overflow: it cannot start the next line and there is nothing to carry.
        one_latin_word = " " not in body and all(display_width(c) == 1 for c in body)
        after_latin = display_width(body[-1:]) == 1
        assert display_width(line) <= width or one_latin_word or after_latin or len(body) <= 1
    assert not any(line.startswith(("：", "，", "、", "；", "。")) for line in lines[1:])


def test_wrap_keeps_closing_punctuation_after_a_space_on_the_line_it_closes():
    assert wrap("000000、、 、", 10) == ["000000、、、"]
