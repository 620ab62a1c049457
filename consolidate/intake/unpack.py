"""Opening containers: zip archives and e-mails become the files they carry.

Members are written to a private temporary folder under a generated name — never by the
path stored in the archive — so ``../`` or absolute member names cannot reach outside it.
Size and nesting are bounded before anything is inflated.
"""

from __future__ import annotations

import datetime as dt
import email
import re
import stat
import zipfile
from dataclasses import dataclass, field, replace
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path, PurePosixPath
from typing import cast

from consolidate.codes import Code, Severity
from consolidate.documents.discover import CONTAINERS, FoundFile, ignore_reason, sniff
from consolidate.model import FileKind, Finding

MAX_DEPTH = 3  # an archive in an archive in an e-mail is real; deeper is not
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed; real office files stay far below


@dataclass
class Unpacked:
    files: list[FoundFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)


class _Workspace:
    """Hands out fresh folders inside the run's temporary directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def new(self) -> Path:
        self.count += 1
        folder = self.root / f"u{self.count:05d}"
        folder.mkdir(parents=True)
        return folder


def expand(files: list[FoundFile], workdir: Path) -> Unpacked:
    """Replace every container in ``files`` by its contents, recursively (bounded)."""
    workspace = _Workspace(workdir)
    result = Unpacked()
    for found in files:
        _expand_one(found, workspace, result, depth=0)
    return result


def _expand_one(found: FoundFile, workspace: _Workspace, result: Unpacked, depth: int) -> None:
    if found.kind not in CONTAINERS:
        result.files.append(found)
        return
    if depth >= MAX_DEPTH:
        result.findings.append(
            Finding(
                Severity.ERROR,
                Code.TOO_DEEP,
                f"压缩包或邮件嵌套超过 {MAX_DEPTH} 层，未再展开：请解压后放入文件夹",
                None,
                found.relative,
            )
        )
        return
    try:
        if found.kind == FileKind.ZIP:
            children = _unzip(found, workspace.new(), result)
        elif found.kind == FileKind.EML:
            children = _open_eml(found, workspace.new(), result)
        elif found.kind == FileKind.MSG:
            children = _open_msg(found, workspace.new(), result)
        else:
            result.findings.append(
                Finding(Severity.ERROR, Code.for_file_kind(found.kind),
                        f".{found.kind} 压缩包暂不支持：请解压后把其中的文件放入文件夹", None, found.relative)
            )  # fmt: skip
            return
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        result.findings.append(
            Finding(
                Severity.ERROR,
                Code.UNREADABLE_FILE,
                f"无法打开（{exc}）：请联系发件单位重新发送",
                None,
                found.relative,
            )
        )
        return
    for child in children:
        _expand_one(child, workspace, result, depth + 1)


# ---------------------------------------------------------------- zip


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as the sender saw it.

    Chinese Windows writes names in GBK without setting the UTF-8 flag; zipfile then
    decodes them as cp437. Undo that and try UTF-8, then GB18030.
    """
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return name


