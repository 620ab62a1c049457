"""Official-document layout (GB/T 9704-2012 as offices apply it) on python-docx.

Shared by every Word output: A4 with the standard margins, 仿宋_GB2312 body, 方正小标宋简体
title, 黑体/楷体 headings, "— 1 —" page numbers (odd pages right, even left), landscape
sections for wide tables. Chinese fonts are set as ``w:eastAsia`` and the theme-font
attributes of python-docx's template removed, or Word and WPS pick another typeface.
"""

from __future__ import annotations

import re
from typing import Any

_NARROW = re.compile("[\x00-\u2e7f]")  # digits, Latin letters, Western punctuation: half an em
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")  # what a Word run cannot hold (tab and line break it can)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LINE_PITCH_PT = 28.95  # 22 lines in the 225 mm text block


def new_document() -> Any:
    """A blank A4 document whose Normal style is the official body text."""
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    document = Document()
    # Recognised when a copy lands in the returns folder (consolidate.intake.own_files).
    document.core_properties.category = "consolidate"
    settings = document.settings.element
    _strip_theme_fonts(document)
    normal = document.styles["Normal"]
    set_font(normal, BODY_FONT, 16)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.widow_control = True
    set_page(document.sections[0], landscape=False)
    document.settings.odd_and_even_pages_header_footer = True
    add_page_numbers(document.sections[0])
    del settings
    return document


def set_page(section: Any, landscape: bool) -> None:
    """A4 with the standard margins (top 37, bottom 35, left 28, right 26 mm).

    In landscape the page turns, so the binding edge (left) becomes the top: margins turn
    with it as offices do.
    """
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(20)


def add_landscape_section(document: Any) -> Any:
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    return section


def set_font(target: Any, name: str, size_pt: float | None = None, bold: bool | None = None) -> None:
    """Set a run's or style's font, East-Asian slot included."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = name
    if size_pt is not None:
        font.size = Pt(size_pt)
    if bold is not None:
        font.bold = bold
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _strip_theme_fonts(document: Any) -> None:
    from docx.oxml.ns import qn

    root = document.styles.element
    for fonts in root.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)


def paragraph(
    document_or_cell: Any,
    text: str = "",
    *,
    font: str = BODY_FONT,
    size: float = 16,
    bold: bool = False,
    align: str = "justify",
    indent: bool = True,
    color: str | None = None,
    line_pt: float | None = None,
    keep_with_next: bool = False,
) -> Any:
    """A paragraph in one font; ``indent`` gives the two-character first-line indent.

    ``keep_with_next`` keeps it on the page of the paragraph (or table row) that follows,
    as headings, lead-ins to a table and the lines of a signature must be.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    para = document_or_cell.add_paragraph()
    para.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    if indent:
        para.paragraph_format.first_line_indent = Pt(size * 2)
    if line_pt is not None:
        para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        para.paragraph_format.line_spacing = Pt(line_pt)
    if keep_with_next:
        para.paragraph_format.keep_with_next = True
    if text:
        run = para.add_run(text)
        set_font(run, font, size, bold)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    return para


def add_run(para: Any, text: str, font: str = BODY_FONT, size: float = 16, **style: Any) -> Any:
    from docx.shared import RGBColor

    run = para.add_run(text)
    set_font(run, font, size, style.get("bold"))
    if style.get("italic"):
        run.font.italic = True
    if style.get("color"):
        run.font.color.rgb = RGBColor.from_string(style["color"])
    if style.get("strike"):
        run.font.strike = True
    if style.get("underline"):
        run.font.underline = True
    return run


TITLE_CHARS_PER_LINE = 20  # 2号 (22 pt) characters across the 156 mm portrait text block


def title(document: Any, text: str, chars_per_line: int = TITLE_CHARS_PER_LINE) -> None:
    """The document title: 方正小标宋简体 2号, centred, broken where a reader pauses.

    Each line of ``text`` is broken further by `title_lines` so that Word never wraps
    the title inside a word or inside "（征求意见稿）"; the title keeps with what follows.
    """
    from consolidate.papers.titles import title_lines

    for given in text.splitlines():
        for line in title_lines(given, chars_per_line):
            paragraph(document, line, font=TITLE_FONT, size=22, align="center", indent=False, line_pt=36,
                      keep_with_next=True)  # fmt: skip


def signature(document: Any, issuer: str, date_text: str, after: Any | None = None) -> None:
    """发文机关署名 and 成文日期 at the right, kept on the page of the text they close.

    GB/T 9704 puts the date four characters in from the right margin and centres the
    issuer's name over it. ``after``, the closing paragraph (特此函复。 or the last body
    paragraph), is kept with the signature so no page holds a signature alone.
    """
    from docx.shared import Pt

    if after is not None:
        after.paragraph_format.keep_with_next = True
    paragraph(document, keep_with_next=True)
    date_width = _display_width(date_text)
    for text, last in ((issuer, False), (date_text, True)):
        if not text:
            continue
        para = paragraph(document, text, align="right", indent=False, keep_with_next=not last)
        # Centre the issuer over the date: both end 4 characters from the right margin,
        # the issuer shifted by half the difference of their widths.
        right = 4 * 16 + (max(0.0, (date_width - _display_width(text)) / 2) * 16 if not last else 0)
        para.paragraph_format.right_indent = Pt(max(right, 2 * 16))


