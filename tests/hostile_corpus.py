"""Hostile returns: files built to crash, hang, exhaust or trick the readers of ``consolidate``.

Every case is a function ``make_<case>(path)`` that writes one file (the returns folder is
``path.parent``) and returns its path; ``build_corpus(folder)`` writes them all. For each case
the expected behaviour of ``consolidate`` is the same: a clear finding about that file, and the
run continues with the other returns.

Some cases try to pull in a local file outside the returns folder: ``write_secret`` puts
``SECRET`` into ``folder.parent / "outside" / "secret.txt"`` (and into a valid form
``secret-form.docx`` beside it, so that following the ``linkdir`` symlink would leak it too).
Tests assert that ``SECRET`` never appears in any output.

Zip containers are written by a small hand-rolled writer (``_zip_bytes``) so that headers can
lie (sizes, flags, names, symlink attributes) and so that every byte is deterministic: fixed
timestamps, fixed seeds, no zip64. The 1 GiB bomb is built from one pre-compressed deflate
segment repeated, so building it takes well under a second and no large buffer.

Run ``python tests/hostile_corpus.py FOLDER`` to build the corpus and print the sizes.
"""

from __future__ import annotations

import functools
import io
import os
import random
import re
import struct
import sys
import time
import zipfile
import zlib
from base64 import b64encode
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from consolidate.papers.forms import HEADERS as FORM_HEADERS
from consolidate.papers.forms import FormLayout, form_document, form_workbook

SECRET = "CONSOLIDATE-SECRET-7f3a"
ZIP_PASSWORD = b"consolidate"
FORM_ROW = ("1", "自治区教育厅", "建议将“稳定招生规模”修改为“稳步扩大招生规模”。", "理由", "")
_HEADER = "单位名称（盖章）：自治区教育厅          填表时间：2023年3月28日"
_SHEET_HEADER = "单位名称（盖章）：自治区教育厅    填表时间：2023-03-28"
UNITS = ("自治区教育厅", "自治区财政厅", "自治区发展改革委", "南宁市人民政府", "河池市人民政府")

BOMB_SIZE = 1 << 30  # inflated size of the zip bomb's word/document.xml padding (1 GiB)
UNDERSTATED_REAL_SIZE = 256 << 20  # what the understated member really inflates to
UNDERSTATED_DECLARED_SIZE = 4096  # what its headers claim
NESTED_DEPTH = 20
HUGE_XLSX_ROWS = 20_000
HUGE_DOCX_ROWS = 5_000
MANY_TABLES = 3_000
DEEP_ELEMENTS = 100_000
NON_UTF8_NAME = b"\xb8\xc4\xd2\xe2.docx"  # GBK for 改意; invalid as UTF-8

_DOS_DATE = ((2023 - 1980) << 9) | (3 << 5) | 28  # 2023-03-28
_DOS_TIME = (9 << 11) | (30 << 5)  # 09:30:00
_W3CDTF = b"2023-03-28T09:30:00Z"
_MARK = "@@HOSTILE@@"  # placeholder text replaced at the XML level
_CHUNK = 1 << 20


# --------------------------------------------------------------------------- zip writing


@dataclass(frozen=True)
class _Member:
    """One zip member as written: ``payload`` is stored verbatim, headers say ``crc``/``size``."""

    name: str
    payload: bytes
    crc: int
    size: int
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0
    create_system: int = 0
    external_attr: int = 0


@functools.lru_cache(maxsize=128)
def _deflate(data: bytes) -> tuple[bytes, int]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data)


def _deflated(name: str, data: bytes) -> _Member:
    payload, crc = _deflate(data)
    return _Member(name, payload, crc, len(data))


def _stored(name: str, data: bytes, **attributes: int) -> _Member:
    return _Member(name, data, zlib.crc32(data), len(data), method=zipfile.ZIP_STORED, **attributes)


def _zip_bytes(members: Iterable[_Member]) -> bytes:
    """A plain (non-zip64) zip archive holding ``members`` exactly as described."""
    out = bytearray()
    central = bytearray()
    count = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = member.flags | (0 if member.name.isascii() else 0x800)
        offset = len(out)
        if max(len(member.payload), member.size, offset) >= 0xFFFFFFFF:
            raise ValueError("member too large for a non-zip64 archive")
        common = (flags, member.method, _DOS_TIME, _DOS_DATE, member.crc, len(member.payload), member.size)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, *common, len(name), 0) + name + member.payload
        central += struct.pack(
            "<IHH" + "HHHHIII" + "HHHHHII",
            0x02014B50,
            (member.create_system << 8) | 20,
            20,
            *common,
            len(name),
            0,
            0,
            0,
            0,
            member.external_attr,
            offset,
        )
        central += name
        count += 1
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(out), 0)
    return bytes(out)


