"""Several briefings at once: one Word document per unit, in one .zip.

The charts are drawn in a few threads (vl-convert works outside the GIL), which is most of the
time a briefing takes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from lib.briefing import text
from lib.briefing.chart import chart_png
from lib.briefing.content import Library, Visit, build_briefing
from lib.briefing.docx import briefing_docx
from lib.labels import month_label

CHART_THREADS = 4


def briefings_zip(
    library: Library, unit_ids: Iterable[str], month: str | None = None, visit: Visit | None = None
) -> bytes:
    """A zip of the briefings on `unit_ids` for `month`, each named as text.file_name says."""
    briefings = [
        build_briefing(library, unit_id, month, visit) for unit_id in dict.fromkeys(unit_ids)
    ]
    with ThreadPoolExecutor(CHART_THREADS) as pool:
        charts = list(pool.map(chart_png, briefings))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for briefing, chart in zip(briefings, charts, strict=True):
            archive.writestr(text.file_name(briefing), briefing_docx(briefing, chart))
    return out.getvalue()


def zip_name(month: str, units: int) -> str:
    """'接听日简报_2024年5月_3个单位.zip'."""
    return f"接听日简报_{month_label(month)}_{units}个单位.zip"
