"""What every reader promises, tested once for all of them (csvkit's habit): whatever bytes a
file holds, a reader returns a `SourceDocument` or raises `UnreadableFile` with a message for
the clerk — never another exception, which would cost the other returns their run."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from consolidate.documents.document import SourceDocument, UnreadableFile
from consolidate.documents.readers import read_document

KINDS = {"docx": ".docx", "sheet": ".xlsx", "pdf": ".pdf", "html": ".html", "csv": ".csv", "text": ".txt"}

HOSTILE = {
    "empty": b"",
    "one byte": b"\x00",
    "random bytes": bytes(range(256)) * 8,
    "GBK text": "单位名称：自治区教育厅 无修改意见".encode("gbk"),
    "a lone UTF-16 BOM": b"\xff\xfe",
    "HTML fragment": b"<table><tr><td>\xe6\x84\x8f</td>",
}


def _zip_without_parts(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")


def _truncated_zip(path: Path) -> None:
    _zip_without_parts(path)
    path.write_bytes(path.read_bytes()[:30])


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("content", sorted(HOSTILE))
def test_a_reader_given_any_bytes_returns_a_document_or_says_it_cannot(tmp_path, kind, content):
    path = tmp_path / f"返回{KINDS[kind]}"
    path.write_bytes(HOSTILE[content])
    _read_or_refuse(path, kind)


@pytest.mark.parametrize("kind", ["docx", "sheet"])
@pytest.mark.parametrize("make", [_zip_without_parts, _truncated_zip], ids=["no parts", "truncated"])
def test_an_office_zip_that_is_not_a_document_is_refused_with_a_message(tmp_path, kind, make):
    path = tmp_path / f"返回{KINDS[kind]}"
    make(path)
    with pytest.raises(UnreadableFile) as refused:
        read_document(path, kind)
    assert str(refused.value).strip()


def test_a_kind_without_a_reader_is_refused_with_a_message(tmp_path):
    path = tmp_path / "返回.bin"
    path.write_bytes(b"x")
    with pytest.raises(UnreadableFile, match="bin"):
        read_document(path, "bin")


def _read_or_refuse(path: Path, kind: str) -> None:
    try:
        document = read_document(path, kind)
    except UnreadableFile as refused:
        assert str(refused).strip(), "a refusal must say why"
    else:
        assert isinstance(document, SourceDocument)