def _padded_deflate(prefix: bytes, pad: int, suffix: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of ``prefix + b" " * pad + suffix`` without ever holding the padding.

    One MiB of spaces is compressed once, ending in a full flush (byte-aligned, no history), and
    that segment is repeated; returns (compressed, crc32, inflated size).
    """
    full, rest = divmod(pad, _CHUNK)
    chunk = b" " * _CHUNK
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)]
    segment = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts.append((segment.compress(chunk) + segment.flush(zlib.Z_FULL_FLUSH)) * full)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts.append(tail.compress(b" " * rest + suffix) + tail.flush())
    crc = zlib.crc32(prefix)
    for _ in range(full):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(b" " * rest + suffix, crc)
    return b"".join(parts), crc, len(prefix) + pad + len(suffix)


def _zipcrypto(data: bytes, password: bytes, crc: int, seed: int) -> bytes:
    """Traditional PKWARE (ZipCrypto) encryption of ``data``, with its 12-byte header."""
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(byte: int) -> None:
        keys[0] = (keys[0] >> 8) ^ table[(keys[0] ^ byte) & 0xFF]
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = (keys[2] >> 8) ^ table[(keys[2] ^ (keys[1] >> 24)) & 0xFF]

    for byte in password:
        update(byte)
    out = bytearray()
    for byte in random.Random(seed).randbytes(11) + bytes([crc >> 24]) + data:
        temp = (keys[2] | 2) & 0xFFFF
        out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
        update(byte)
    return bytes(out)


# --------------------------------------------------------------------------- valid forms


def _unpack(data: bytes) -> tuple[tuple[str, bytes], ...]:
    """The members of a zip, with the core-properties timestamps made fixed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    stamp = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
    return tuple(
        (name, stamp.sub(rb"\g<1>" + _W3CDTF + rb"\g<3>", blob) if name == "docProps/core.xml" else blob)
        for name, blob in parts
    )


@functools.lru_cache(maxsize=16)
def _docx_parts_cached(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, bytes], ...]:
    layout = FormLayout(header_lines=(_HEADER,), blank_rows=len(rows))
    document = form_document(layout)
    # A unit's file, not one the tool printed: the attacks must reach the readers, not stop
    # at the check for the tool's own papers (which trusts the mark when the text is hidden).
    document.core_properties.category = ""
    for row, values in zip(document.tables[0].rows[1:], rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return _unpack(buffer.getvalue())


def _docx_parts(rows: Sequence[Sequence[str]] = (FORM_ROW,)) -> dict[str, bytes]:
    """The parts of the Annex-3 form (title, header line, table) filled with ``rows``."""
    return dict(_docx_parts_cached(tuple(tuple(row) for row in rows)))


def _xlsx_parts(rows: Sequence[Sequence[object]] = ((1, *FORM_ROW[1:]),)) -> dict[str, bytes]:
    """The parts of the Annex-3 form as a sheet, ``rows`` typed below its table header as
    plain cells (openpyxl writes them as inline strings, which the XXE case rewrites)."""
    workbook, header_row = form_workbook(
        FormLayout(header_lines=(_SHEET_HEADER,), blank_rows=0, sheet="Sheet1")
    )
    sheet = workbook.active
    for r, values in enumerate(rows, start=header_row + 1):
        for c, value in enumerate(values, start=1):
            if value not in ("", None):
                sheet.cell(row=r, column=c, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return dict(_unpack(buffer.getvalue()))


def _package(parts: dict[str, bytes], overrides: dict[str, _Member] | None = None) -> bytes:
    """Zip ``parts`` in order, deflated, except members given ready-made in ``overrides``."""
    overrides = overrides or {}
    return _zip_bytes(overrides.get(name) or _deflated(name, blob) for name, blob in parts.items())


def _form_docx_bytes() -> bytes:
    return _package(_docx_parts())


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _with_doctype(xml: bytes, root: str, subset: str) -> bytes:
    """Insert ``<!DOCTYPE root [subset]>`` after the XML declaration."""
    doctype = f"<!DOCTYPE {root} [{subset}]>".encode()
    if xml.startswith(b"<?xml"):
        end = xml.index(b"?>") + 2
        return xml[:end] + b"\n" + doctype + xml[end:]
    return doctype + b"\n" + xml


def _row_template(xml: str) -> tuple[int, int]:
    """Start and end offsets of the ``<w:tr>`` that holds ``_MARK``."""
    mark = xml.index(_MARK)
    start = max(xml.rfind("<w:tr>", 0, mark), xml.rfind("<w:tr ", 0, mark))
    end = xml.index("</w:tr>", mark) + len("</w:tr>")
    return start, end


def _fill(template: str, values: Sequence[str]) -> str:
    for n, value in enumerate(values):
        template = template.replace(f"{_MARK}{n}", escape(value), 1)
    return template


def _opinion(i: int) -> tuple[str, str, str, str, str]:
    return (
        str(i),
        UNITS[i % len(UNITS)],
        f"第{i}条：建议将“加强”修改为“进一步加强”，并补充第{i % 97}项具体措施。",
        f"理由{i}：与上位文件表述保持一致。",
        "" if i % 3 else "无",
    )


# --------------------------------------------------------------------------- the secret


def secret_path(folder: Path) -> Path:
    """Where the secret lives for a returns ``folder``: ``folder.parent / "outside" / "secret.txt"``."""
    return Path(folder).parent / "outside" / "secret.txt"


def write_secret(folder: Path) -> Path:
    """Write ``SECRET`` to ``secret.txt`` (and a form quoting it) outside the returns folder."""
    path = secret_path(folder)
    _write(path, (SECRET + "\n").encode())
    row = ("1", "自治区教育厅", f"不应被读取：{SECRET}", "理由", "")
    _write(path.parent / "secret-form.docx", _package(_docx_parts([row])))
    return path


def _secret_uri(path: Path) -> str:
    return write_secret(path.parent).resolve().as_uri()


# --------------------------------------------------------------------------- cases


def make_zip_bomb_docx(path: Path) -> Path:
    """Attacks unbounded inflation: document.xml inflates to > 1 GiB from ~1 MB; a clear finding, run continues."""
    parts = _docx_parts()
    xml = parts["word/document.xml"]
    cut = xml.index(b"<w:body>") + len(b"<w:body>")
    payload, crc, size = _padded_deflate(xml[:cut], BOMB_SIZE, xml[cut:])
    bomb = _Member("word/document.xml", payload, crc, size)
    return _write(path, _package(parts, {"word/document.xml": bomb}))


def make_understated_size_docx(path: Path) -> Path:
    """Attacks trusting declared sizes: document.xml claims 4 KiB but inflates to 256 MiB; a clear finding, run continues."""
    parts = _docx_parts()
    xml = parts["word/document.xml"]
    cut = xml.index(b"<w:body>") + len(b"<w:body>")
    payload, crc, _ = _padded_deflate(xml[:cut], UNDERSTATED_REAL_SIZE, xml[cut:])
    liar = _Member("word/document.xml", payload, crc, UNDERSTATED_DECLARED_SIZE)
    return _write(path, _package(parts, {"word/document.xml": liar}))


def make_billion_laughs_docx(path: Path) -> Path:
    """Attacks entity expansion: nested DTD entities (10^9 "lol") used in a w:t; a clear finding, run continues."""
    parts = _docx_parts([(*FORM_ROW[:2], _MARK, *FORM_ROW[3:])])
    subset = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10)
    )
    xml = parts["word/document.xml"].replace(_MARK.encode(), b"&lol9;")
    parts["word/document.xml"] = _with_doctype(xml, "w:document", subset)
    return _write(path, _package(parts))


