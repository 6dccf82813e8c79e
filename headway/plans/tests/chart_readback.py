"""Read a drawn status chart back: legend colours from its SVG, colours present in a PNG."""

import base64
import io
from collections.abc import Iterable

from defusedxml import ElementTree

SVG = "{http://www.w3.org/2000/svg}"


def svg_from_img_src(src: str) -> str:
    assert src.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")


def legend_colours(svg: str) -> dict[str, str]:
    """Each legend entry's label and its swatch's fill, in order ("#009e73"; "hatched" for a
    pattern fill)."""
    root = ElementTree.fromstring(svg)
    [legend] = [g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("legend")]
    entries, fill = {}, None
    for group in legend:
        path = group.find(f"{SVG}path")
        text = group.find(f"{SVG}text")
        if path is not None:
            style = dict(
                part.strip().split(": ", 1) for part in path.get("style").split(";") if part.strip()
            )
            fill = "hatched" if style["fill"].startswith("url(") else style["fill"]
        elif text is not None:
            entries[text.text] = fill
    return entries


def png_colours(png: bytes, candidates: Iterable[str], *, block: int = 4) -> set[str]:
    """The candidate colours ("#rrggbb") that fill some square of ``block`` pixels a side of a PNG:
    a bar or a legend swatch does, while the edges of text, smoothed into greys, do not."""
    import numpy
    from PIL import Image

    pixels = numpy.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    found = set()
    for colour in candidates:
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        mask = (pixels == rgb).all(axis=2)
        height, width = mask.shape
        solid = numpy.ones((height - block + 1, width - block + 1), dtype=bool)
        for dy in range(block):
            for dx in range(block):
                solid &= mask[dy : dy + height - block + 1, dx : dx + width - block + 1]
        if solid.any():
            found.add(colour)
    return found