def _display_width(text: str) -> float:
    """Width in em: Chinese characters 1, digits and Latin letters ½."""
    return len(text) - 0.5 * len(_NARROW.findall(text))


def annex(document: Any, label: str, title_text: str = "", landscape: bool = True) -> Any:
    """An annex on a new page (landscape for wide tables): "附件" in 黑体 3号 at top left."""
    section = add_landscape_section(document) if landscape else _portrait_section(document)
    paragraph(document, label, font=HEADING1_FONT, indent=False, keep_with_next=True)
    if title_text:
        chars = 30 if landscape else TITLE_CHARS_PER_LINE
        title(document, title_text, chars_per_line=chars)
    return section


def _portrait_section(document: Any) -> Any:
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=False)
    return section


def heading(document: Any, text: str, level: int) -> Any:
    """Headings 一、 (黑体), （一） (楷体_GB2312), 1. (仿宋 bold), kept with what follows."""
    from docx.shared import Pt

    font = {1: HEADING1_FONT, 2: HEADING2_FONT}.get(level, BODY_FONT)
    para = paragraph(document, text, font=font, size=16, bold=level >= 3, indent=True)
    para.paragraph_format.keep_with_next = True
    if level == 1:
        para.paragraph_format.space_before = Pt(6)
    return para


def add_page_numbers(section: Any) -> None:
    """ "— 1 —" in 宋体 4号: odd pages at the right, even pages at the left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for run in list(para.runs):
            run._element.getparent().remove(run._element)
        para.alignment = alignment
        add_run(para, "— ", PAGE_NUMBER_FONT, 14)
        _page_field(para)
        add_run(para, " —", PAGE_NUMBER_FONT, 14)


def _page_field(para: Any) -> None:
    from docx.oxml.ns import qn

    def run_with(child_tag: str, **attrs: str) -> None:
        run = add_run(para, "", PAGE_NUMBER_FONT, 14)
        child = run._element.makeelement(qn(child_tag), {qn(k): v for k, v in attrs.items()})
        if child_tag == "w:instrText":
            child.text = " PAGE "
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run._element.append(child)

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText")
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    add_run(para, "1", PAGE_NUMBER_FONT, 14)
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def table(document: Any, headers: list[str], widths_mm: list[float], size: float = 12) -> Any:
    """A bordered table whose header row repeats on every page."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    header = grid.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    trpr.append(repeat)
    for cell, text, width in zip(header.cells, headers, widths_mm):
        cell.width = Mm(width)
        para = cell.paragraphs[0]
        para.alignment = 1
        para.paragraph_format.keep_with_next = True  # never a header row alone at a page foot
        add_run(para, text, HEADING1_FONT, size)
        _tight(para, size)
        _shade(cell, "E7E6E6")
    for column, width in zip(grid.columns, widths_mm):
        column.width = Mm(width)
    return grid


Run = tuple[str, dict[str, Any]]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def fill_row(grid: Any, values: list[list[Run]], widths_mm: list[float], size: float = 12) -> None:
    """Append one row; each cell is a list of (text, style) runs, "\\n" splitting paragraphs."""
    add_rows(grid, [values], widths_mm, size)


