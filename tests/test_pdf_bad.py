"""Bad PDFs get a one-line reason and the rest of the archive opens; no bytes given as a
PDF crash the reader or hang it."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pypdfium2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.archive import NotAWeekly, load_archive, parse_bytes, parse_issue
from tui.archive.pdf_text import MAX_PDF_PAGES

PDFS = Path(__file__).resolve().parent / "fixtures" / "pdfs"
BAD = PDFS / "bad"
WHOLE = PDFS / "393.lo-a4.pdf"


def _reason(path: Path) -> str:
    with pytest.raises(NotAWeekly) as error:
        parse_issue(path)
    reason = str(error.value)
    assert reason and "\n" not in reason
    return reason


def test_not_the_weekly() -> None:
    assert "行业动态周报" in _reason(BAD / "not-weekly.pdf")


def test_encrypted() -> None:
    assert "加密" in _reason(BAD / "encrypted.pdf")


def test_scanned_without_a_text_layer() -> None:
    assert "扫描件，没有文字层" in _reason(BAD / "scanned.pdf")


def test_damaged() -> None:
    data = WHOLE.read_bytes()
    with pytest.raises(NotAWeekly, match="损坏"):
        parse_bytes(data[:1024] + bytes(4096))


@pytest.mark.parametrize("fraction", [0.02, 0.3, 0.6, 0.9, 0.999])
def test_truncated_gives_a_reason_or_what_it_has(fraction: float) -> None:
    data = WHOLE.read_bytes()
    try:
        issue = parse_bytes(data[: int(len(data) * fraction)], Path("cut.pdf"))
    except NotAWeekly as error:
        assert "\n" not in str(error)
    else:
        assert issue.number == 393
        assert len({item.id for item in issue.items}) == issue.item_count


def _blank_pdf(pages: int) -> bytes:
    document = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def test_too_many_pages_is_refused_before_reading_them() -> None:
    with pytest.raises(NotAWeekly, match=f"300 页.*{MAX_PDF_PAGES}"):
        parse_bytes(_blank_pdf(300))


def test_blank_pages_are_a_scan_without_text() -> None:
    with pytest.raises(NotAWeekly, match="扫描件"):
        parse_bytes(_blank_pdf(2))


def test_bad_pdfs_beside_good_ones(tmp_path: Path, sample_dir: Path) -> None:
    for path in BAD.glob("*.pdf"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "truncated.pdf").write_bytes(WHOLE.read_bytes()[:2000])
    (tmp_path / "pages.pdf").write_bytes(_blank_pdf(300))
    shutil.copy(PDFS / "403.lo-a5-head.pdf", tmp_path / "403.pdf")
    shutil.copy(sample_dir / "393-2023-12-18.txt", tmp_path / "393.txt")
    archive = load_archive(tmp_path)
    assert [issue.number for issue in archive.issues] == [393, 403]
    skipped = {entry.path.name: entry.reason for entry in archive.skipped}
    assert set(skipped) == {
        "encrypted.pdf",
        "not-weekly.pdf",
        "scanned.pdf",
        "truncated.pdf",
        "pages.pdf",
    }
    assert all(reason and "\n" not in reason for reason in skipped.values())


def _refused_or_read(data: bytes) -> None:
    with contextlib.suppress(NotAWeekly):
        parse_bytes(data, Path("any.pdf"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_after_a_pdf_header(data: bytes) -> None:
    _refused_or_read(b"%PDF-1.7\n" + data)


_REAL = WHOLE.read_bytes()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.integers(0, len(_REAL)),
    edits=st.lists(st.tuples(st.integers(0, len(_REAL) - 1), st.binary(max_size=8)), max_size=8),
)
def test_damaged_real_pdfs_never_crash(cut: int, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(_REAL[:cut] if cut > 1000 else _REAL)
    for where, junk in edits:
        where %= max(len(data), 1)
        data[where : where + len(junk)] = junk
    _refused_or_read(bytes(data))
