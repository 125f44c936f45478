import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from guazhi.tests.bombs import GIB, empty_cells_row
from guazhi.uploads import validate_document

from .samples import DOCX, JPEG, PDF, PNG, image_bytes

DOC = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16


@pytest.mark.parametrize(
    "name, content",
    [("a.pdf", PDF), ("a.JPG", JPEG), ("a.jpeg", JPEG), ("a.png", PNG), ("a.doc", DOC), ("a.docx", DOCX)],
)
def test_the_accepted_kinds_pass_when_their_content_matches(name, content):
    validate_document(SimpleUploadedFile(name, content))


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("a.exe", b"MZ\x90", "extension"),
        ("noextension", b"%PDF-1.7", "extension"),
        ("a.png", JPEG, "content"),
        ("a.pdf", b"<html>", "content"),
        ("a.doc", b"%PDF-1.7", "content"),
        ("a.pdf", b"", "empty"),
        # The first bytes of the kind, and then something else.
        ("a.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "content"),
        ("a.png", PNG[:40] + b"<html>" * 20, "content"),
        ("a.jpg", JPEG[:20] + b"<html>" * 20, "content"),
        ("a.docx", b"PK\x03\x04 not really a zip", "content"),
        ("a.docx", _zip({"word/document.xml": "<w:document/>"}), "content"),
        ("a.docx", _zip({"[Content_Types].xml": "<Types/>", "evil.html": "<html>"}), "content"),
    ],
)
def test_a_wrong_kind_or_content_is_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as raised:
        validate_document(SimpleUploadedFile(name, content))
    assert raised.value.code == code


def test_a_file_over_the_limit_is_refused(settings):
    settings.GUAZHI = {**settings.GUAZHI, "UPLOAD_MAX_BYTES": 5}
    with pytest.raises(ValidationError) as raised:
        validate_document(SimpleUploadedFile("a.pdf", PDF))
    assert raised.value.code == "too_large"


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(settings):
    settings.GUAZHI = {**settings.GUAZHI, "UPLOAD_MAX_PIXELS": 1000}
    with pytest.raises(ValidationError) as raised:
        validate_document(SimpleUploadedFile("scan.png", image_bytes("PNG", (100, 100))))
    assert raised.value.code == "too_many_pixels"


def test_a_word_file_that_unpacks_to_a_gigabyte_is_refused_by_the_zip_guard(tmp_path):
    bomb = empty_cells_row(tmp_path / "bomb.docx", GIB).read_bytes()
    with pytest.raises(ValidationError) as raised:
        validate_document(SimpleUploadedFile("plan.docx", bomb))
    assert raised.value.code == "unsafe"