def make_external_entity_docx(path: Path) -> Path:
    """Attacks XXE: a w:t holds &x;, a SYSTEM entity for ../outside/secret.txt; a clear finding, run continues, no secret."""
    parts = _docx_parts([(*FORM_ROW[:2], _MARK, "理由", "")])
    xml = parts["word/document.xml"].replace(_MARK.encode(), b"&x;")
    subset = f'<!ENTITY x SYSTEM "{_secret_uri(path)}">'
    parts["word/document.xml"] = _with_doctype(xml, "w:document", subset)
    return _write(path, _package(parts))


def make_external_entity_xlsx(path: Path) -> Path:
    """Attacks XXE: xl/sharedStrings.xml holds &x;, a SYSTEM entity for the secret; a clear finding, run continues, no secret."""
    parts = _xlsx_parts([(1, "自治区教育厅", _MARK, "理由", "")])
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet, found = re.subn(
        rf'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>{_MARK}</t></is></c>',
        r'<c r="\1" t="s"><v>0</v></c>',
        sheet,
    )
    if found != 1:
        raise RuntimeError("openpyxl no longer writes inline strings; update make_external_entity_xlsx")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" count="1" uniqueCount="1"><si><t>&x;</t></si></sst>'
    subset = f'<!ENTITY x SYSTEM "{_secret_uri(path)}">'
    parts["xl/sharedStrings.xml"] = _with_doctype(strings.encode(), "sst", subset)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'.encode()
    )
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdHostile1" Type="{relation}" Target="sharedStrings.xml"/></Relationships>'.encode(),
    )
    return _write(path, _package(parts))


