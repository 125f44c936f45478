"""Downloads go out under their Chinese name, with a plain ASCII name for clients that cannot read it."""

import io
from urllib.parse import unquote

from guazhi.downloads import ascii_name, content_disposition, download, file_download


def _parts(header: str) -> dict[str, str]:
    kind, *params = (part.strip() for part in header.split(";"))
    assert kind == "attachment"
    return dict(param.split("=", 1) for param in params)


def test_a_chinese_name_is_sent_percent_encoded_with_a_pinyin_fallback():
    parts = _parts(content_disposition("2023年以来挂职干部工作情况.docx"))
    assert unquote(parts["filename*"].removeprefix("UTF-8''")) == "2023年以来挂职干部工作情况.docx"
    assert parts["filename"] == '"2023nianyilaiguazhiganbugongzuoqingkuang.docx"'


def test_the_fallback_holds_only_characters_every_client_reads():
    assert ascii_name('张国华"个人\\总结"; x.pdf') == "zhangguohua-geren-zongjie-x.pdf"
    assert ascii_name("résumé 1.pdf") == "r-sum-1.pdf"
    assert ascii_name("……") == "download"


def test_a_name_cannot_carry_a_path_a_line_break_or_a_quote():
    header = content_disposition('../../etc/pa"ss\r\nSet-Cookie: x.txt')
    assert "\r" not in header and "\n" not in header
    encoded = _parts(header)["filename*"].removeprefix("UTF-8''")
    assert "/" not in unquote(encoded) and '"' not in unquote(encoded)


def test_a_very_long_name_is_cut_but_keeps_its_extension():
    header = content_disposition("挂" * 300 + ".docx")
    name = unquote(_parts(header)["filename*"].removeprefix("UTF-8''"))
    assert name.endswith(".docx") and len(name) <= 120


def test_a_file_made_in_memory_and_an_open_file_are_sent_the_same_way():
    made = download(b"data", "张国华挂职干部鉴定表.docx", "application/octet-stream")
    kept = file_download(io.BytesIO(b"data"), "张国华挂职干部鉴定表.docx", "application/octet-stream")
    assert made["Content-Disposition"] == kept["Content-Disposition"]
    assert "filename*=UTF-8''%E5%BC%A0" in made["Content-Disposition"]
