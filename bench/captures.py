"""Synthetic captures made from a clean page image, for the benchmark and tests.

They imitate what trainers upload: a worn office scan, a phone photo of a
sheet on a desk, a page fed in sideways. Pillow and numpy only, seeded, so a
run is repeatable.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter


def degraded_scan(page: Image.Image, seed: int = 1) -> Image.Image:
    """A 150 DPI grey scan: blur, sensor noise, a 2 degree skew, heavy JPEG."""
    rng = np.random.default_rng(seed)
    gray = page.convert("L")
    gray = gray.resize((gray.width // 2, gray.height // 2), Image.Resampling.LANCZOS)
    gray = gray.filter(ImageFilter.GaussianBlur(0.7))
    gray = gray.rotate(2.0, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    pixels = np.asarray(gray, dtype=np.float32) * 0.8 + 30  # grey paper, weaker ink
    pixels += rng.normal(0, 14, pixels.shape)
    return _jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), quality=35)


def phone_photo(page: Image.Image, seed: int = 2) -> Image.Image:
    """The page seen at an angle on a dark desk, with a shadow across it."""
    rng = np.random.default_rng(seed)
    width, height = page.size
    canvas_w, canvas_h = int(width * 1.35), int(height * 1.3)
    corners = np.array(
        [
            [0.16 * canvas_w, 0.10 * canvas_h],
            [0.86 * canvas_w, 0.13 * canvas_h],
            [0.90 * canvas_w, 0.91 * canvas_h],
            [0.10 * canvas_w, 0.87 * canvas_h],
        ]
    )
    corners += rng.normal(0, 0.01 * canvas_w, corners.shape)
    source = [(0, 0), (width, 0), (width, height), (0, height)]
    coefficients = _perspective_coefficients(corners.tolist(), source)
    sheet = page.convert("L").transform(
        (canvas_w, canvas_h),
        Image.Transform.PERSPECTIVE,
        coefficients,
        resample=Image.Resampling.BICUBIC,
        fillcolor=0,
    )
    mask = Image.new("L", page.size, 255).transform(
        (canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coefficients, fillcolor=0
    )
    desk = rng.normal(70, 12, (canvas_h, canvas_w)).astype(np.float32)
    pixels = np.where(np.asarray(mask) > 127, np.asarray(sheet, dtype=np.float32), desk)
    xs = np.linspace(0.0, 1.0, canvas_w, dtype=np.float32)
    ys = np.linspace(0.0, 1.0, canvas_h, dtype=np.float32)[:, None]
    light = 0.62 + 0.38 * np.clip(xs * 0.7 + ys * 0.6, 0, 1)  # a shadow from the top left
    pixels = pixels * light + rng.normal(0, 5, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    photo = photo.filter(ImageFilter.GaussianBlur(1.0))
    return _jpeg(photo.convert("RGB"), quality=80)


def rotated(page: Image.Image, quarter_turns: int, skew_degrees: float = 1.5) -> Image.Image:
    """The page turned by quarter turns (counter-clockwise) and a small skew."""
    turned = page.rotate(90 * quarter_turns, expand=True)
    return turned.rotate(
        skew_degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255
    )


def small_print(page: Image.Image, factor: float = 0.4) -> Image.Image:
    """The page at a fraction of its resolution, like a wallet card's 6 pt text."""
    size = (round(page.width * factor), round(page.height * factor))
    return page.convert("L").resize(size, Image.Resampling.LANCZOS)


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).copy()


def _perspective_coefficients(
    target: list[list[float]], source: list[tuple[int, int]]
) -> tuple[float, ...]:
    """Pillow's eight coefficients mapping output (target) points to input (source) points."""
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    matrix = np.array(rows, dtype=np.float64)
    vector = np.array([c for point in source for c in point], dtype=np.float64)
    return tuple(float(c) for c in np.linalg.solve(matrix, vector))
