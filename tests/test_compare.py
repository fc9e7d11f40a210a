"""`compare`: cells, national relations and progress on a store with known targets, every format, --lang en,
and the HTML tile map (escaped, no script, one tile per province-level region)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from policytrack.cli.compare_formats import RELATION_COLOURS, TILES, shade
from policytrack.db.store import Store
from policytrack.parser.documents import DocPage
from policytrack.parser.records import Extraction, Fact, Target
from policytrack.parser.vocabulary import PROVINCES
from policytrack.sources.records import SourceSpec
from tests.conftest import read_of, run_cli

HAN = re.compile(r"[\u3400-\u9fff]")
HOSTILE = '<script>document.title="x"</script>四川省数据标注|方案'


def spec(region: str, level: str, province: str | None = None) -> SourceSpec:
    return SourceSpec(id=region, name=region, region=region, level=level, kind="html_list",
                      start_urls=(f"https://{abs(hash(region))}.gov.cn/",), province=province)


def target(metric: str, subject: str, value: float, unit: str, comparator: str = ">", year: int = 2027) -> Target:
    return Target(metric, subject, value, unit, comparator, year, f"{subject}{value:g}", 0, 4)


def save(store: Store, source: SourceSpec, n: int, published: str, *records: Target | Fact,
         title: str | None = None) -> None:
    page = DocPage(url=f"https://{source.region}.gov.cn/{n}.html", title=title or f"{source.region}方案{n}",
                   body_text="…", doc_number=f"{source.region[:1]}发〔2025〕{n}号", issuer=f"{source.region}人民政府",
                   published_date=published)
    extraction = Extraction(targets=[r for r in records if isinstance(r, Target)],
                            facts=[r for r in records if isinstance(r, Fact)])
    store.documents.save(read_of(page, "…", extraction=extraction), source, f"{published}T00:00:00Z")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "pt.db"
    with Store(path) as store:
        national, sichuan = spec("全国", "national"), spec("四川省", "provincial")
        save(store, national, 1, "2024-12-31",
             target("growth_rate", "数据产业规模年均复合增长率", 15, "percent", year=2029))
        save(store, national, 2, "2025-01-13", target("growth_rate", "年均复合增长率", 20, "percent"))
        save(store, sichuan, 3, "2025-02-01", target("growth_rate", "年均复合增长率", 30, "percent"))  # older
        save(store, sichuan, 4, "2025-04-10", target("growth_rate", "年均复合增长率", 25, "percent"),
             target("industry_scale", "数据标注产业规模", 1.5e10, "CNY"),
             Fact("industry_scale", "数据标注产业规模", 6.8e9, "CNY", "~", 2024, "约68亿元", 5, 9), title=HOSTILE)
        save(store, spec("辽宁省", "provincial"), 5, "2025-05-20",
             target("growth_rate", "年均复合增长率", 20, "percent", ">="),
             target("industry_scale", "数据标注产业规模", 6e9, "CNY", ">=", 2026))
        save(store, spec("河北省", "provincial"), 6, "2025-03-12",
             target("growth_rate", "年均复合增长率", 12, "percent"),
             target("industry_scale", "数据标注产业规模", 1e10, "CNY", ">="),
             Fact("industry_scale", "数据产业规模", 3.3e9, "CNY", "~", 2024, "约33亿元", 5, 9))  # another quantity
        save(store, spec("成都市", "municipal", "四川省"), 7, "2025-06-18",
             target("industry_scale", "数据标注产业规模", 8e9, "CNY", ">="))
    return path


def compare_json(capsys, db: Path, *args: str) -> dict:
    code, out, err = run_cli(capsys, "compare", "--db", str(db), "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_cells_relations_and_progress(db: Path, capsys) -> None:
    data = compare_json(capsys, db)
    assert [c["key"] for c in data["columns"]] == ["growth_rate", "industry_scale"]
    rows = {r["region"]: r for r in data["rows"]}
    # the national row first, then the provinces in code order, each followed by its cities
    assert [r["region"] for r in data["rows"]] == ["全国", "河北省", "辽宁省", "四川省", "成都市"]
    national = rows["全国"]["cells"]["growth_rate"]
    # the latest document's target, the older one counted
    assert (national["value"], national["year"], national["doc_number"]) == (20, 2027, "全发〔2025〕2号")
    assert national["others"] == 1 and national["relation"] is None and national["national"] is None
    sichuan = rows["四川省"]["cells"]["growth_rate"]
    assert (sichuan["value"], sichuan["doc_number"], sichuan["others"]) == (25, "四发〔2025〕4号", 1)
    assert sichuan["relation"] == "above" and sichuan["national"]["value"] == 20
    assert rows["辽宁省"]["cells"]["growth_rate"]["relation"] == "equal"  # ≥20% against >20%: the values tie
    assert rows["河北省"]["cells"]["growth_rate"]["relation"] == "below"
    scale = rows["四川省"]["cells"]["industry_scale"]
    assert (scale["fact_value"], scale["fact_year"], scale["percent_of_target"]) == (6.8e9, 2024, 45.3)
    assert scale["relation"] is None and scale["national"] is None  # totals are never compared
    hebei = rows["河北省"]["cells"]["industry_scale"]
    assert hebei["fact_value"] is None and hebei["percent_of_target"] is None  # 数据产业规模 is another quantity
    assert "growth_rate" not in rows["成都市"]["cells"]


def test_filters_keep_the_national_reference(db: Path, capsys) -> None:
    data = compare_json(capsys, db, "--region", "Sichuan", "--metric", "growth_rate")
    assert [r["region"] for r in data["rows"]] == ["全国", "四川省"]
    assert data["rows"][1]["cells"]["growth_rate"]["relation"] == "above"
    data = compare_json(capsys, db, "--by-year", "--metric", "growth_rate")
    assert [c["key"] for c in data["columns"]] == ["growth_rate_2027", "growth_rate_2029"]
    assert data["rows"][0]["cells"]["growth_rate_2029"]["value"] == 15
    assert [r["region"] for r in compare_json(capsys, db, "--level", "municipal")["rows"]] == ["全国", "成都市"]
    assert compare_json(capsys, db, "--year", "2026")["rows"][0]["region"] == "辽宁省"  # no national target in 2026


def test_by_year_keeps_a_target_without_a_year_under_its_metric() -> None:
    from policytrack.db.compare import assemble

    def target(region: str, year: int | None) -> dict:
        return {"region": region, "metric": "growth_rate", "year": year, "value": 20, "unit": "percent",
                "comparator": ">"}

    data = assemble([target("全国", None), target("示例省", 2027)], by_year=True)
    assert [c["key"] for c in data["columns"]] == ["growth_rate", "growth_rate_2027"]  # not growth_rate_None
    assert [sorted(r["cells"]) for r in data["rows"]] == [["growth_rate"], ["growth_rate_2027"]]


def test_table_and_csv(db: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = run_cli(capsys, "compare", "--db", str(db))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["region", "growth_rate", "industry_scale", "documents"]
    assert lines[2].split()[:3] == ["全国", ">20%", "2027"]
    assert ">25% 2027 ↑ +1" in out and ">150亿元 2027 (45.3%)" in out and "↑ = ↓" in err
    code, out, _ = run_cli(capsys, "compare", "--db", str(db), "--csv")
    table = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["region"] for r in table] == ["全国", "河北省", "辽宁省", "四川省", "成都市"]
    assert table[3]["growth_rate_value"] == "25.0" and table[3]["growth_rate_relation"] == "above"
    assert table[3]["industry_scale_percent_of_target"] == "45.3" and table[4]["growth_rate_value"] == ""


def test_markdown_escapes_and_links(db: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "compare", "--db", str(db), "--md")
    lines = out.splitlines()
    assert lines[0] == "| region | growth\\_rate | industry\\_scale | documents |"
    sichuan = next(line for line in lines if line.startswith("| 四川省 "))
    assert sichuan.count(" | ") == 3  # a | in a title cannot add a cell
    assert ">25% by 2027, above the national >20% (+1 more)" in sichuan
    assert ">150亿元 by 2027; 2024: ~68亿元, 45.3% of the target" in sichuan
    assert "[四发〔2025〕4号](https://四川省.gov.cn/4.html)" in sichuan


def test_in_english_no_chinese_in_the_labels(db: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    _, out, _ = run_cli(capsys, "compare", "--db", str(db), "--lang", "en")
    lines = out.splitlines()
    assert lines[0].split() == ["region", "growth", "rate", "industry", "scale", "documents"]
    assert [line.split()[0] for line in lines[2:]] == ["China", "Hebei", "Liaoning", "Sichuan", "Chengdu"]
    assert all(not HAN.search(line.rsplit("  ", 1)[0]) for line in lines)  # only the 发文字号 stay Chinese
    assert ">CNY 15 bn 2027 (45.3%)" in out
    data = compare_json(capsys, db, "--lang", "en")
    assert data["rows"][3]["region"] == "四川省" and data["rows"][3]["region_en"] == "Sichuan"
    assert data["columns"][0]["metric_en"] == "growth rate"
    cell = data["rows"][3]["cells"]["growth_rate"]
    assert cell["relation_en"] == "above" and cell["title"] == HOSTILE and cell["title_en"] == ""
    _, md, _ = run_cli(capsys, "compare", "--db", str(db), "--md", "--lang", "en")
    assert md.splitlines()[0] == "| region | growth rate | industry scale | documents |"


def test_html_tile_map(db: Path, capsys, tmp_path: Path) -> None:
    page = tmp_path / "compare.html"
    code, _, err = run_cli(capsys, "compare", "--db", str(db), "--format", "html", "--metric", "industry_scale",
                           "-o", str(page))
    assert code == 0 and "wrote 4 regions × 1 columns" in err
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "<script" not in html and HOSTILE not in html
    assert html.count('<g class="tile') == len(PROVINCES) == len(TILES) == 34
    assert len(set(TILES.values())) == 34  # one square each
    assert html.count('class="tile has-target') == 3  # the map shows industry_scale: 河北, 辽宁, 四川
    assert f'fill="{shade(1.0)}"' in html and f'fill="{shade(0.15)}"' in html  # 四川 the highest, 辽宁 the lowest
    tip = re.search(r"<title>(四川省: [^<]*)</title>", html).group(1)
    assert "数据标注产业规模 &gt;150亿元 by 2027" in tip and "成都市: 数据标注产业规模 ≥80亿元 by 2027" in tip
    code, out, _ = run_cli(capsys, "compare", "--db", str(db), "-f", "html", "--map-by", "relation", "--lang", "en")
    assert out.count(f'fill="{RELATION_COLOURS["above"]}"') == 1 and out.count(RELATION_COLOURS["below"]) == 2
    assert '<html lang="en">' in out and ">Sichuan</text>" in out and "growth rate, by relation" in out


def test_usage_errors(db: Path, capsys, tmp_path: Path) -> None:
    for args in (("--json", "--csv"), ("--md", "--format", "html"), ("-o", str(tmp_path / "x.txt")),
                 ("--metric", "speed"), ("--map-by", "colour")):
        code, _, err = run_cli(capsys, "compare", "--db", str(db), *args)
        assert code == 2, (args, err)


def test_on_a_replayed_store(capsys, tmp_path: Path, no_network) -> None:
    db = tmp_path / "nat.db"
    fixture = Path(__file__).parent / "fixtures" / "national.warc.gz"
    assert run_cli(capsys, "fetch", "--db", str(db), "--replay", str(fixture), "--level", "national")[0] == 0
    data = compare_json(capsys, db)
    assert [r["region"] for r in data["rows"]] == ["全国"]
    cell = data["rows"][0]["cells"]["growth_rate"]
    assert (cell["doc_number"], cell["value"], cell["others"]) == ("发改数据〔2024〕1822号", 20, 3)


def test_the_map_in_a_browser(db: Path, capsys, tmp_path: Path) -> None:
    """Headless Chromium: every tile is in the DOM, no markup from a title ran, and the coloured tiles are drawn
    (one shape of each relation's colour per province in it, plus its legend swatch)."""
    from tests.test_timeline_browser import CHROMIUM, Elements, blobs, chromium

    if CHROMIUM is None:
        pytest.skip("no Chromium installed")
    page, shot = tmp_path / "compare.html", tmp_path / "compare.png"
    run_cli(capsys, "compare", "--db", str(db), "-f", "html", "--map-by", "relation", "-o", str(page))
    result = chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = Elements(result.stdout)
    assert result.returncode == 0 and dom.title == "数据标注产业目标比较"
    assert dom.with_class("g", "tile") == 34 and dom.with_class("g", "tile has-target") == 3
    assert [t for t, _ in dom.elements if t in ("script", "img", "iframe", "object")] == []
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1100,1200", page.as_uri())
    png = shot.read_bytes()
    assert blobs(png, RELATION_COLOURS["above"]) == 2  # 四川, and the legend
    assert blobs(png, RELATION_COLOURS["below"]) == 2  # 河北, and the legend
    assert blobs(png, RELATION_COLOURS["equal"]) == 2  # 辽宁, and the legend
