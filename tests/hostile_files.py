"""Crafted files that attack their readers: a small PDF of heavy pages, a tiny PDF whose form objects fan out
exponentially, and a DOCX whose zip entries lie about their sizes. Built here, in bytes, for the tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def heavy_pages_pdf(pages: int = 200, ops: int = 200_000) -> bytes:
    """Pages whose content streams hold hundreds of thousands of text operators, compressed to a few KB each:
    one shared stream, so the file stays small while every page costs the reader a full parse."""
    content = b"BT /F1 1 Tf " + b"(a) Tj " * ops + b"ET"
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               _stream(content)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + pages)] * pages
    objects.append(FONT)
    return _pdf(objects)


def fanned_out_pdf(depth: int = 12, fan: int = 8) -> bytes:
    """One page drawing a form that draws `fan` copies of the next form, `depth` levels down: a 2 KB file
    whose content an extractor that follows forms expands to fan**depth drawings."""
    first_form = 4
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
               b"/Resources << /XObject << /X %d 0 R >> /Font << /F1 %d 0 R >> >> >>"
               % (first_form + depth + 1, first_form, first_form + depth + 2)]
    for level in range(depth + 1):
        obj = first_form + level
        if level < depth:
            body = b"q /X Do Q " * fan
            res = b"/Resources << /XObject << /X %d 0 R >> >> " % (obj + 1)
        else:
            body, res = b"BT /F1 12 Tf (leaf) Tj ET", b"/Resources << /Font << /F1 %d 0 R >> >> " % (
                first_form + depth + 2)
        objects.append(_stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] " + res))
    objects.append(_stream(b"/X Do"))
    objects.append(FONT)
    return _pdf(objects)


def lying_docx(real_size: int = 100 * 1024 * 1024, claimed: int = 1024) -> bytes:
    """A DOCX whose word/document.xml says (in its local header and in the central directory) that it unpacks
    to `claimed` bytes, while its deflate stream unpacks to `real_size`: a reader that trusts the header and
    reads on meets hundreds of megabytes."""
    import docx

    real = io.BytesIO()
    docx.Document().save(real)
    buf = io.BytesIO()
    with zipfile.ZipFile(real) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                zf.writestr(item, src.read(item))
        with zf.open("word/document.xml", "w", force_zip64=False) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body>')
            chunk = b"<w:p/>" * 10000
            for _ in range(real_size // len(chunk)):
                member.write(chunk)
    raw = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        info = zf.getinfo("word/document.xml")
    struct.pack_into("<I", raw, info.header_offset + 22, claimed)  # local header: uncompressed size
    central = raw.find(b"PK\x01\x02")
    while central >= 0:  # the central directory entry of that member: its uncompressed size at +24
        name_len = struct.unpack_from("<H", raw, central + 28)[0]
        if bytes(raw[central + 46:central + 46 + name_len]) == b"word/document.xml":
            struct.pack_into("<I", raw, central + 24, claimed)
            break
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)
