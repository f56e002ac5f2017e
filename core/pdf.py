"""Bilingual (English / Traditional Chinese) PDF documents: acceptance letters, fact sheets,
and later learning agreements and recognition forms.

Chinese must render on a fresh machine with nothing but the pinned requirements, so the font
comes from a PyPI package (justmytype-intl-cjk: Noto Sans TC, SIL OFL) and is embedded in
every PDF. That font is one variable TrueType file of some 12 MB whose default weight is
Thin; making a Regular and a Bold instance of the whole font takes more than a minute, so
each document first cuts the font down to the characters it uses and then instances that
small subset (about a second in all).

A document is a list of blocks, collected first and drawn at the end, because the font
subset must be known before the first character is drawn.
"""

import importlib.resources
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.http import HttpResponse
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT_RESOURCE = ("justmytype_intl_cjk", "fonts/ofl/notosanstc/NotoSansTC[wght].ttf")
FAMILY = "NotoSansTC"
WEIGHTS = {"": 400, "B": 700}
# Always in the subset, so that page numbers and punctuation added while drawing exist.
BASE_CHARACTERS = "0123456789 /.,:;-–—()[]「」、。：（）"


def font_path():
    package, name = FONT_RESOURCE
    return Path(str(importlib.resources.files(package) / name))


def _font_files(text, folder):
    """Regular and Bold TrueType files holding exactly the glyphs `text` needs."""
    font = TTFont(str(font_path()), lazy=True)
    options = subset.Options()
    options.layout_features = []  # no shaping needed for Latin and Han; keeps the subset small
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + BASE_CHARACTERS)
    subsetter.subset(font)
    paths = {}
    for style, weight in WEIGHTS.items():
        instance = instancer.instantiateVariableFont(font, {"wght": weight}, inplace=False)
        buffer = io.BytesIO()
        instance.save(buffer)
        path = Path(folder) / f"font{style or 'R'}.ttf"
        path.write_bytes(buffer.getvalue())
        paths[style] = path
    return paths


@dataclass
class Block:
    kind: str
    texts: tuple
    size: float = 11
    bold: bool = False
    align: str = "L"


@dataclass
class Document:
    """A one-column A4 document. Add blocks, then `render()` to bytes."""

    title: str
    author: str = ""
    blocks: list = field(default_factory=list)

    def heading(self, text, size=16):
        self.blocks.append(Block("text", (text,), size=size, bold=True))
        return self

    def paragraph(self, text, size=11, bold=False, align="L"):
        self.blocks.append(Block("text", (text,), size=size, bold=bold, align=align))
        return self

    def rows(self, pairs, size=10):
        """A two-column table of (label, value) pairs; labels bold."""
        self.blocks.append(Block("rows", tuple((str(label), str(value)) for label, value in pairs), size=size))
        return self

    def rule(self):
        self.blocks.append(Block("rule", ()))
        return self

    def space(self, millimetres=4):
        self.blocks.append(Block("space", (), size=millimetres))
        return self

    def all_text(self):
        parts = [self.title, self.author]
        for block in self.blocks:
            for item in block.texts:
                parts.extend(item if isinstance(item, tuple) else (item,))
        return "".join(parts)

    def render(self):
        with tempfile.TemporaryDirectory(prefix="portal-pdf-") as folder:
            fonts = _font_files(self.all_text(), folder)
            pdf = FPDF(format="A4")
            pdf.set_title(self.title)
            if self.author:
                pdf.set_author(self.author)
            for style, path in fonts.items():
                pdf.add_font(FAMILY, style, str(path))
            pdf.set_margins(20, 20, 20)
            pdf.set_auto_page_break(True, margin=20)
            pdf.add_page()
            for block in self.blocks:
                self._draw(pdf, block)
            return bytes(pdf.output())

    @staticmethod
    def _draw(pdf, block):
        line = block.size * 0.55
        if block.kind == "text":
            pdf.set_font(FAMILY, "B" if block.bold else "", block.size)
            pdf.multi_cell(0, line, block.texts[0], align=block.align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1.5)
        elif block.kind == "rows":
            label_width = (pdf.w - pdf.l_margin - pdf.r_margin) * 0.36
            for label, value in block.texts:
                top = pdf.get_y()
                pdf.set_font(FAMILY, "B", block.size)
                pdf.multi_cell(label_width, line, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
                label_bottom = pdf.get_y()
                pdf.set_xy(pdf.l_margin + label_width, top)
                pdf.set_font(FAMILY, "", block.size)
                pdf.multi_cell(0, line, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.set_y(max(pdf.get_y(), label_bottom) + 1)
        elif block.kind == "rule":
            y = pdf.get_y() + 1
            pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
            pdf.set_y(y + 3)
        elif block.kind == "space":
            pdf.ln(block.size)


def pdf_response(data, filename, *, attachment=False, private=True):
    """Send PDF bytes; private documents are never stored by shared caches."""
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