def make_traversal_zip(path: Path) -> Path:
    """Attacks extraction paths: members named ../../, /tmp/ and ..\\..\\ holding valid forms; a clear finding, run continues."""
    form = _form_docx_bytes()
    names = ("../../evil.docx", "/tmp/abs-evil.docx", "..\\..\\win-evil.docx")
    return _write(path, _zip_bytes(_deflated(name, form) for name in names))


def make_nested_zip(path: Path) -> Path:
    """Attacks unbounded recursion: zip in zip 20 levels deep around a valid form; a clear finding, run continues."""
    data, name = _form_docx_bytes(), "修改意见表.docx"
    for level in range(1, NESTED_DEPTH + 1):
        data, name = _zip_bytes([_stored(name, data)]), f"level-{level:02d}.zip"
    return _write(path, data)


def make_filesystem_symlinks(folder: Path) -> dict[str, Path | None]:
    """Symlinks in the returns folder: link-to-secret.docx → secret.txt, linkdir → ../outside (None if refused)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    secret = write_secret(folder)
    made: dict[str, Path | None] = {}
    for key, link, target in (
        ("link_to_secret_docx", folder / "link-to-secret.docx", secret),
        ("linkdir", folder / "linkdir", secret.parent),
    ):
        if os.path.lexists(link):
            link.unlink()
        try:
            os.symlink(os.path.relpath(target, folder), link, target_is_directory=target.is_dir())
        except (OSError, NotImplementedError):
            made[key] = None
        else:
            made[key] = link
    return made


def make_zip_with_symlink(path: Path) -> Path:
    """Attacks symlink extraction: zip members that are Unix symlinks to the secret (plus filesystem symlinks); a clear finding, run continues."""
    secret = write_secret(path.parent)
    link = 0o120777 << 16
    members = [
        _stored("link-to-secret.docx", str(secret.resolve()).encode(), create_system=3, external_attr=link),
        _stored("relative-link.docx", b"../../outside/secret.txt", create_system=3, external_attr=link),
    ]
    _write(path, _zip_bytes(members))
    make_filesystem_symlinks(path.parent)
    return path


_CFB_FREE, _CFB_END, _CFB_FATSECT, _CFB_NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _cfb_entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    encoded = (name.encode("utf-16-le") + b"\0\0") if name else b""
    links = (left, right, child)
    return struct.pack(
        "<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, *links, bytes(16), 0, 0, 0, start, size
    )


def _cfb(streams: Sequence[tuple[str, bytes]]) -> bytes:
    """A version-3 compound file (512-byte sectors) holding ``streams`` in its root storage.

    Streams under 4096 bytes go to the mini stream (64-byte mini sectors), as the format requires.
    The directory is a balanced binary tree with every node black.
    """
    sector, mini, cutoff = 512, 64, 4096
    mini_stream, mini_fat = bytearray(), []
    starts: dict[int, int] = {}
    regular: list[tuple[int, bytes]] = []
    for index, (_, data) in enumerate(streams, start=1):
        if len(data) < cutoff:
            first, count = len(mini_fat), max(1, -(-len(data) // mini))
            mini_fat += [*range(first + 1, first + count), _CFB_END]
            mini_stream += data.ljust(count * mini, b"\0")
            starts[index] = first
        else:
            regular.append((index, data))

    def sectors(size: int) -> int:
        return -(-size // sector)

    counts = [sectors((len(streams) + 1) * 128), sectors(len(mini_fat) * 4), sectors(len(mini_stream))]
    counts += [sectors(len(data)) for _, data in regular]
    fat_count = 1
    while fat_count * (sector // 4) < fat_count + sum(counts):
        fat_count += 1
    if fat_count > 109:
        raise ValueError("compound file too large for a header-only DIFAT")
    fat = [_CFB_FATSECT] * fat_count

    def chain(count: int) -> int:
        if not count:
            return _CFB_END
        first = len(fat)
        fat.extend([*range(first + 1, first + count), _CFB_END])
        return first

    directory_start, mini_fat_start, mini_stream_start = (chain(n) for n in counts[:3])
    for (index, _), count in zip(regular, counts[3:]):
        starts[index] = chain(count)
    fat += [_CFB_FREE] * (fat_count * (sector // 4) - len(fat))

    order = sorted(
        range(1, len(streams) + 1), key=lambda i: (len(streams[i - 1][0]), streams[i - 1][0].upper())
    )
    siblings: dict[int, tuple[int, int]] = {}

    def tree(ids: list[int]) -> int:
        if not ids:
            return _CFB_NOSTREAM
        middle = len(ids) // 2
        siblings[ids[middle]] = (tree(ids[:middle]), tree(ids[middle + 1 :]))
        return ids[middle]

    top = tree(order)
    entries = [
        _cfb_entry("Root Entry", 5, _CFB_NOSTREAM, _CFB_NOSTREAM, top, mini_stream_start, len(mini_stream))
    ]
    for index, (name, data) in enumerate(streams, start=1):
        entries.append(_cfb_entry(name, 2, *siblings[index], _CFB_NOSTREAM, starts[index], len(data)))
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, *[_CFB_NOSTREAM] * 3, bytes(16), 0, 0, 0, 0, 0)
    entries += [empty] * (counts[0] * 4 - len(entries))

    def padded(data: bytes) -> bytes:
        return data.ljust(sectors(len(data)) * sector, b"\0")

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        bytes(16),
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        bytes(6),
        0,
        fat_count,
        directory_start,
        0,
        cutoff,
        mini_fat_start,
        counts[1],
        _CFB_END,
        0,
    )
    header += struct.pack("<109I", *range(fat_count), *[_CFB_FREE] * (109 - fat_count))
    body = [struct.pack(f"<{len(fat)}I", *fat), b"".join(entries)]
    body.append(struct.pack(f"<{len(mini_fat)}I", *mini_fat) if mini_fat else b"")
    body.append(bytes(mini_stream))
    body += [data for _, data in regular]
    return header + b"".join(padded(part) for part in body)


def _encrypted_ooxml(seed: int, plain_size: int) -> bytes:
    """An OLE2 file shaped like an agile-encrypted OOXML package (random bytes, no real key)."""
    rng = random.Random(seed)

    def b64(n: int) -> str:
        return b64encode(rng.randbytes(n)).decode()

    algorithm = 'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"'
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<keyData saltSize="16" {algorithm} saltValue="{b64(16)}"/>'
        f'<dataIntegrity encryptedHmacKey="{b64(64)}" encryptedHmacValue="{b64(64)}"/>'
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<p:encryptedKey spinCount="100000" saltSize="16" {algorithm} saltValue="{b64(16)}" '
        f'encryptedVerifierHashInput="{b64(16)}" encryptedVerifierHashValue="{b64(64)}" '
        f'encryptedKeyValue="{b64(32)}"/></keyEncryptor></keyEncryptors></encryption>'
    )
    info = struct.pack("<HHI", 4, 4, 0x40) + xml.encode()
    package = struct.pack("<Q", plain_size) + rng.randbytes(-(-plain_size // 16) * 16)
    return _cfb([("EncryptionInfo", info), ("EncryptedPackage", package)])


def make_encrypted_xlsx(path: Path) -> Path:
    """Attacks password-protected workbooks: an OLE2 file with EncryptionInfo/EncryptedPackage streams; a clear finding, run continues."""
    return _write(path, _encrypted_ooxml(seed=8101, plain_size=9000))


def make_encrypted_docx(path: Path) -> Path:
    """Attacks password-protected documents: an OLE2 file with EncryptionInfo/EncryptedPackage streams; a clear finding, run continues."""
    return _write(path, _encrypted_ooxml(seed=8102, plain_size=12000))


def make_encrypted_zip(path: Path) -> Path:
    """Attacks password-protected archives: a ZipCrypto member (flag bit 0, password "consolidate"); a clear finding, run continues."""
    form = _form_docx_bytes()
    compressed, crc = _deflate(form)
    payload = _zipcrypto(compressed, ZIP_PASSWORD, crc, seed=8103)
    member = _Member("修改意见表.docx", payload, crc, len(form), flags=0x1)
    return _write(path, _zip_bytes([member]))


def make_truncated_docx(path: Path) -> Path:
    """Attacks partial downloads: the first 1,500 bytes of a valid form; a clear finding, run continues."""
    return _write(path, _form_docx_bytes()[:1500])


def make_empty_docx(path: Path) -> Path:
    """Attacks empty files: a 0-byte .docx; a clear finding, run continues."""
    return _write(path, b"")


def make_random_bytes_xlsx(path: Path) -> Path:
    """Attacks format sniffing: 4 KiB of seeded pseudo-random bytes named .xlsx; a clear finding, run continues."""
    return _write(path, random.Random(20230328).randbytes(4096))


def make_text_named_docx(path: Path) -> Path:
    """Attacks extension trust: plain UTF-8 text named .docx; a clear finding, run continues."""
    lines = ["修改意见表", "\t".join(FORM_HEADERS), "\t".join(FORM_ROW)]
    return _write(path, ("\n".join(lines) + "\n").encode("utf-8"))


def make_html_named_xls(path: Path) -> Path:
    """Attacks extension trust: an HTML table saved as .xls (with an <img> at the secret); read or a clear finding, run continues, no secret."""
    cells = "".join(f"<td>{escape(value)}</td>" for value in FORM_ROW)
    heads = "".join(f"<th>{name}</th>" for name in FORM_HEADERS)
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>修改意见表</title></head>\n'
        f'<body><img src="{_secret_uri(path)}"><table border="1">\n'
        '<tr><td colspan="5">修改意见表</td></tr>\n'
        f"<tr>{heads}</tr>\n<tr>{cells}</tr>\n</table></body></html>\n"
    )
    return _write(path, html.encode("utf-8"))


def make_huge_form_xlsx(path: Path) -> Path:
    """Attacks slow readers: a valid .xlsx 修改意见表 with 20,000 rows; read within limits or a clear finding, run continues."""
    # Streamed: 20,000 rows through the blank form's ordinary workbook would take seconds.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(["修改意见表"])
    sheet.append([_SHEET_HEADER])
    sheet.append([])
    sheet.append(list(FORM_HEADERS))
    for i in range(1, HUGE_XLSX_ROWS + 1):
        _, unit, opinion, reason, note = _opinion(i)
        sheet.append([i, unit, opinion, reason, note or None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _write(path, _package(dict(_unpack(buffer.getvalue()))))


def make_huge_form_docx(path: Path) -> Path:
    """Attacks slow readers: a valid .docx 修改意见表 with 5,000 rows; read within limits or a clear finding, run continues."""
    parts = _docx_parts([tuple(f"{_MARK}{n}" for n in range(len(FORM_HEADERS)))])
    xml = parts["word/document.xml"].decode()
    start, end = _row_template(xml)
    rows = "".join(_fill(xml[start:end], _opinion(i)) for i in range(1, HUGE_DOCX_ROWS + 1))
    parts["word/document.xml"] = (xml[:start] + rows + xml[end:]).encode()
    return _write(path, _package(parts))


def make_many_tables_docx(path: Path) -> Path:
    """Attacks per-table costs: a .docx with 3,000 small form tables; read within limits or a clear finding, run continues."""
    parts = _docx_parts([tuple(f"{_MARK}{n}" for n in range(len(FORM_HEADERS)))])
    xml = parts["word/document.xml"].decode()
    start = xml.index("<w:tbl>")
    end = xml.index("</w:tbl>") + len("</w:tbl>")
    table = xml[start:end]
    tables = "".join(
        f"<w:p><w:r><w:t>表{i}</w:t></w:r></w:p>" + _fill(table, _opinion(i))
        for i in range(1, MANY_TABLES + 1)
    )
    parts["word/document.xml"] = (xml[:start] + tables + xml[end:]).encode()
    return _write(path, _package(parts))


def make_non_utf8_name(folder: Path) -> Path | None:
    """Attacks filename decoding: a valid form named with GBK bytes (改意.docx) that are not UTF-8; a clear finding, run continues."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    raw = os.path.join(os.fsencode(folder), NON_UTF8_NAME)
    try:
        with open(raw, "wb") as handle:
            handle.write(_form_docx_bytes())
    except (OSError, UnicodeError):
        return None
    return Path(os.fsdecode(raw))


