"""Phone-photo captures: the page warped onto a textured surface under uneven light."""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

Array = np.ndarray

SURFACES = ("wood", "desk", "fabric", "dark")


def _smooth_noise(h: int, w: int, rng: np.random.Generator, cells: int) -> Array:
    small = rng.random((cells, cells)).astype(np.float32)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def background(h: int, w: int, rng: np.random.Generator, kind: str) -> Array:
    """A float32 RGB surface: wood grain, a plain desk, a fabric weave or a dark table."""
    if kind == "wood":
        base = np.array([150, 105, 65], np.float32)
        xs = np.linspace(0, 60, w, dtype=np.float32)[None, :]
        warp = _smooth_noise(h, w, rng, 6) * 8
        grain = (np.sin(xs + warp) * 0.5 + 0.5)[..., None]
        img = base * (0.75 + 0.35 * grain)
    elif kind == "desk":
        base = rng.uniform([170, 175, 180], [215, 215, 220]).astype(np.float32)
        img = base * (0.9 + 0.15 * _smooth_noise(h, w, rng, 4))[..., None]
    elif kind == "fabric":
        base = rng.uniform([40, 60, 110], [90, 120, 170]).astype(np.float32)
        ys, xs = np.mgrid[0:h, 0:w]
        weave = ((np.sin(xs * 0.9) + np.sin(ys * 0.9)) * 0.06 + 1.0).astype(np.float32)
        img = base * weave[..., None]
    else:
        base = np.array([45, 42, 40], np.float32)
        img = base * (0.8 + 0.4 * _smooth_noise(h, w, rng, 5))[..., None]
    return img + rng.normal(0, 4, (h, w, 3)).astype(np.float32)


def _quad(w: int, h: int, dw: int, dh: int, rng: np.random.Generator) -> Array:
    """Where the page's corners land in the frame: centred, with perspective jitter."""
    x0, y0 = (w - dw) / 2, (h - dh) / 2
    jitter = 0.05 * min(dw, dh)
    corners = np.array([[x0, y0], [x0 + dw, y0], [x0 + dw, y0 + dh], [x0, y0 + dh]], np.float32)
    corners += rng.uniform(-jitter, jitter, corners.shape).astype(np.float32)
    angle = np.radians(rng.uniform(-6, 6))
    centre = np.array([w / 2, h / 2], np.float32)
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], np.float32)
    corners = ((corners - centre) @ turn.T + centre).astype(np.float32)
    corners += (rng.uniform(-0.03, 0.03, 2) * np.array([w, h])).astype(np.float32)
    return _inside(corners, w, h)


def _inside(corners: Array, w: int, h: int) -> Array:
    """Move, then if needed shrink, the page so all four corners stay in the frame."""
    margin = 0.015 * min(w, h)
    low = np.array([margin, margin], np.float32)
    high = np.array([w - margin, h - margin], np.float32)
    corners = (
        corners + np.clip(low - corners.min(0), 0, None) - np.clip(corners.max(0) - high, 0, None)
    )
    span = corners.max(0) - corners.min(0)
    factor = float(min(1.0, *((high - low) / span)))
    centre = (corners.max(0) + corners.min(0)) / 2
    return (
        ((corners - centre) * factor + (low + high) / 2).astype(np.float32)
        if factor < 1
        else corners
    )


def photograph(
    doc: Image.Image, rng: np.random.Generator, long_side: int, fill: float
) -> Image.Image:
    """Warp ``doc`` into a photo frame whose orientation follows the document's.

    ``fill`` is the share of the frame's long side the document covers.
    """
    portrait = doc.height >= doc.width
    w, h = (long_side * 3 // 4, long_side) if portrait else (long_side, long_side * 3 // 4)
    scale = min(fill * w / doc.width, fill * h / doc.height)
    dw, dh = int(doc.width * scale), int(doc.height * scale)
    page = np.asarray(doc.resize((dw, dh), Image.Resampling.LANCZOS), np.float32)
    src = np.array([[0, 0], [dw, 0], [dw, dh], [0, dh]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, _quad(w, h, dw, dh, rng))
    warped = cv2.warpPerspective(page, matrix, (w, h))
    mask = cv2.warpPerspective(np.ones((dh, dw), np.float32), matrix, (w, h))
    bg = background(h, w, rng, SURFACES[int(rng.integers(len(SURFACES)))])
    shadow = cv2.GaussianBlur(mask, (0, 0), 18)
    shadow = np.roll(shadow, (int(h * 0.012), int(w * 0.01)), (0, 1))
    bg *= (1 - 0.45 * shadow)[..., None]
    img: Array = warped * mask[..., None] + bg * (1 - mask[..., None])
    img = _lighting(img, rng)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.7, 1.3))
    img += rng.normal(0, rng.uniform(3, 6), img.shape).astype(np.float32)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def _lighting(img: Array, rng: np.random.Generator) -> Array:
    """A shadow gradient across the frame, vignetting and a warm colour cast."""
    h, w = img.shape[:2]
    angle = rng.uniform(0, 2 * np.pi)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    proj = (xs / w - 0.5) * np.cos(angle) + (ys / h - 0.5) * np.sin(angle)
    gradient = 1.0 - rng.uniform(0.2, 0.4) * (proj + 0.5)
    radius = np.sqrt((xs / w - 0.5) ** 2 + (ys / h - 0.5) ** 2)
    vignette = 1.0 - 0.35 * radius**2
    cast = rng.uniform([1.0, 0.97, 0.86], [1.06, 1.0, 0.95]).astype(np.float32)
    lit = img * (gradient * vignette)[..., None] * cast
    if rng.random() < 0.35:  # glare from a ceiling light on glossy paper or a laminated card
        gx, gy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        spread = rng.uniform(0.05, 0.12) * max(w, h)
        glare = np.exp(-((xs - gx) ** 2 + (ys - gy) ** 2) / (2 * spread**2))
        lit = lit + (rng.uniform(50, 90) * glare)[..., None]
    return lit


EXIF_ORIENTATION = 0x0112
_STORE = {
    6: Image.Transpose.ROTATE_90,  # viewer turns it 90 degrees clockwise
    8: Image.Transpose.ROTATE_270,
    3: Image.Transpose.ROTATE_180,
}


def jpeg_bytes(
    img: Image.Image, quality: int, orientation: int = 1, model: str = "Pixel 7"
) -> bytes:
    """Save as a phone would; with ``orientation`` != 1 the pixels are stored sideways
    and the EXIF Orientation tag says how to turn them upright."""
    stored = img.transpose(_STORE[orientation]) if orientation != 1 else img
    exif = Image.Exif()
    exif[0x010F] = "Google" if model.startswith("Pixel") else "Apple"
    exif[0x0110] = model
    exif[EXIF_ORIENTATION] = orientation
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=quality, exif=exif.tobytes(), optimize=True)
    return out.getvalue()


def heic_bytes(img: Image.Image, quality: int) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    img.save(out, "HEIF", quality=quality)
    return out.getvalue()
