"""Steps for annex_picture.feature: the crowded plan's picture in the PDF annex.

The PDF's images are taken out with poppler's pdfimages (as a reviewer's tools would) and
compared pixel for pixel with the picture the annex drew; pypdf reads the image's stream
as stored, to see that it is the picture's own compressed data.
"""

from __future__ import annotations

import io
import subprocess

from PIL import Image, ImageChops
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when

from checker.report import annex

scenarios("annex_picture.feature")


@given(
    parsers.parse(
        "the plan shows an {length:d} m long house with {count:d} windows in its north wall that state nothing"
    )
)
def house_with_bare_windows(drawing, length, count):
    """Every bare window gets several findings: far more markers than a vector plan takes."""
    drawing.walls_loop([(0, 0), (length, 0), (length, 8), (0, 8)], thickness=0.3)
    drawing.door((4.0, 0.0), (5.0, 0.0), ROLE="ENTRANCE", RC="RC2", CERT="PAS 24:2022", GLAZING="NONE", VIEWER="YES")
    drawing.light((5.5, -0.6))
    for k in range(count):
        drawing.window((1.7 + k, 8.0), (1.0 + k, 8.0))


@when(parsers.parse('the annex PDF and its plan picture are made in "{language}"'))
def pdf_and_picture(ctx, language):
    _, pictures = annex._render(ctx["plan"], ctx["results"], language, False, ctx["results"].dumps())
    assert len(pictures) == 1, f"expected the plan drawn as one picture, got {len(pictures)}"
    ctx["png"] = next(iter(pictures.values()))
    ctx["pdf"] = ctx["tmp"] / "annex.pdf"
    ctx["pdf"].write_bytes(annex.annex_pdf(ctx["plan"], ctx["results"], language=language))


@then("the PDF holds one image with the plan picture's size and pixels")
def same_pixels(ctx):
    subprocess.run(["pdfimages", "-png", str(ctx["pdf"]), str(ctx["tmp"] / "image")], check=True, timeout=120)
    images = sorted(ctx["tmp"].glob("image-*.png"))
    assert len(images) == 1, f"the PDF holds {len(images)} images"
    drawn = Image.open(io.BytesIO(ctx["png"])).convert("RGB")
    with Image.open(images[0]) as stored:
        assert stored.size == drawn.size
        assert ImageChops.difference(stored.convert("RGB"), drawn).getbbox() is None, "the pixels differ"


@then("the image's compressed data in the PDF is the plan picture's own")
def same_data(ctx):
    reader = PdfReader(ctx["pdf"])
    # Every page's resources name the document's images: one object, however many pages.
    images = {
        reference.idnum: reference.get_object()
        for page in reader.pages
        for reference in (page["/Resources"].get("/XObject") or {}).values()
        if reference.get_object()["/Subtype"] == "/Image"
    }
    assert len(images) == 1
    (image,) = images.values()
    assert image["/Filter"] == "/FlateDecode"
    assert image._data == annex._idat(ctx["png"])
