"""A page picture made fit to read: grey, evenly lit, level.

A phone photo of a page is darker at one edge and turned by a degree or two; a scanner's
page is neither, and comes through these steps unchanged in effect. Level matters most:
ruled tables are found with long thin structuring elements (rules.py), which a turned rule
no longer fits.
"""

from __future__ import annotations

import cv2
import numpy as np

# Skew is searched in this range (degrees) — a photo, not a page fed in sideways.
MAX_SKEW = 4.0
_SKEW_STEP = 0.1
_SKEW_WIDTH = 800


def decode(data: bytes) -> np.ndarray | None:
    """PNG/JPEG bytes to a grey image; None when the bytes are not a picture OpenCV reads."""
    array = np.frombuffer(data, dtype=np.uint8)
    return cv2.imdecode(array, cv2.IMREAD_GRAYSCALE)


def even_light(gray: np.ndarray) -> np.ndarray:
    """Divide out the background (the page's brightness without its print) so paper is
    white everywhere and ink keeps its contrast, however the light fell."""
    size = max(15, (min(gray.shape) // 40) | 1)
    background = cv2.medianBlur(cv2.dilate(gray, np.ones((7, 7), np.uint8)), size)
    return cv2.divide(gray, background, scale=255)


def ink(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, from an evenly lit grey page."""
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]


def skew_angle(gray: np.ndarray) -> float:
    """The angle (degrees) that levels the page's lines of print: the rotation whose row
    profile of ink is sharpest (text lines and rules line up with pixel rows)."""
    scale = min(1.0, _SKEW_WIDTH / gray.shape[1])
    small = ink(cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    h, w = small.shape
    centre = (w / 2, h / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, _SKEW_STEP):
        matrix = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        turned = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST)
        rows = turned.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return best


def level(gray: np.ndarray) -> np.ndarray:
    """The page turned level (skew found by skew_angle), new corners white."""
    angle = skew_angle(gray)
    if abs(angle) < _SKEW_STEP / 2:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def prepared(gray: np.ndarray) -> np.ndarray:
    """Evenly lit and level."""
    return level(even_light(gray))
