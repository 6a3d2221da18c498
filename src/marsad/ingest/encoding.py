"""Decoding of raw bytes into text, for the encodings Arabic news actually arrives in.

UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when the NUL pattern shows
it), Windows-1256 and ISO-8859-6. The last two are both single-byte Arabic code pages that
decode almost any byte string without error, so the choice between them is made by
which one yields plausible Arabic text (letters, not the accented Latin letters that
Windows-1256 places where ISO-8859-6 has Arabic letters).
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


_ARABIC_LETTERS = range(0x0621, 0x064B)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NULs outside a UTF-16 pattern, or many control bytes."""
    sample = data[:4096]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def _utf16_without_bom(sample: bytes) -> str | None:
    # Arabic in UTF-16 has 0x06 as the high byte of most characters and NUL for ASCII.
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    high_odd = sum(1 for b in odd if b in (0, 6)) / len(odd)
    high_even = sum(1 for b in even if b in (0, 6)) / len(even)
    if high_odd > 0.6 and high_even < 0.3:
        return "utf-16-le"
    if high_even > 0.6 and high_odd < 0.3:
        return "utf-16-be"
    return None


def _arabic_score(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    arabic = sum(1 for c in letters if ord(c) in _ARABIC_LETTERS)
    latin_accented = sum(1 for c in letters if 0xC0 <= ord(c) <= 0x24F)
    return (arabic - 3 * latin_accented) / len(letters)


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` for ``data``; raises :class:`DecodeError` when no encoding fits."""
    text, encoding, _notices = decode_with_notices(data)
    return text, encoding


def decode_with_notices(data: bytes) -> tuple[str, str, list[str]]:
    """Like :func:`decode`, plus what had to be repaired. A UTF-8 file with a few bad bytes
    stays UTF-8 (the bad bytes become U+FFFD and are reported), and a Windows-1256 paragraph
    inside a UTF-8 file is read as Windows-1256 line by line: a UTF-8 file is never turned
    into mojibake by reading it whole as a single-byte code page."""
    if data.startswith(codecs.BOM_UTF8):
        body = data[3:]
        try:
            return body.decode("utf-8", errors="strict"), "utf-8-sig", []
        except UnicodeDecodeError:
            text, notices = _mixed_utf8(body)
            return text, "utf-8-sig", notices
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16: {exc.reason}") from exc
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        try:
            return data.decode(utf16), utf16, []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if _has_utf8_evidence(data):
        text, notices = _mixed_utf8(data)
        return text, "utf-8", notices
    candidates = []
    for enc in ("cp1256", "iso8859_6"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_arabic_score(text), enc, text))
    if candidates:
        score, enc, text = max(candidates)
        if score > 0.5:
            return text, enc, []
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("not text in UTF-8, UTF-16, Windows-1256 or ISO-8859-6")
    return str(best), best.encoding, []


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """(valid non-ASCII UTF-8 characters, invalid bytes) in ``data``."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    good = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")
    return good, bad


def _has_utf8_evidence(data: bytes) -> bool:
    # Windows-1256 Arabic letters (0xC1-0xFE) are almost never followed by a continuation
    # byte (0x80-0xBF), so valid multi-byte UTF-8 sequences in number are proof of UTF-8.
    good, bad = _utf8_counts(data)
    return good >= 8 and good >= bad


def _mixed_utf8(data: bytes) -> tuple[str, list[str]]:
    """Decode a UTF-8 file that is not clean UTF-8, line by line: a line with UTF-8 evidence
    keeps UTF-8 (its bad bytes replaced by U+FFFD), a line that is plainly Windows-1256
    Arabic is read as such; each repair is reported with its line number."""
    lines = data.split(b"\n")
    out: list[str] = []
    replaced: list[tuple[int, int]] = []
    single_byte: list[int] = []
    for lineno, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        good, bad = _utf8_counts(line)
        if good < bad:
            text = line.decode("cp1256", errors="replace")
            if _arabic_score(text) > 0.5:
                out.append(text)
                single_byte.append(lineno)
                continue
        out.append(line.decode("utf-8", errors="replace"))
        replaced.append((lineno, bad))
    notices = []
    if replaced:
        total = sum(n for _, n in replaced)
        where = ", ".join(str(n) for n, _ in replaced[:5]) + ("…" if len(replaced) > 5 else "")
        notices.append(f"invalid_utf8: {total} invalid UTF-8 byte(s) replaced by U+FFFD (line {where})")
    if single_byte:
        where = ", ".join(str(n) for n in single_byte[:5]) + ("…" if len(single_byte) > 5 else "")
        notices.append(f"mixed_encoding: {len(single_byte)} line(s) read as Windows-1256 (line {where})")
    return "\n".join(out), notices
