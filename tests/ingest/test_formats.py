import io

import pypdf
import pytest

from analysis.errors import InputError
from analysis.ingest.formats import (extract_text, html_to_text, join_pdf_lines, markdown_to_text, sniff_format,
                              strip_tags)
from analysis.text.normalize import normalize_text
from tests.ingest_helpers import docx_bytes, html_page, pdf_bytes, png_bytes, speech_lines


def test_sniffing_goes_by_content_not_name():
    pdf = pdf_bytes(["同志们：今天开会。"])
    docx = docx_bytes(["同志们：今天开会。"])
    assert sniff_format(pdf, name="speech.txt") == "pdf"
    assert sniff_format(docx, name="speech.pdf") == "docx"
    assert extract_text(pdf, name="speech.txt").notes == ("read as PDF although the name ends in .txt",)
    assert extract_text(docx, name="speech.html").format == "docx"
    page = html_page("标题", ["同志们：今天开会。"]).encode("utf-8")
    assert extract_text(page, name="speech.txt").format == "html"
    assert extract_text("# 标题\n\n## 一、总体要求\n\n正文。".encode(), name="speech.txt").format == "md"
    assert extract_text("同志们：\n今天开会。".encode(), name="speech").format == "txt"


def test_html_drops_scripts_styles_navigation_and_keeps_paragraphs():
    text, title = html_to_text(html_page("在全市大会上的讲话", ["同志们：", "今天 &amp; 明天，\n我们开会。"]))
    assert title == "在全市大会上的讲话"
    assert text.split("\n") == ["在全市大会上的讲话", "同志们：", "今天 & 明天， 我们开会。"]
    for hidden in ("统计代码", "广告", "弹窗", "导航", "首页", "请启用脚本", "margin"):
        assert hidden not in text


def test_html_pre_and_br_keep_line_breaks():
    text, _ = html_to_text("<body>第一行<br>第二行<pre>甲\n乙</pre></body>")
    assert text.split("\n") == ["第一行", "第二行", "甲", "乙"]


def test_html_meta_charset_gbk_is_honoured():
    page = html_page("讲话", ["同志们：今天开会。"], charset="gbk").encode("gbk")
    ex = extract_text(page, name="page.htm")
    assert ex.encoding == "GBK"
    assert "同志们：今天开会。" in ex.text.split("\n")


def test_markdown_markup_is_removed():
    md = ("# 在全市大会上的讲话\n\n> 引言\n\n## 一、**总体**要求\n\n- 第一点，[链接](http://x)。\n"
          "* 第二点，`代码`。\n\n---\n\n| 指标 | 数值 |\n|---|---|\n| GDP | 5% |\n![图](a.png)\n")
    assert [ln for ln in markdown_to_text(md).split("\n") if ln] == [
        "在全市大会上的讲话", "引言", "一、总体要求", "第一点，链接。", "第二点，代码。", "指标 数值", "GDP 5%"]


def test_strip_tags_keeps_lines_and_removes_script_content():
    text, n = strip_tags("同志们：<b>今天</b>开会。\n<script>alert('x<y')</script>下面<br/>我讲三点。")
    assert text == "同志们：今天开会。\n下面我讲三点。"
    assert n == 5
    assert strip_tags("a<5 且 b>3")[1] == 0


def test_join_pdf_lines_rejoins_wrapped_prose_but_not_headings():
    lines = ["一、总体要求",
             "今天我们召开全市经济工作会议，主要任务是贯彻落实中央和省委",
             "经济工作会议精神。",
             "（一）稳增长",
             "要坚持稳中求进，去年，*",
             "GDP增长8.",
             "5%。"]
    assert join_pdf_lines(lines) == ["一、总体要求",
                                     "今天我们召开全市经济工作会议，主要任务是贯彻落实中央和省委经济工作会议精神。",
                                     "（一）稳增长",
                                     "要坚持稳中求进，去年，* GDP增长8.5%。"]


def test_docx_paragraphs_tables_and_core_title():
    data = docx_bytes(["在全市大会上的讲话", "同志们：", "今天开会。"], core_title="全市大会讲话",
                      table=[["指标", "数值"], ["增长", "5%"]])
    ex = extract_text(data, name="s.docx")
    assert ex.format == "docx"
    assert ex.title == "全市大会讲话"
    assert ex.text.split("\n") == ["在全市大会上的讲话", "同志们：", "今天开会。", "指标", "数值", "增长", "5%"]


def test_pdf_of_a_whole_speech_gives_back_its_characters():
    lines = speech_lines(2)
    ex = extract_text(pdf_bytes(lines, page_numbers=True), name="s.pdf")
    assert ex.format == "pdf"
    got = normalize_text(ex.text)
    want = normalize_text("\n".join(lines))
    assert got.replace("\n", "") == want.replace("\n", "")
    assert "- 1 -" not in ex.text  # page footers are dropped


def test_pdf_running_headers_and_page_numbers_are_dropped_across_pages():
    lines = speech_lines(5)
    data = pdf_bytes(lines, page_numbers=True, running_header="某市人民政府办公室文件")
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 7
    text = extract_text(data, name="s5.pdf").text
    assert "某市人民政府办公室文件" not in text
    assert normalize_text(text).replace("\n", "") == normalize_text("\n".join(lines)).replace("\n", "")


def test_image_renamed_txt_is_named_as_image():
    with pytest.raises(InputError, match=r"^photo\.txt: this is a PNG image \(renamed \.txt\), not a text document$"):
        extract_text(png_bytes(), name="photo.txt")