def make_deep_xml_docx(path: Path) -> Path:
    """Attacks recursive XML walkers: the form followed by 100,000 nested elements (w:tbl/w:tr/w:tc); a clear finding, run continues."""
    parts = _docx_parts()
    xml = parts["word/document.xml"]
    levels = -(-DEEP_ELEMENTS // 3)
    deep = (
        b"<w:tbl><w:tr><w:tc>" * levels
        + "<w:p><w:r><w:t>最深处</w:t></w:r></w:p>".encode()
        + b"<w:p/></w:tc></w:tr></w:tbl>" * levels
    )
    cut = xml.rindex(b"<w:sectPr")
    parts["word/document.xml"] = xml[:cut] + deep + xml[cut:]
    return _write(path, _package(parts))


# --------------------------------------------------------------------------- the corpus

CASES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "zip_bomb_docx": ("zip_bomb.docx", make_zip_bomb_docx),
    "understated_size_docx": ("understated_size.docx", make_understated_size_docx),
    "billion_laughs_docx": ("billion_laughs.docx", make_billion_laughs_docx),
    "external_entity_docx": ("external_entity.docx", make_external_entity_docx),
    "external_entity_xlsx": ("external_entity.xlsx", make_external_entity_xlsx),
    "traversal_zip": ("traversal.zip", make_traversal_zip),
    "nested_zip": ("nested.zip", make_nested_zip),
    "zip_with_symlink": ("symlink_member.zip", make_zip_with_symlink),
    "encrypted_xlsx": ("encrypted.xlsx", make_encrypted_xlsx),
    "encrypted_docx": ("encrypted.docx", make_encrypted_docx),
    "encrypted_zip": ("encrypted.zip", make_encrypted_zip),
    "truncated_docx": ("truncated.docx", make_truncated_docx),
    "empty_docx": ("empty.docx", make_empty_docx),
    "random_bytes_xlsx": ("random_bytes.xlsx", make_random_bytes_xlsx),
    "text_named_docx": ("text_named.docx", make_text_named_docx),
    "html_named_xls": ("html_named.xls", make_html_named_xls),
    "huge_form_xlsx": ("huge_form.xlsx", make_huge_form_xlsx),
    "huge_form_docx": ("huge_form.docx", make_huge_form_docx),
    "many_tables_docx": ("many_tables.docx", make_many_tables_docx),
    "deep_xml_docx": ("deep_xml.docx", make_deep_xml_docx),
}
"""Case name → (file name in the returns folder, builder taking the file's path)."""


