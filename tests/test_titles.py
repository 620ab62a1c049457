"""Titles broken where a reader pauses, never inside （征求意见稿） or past the line."""

from hypothesis import given
from hypothesis import strategies as st

from consolidate.papers.titles import title_lines


def test_the_draft_marker_is_never_split():
    for title in ("《关于进一步加强新时代高技能人才队伍建设的若干措施（征求意见稿）》修改意见汇总表",
                  "关于《广东省促进数字经济发展条例实施细则（征求意见稿）》修改意见采纳情况的反馈"):  # fmt: skip
        lines = title_lines(title)
        assert any("（征求意见稿）" in line for line in lines)


def test_a_long_title_breaks_before_the_marker_rather_than_inside_a_word():
    assert title_lines("广东省促进数字经济发展条例实施细则（征求意见稿）") == [
        "广东省促进数字经济发展条例实施细则",
        "（征求意见稿）",
    ]


def test_a_line_never_starts_with_closing_punctuation():
    lines = title_lines("关于《某某市城市管理综合执法条例》《某某市市容和环境卫生管理条例》的修改意见汇总表")
    assert not any(line[0] in "》）、，。" for line in lines[1:])


def test_a_short_title_is_one_line():
    assert title_lines("修改意见表") == ["修改意见表"]


@given(
    st.text(alphabet="关于加强建设的若干措施办法（征求意见稿）《》人才队伍和发展", min_size=1, max_size=80),
    st.integers(8, 30),
)
def test_lines_keep_every_character_in_order_within_the_width(text, width):
    lines = title_lines(text, width)
    assert "".join(lines) == text.strip()
    assert all(0 < len(line) <= width for line in lines)
