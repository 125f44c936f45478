"""Small images for the tests of photographs."""

import io

from PIL import Image


def jpeg_bytes(width: int = 60, height: int = 80, colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def png_bytes(width: int = 60, height: int = 80) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 20)).save(buffer, format="PNG")
    return buffer.getvalue()
