"""The preview picture of a trajectory's results for link previews (Open Graph,
Twitter cards): 1200 x 630 PNG drawn with Pillow from plain rows, no framework.

The text is set in Bitstream Vera Sans (the font DejaVu Sans grew from), which
ReportLab ships inside its PyPI wheel (`reportlab/fonts/`, free licence): it has
the euro sign, the Dutch diaeresis and acute letters and the typographic dashes
that Pillow's built-in font lacks, and being in a pinned package it keeps the
picture the same on every machine, with no system font to install. Letters it
lacks (Cyrillic, Arabic, emoji) show as empty boxes; the alt text says
everything in words."""

from __future__ import annotations

import dataclasses
import functools
import io
from collections.abc import Sequence
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
# Den Haag's green and a neutral grey (the site's theme tokens), dark text.
INK = (33, 37, 41)
ACCENT = (0, 122, 77)
PLAN = (160, 166, 173)
BACKGROUND = (255, 255, 255)
BAND = (235, 244, 239)
MARGIN = 60


@dataclasses.dataclass(frozen=True)
class Bar:
    """One row of the picture: a label, its length in [0, 1] and the text at its
    end; for a budget also the plan's length (drawn under it, grey)."""

    label: str
    length: float
    text: str
    plan: float | None = None
    plan_text: str = ""


# Regular and bold: files in ReportLab's package (see the module's docstring).
FONT_FILES = {"regular": "Vera.ttf", "bold": "VeraBd.ttf"}


def font_path(weight: str = "regular") -> str:
    """The path of the preview's font file of `weight` ("regular" or "bold").
    Raises KeyError for another weight, FileNotFoundError when ReportLab's
    fonts are missing."""
    path = resources.files("reportlab") / "fonts" / FONT_FILES[weight]
    if not path.is_file():
        raise FileNotFoundError(str(path))
    return str(path)


@functools.lru_cache(maxsize=32)
def _font(size: int, weight: str = "regular") -> ImageFont.FreeTypeFont:
    """The preview's font at `size` pixels."""
    return ImageFont.truetype(font_path(weight), size)


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    """`text` cut with an ellipsis so it fits `width` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(draw, text: str, font, width: int, lines: int) -> list[str]:
    words, out, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
        else:
            out.append(current)
            current = word
    out.append(current)
    if len(out) > lines:
        out = out[: lines - 1] + [_fit(draw, " ".join(out[lines - 1 :]), font, width)]
    return out


def draw_preview(
    title: str,
    subtitle: str,
    bars: Sequence[Bar],
    legend: tuple[str, str] | None = None,
    pictures: Sequence[tuple[bytes, str, str]] = (),
) -> bytes:
    """A PNG (1200 x 630, under 300 KB) with `title` (up to two lines),
    `subtitle` (the n, the site) and either horizontal `bars` (at most 6 shown;
    with `legend` naming the coloured and the grey bar) or up to three
    `pictures` (encoded image bytes, each with its share and its label)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 14), fill=ACCENT)
    y = 40
    for line in _wrap(draw, title, _font(46, "bold"), WIDTH - 2 * MARGIN, 2):
        draw.text((MARGIN, y), line, font=_font(46, "bold"), fill=INK)
        y += 56
    draw.text((MARGIN, y + 4), subtitle, font=_font(28), fill=INK)
    y += 60
    if pictures:
        _pictures(image, draw, pictures, y)
    else:
        _bars(draw, bars[:6], legend, y)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _bars(draw, bars: Sequence[Bar], legend, top: int) -> None:
    label_width, text_width = 330, 190
    bar_left = MARGIN + label_width
    bar_width = WIDTH - MARGIN - text_width - bar_left
    space = HEIGHT - top - (50 if legend else 20)
    row = min(80, space // max(len(bars), 1))
    font = _font(min(28, row // 2))
    for k, bar in enumerate(bars):
        y = top + k * row
        draw.text(
            (MARGIN, y + 4),
            _fit(draw, bar.label, font, label_width - 20),
            font=font,
            fill=INK,
        )
        thick = row // 3 if bar.plan is not None else row // 2
        draw.rectangle(
            (bar_left, y + 4, bar_left + bar_width, y + 4 + thick), fill=BAND
        )
        draw.rectangle(
            (
                bar_left,
                y + 4,
                bar_left + max(2, int(bar_width * bar.length)),
                y + 4 + thick,
            ),
            fill=ACCENT,
        )
        draw.text((bar_left + bar_width + 14, y + 2), bar.text, font=font, fill=INK)
        if bar.plan is not None:
            py = y + 8 + thick
            draw.rectangle(
                (
                    bar_left,
                    py,
                    bar_left + max(2, int(bar_width * bar.plan)),
                    py + thick // 2,
                ),
                fill=PLAN,
            )
    if legend:
        font = _font(24)
        y = HEIGHT - 44
        draw.rectangle((MARGIN, y + 4, MARGIN + 24, y + 24), fill=ACCENT)
        draw.text((MARGIN + 34, y), legend[0], font=font, fill=INK)
        x = MARGIN + 60 + int(draw.textlength(legend[0], font=font))
        draw.rectangle((x, y + 4, x + 24, y + 24), fill=PLAN)
        draw.text((x + 34, y), legend[1], font=font, fill=INK)


def _pictures(
    image, draw, pictures: Sequence[tuple[bytes, str, str]], top: int
) -> None:
    shown = pictures[:3]
    gap = 30
    width = (WIDTH - 2 * MARGIN - gap * (len(shown) - 1)) // max(len(shown), 1)
    height = HEIGHT - top - 100
    font, big = _font(28), _font(40)
    for k, (data, share, label) in enumerate(shown):
        x = MARGIN + k * (width + gap)
        with Image.open(io.BytesIO(data)) as found:
            tile = found.convert("RGB")
            tile.thumbnail((width, height))
        image.paste(tile, (x + (width - tile.width) // 2, top))
        y = top + tile.height + 8
        draw.text((x, y), share, font=big, fill=ACCENT)
        draw.text((x, y + 46), _fit(draw, label, font, width), font=font, fill=INK)
