"""The gazetteer: its data's integrity, issuer analysis, M005 and pairing by identity."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import gazetteer
from reportlint.api import analyze_path
from reportlint.config import Config
from reportlint.issuers import _analyze_name, in_region
from reportlint.pairing import pair_years
from reportlint.testing.generate import random_report
from reportlint.testing.writers import write_text
from reportlint_national.issuer import _misspellings

from .conftest import corpus_file

DIVISIONS = gazetteer.all_divisions()
COUNTIES = [d for d in DIVISIONS if d.level == "county" and len(d.name) >= 3]


# --- the data -------------------------------------------------------------------------------

def test_data_files_match_their_recorded_checksums_and_counts() -> None:
    sources = gazetteer.sources()
    folder = resources.files("reportlint.data")
    for name, digest in sources["sha256"].items():  # type: ignore[union-attr]
        assert hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest() == digest, name
    counts = sources["counts"]
    for level in gazetteer.LEVELS:
        assert sum(1 for d in DIVISIONS if d.level == level) == counts[level]  # type: ignore[index]
    assert counts["province"] == 34 and counts["prefecture"] >= 330 and counts["county"] >= 2800  # type: ignore[index]
    assert "jionlp" in sources["sources"]["divisions"]["package"]  # type: ignore[index]


def test_every_division_has_a_unique_code_and_a_real_parent_of_the_level_above() -> None:
    codes = [d.code for d in DIVISIONS]
    assert len(codes) == len(set(codes))
    for d in DIVISIONS:
        assert len(d.code) == 6 and d.code.isdigit(), d
        if d.level == "province":
            assert d.parent == "" and d.code.endswith("0000")
        else:
            parent = gazetteer.division(d.parent)
            assert parent is not None and parent.level in ("province", "prefecture"), d
            assert d.code[:2] == parent.code[:2], d


@pytest.mark.parametrize(("name", "path"), [
    ("余姚市", "浙江省 › 宁波市 › 余姚市"),
    ("沭阳县", "江苏省 › 宿迁市 › 沭阳县"),
    ("洪泽区", "江苏省 › 淮安市 › 洪泽区"),
    ("平潭县", "福建省 › 福州市 › 平潭县"),
    ("济源市", "河南省 › 济源市"),  # directly under the province
])
def test_known_divisions(name: str, path: str) -> None:
    (division,) = gazetteer.named(name)
    assert gazetteer.path_text(division.code) == path


def test_former_names_point_at_the_division_that_carries_on() -> None:
    (gangzha,) = gazetteer.formerly_named("港闸区")
    assert gazetteer.division(gangzha.code).name == "崇川区" and gangzha.changed.startswith("2020")
    assert gazetteer.division(gazetteer.formerly_named("上饶县")[0].code).name == "广信区"


# --- issuer analysis ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "code", "township", "level"), [
    ("大岚镇人民政府", "330281", "大岚镇", "township"),
    ("余姚市大岚镇人民政府", "330281", "大岚镇", "township"),
    ("沭阳县人民政府", "321322", None, "government"),
    ("淮安市洪泽区人民政府", "320813", None, "government"),
    ("平潭综合实验区", "350128", None, "government"),
    ("平潭综合实验区管理委员会", "350128", None, "government"),
    ("平潭综合实验区公安局", "350128", None, "department"),
    ("平潭综合实验区海坛片区管理局", "350128", None, "township"),
    ("上海市科学技术委员会", "310000", None, "department"),
    ("北京市朝阳区望京街道办事处", "110105", "望京街道", "township"),
    ("朝阳区人民政府", None, None, "government"),  # 北京 and 长春 both have one
    ("财政局", None, None, "department"),
])
def test_issuer_place_and_level(name: str, code: str | None, township: str | None, level: str) -> None:
    issuer = _analyze_name(name, ())
    assert (issuer.code, issuer.township, issuer.level) == (code, township, level), issuer.how


def test_a_shared_name_is_decided_by_the_other_places_the_report_names() -> None:
    assert _analyze_name("朝阳区人民政府", ("吉林省长春市朝阳区人民政府2023年政府信息公开工作年度报告",)).code == "220104"
    assert _analyze_name("城关镇人民政府", ()).code is None


def test_identity_is_the_body_not_its_spelling() -> None:
    key = _analyze_name("沭阳县人民政府", ()).key
    assert key is not None
    assert _analyze_name("沭阳县政府", ()).key == key
    assert _analyze_name("宿迁市沭阳县人民政府", ()).key == key
    assert _analyze_name("沭阳县财政局", ()).key != _analyze_name("泗阳县财政局", ()).key
    assert _analyze_name("港闸区人民政府", ()).key != _analyze_name("崇川区人民政府", ()).key  # merged, not renamed


def test_regions_are_code_prefixes() -> None:
    assert in_region("330281", ("33",)) and in_region("330281", ("330200",)) and in_region("330281", ("3302",))
    assert not in_region("321322", ("33",)) and not in_region(None, ("33",))


# --- M005 -----------------------------------------------------------------------------------

def test_m005_is_silent_over_every_real_division_name() -> None:
    """Each real name, alone, under its full path, and in running text, is never flagged."""
    for d in DIVISIONS:
        full = gazetteer.path_text(d.code).replace(" › ", "")
        for text in (d.name, f"{full}人民政府", f"现将{d.name}人民政府2023年报告如下", f"{d.name}、{d.name}"):
            assert list(_misspellings(text)) == [], text
    for former in gazetteer.tables().former:
        assert list(_misspellings(f"{former}人民政府")) == [], former


def _misspelt(division: gazetteer.Division, rng: random.Random) -> str | None:
    """The division's name with one stem character replaced by a confusable one, when that
    is not a real name, does not end in one, and no other division is one confusable
    character from it."""
    glyphs = gazetteer._confusables()
    for i in rng.sample(range(len(division.name) - 1), len(division.name) - 1):
        similar, sound = glyphs.get(division.name[i], ("", ""))
        for char in rng.sample(similar + sound, len(similar + sound)):
            written = division.name[:i] + char + division.name[i + 1:]
            near = gazetteer.near_names(written)
            # "形和县" ends in the real 和县: it reads as 形 + 和县, and M005 says nothing.
            real_suffix = any(gazetteer.is_real_name(written[k:]) for k in range(1, len(written) - 1))
            if near and {d.code for d, _ in near} == {division.code} and not real_suffix:
                return written
    return None


@settings(max_examples=25, deadline=None)
@given(index=st.integers(0, len(COUNTIES) - 1), seed=st.integers(0, 1000))
def test_m005_fires_on_a_generated_misspelling_of_a_real_county(tmp_path_factory, index: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    county = COUNTIES[index]
    written = _misspelt(county, random.Random(seed))
    if written is None:
        return
    folder = tmp_path_factory.mktemp("m005")
    path = folder / "report.txt"
    issuer = f"{written}人民政府"
    path.write_text(write_text(replace(random_report(seed, "2021"), issuer=issuer)), encoding="utf-8")
    found = [d for d in analyze_path(path, Config(), None).diagnostics if d.code == "M005"]
    assert len(found) == 1, (issuer, found)
    assert found[0].expected == county.name and found[0].actual == written


def test_m005_on_a_real_name_under_the_wrong_parent() -> None:
    (start, written, meant, why), = _misspellings("宿迁市泗杨县人民政府")
    assert (written, meant.name) == ("泗杨县", "泗阳县")
    assert list(_misspellings("宿迁市泗阳县人民政府")) == []


# --- pairing by identity --------------------------------------------------------------------

def _write(folder: Path, name: str, issuer: str, year: int) -> str:
    data = replace(random_report(year, "2021"), issuer=issuer, year=year, signature_date=f"{year + 1}年1月20日")
    (folder / name).write_text(write_text(data, "markdown"), encoding="utf-8")
    return str(folder / name)


def test_two_spellings_of_one_body_pair_and_two_counties_namesakes_never_do(tmp_path: Path) -> None:
    this = _write(tmp_path, "a.md", "沭阳县政府", 2025)
    last = _write(tmp_path, "b.md", "沭阳县人民政府", 2024)
    finance = _write(tmp_path, "c.md", "泗阳县财政局", 2025)
    other = _write(tmp_path, "d.md", "沭阳县财政局", 2024)
    nowhere = _write(tmp_path, "e.md", "财政局", 2025)
    nowhere_last = _write(tmp_path, "f.md", "财政局", 2024)
    pairing = pair_years([this, last, finance, other, nowhere, nowhere_last], Config())
    assert pairing.previous == {this: last}
    assert pairing.identities[nowhere].issuer is None
    assert any("未配对" in line for line in pairing.explain())


# --- the real corpus ------------------------------------------------------------------------

CORPUS_ISSUERS = {
    "2020_dalanzhen_seed.txt": ("浙江省 › 宁波市 › 余姚市 › 大岚镇", "township"),
    "2020_pingtan.html": ("福建省 › 福州市 › 平潭县", "government"),  # the area's 管理委员会
    "2021_pingtan.html": ("福建省 › 福州市 › 平潭县", "government"),
    "2023_hongzequ.pdf": ("江苏省 › 淮安市 › 洪泽区", "government"),
    "2024_hongzequ.pdf": ("江苏省 › 淮安市 › 洪泽区", "government"),
    "2024_shanghai_kewei.md": ("上海市", "department"),
    "2025_shuyangxian.md": ("江苏省 › 宿迁市 › 沭阳县", "government"),  # printed 沐阳县
    "crawled/2019_pingtan_gonganju.txt": ("福建省 › 福州市 › 平潭县", "department"),
    "crawled/2022_pingtan_haitanpianqu.txt": ("福建省 › 福州市 › 平潭县", "township"),  # 片区管理局
    "crawled/2025_pingtan_caizhengjinrongju.txt": ("福建省 › 福州市 › 平潭县", "department"),
}


@pytest.mark.parametrize("name", sorted(CORPUS_ISSUERS))
def test_corpus_issuers_are_placed_and_levelled(name: str) -> None:
    from reportlint.issuers import analyze_issuer

    analysis = analyze_path(corpus_file(name), Config(), None)
    assert analysis.report is not None
    issuer = analyze_issuer(analysis.report.metadata, analysis.report.document)
    assert issuer is not None
    assert (issuer.path, issuer.level) == CORPUS_ISSUERS[name], issuer.how
