"""PDF figures: cold parse per page of the printed samples, a 500-issue archive of PDFs cold,
and a warm start on it beside one on the 500 text issues.

- `parse_pdf_ms_per_page`: the sample prints of tests/fixtures/pdfs/ (LibreOffice and
  Chromium, A4 and A5), each parsed in a fresh process pinned to one core; the time of
  `parse_issue` (PDFium's text pages, our lines and blocks, the assembler) over all their
  pages, best of three runs. `pdf_import_ms` is PDFium's one-off load, not in that figure.
- `parse_500_pdf_s`: `load_archive` over 500 PDF files, cold (no parse cache), one core. They
  are the two LibreOffice prints (393 on A4, 403 on A5 with a running head) in turn, each
  copy renumbered (第 100 期 … 第 599 期: the number's text object rewritten by PDFium), so
  the archive holds 500 distinct issues, as a real one does.
- `warm_500_pdf_s` / `warm_500_text_s`: a second `ParseCache.load` in a fresh process, over
  those 500 PDFs and over the synthetic 500-issue text archive: the start the reader makes
  when no file changed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRINTS = REPO / "tests" / "fixtures" / "pdfs"

_PER_PAGE = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
import pypdfium2
from tui.archive import parse_issue
imported = time.perf_counter() - t0
paths = [Path(p) for p in sys.argv[1:]]
pages = sum(len(pypdfium2.PdfDocument(p)) for p in paths)
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    for path in paths:
        parse_issue(path)
    best = min(best, time.perf_counter() - t0)
print(json.dumps({"pages": pages, "seconds": best, "import": imported}))
"""

_COLD_ARCHIVE = """
import sys, time
from pathlib import Path
import pypdfium2, markdown_it  # library imports are start-up cost, not parsing
from tui.archive import load_archive
t0 = time.perf_counter()
archive = load_archive(Path(sys.argv[1]))
print(time.perf_counter() - t0, len(archive.issues), len(archive.skipped))
"""

_WARM = """
import sys, time
from pathlib import Path
from tui.archive.cache import ParseCache
root = Path(sys.argv[1])
ParseCache(root).load()  # fills the cache (cold), as a first start does
t0 = time.perf_counter()
archive = ParseCache(root).load()
print(time.perf_counter() - t0, len(archive.issues))
"""


def _printed() -> list[Path]:
    manifest = json.loads((PRINTS / "MANIFEST.json").read_text(encoding="utf-8"))
    return [PRINTS / name for name, entry in sorted(manifest.items()) if entry["expected"]]


def _run(program: str, *args: str, env: dict[str, str] | None = None) -> str:
    command = [sys.executable, "-c", program, *args]
    if Path("/usr/bin/taskset").exists():
        command = ["taskset", "-c", "0", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO, env=env)
    return done.stdout


def _renumbered(template: Path, numbers: range, folder: Path) -> None:
    """Copies of a LibreOffice print with its issue number rewritten to each of `numbers`."""
    import ctypes
    import io

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(template)
    page = document[0]
    textpage = page.get_textpage()
    wanted = template.name.split(".")[0] + " "  # LibreOffice sets "393 " as one text object
    for obj in page.get_objects():
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        size = pdfium_c.FPDFTextObj_GetText(obj, textpage, None, 0)
        buffer = (ctypes.c_ushort * (size // 2 + 1))()
        pdfium_c.FPDFTextObj_GetText(obj, textpage, buffer, size)
        if bytes(buffer)[:size].decode("utf-16-le").rstrip("\x00") == wanted:
            break
    else:
        raise RuntimeError(f"no issue number {wanted!r} on the first page of {template}")
    for number in numbers:
        text = f"{number} ".encode("utf-16-le") + b"\x00\x00"
        pdfium_c.FPDFText_SetText(
            obj, ctypes.cast(ctypes.c_char_p(text), ctypes.POINTER(ctypes.c_ushort))
        )
        pdfium_c.FPDFPage_GenerateContent(page)
        out = io.BytesIO()
        document.save(out)
        (folder / f"{number}.pdf").write_bytes(out.getvalue())
    document.close()


def pdf_archive(folder: Path, issues: int = 500) -> Path:
    """`issues` PDF files of distinct issues, numbered from 100 (see the module's doc)."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = [PRINTS / "393.lo-a4.pdf", PRINTS / "403.lo-a5-head.pdf"]
    for offset, template in enumerate(templates):
        _renumbered(template, range(100 + offset, 100 + issues, len(templates)), folder)
    return folder


def measure(archive_dir: Path, tmp_root: Path, args: argparse.Namespace) -> dict[str, float]:
    per_page = json.loads(_run(_PER_PAGE, *map(str, _printed())))
    pdfs = pdf_archive(tmp_root / "pdf-archive", args.issues)
    cold_s, read, skipped = _run(_COLD_ARCHIVE, str(pdfs)).split()
    env = {**os.environ, "ZHOUBAO_CACHE_DIR": str(tmp_root / "pdf-bench-cache")}
    warm_pdf = float(_run(_WARM, str(pdfs), env=env).split()[0])
    warm_text = float(_run(_WARM, str(archive_dir), env=env).split()[0])
    shutil.rmtree(tmp_root / "pdf-bench-cache", ignore_errors=True)
    suffix = "500" if args.issues == 500 else str(args.issues)
    return {
        "parse_pdf_ms_per_page": round(per_page["seconds"] * 1000 / per_page["pages"], 2),
        "pdf_sample_pages": per_page["pages"],
        "pdf_import_ms": round(per_page["import"] * 1000, 1),
        f"parse_{suffix}_pdf_s": round(float(cold_s), 2),
        "pdf_archive_read": int(read),
        "pdf_archive_skipped": int(skipped),
        f"warm_{suffix}_pdf_s": round(warm_pdf, 3),
        f"warm_{suffix}_text_s": round(warm_text, 3),
    }
