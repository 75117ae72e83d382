"""Fonts for the designs: reportlab's standard fonts plus TTF/Type1 faces when present.

Every face has a fallback among the 14 standard PDF fonts, so the generator
runs (with less variety) on a machine without the optional files.
"""

from __future__ import annotations

import functools
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_RL_FONTS = Path(reportlab.__file__).resolve().parent / "fonts"
_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/opentype/urw-base35"),
)

# name -> (candidate file names, fallback standard font)
_TTF = {
    "DejaVuSans": (("DejaVuSans.ttf",), "Helvetica"),
    "DejaVuSans-Bold": (("DejaVuSans-Bold.ttf",), "Helvetica-Bold"),
    "DejaVuSerif": (("DejaVuSerif.ttf",), "Times-Roman"),
    "DejaVuSerif-Bold": (("DejaVuSerif-Bold.ttf",), "Times-Bold"),
    "DejaVuSerif-Italic": (("DejaVuSerif-Italic.ttf",), "Times-Italic"),
    "DejaVuSerif-BoldItalic": (("DejaVuSerif-BoldItalic.ttf",), "Times-BoldItalic"),
    "DejaVuSansCondensed": (("DejaVuSansCondensed.ttf",), "Helvetica"),
    "DejaVuSansCondensed-Bold": (("DejaVuSansCondensed-Bold.ttf",), "Helvetica-Bold"),
    "DejaVuSansMono": (("DejaVuSansMono.ttf",), "Courier"),
    "LiberationSerif-Italic": (("LiberationSerif-Italic.ttf",), "Times-Italic"),
    "LiberationSans": (("LiberationSans-Regular.ttf",), "Helvetica"),
    "Vera": (("Vera.ttf",), "Helvetica"),
    "Vera-Bold": (("VeraBd.ttf",), "Helvetica-Bold"),
    "Vera-BoldItalic": (("VeraBI.ttf",), "Helvetica-BoldOblique"),
}

_TYPE1 = {
    # Calligraphic script face shipped with reportlab.
    "Script": ("callig15.afm", "callig15.pfb", "CALLIG15", "Times-Italic"),
}


def _find(names: tuple[str, ...]) -> Path | None:
    for folder in (_RL_FONTS, *_SYSTEM_DIRS):
        for name in names:
            path = folder / name
            if path.is_file():
                return path
    return None


@functools.cache
def font(name: str) -> str:
    """Register ``name`` on first use and return the font name to draw with."""
    if name in _TTF:
        files, fallback = _TTF[name]
        path = _find(files)
        if path is None:
            return fallback
        pdfmetrics.registerFont(TTFont(name, str(path)))
        return name
    if name in _TYPE1:
        afm, pfb, face_name, fallback = _TYPE1[name]
        afm_path, pfb_path = _RL_FONTS / afm, _RL_FONTS / pfb
        if not (afm_path.is_file() and pfb_path.is_file()):
            return fallback
        face = pdfmetrics.EmbeddedType1Face(str(afm_path), str(pfb_path))
        pdfmetrics.registerTypeFace(face)
        pdfmetrics.registerFont(pdfmetrics.Font(name, face_name, "WinAnsiEncoding"))
        return name
    return name
