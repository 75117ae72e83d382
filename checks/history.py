"""The software a file says it passed through: an image editor is a sign of editing.

A PDF records its history in XMP (``xmpMM:History``: each save's
``stEvt:softwareAgent``) and its producer in the document information; a
photo or screenshot names the program that last wrote it in EXIF
``Software`` or its own XMP. Certificates are designed in illustration and
layout programs (Illustrator, InDesign, Canva) and printed from browsers and
office suites, so those say nothing; a raster image editor (Photoshop, GIMP,
Photopea, ...) saving a certificate is where a name or a year gets painted
over. A scan imported through Photoshop is recorded as "created" there (one
real scan in the corpus): only a later save ("saved", "derived", "converted",
"edited") by an image editor, or one naming itself as a PDF's producer, counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
from PIL import Image, UnidentifiedImageError

from ingest import images
from ingest.record import Finding, FindingCode, FindingEvidence

IMAGE_EDITORS = re.compile(
    r"photoshop|\bgimp\b|photopea|pixelmator|affinity photo|paint\.net|pixlr|paintshop"
    r"|photo-paint|\bkrita\b|snapseed|picsart|fotor",
    re.IGNORECASE,
)
_EVENT = re.compile(r"<rdf:li\b(.*?)(?:/>|</rdf:li>)", re.DOTALL)
_ACTION = re.compile(r"stEvt:action\s*(?:=\s*\"([^\"]*)\"|>([^<]*)<)")
_AGENT = re.compile(r"stEvt:softwareAgent\s*(?:=\s*\"([^\"]*)\"|>([^<]*)<)")
_EDITS = frozenset({"saved", "derived", "converted", "edited"})


def pdf_history_findings(pdf: pikepdf.Pdf) -> list[Finding]:
    """An image editor named in the XMP history or the document information."""
    agents = _editing_agents(_pdf_xmp(pdf))
    info = pdf.trailer.get("/Info")
    producer = info.get("/Producer") if isinstance(info, pikepdf.Dictionary) else None
    if producer is not None:
        agents.append(str(producer))
    return _editor_finding(agents, "the PDF's history")


def image_history_findings(path: Path) -> list[Finding]:
    """An image editor saving a photo or scan, in its XMP history."""
    images.register_heif()
    try:
        with Image.open(path) as img:
            xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
    except (UnidentifiedImageError, OSError, ValueError):
        return []
    text = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp)
    return _editor_finding(_editing_agents(text), "the image's history")


def _pdf_xmp(pdf: pikepdf.Pdf) -> str:
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return ""
    try:
        return metadata.read_bytes().decode("utf-8", "replace")
    except pikepdf.PdfError:
        return ""


def _editing_agents(xmp: str) -> list[str]:
    """The software of each history event that saved the file after it was created."""
    agents = []
    for event in _EVENT.findall(xmp):
        action, agent = _ACTION.search(event), _AGENT.search(event)
        if action and agent and "".join(action.groups("")).strip() in _EDITS:
            agents.append("".join(agent.groups("")).strip())
    return agents


def _editor_finding(agents: list[str], where: str) -> list[Finding]:
    for agent in agents:
        editor = IMAGE_EDITORS.search(agent)
        if editor:
            return [
                Finding(
                    code=FindingCode.IMAGE_EDITOR_HISTORY,
                    message=f"{where[0].upper()}{where[1:]} names an image editor "
                    f"({agent.strip()[:80]}). Compare the document with the issuer's own copy.",
                    evidence=FindingEvidence(shown=agent.strip()[:200], detail=where),
                )
            ]
    return []
