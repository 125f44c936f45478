import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from guazhi.uploads import validate_document

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
DOC = bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16


@pytest.mark.parametrize(
    "name, content",
    [("a.pdf", b"%PDF-1.7 x"), ("a.JPG", JPEG), ("a.jpeg", JPEG), ("a.png", PNG), ("a.doc", DOC)],
)
def test_the_accepted_kinds_pass_when_their_content_matches(name, content):
    validate_document(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("a.exe", b"MZ\x90", "extension"),
        ("noextension", b"%PDF-1.7", "extension"),
        ("a.png", JPEG, "content"),
        ("a.pdf", b"<html>", "content"),
        ("a.doc", b"%PDF-1.7", "content"),
        ("a.pdf", b"", "empty"),
    ],
)
def test_a_wrong_kind_or_content_is_refused_with_a_reason(name, content, code):
    with pytest.raises(ValidationError) as raised:
        validate_document(SimpleUploadedFile(name, content))
    assert raised.value.code == code


def test_a_file_over_the_limit_is_refused(settings):
    settings.GUAZHI = {**settings.GUAZHI, "UPLOAD_MAX_BYTES": 5}
    with pytest.raises(ValidationError) as raised:
        validate_document(SimpleUploadedFile("a.pdf", b"%PDF-1.7 too long"))
    assert raised.value.code == "too_large"
