"""The HTML report, as an auditor reads it: tables drawn as grids with the blamed cell
highlighted and both values in it, severity in words, an index for a batch, printable and
self-contained. The browser test renders it in headless Chromium."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from reportlint.cli import app

from .conftest import FIXTURES, ROOT, SEED, missigned_seed

sys.path.insert(0, str(ROOT / "scripts"))
import html_screenshot  # noqa: E402

runner = CliRunner()


def _report(*paths: Path, lang: str = "zh") -> str:
    result = runner.invoke(app, ["check", "-f", "html", "--lang", lang, *map(str, paths)])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.skipif(html_screenshot.chromium() is None,
                    reason="Chromium is not installed (Debian: apt-get install chromium); .ci/run installs it")
def test_in_a_real_browser_the_highlighted_cell_is_the_changed_one_with_both_values(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    html_screenshot.html_report(html_screenshot.changed_seed(tmp_path), page)
    rendered = html_screenshot.browser(["--dump-dom", page.as_uri()], tmp_path / "profile")
    assert rendered.returncode == 0 and "<table" in rendered.stdout, rendered.stderr[-2000:]
    dom = lxml_html.fromstring(rendered.stdout)
    blamed = dom.xpath('//td[contains(concat(" ", @class, " "), " blamed ")]')
    assert [cell.get("data-key") for cell in blamed] == [html_screenshot.CHANGED_KEY]
    text = blamed[0].text_content()
    assert text.startswith("3") and "应为 0" in text and "实为 3" in text
    assert "error" in blamed[0].get("class")
    table = blamed[0].xpath("ancestor::table[1]")[0]
    assert table.get("data-table") == "requests" and "收到和处理政府信息公开申请情况" in table.findtext("caption")
    row_label = blamed[0].xpath("preceding-sibling::th")[0].text_content()
    assert row_label == "（一）予以公开"
    aside = table.xpath("following-sibling::aside")[0].text_content()
    assert "错误" in aside and "N002" in aside and "「（一）予以公开 · 自然人」，应为 0" in aside
    shot = tmp_path / "shot.png"
    html_screenshot.browser(["--window-size=1100,1500", f"--screenshot={shot}", page.as_uri()], tmp_path / "profile")
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_the_grids_carry_the_official_labels_and_every_value_read() -> None:
    dom = lxml_html.fromstring(_report(SEED))
    tables = {t.get("data-table"): t for t in dom.xpath("//table[@data-table]")}
    assert {"t20_1", "t20_5", "t20_6", "t20_8", "requests", "review"} <= set(tables)
    requests = tables["requests"]
    headers = [th.text_content() for th in requests.xpath(".//tr[position() <= 2]/th")]
    assert "自然人" in headers and "法人或其他组织" in headers and "社会公益组织" in headers and "总计" in headers
    assert len(requests.xpath(".//td[@data-key]")) == 7 * len(requests.xpath(".//th[@class='row']"))
    assert not dom.xpath('//td[contains(@class, "blamed")]')  # the seed's tables add up


def test_a_batch_gets_an_index_worst_first_with_links() -> None:
    dom = lxml_html.fromstring(_report(FIXTURES / "reports" / "clean_2021.md", SEED,
                                       FIXTURES / "reports" / "many_problems.md"))
    rows = dom.xpath("//table[@class='index']//tr[td]")
    files = [row.xpath("td[1]/a")[0].text for row in rows]
    assert files[0].endswith("many_problems.md") and files[-1].endswith("clean_2021.md")
    for row in rows:
        anchor = row.xpath("td[1]/a/@href")[0]
        assert dom.xpath(f"//section[@id='{anchor[1:]}']")
    assert "没有发现问题" in dom.xpath("//section[h2[contains(., 'clean_2021.md')]]")[0].text_content()


def test_severity_is_a_word_findings_sit_under_their_section_with_the_span_marked(tmp_path: Path) -> None:
    dom = lxml_html.fromstring(_report(missigned_seed(tmp_path)))
    words = {span.text for span in dom.xpath("//span[contains(@class, 'sev')]")}
    assert words == {"错误", "警告"}
    section = dom.xpath("//h4[.='三、公开平台建设和信息发布情况']/following-sibling::ul[1]")[0]
    assert "S005" in section.text_content() and section.xpath(".//mark")


def test_english_printable_and_self_contained(tmp_path: Path) -> None:
    page = _report(missigned_seed(tmp_path), lang="en")
    assert "<html lang=\"en\">" in page and ">error<" in page and "Sections and text" in page
    assert "break-before:page" in page and "@page{size:A4" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing fetched from a network
    assert "<script" not in page
