"""Rebuilds the JPEG 2000 fixtures from two of make_mono.sh's: 001's page 5 at 150 dpi with an
English-model OCR layer (OCRmyPDF), its page image recoded as JPEG 2000 (/JPXDecode, what Adobe
Acrobat's "optimize scanned PDF" and some scanners store), the text layer untouched:

- jpx-grey-001-p5.pdf: ocrmypdf-grey-001-p5.pdf's grey image, lossless (reversible wavelet), in a
  JP2 file;
- jpx-rgb-001-p5.pdf: ocrmypdf-rgb-001-p5.pdf's colour image, lossy (irreversible wavelet, 1:20),
  as a raw codestream.

Pillow codes them with OpenJPEG (its wheels carry it); the script checks that Pillow decodes the
lossless one back to the original's pixels. Needs pikepdf and Pillow (OCRmyPDF's virtual
environment has both):

    target/ocrmypdf-venv/bin/python tests/data/make_jpx.py

The fixtures are committed; CI does not run this.
"""
import io
import os
import sys

import pikepdf
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def recode(source, out, save):
    pdf = pikepdf.open(os.path.join(HERE, source))
    page = pdf.pages[0]
    ((name, image),) = [(k, v) for k, v in page.Resources.XObject.items() if v.Subtype == "/Image"]
    pil = pikepdf.PdfImage(image).as_pil_image()
    buf = io.BytesIO()
    save(pil, buf)
    data = buf.getvalue()
    image.write(data, filter=pikepdf.Name.JPXDecode)
    for key in ("/DecodeParms", "/BitsPerComponent"):
        if key in image:
            del image[key]
    pdf.save(os.path.join(HERE, out), deterministic_id=True)
    return pil, data


def main():
    grey, data = recode("ocrmypdf-grey-001-p5.pdf", "jpx-grey-001-p5.pdf",
                        lambda im, b: im.save(b, "JPEG2000", irreversible=False))
    back = Image.open(io.BytesIO(data))
    if back.mode != grey.mode or back.tobytes() != grey.tobytes():
        sys.exit("jpx-grey-001-p5.pdf: the lossless coding does not give the original's pixels back")
    recode("ocrmypdf-rgb-001-p5.pdf", "jpx-rgb-001-p5.pdf",
           lambda im, b: im.save(b, "JPEG2000", irreversible=True, quality_mode="rates", quality_layers=[20], no_jp2=True))
    for f in ("jpx-grey-001-p5.pdf", "jpx-rgb-001-p5.pdf"):
        print(f, os.path.getsize(os.path.join(HERE, f)), "bytes")


if __name__ == "__main__":
    main()
