"""Images and PDFs for the demo, made in code (never downloaded)."""

import io
import random

from PIL import Image, ImageDraw

PALETTE = ["#0b4f6c", "#1b998b", "#c84630", "#6a4c93", "#2d6a4f", "#b5651d", "#264653", "#9d0208"]


def _png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def initials(text):
    words = [w for w in text.replace("(", " ").split() if w[:1].isalpha() and w.lower() not in {"of", "the"}]
    return "".join(w[0] for w in words[:3]).upper() or "U"


def draw_logo(name, seed=0, size=256):
    """A round crest with the institution's initials."""
    rng = random.Random(seed)
    colour = rng.choice(PALETTE)
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=colour, outline="#ffffff", width=6)
    draw.ellipse((28, 28, size - 28, size - 28), outline="#ffffff", width=3)
    draw.text((size / 2, size / 2), initials(name), fill="#ffffff", anchor="mm", font_size=size // 4)
    return _png(image)


def draw_cover(title, seed=0, size=(1200, 630)):
    """A banner with soft shapes and the title's initials, as a JPEG."""
    rng = random.Random(seed)
    base = rng.choice(PALETTE)
    image = Image.new("RGB", size, base)
    draw = ImageDraw.Draw(image)
    for _ in range(7):
        x, y, r = rng.randint(0, size[0]), rng.randint(0, size[1]), rng.randint(80, 320)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(PALETTE))
    draw.text((60, size[1] - 110), initials(title), fill="#ffffff", font_size=72)
    return _jpeg(image)


def draw_portrait(name, seed=0, size=400):
    """A simple silhouette on a coloured ground, as a JPEG."""
    rng = random.Random(seed)
    image = Image.new("RGB", (size, size), rng.choice(PALETTE))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size * 0.32, size * 0.18, size * 0.68, size * 0.54), fill="#f1f1f1")
    draw.ellipse((size * 0.18, size * 0.58, size * 0.82, size * 1.2), fill="#f1f1f1")
    draw.text((size - 20, 20), initials(name), fill="#ffffff", anchor="ra", font_size=size // 8)
    return _jpeg(image)


def minimal_pdf(text):
    """A one-page PDF written by hand (the demo's signed copies, transcripts, letters): small, valid."""
    stream = (
        b"BT /F1 14 Tf 72 720 Td ("
        + text.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
        + b") Tj ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
