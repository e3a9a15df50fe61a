"""Bytes -> text for post files: BOMs, UTF-8, and the legacy Chinese encodings.

Archives scraped over many years hold files in UTF-8 (with or without a BOM),
UTF-16 with a BOM, and now and then GB18030/GBK or Big5.  Those two legacy
encodings overlap almost completely as byte ranges, so "does it decode" does
not tell them apart; instead each candidate decoding is scored by how much of
its CJK text falls in the block of *common* characters of that encoding
(GB2312 level 1 for GB18030, Big5 level 1 for Big5).  Text in the wrong
encoding decodes into rare characters, symbols and kana, and scores low.
"""

from __future__ import annotations

import codecs

__all__ = ["DecodeError", "decode_bytes"]


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How much of a file we look at to choose between legacy encodings.
_SAMPLE = 64 * 1024


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise DecodeError for binary or unknown data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {name.upper()} after its byte-order mark (byte {exc.start})") from None
    if b"\x00" in data[:_SAMPLE]:
        raise DecodeError("binary data (NUL bytes), not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    name = _guess_legacy(data[:_SAMPLE])
    if name is None:
        # UTF-8 with a stray bad byte or two (a truncated scrape): keep the text.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") * 1000 <= len(text):
            return text, "utf-8"
        raise DecodeError(
            f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}), "
            "and not GB18030 or Big5 either"
        )
    return data.decode(name, errors="replace"), name


def _guess_legacy(sample: bytes) -> str | None:
    best_name, best_score = None, 0.0
    for name, scorer in (("gb18030", _gb_common), ("big5", _big5_common)):
        try:
            # A sample may end in the middle of a two-byte character.
            text = codecs.getincrementaldecoder(name)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        score = _score(text, scorer)
        if score > best_score:
            best_name, best_score = name, score
    return best_name if best_score >= 0.5 else None


def _score(text: str, is_common) -> float:
    """Fraction of non-ASCII characters that are common characters of the encoding."""
    total = common = 0
    for ch in text:
        if ch < "\x80":
            continue
        total += 1
        if is_common(ch):
            common += 1
    return common / total if total else 0.0


def _gb_common(ch: str) -> bool:
    # GB2312 level-1 hanzi (the 3,755 most frequent) and CJK punctuation/full-width forms.
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xB0 <= b[0] <= 0xD7 or b[0] in (0xA1, 0xA3))


def _big5_common(ch: str) -> bool:
    # Big5 level-1 hanzi (0xA440-0xC67E, the 5,401 frequent ones) and punctuation (0xA1xx).
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xA4 <= b[0] <= 0xC6 or b[0] == 0xA1)