def build_corpus(folder: Path) -> dict[str, Path | None]:
    """Write every hostile case into ``folder`` (and the secret beside it); case name → path.

    ``zip_with_symlink`` also adds ``link_to_secret_docx`` and ``linkdir`` (filesystem symlinks);
    these and ``non_utf8_name`` map to None where the filesystem refuses them.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_secret(folder)
    built: dict[str, Path | None] = {name: make(folder / file) for name, (file, make) in CASES.items()}
    for name, link in (("link_to_secret_docx", "link-to-secret.docx"), ("linkdir", "linkdir")):
        built[name] = folder / link if os.path.lexists(folder / link) else None
    built["non_utf8_name"] = make_non_utf8_name(folder)
    return built


def _main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} FOLDER", file=sys.stderr)
        return 2
    started = time.perf_counter()
    built = build_corpus(Path(argv[1]))
    elapsed = time.perf_counter() - started
    total = 0
    for name, path in built.items():
        if path is None:
            print(f"{name:24} (not made: refused by this filesystem)")
            continue
        size = path.lstat().st_size
        total += size
        kind = f" -> {os.readlink(path)}" if path.is_symlink() else ""
        print(f"{name:24} {size:>12,}  {os.fsencode(path.name)!r}{kind}")
    with zipfile.ZipFile(built["zip_bomb_docx"]) as bomb:
        declared = sum(info.file_size for info in bomb.infolist())
    print(f"{'total on disk':24} {total:>12,}")
    print(f"zip bomb declares {declared:,} bytes uncompressed; built in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
