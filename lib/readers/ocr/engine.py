"""The OCR engine: RapidOCR's PP-OCR text detector and recogniser, models from the wheel.

Only the two models are used, not RapidOCR's whole pipeline: pages are deskewed and cut
into cells here (rules.py), so what the engine is asked is "where is text on this page" and
"what does each of these strips say". The recogniser's per-character scores are kept (its
own result gives only their mean): one unsure digit in "1234" must not hide behind three
sure ones.

The models ship inside the `rapidocr` wheel (PP-OCRv6 small, Chinese and Latin); nothing is
downloaded — `tests/test_ocr_offline.py` runs this with every socket refused. Sessions are
made on first use in the process that reads (onnxruntime's thread pool does not survive a
fork, and the sandbox forks its children from a zygote).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cache

import numpy as np

# Strips are padded to this width ratio at least; the engine's default (320/48) makes a
# one-digit cell cost as much as a line of text.
_MIN_WIDTH = 64
_BATCH = 24
# The detector sees the page at most this many pixels on its long side (about 110 dpi on A4:
# table digits stay ~16 px high, plenty to find, and the detector's cost falls by half).
_DET_SIDE = 1280
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Box:
    """A detected text region, axis-aligned, in page pixels."""

    x0: int
    top: int
    x1: int
    bottom: int


# Characters whose score does not count: spaces, and punctuation the recogniser hesitates
# over between its half- and full-width forms — text.tidy_line settles those from context.
_UNSCORED = set(" ,，:：;；(（)）")


@dataclass(frozen=True)
class Reading:
    """What a strip says, and the recogniser's score for each character (0–1)."""

    text: str
    scores: tuple[float, ...]

    @property
    def confidence(self) -> float:
        """The lowest score of a character that counts; 0 for a strip read as nothing."""
        if not self.text:
            return 0.0
        counted = [s for ch, s in zip(self.text, self.scores, strict=True) if ch not in _UNSCORED]
        return min(counted, default=1.0)


@cache
def _models():
    from rapidocr import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Rec.rec_batch_num": _BATCH,
            "Det.limit_type": "max",
            "Det.limit_side_len": _DET_SIDE,
            "EngineConfig.onnxruntime.intra_op_num_threads": 2,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )
    detector = engine._load_det_model()
    recogniser = engine._load_rec_model()
    recogniser.rec_image_shape = [3, 48, _MIN_WIDTH]
    return detector, recogniser


def load() -> None:
    """Load both models now (the first page would otherwise pay for it)."""
    with _LOCK:
        _models()


def detect(image: np.ndarray) -> list[Box]:
    """Text regions of a page image (BGR), as axis-aligned boxes."""
    with _LOCK:
        detector, _ = _models()
        found = detector(image)
    if found.boxes is None:
        return []
    boxes = []
    for quad in found.boxes:
        xs, ys = quad[:, 0], quad[:, 1]
        boxes.append(
            Box(int(xs.min()), int(ys.min()), int(np.ceil(xs.max())), int(np.ceil(ys.max())))
        )
    return boxes


def recognise(strips: list[np.ndarray]) -> list[Reading]:
    """What each strip (BGR image of one line of text) says, in the order given."""
    if not strips:
        return []
    from rapidocr.ch_ppocr_rec import TextRecInput

    with _LOCK:
        _, recogniser = _models()
        out = recogniser(TextRecInput(img=strips, return_word_box=True))
    readings = []
    for text, words in zip(out.txts, out.word_results, strict=True):
        scores = tuple(float(s) for s in (words.confs if words is not None else ()) or ())
        readings.append(Reading(text, scores if text else ()))
    return readings
