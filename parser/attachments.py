"""Attachment bytes → text: PDF (pypdf), DOCX (python-docx), OFD (its XML), XLSX (openpyxl, optional). Pure.

Every failure is an AttachmentError with a one-line reason; zip containers (DOCX, OFD, XLSX) are measured
before they are opened, so a zip bomb is refused instead of unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from policytrack.parser.errors import AttachmentError

MAX_UNPACKED = 50 * 1024 * 1024  # total uncompressed bytes of a zip container
MAX_RATIO = 200  # uncompressed / compressed, for any member over 1 MB
MAX_PDF_PAGES = 500


def _suffix(name: str) -> str:
    path = urlsplit(name).path if "://" in name else name
    return PurePosixPath(path).suffix.lower()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:160]}" if text else type(exc).__name__


def attachment_text(content: bytes, content_type: str, name: str) -> str:
    """The text of one attachment; the kind is sniffed from the bytes first, then type and name."""
    suffix, ctype = _suffix(name), (content_type or "").split(";")[0].strip().lower()
    if not content:
        raise AttachmentError(f"empty attachment: {name}")
    if content[:5] == b"%PDF-" or (ctype == "application/pdf" and b"%PDF-" in content[:1024]):
        return pdf_text(content)
    if content[:4] == b"PK\x03\x04":
        return _zip_text(content, suffix, name)
    if ctype in ("text/plain",) or suffix == ".txt":
        return content.decode("utf-8", errors="replace") if _is_utf8(content) else content.decode("gb18030",
                                                                                                  "replace")
    if suffix == ".pdf" or ctype == "application/pdf":
        raise AttachmentError(f"not a PDF (no %PDF header): {name}")
    if suffix in (".docx", ".xlsx", ".pptx", ".ofd", ".zip"):
        raise AttachmentError(f"corrupt {suffix} (not a zip container): {name}")
    if suffix in (".doc", ".wps", ".xls", ".et") or content[:4] == b"\xd0\xcf\x11\xe0":
        raise AttachmentError(f"unsupported legacy Office/WPS format {suffix or ctype}: {name}")
    raise AttachmentError(f"unsupported attachment type {suffix or ctype or 'unknown'}: {name}")


def _is_utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


# ---- PDF ----------------------------------------------------------------------------------------

_SENTENCE_END = "。！？；：，、…）)】」』”\"'.!?;:,%"
_HAN = re.compile(r"[\u3400-\u9fff]")
_PAGE_NUMBER = re.compile(r"^[\s—–\-－]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*共\s*\d+\s*页)?[\s—–\-－]*$")


def pdf_text(content: bytes) -> str:
    import logging

    from pypdf import PdfReader  # imported here: pypdf is slow to import and only PDFs need it

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings on a broken PDF: the AttachmentError says it
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise AttachmentError("encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except AttachmentError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; the reason is enough
        raise AttachmentError(f"unreadable PDF ({_one_line(exc)})") from None
    text = join_broken_lines("\n".join(pages))
    if not text.strip():
        raise AttachmentError("PDF has no text layer (scanned?)")
    return text


def join_broken_lines(text: str) -> str:
    """Undo PDF line wrapping: a line ending without punctuation, followed by one starting with a Han
    character, is the same sentence. Short lines (headings, titles) and page numbers are left alone."""
    lines = [ln.strip() for ln in text.replace("\u3000", " ").splitlines()]
    lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= 12 and out[-1][-1] not in _SENTENCE_END and _HAN.match(line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


# ---- zip containers: DOCX, OFD, XLSX ------------------------------------------------------------

def _check_zip(zf: zipfile.ZipFile, size: int, name: str) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise AttachmentError(f"refused: {name} member {info.filename} expands {info.file_size} bytes "
                                  f"from {info.compress_size} (zip bomb?)")
    if total > MAX_UNPACKED:
        raise AttachmentError(f"refused: {name} unpacks to {total} bytes (> {MAX_UNPACKED}; zip bomb?)")


def _zip_text(content: bytes, suffix: str, name: str) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise AttachmentError(f"corrupt zip container ({_one_line(exc)}): {name}") from None
    with zf:
        _check_zip(zf, len(content), name)
        names = set(zf.namelist())
        if "word/document.xml" in names:
            return docx_text(content, name)
        if "OFD.xml" in names:
            return ofd_text(zf, name)
        if "xl/workbook.xml" in names:
            return xlsx_text(content, name)
    raise AttachmentError(f"unsupported zip attachment {suffix or ''}: {name}")


def docx_text(content: bytes, name: str = "") -> str:
    """Paragraphs and tables in document order; table rows as `cell | cell`."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(content))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = Paragraph(child, document).text.strip()
                if text:
                    lines.append(text)
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    cells = [c.text.strip().replace("\n", " ") for c in row.cells]
                    deduped = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]  # merged cells
                    if any(deduped):
                        lines.append(" | ".join(deduped))
    except Exception as exc:
        raise AttachmentError(f"unreadable DOCX ({_one_line(exc)}): {name}") from None
    return "\n".join(lines)


def ofd_text(zf: zipfile.ZipFile, name: str = "") -> str:
    """OFD (the Chinese fixed-layout format): TextCode runs of each page's Content.xml, one TextObject
    per line."""
    from defusedxml import ElementTree

    def page_no(path: str) -> tuple[int, str]:
        m = re.search(r"Page_(\d+)", path)
        return (int(m.group(1)) if m else 0, path)

    pages = sorted((n for n in zf.namelist() if re.search(r"Pages/Page_\d+/Content\.xml$", n)), key=page_no)
    lines: list[str] = []
    try:
        for path in pages:
            root = ElementTree.fromstring(zf.read(path))
            for obj in root.iter():
                if obj.tag.rsplit("}", 1)[-1] == "TextObject":
                    text = "".join(t.text or "" for t in obj.iter() if t.tag.rsplit("}", 1)[-1] == "TextCode")
                    if text.strip():
                        lines.append(text.strip())
    except Exception as exc:
        raise AttachmentError(f"unreadable OFD ({_one_line(exc)}): {name}") from None
    return join_broken_lines("\n".join(lines))


def xlsx_text(content: bytes, name: str = "") -> str:
    try:
        import openpyxl
    except ImportError:
        raise AttachmentError(f"XLSX needs the optional extra policytrack[xlsx]: {name}") from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        lines = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells = ["" if v is None else str(v).strip() for v in row]
                if any(cells):
                    lines.append(" | ".join(cells))
    except Exception as exc:
        raise AttachmentError(f"unreadable XLSX ({_one_line(exc)}): {name}") from None
    return "\n".join(lines)