def add_rows(
    grid: Any,
    rows: list[list[list[Run]]],
    widths_mm: list[float],
    size: float = 12,
    keep_last_with_next: bool = False,
    min_height_mm: float | None = None,
) -> None:
    """Append rows built as WordprocessingML text and parsed once.

    python-docx's per-cell, per-run calls grow worse than linearly with table size (a
    5,000-row table took 7 s, 20,000 rows 44 s); writing the row XML directly keeps a
    20,000-opinion digest within seconds. Fonts come from named paragraph and character
    styles (East-Asian slot set, see `set_font`) rather than being repeated on every run,
    which keeps a large digest small in memory and on disk.

    A short row is kept whole on one page (a short opinion split over two pages is hard
    to read); a long one may break, or it would push a nearly empty page before it.
    ``keep_last_with_next`` keeps the last row on the page of the paragraph after the
    table, so a closing line and signature never stand alone on a page. ``min_height_mm``
    gives blank rows of a form room to write in.
    """
    from lxml import etree

    if not rows:
        return
    styles = _Styles.of(grid.part.document)
    paragraph_style = styles.table_paragraph(size)
    parts = [f'<w:tbl xmlns:w="{W_NS}">']
    for number, values in enumerate(rows, start=1):
        keep = keep_last_with_next and number == len(rows)
        whole = '<w:cantSplit w:val="true"/>' if _row_lines(values, widths_mm, size) <= ROW_KEPT_WHOLE else ""
        height = (
            f'<w:trHeight w:val="{round(min_height_mm * 56.7)}" w:hRule="atLeast"/>' if min_height_mm else ""
        )
        parts.append(f"<w:tr><w:trPr>{whole}{height}</w:trPr>")
        for runs, width in zip(values, widths_mm):
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{round(width * 56.7)}" w:type="dxa"/></w:tcPr>')
            parts.append(_cell_paragraphs(runs, paragraph_style, styles, size, keep))
            parts.append("</w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    built = etree.fromstring("".join(parts).encode("utf-8"))
    grid._tbl.extend(list(built))


ROW_KEPT_WHOLE = 8  # lines: a third of a landscape page of 小四 table text


def _row_lines(values: list[list[Run]], widths_mm: list[float], size: float) -> int:
    """Estimated printed lines of a row: its tallest cell's text wrapped at the cell width."""
    import math

    tallest = 0
    for runs, width in zip(values, widths_mm):
        per_line = max(1.0, (width - 3.8) / (size * 0.3528))  # em per line, less cell padding
        text = "".join(t for t, _ in runs)
        lines = sum(max(1, math.ceil(_display_width(line) / per_line)) for line in text.split("\n"))
        tallest = max(tallest, lines)
    return tallest


class _Styles:
    """The named styles of one document, created on first use."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.names: dict[tuple, str] = {}

    @classmethod
    def of(cls, document: Any) -> _Styles:
        # python-docx hands out a new Document proxy per access; the part is the one object.
        part = document.part
        registry = getattr(part, "_consolidate_styles", None)
        if registry is None:
            registry = cls(document)
            part._consolidate_styles = registry
        return registry

    def table_paragraph(self, size: float) -> str:
        key = ("p", size)
        if key not in self.names:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.enum.text import WD_LINE_SPACING
            from docx.shared import Pt

            name = f"表格文字{size:g}"
            style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.document.styles["Normal"]
            set_font(style, BODY_FONT, size)
            fmt = style.paragraph_format
            fmt.first_line_indent = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(size * 1.5)
            fmt.space_before = fmt.space_after = Pt(0)
            self.names[key] = style.style_id
        return self.names[key]

    def character(self, style: dict[str, Any], size: float) -> str:
        """A character style for a run's look, or "" when it is the paragraph's own."""
        look = {
            k: v
            for k, v in style.items()
            if k in ("font", "size", "bold", "italic", "strike", "color", "underline")
        }
        if not look or (look.get("size", size) == size and set(look) == {"size"}):
            return ""
        key = ("r", size, tuple(sorted(look.items())))
        if key not in self.names:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.shared import RGBColor

            name = f"意见汇总字符{len(self.names) + 1}"
            char = self.document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            set_font(char, look.get("font", BODY_FONT), look.get("size", size), look.get("bold"))
            char.font.italic = look.get("italic") or None
            char.font.strike = look.get("strike") or None
            char.font.underline = look.get("underline") or None
            if look.get("color"):
                char.font.color.rgb = RGBColor.from_string(look["color"])
            self.names[key] = char.style_id
        return self.names[key]


def rich_paragraph(
    document: Any,
    runs: list[Run],
    *,
    size: float = 16,
    indent: bool = True,
    line_pt: float | None = None,
    keep_with_next: bool = False,
) -> None:
    """A body paragraph of differently styled runs, built as XML (see `add_rows` for why)."""
    from lxml import etree

    styles = _Styles.of(document)
    spacing = f'<w:spacing w:line="{round(line_pt * 20)}" w:lineRule="exact"/>' if line_pt else ""
    first = f'<w:ind w:firstLine="{round(size * 2 * 20)}"/>' if indent else ""
    body = "".join(
        _run_xml(text, styles.character({"size": size, **style}, 16), size) for text, style in runs if text
    )
    keep = "<w:keepNext/>" if keep_with_next else ""
    xml = f'<w:p xmlns:w="{W_NS}"><w:pPr>{keep}{spacing}{first}<w:jc w:val="both"/></w:pPr>{body}</w:p>'
    document.element.body.sectPr.addprevious(etree.fromstring(xml.encode("utf-8")))


def _cell_paragraphs(runs: list[Run], paragraph_style: str, styles: _Styles, size: float, keep: bool) -> str:
    """One paragraph per cell; line breaks inside it (fewer elements than a paragraph a line)."""
    centred = any(style.get("align") == "center" for _, style in runs)
    body = "".join(_run_xml(text, styles.character(style, size), size) for text, style in runs if text)
    alignment = '<w:jc w:val="center"/>' if centred else ""
    keep_next = "<w:keepNext/>" if keep else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{paragraph_style}"/>{keep_next}{alignment}</w:pPr>{body}</w:p>'


def _run_xml(text: str, char_style: str, size: float) -> str:
    from xml.sax.saxutils import escape

    rpr = f'<w:rPr><w:rStyle w:val="{char_style}"/></w:rPr>' if char_style else ""
    clean = _CONTROL.sub("", text)
    lines = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' if line else "" for line in clean.split("\n")
    )
    return f"<w:r>{rpr}{lines}</w:r>"


def _tight(para: Any, size: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = para.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size * 1.5)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    shd = tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    tcpr.append(shd)