def _unzip(found: FoundFile, target: Path, result: Unpacked) -> list[FoundFile]:
    children: list[FoundFile] = []
    with zipfile.ZipFile(found.path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise ValueError(f"压缩包内文件过多（{len(infos)} 个）")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL_BYTES:
            raise ValueError(f"解压后总大小 {declared // 2**20} MB，超过 {MAX_TOTAL_BYTES // 2**20} MB 上限")
        for n, info in enumerate(infos, start=1):
            name = member_name(info)
            safe = _inside_name(name)
            shown = f"{found.relative}/{_safe_display(safe)}"
            if safe != name:
                result.findings.append(Finding(
                    Severity.WARNING, Code.UNSAFE_PATH,
                    f"压缩包成员名“{_safe_display(name)}”含有 ../ 或绝对路径：已只在临时目录中按生成的文件名解压，显示为 {safe}",
                    None, shown,
                ))  # fmt: skip
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                result.ignored.append((shown, "压缩包中的符号链接，不展开"))
                continue
            if info.flag_bits & 0x1:
                result.findings.append(Finding(
                    Severity.ERROR, Code.ENCRYPTED_FILE, "压缩包中的文件有密码保护：请对方发送未加密的文件", None, shown,
                ))  # fmt: skip
                continue
            base = PurePosixPath(name.replace("\\", "/")).name or f"member{n}"
            why = ignore_reason(Path(base))
            if why:
                result.ignored.append((shown, why))
                continue
            if (
                info.compress_size
                and info.file_size / max(info.compress_size, 1) > MAX_RATIO
                and info.file_size > 10 * 2**20
            ):
                result.findings.append(Finding(
                    Severity.ERROR, Code.ZIP_BOMB, f"压缩比异常（{info.file_size // info.compress_size} 倍），疑似压缩炸弹，未解压", None, shown,
                ))  # fmt: skip
                continue
            destination = target / f"{n:04d}{Path(base).suffix[:16]}"
            _copy_bounded(archive, info, destination)
            children.append(
                FoundFile(destination, shown, sniff(destination), found.received, found.sender,
                          _zip_time(info) or found.modified)
            )  # fmt: skip
    return children


def _inside_name(name: str) -> str:
    """A member's path with ../, ./ and leading / or drive letters dropped, for display."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if parts and len(parts[0]) == 2 and parts[0][1] == ":":
        parts = parts[1:]
    return "/".join(parts) or "member"


def _copy_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, destination: Path) -> None:
    """Copy a member, stopping if it inflates beyond what its header declared."""
    limit = min(info.file_size, MAX_MEMBER_BYTES)
    written = 0
    with archive.open(info) as source, destination.open("wb") as sink:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > limit:
                raise ValueError(f"{member_name(info)}：实际解压大小超过声明或上限，疑似压缩炸弹")
            sink.write(chunk)


def _zip_time(info: zipfile.ZipInfo) -> float:
    try:
        return dt.datetime(*info.date_time).timestamp()
    except (ValueError, OverflowError):
        return 0.0


def _safe_display(name: str) -> str:
    return re.sub(r"[\x00-\x1f]", "?", name)


# ---------------------------------------------------------------- e-mail


def _fix_chinese_charsets(raw: bytes) -> bytes:
    """Chinese mail clients label GBK text as gb2312; decode it with the superset gb18030."""
    return re.sub(rb"(?i)gb2312|(?<![\w-])gbk(?![\w-])", b"gb18030", raw)


def _open_eml(found: FoundFile, target: Path, result: Unpacked) -> list[FoundFile]:
    message = email.message_from_bytes(_fix_chinese_charsets(found.path.read_bytes()), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return _message_files(message, found, target, result)


def _message_files(
    message: EmailMessage, found: FoundFile, target: Path, result: Unpacked
) -> list[FoundFile]:
    received = _date(message) or found.received
    sender = _sender(message) or found.sender
    children: list[FoundFile] = []
    n = 0
    for part in message.iter_attachments():
        n += 1
        if part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            if isinstance(inner, EmailMessage):
                children.extend(_message_files(inner, found, target / f"m{n}", result))
            continue
        filename = part.get_filename() or f"附件{n}"
        payload = cast(bytes, part.get_payload(decode=True) or b"")
        base = PurePosixPath(filename.replace("\\", "/")).name
        shown = f"{found.relative}/{_safe_display(base)}"
        why = ignore_reason(Path(base))
        if why:
            result.ignored.append((shown, why))
            continue
        target.mkdir(parents=True, exist_ok=True)
        destination = target / f"{n:04d}{Path(base).suffix[:16]}"
        destination.write_bytes(payload)
        children.append(FoundFile(destination, shown, sniff(destination), received, sender, found.modified))
    body = _body_text(message)
    if body.strip():
        target.mkdir(parents=True, exist_ok=True)
        destination = target / "body.txt"
        destination.write_text(body, encoding="utf-8")
        kind = FileKind.MAIL_BODY if children else FileKind.TEXT
        children.append(
            FoundFile(destination, f"{found.relative}/（邮件正文）", kind, received, sender, found.modified)
        )
    return children


def _date(message: EmailMessage) -> dt.datetime | None:
    value = message.get("Date")
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return parsed


def _sender(message: EmailMessage) -> str:
    name, address = parseaddr(str(message.get("From", "")))
    return " ".join(x for x in (name, address) if x)


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content: str = part.get_content()
    except (LookupError, UnicodeDecodeError):
        content = cast(bytes, part.get_payload(decode=True) or b"").decode("gb18030", "replace")
    if part.get_content_type() == "text/html":
        from lxml import html

        try:
            content = html.fromstring(content).text_content()
        except (ValueError, TypeError):
            content = re.sub(r"<[^>]+>", " ", content)
    return content


def _open_msg(found: FoundFile, target: Path, result: Unpacked) -> list[FoundFile]:
    """Outlook .msg through extract-msg, an optional extra (GPL-3.0): ``pip install consolidate[msg]``."""
    try:
        import extract_msg
    except ImportError:
        result.findings.append(Finding(
            Severity.ERROR, Code.MSG_FILE,
            "Outlook .msg 邮件需要可选组件：pip install 'consolidate[msg]'；或在邮件客户端中把附件另存到文件夹",
            None, found.relative,
        ))  # fmt: skip
        return []
    message = extract_msg.openMsg(str(found.path))
    try:
        received = message.date if isinstance(message.date, dt.datetime) else found.received
        if received is not None and received.tzinfo is None:
            received = received.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
        sender = message.sender or found.sender
        holder = replace(found, received=received, sender=sender)
        children: list[FoundFile] = []
        for n, attachment in enumerate(message.attachments, start=1):
            data = getattr(attachment, "data", None)
            if not isinstance(data, bytes):
                continue
            base = PurePosixPath(str(attachment.longFilename or attachment.shortFilename or f"附件{n}")).name
            shown = f"{found.relative}/{_safe_display(base)}"
            destination = target / f"{n:04d}{Path(base).suffix[:16]}"
            destination.write_bytes(data)
            children.append(
                FoundFile(destination, shown, sniff(destination), received, sender, found.modified)
            )
        body = message.body or ""
        if body.strip():
            destination = target / "body.txt"
            destination.write_text(body, encoding="utf-8")
            kind = FileKind.MAIL_BODY if children else FileKind.TEXT
            children.append(
                FoundFile(destination, f"{found.relative}/（邮件正文）", kind, holder.received, sender)
            )
        return children
    finally:
        message.close()
