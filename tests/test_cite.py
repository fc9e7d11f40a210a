"""`cite`: citations parsed back by bibtexparser and a RIS reader, CSL-JSON validated against the CSL schema
(vendored in tests/fixtures/research), and GB/T 7714-2015 in the form Chinese journals print."""

from __future__ import annotations

import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from policytrack.cli.citation_formats import cite_key, gbt7714, keyed, render, write_csl_json
from policytrack.db.store import Store
from tests.conftest import run_cli
from tests.realistic_store import HOSTILE, build

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "research" / "csl-data.json").read_text(encoding="utf-8"))
NATIONAL_URL = "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202501/t20250113_1395515.html"
OPINION = {"id": 1, "title": "关于促进数据标注产业高质量发展的实施意见", "doc_number": "发改数据〔2024〕1822号",
           "issuer": "国家发展改革委 国家数据局 财政部 人力资源社会保障部", "region": "全国", "level": "national",
           "written_date": "2024-12-26", "published_date": "2025-01-13", "url": NATIONAL_URL,
           "last_seen": "2026-12-02T06:55:41Z"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("cite") / "demo.db")


def validate_csl(items: list) -> None:
    jsonschema.validate(items, SCHEMA, cls=jsonschema.Draft7Validator)


def test_gbt7714_as_journals_print_it() -> None:
    assert gbt7714(OPINION) == (
        "国家发展改革委, 国家数据局, 财政部, 等. 关于促进数据标注产业高质量发展的实施意见: 发改数据〔2024〕1822号"
        f"[EB/OL]. (2025-01-13)[2026-12-02]. {NATIONAL_URL}.")
    three = {**OPINION, "issuer": "国家发展改革委 国家数据局 财政部", "doc_number": None}
    assert gbt7714(three, accessed_on="2027-01-05").startswith(
        "国家发展改革委, 国家数据局, 财政部. 关于促进数据标注产业高质量发展的实施意见[EB/OL]. "
        "(2025-01-13)[2027-01-05].")
    assert gbt7714(OPINION, lang="en").startswith(
        "National Development and Reform Commission, National Data Administration, Ministry of Finance, et al. "
        "关于促进数据标注产业高质量发展的实施意见: 发改数据〔2024〕1822号[EB/OL].")


def test_keys_are_ascii_and_unique() -> None:
    assert cite_key(OPINION) == "ndrc2024_1822"
    sichuan = {**OPINION, "issuer": "四川省人民政府办公厅", "region": "四川省", "doc_number": "川办发〔2025〕9号"}
    assert cite_key(sichuan) == "sichuan2025_9"
    assert [k for k, _ in keyed([OPINION, OPINION])] == ["ndrc2024_1822", "ndrc2024_1822b"]
    no_number = cite_key({**OPINION, "doc_number": None})
    assert no_number.startswith("ndrc2025_") and no_number.isascii()


def test_bibtex_parses_back() -> None:
    hostile = {**OPINION, "title": "关于{数据}标注 50% & #1_a$b~c^d\\e的通知"}
    library = bibtexparser.parse_string(render([OPINION, hostile], "bibtex"))
    assert library.failed_blocks == [] and len(library.entries) == 2
    entry = library.entries[0]
    assert entry.entry_type == "online" and entry.key == "ndrc2024_1822"
    assert entry["author"] == "{国家发展改革委} and {国家数据局} and {财政部} and {人力资源社会保障部}"
    assert entry["title"] == OPINION["title"] and entry["number"] == "发改数据〔2024〕1822号"
    assert (entry["date"], entry["year"], entry["origdate"]) == ("2025-01-13", "2025", "2024-12-26")
    assert (entry["url"], entry["urldate"]) == (NATIONAL_URL, "2026-12-02")
    assert library.entries[1]["title"] == r"关于\{数据\}标注 50\% \& \#1\_a\$b\textasciitilde{}c" \
                                          r"\textasciicircum{}d\textbackslash{}e的通知"


def test_ris_parses_back() -> None:
    entries = rispy.loads(render([OPINION, OPINION], "ris"))
    assert len(entries) == 2
    e = entries[0]
    assert e["type_of_reference"] == "GOVDOC" and e["id"] == "ndrc2024_1822"
    assert e["authors"] == ["国家发展改革委", "国家数据局", "财政部", "人力资源社会保障部"]
    assert (e["title"], e["number"], e["year"], e["date"]) == (OPINION["title"], "发改数据〔2024〕1822号", "2025",
                                                               "2025/01/13")
    assert e["urls"] == [NATIONAL_URL] and e["access_date"] == "2026/12/02" and e["notes"] == ["成文日期 2024-12-26"]


def test_csl_json_is_valid_against_the_schema() -> None:
    items = json.loads(render([OPINION], "csl-json"))
    validate_csl(items)
    item = items[0]
    assert item["type"] == "legislation" and item["number"] == "发改数据〔2024〕1822号"
    assert item["author"][0] == {"literal": "国家发展改革委"}
    assert item["authority"].startswith("国家发展改革委, 国家数据局")
    assert item["issued"] == {"date-parts": [[2025, 1, 13]]}
    assert item["original-date"] == {"date-parts": [[2024, 12, 26]]}
    assert item["accessed"] == {"date-parts": [[2026, 12, 2]]} and item["URL"] == NATIONAL_URL
    with pytest.raises(jsonschema.ValidationError):  # the schema does refuse what it should
        validate_csl([{**item, "title_en": ""}])
    english = json.loads(render([{**OPINION, "title_en": "Opinions on the data-annotation industry"}], "csl-json",
                                lang="en"))
    validate_csl(english)
    assert english[0]["author"][1] == {"literal": "National Data Administration"}
    assert english[0]["title"] == OPINION["title"] and english[0]["translated-title"].startswith("Opinions")


def test_the_command_on_the_demo_store(demo: Path, capsys, tmp_path: Path) -> None:
    code, out, _ = run_cli(capsys, "cite", "--db", str(demo), "发改数据[2024]1822号")
    assert code == 0 and out.startswith("国家发展改革委, 国家数据局, 财政部, 等. 关于促进数据标注产业")
    assert "(2025-01-13)[2026-03-02]" in out  # accessed: the day the store last saw it
    code, out, _ = run_cli(capsys, "cite", "--db", str(demo), "--format", "bibtex")
    library = bibtexparser.parse_string(out)
    assert library.failed_blocks == [] and len(library.entries) == 13  # every document, the hostile title too
    assert any(e["title"].startswith("关于<script>") for e in library.entries)
    code, out, _ = run_cli(capsys, "cite", "--db", str(demo), "--region", "Shanxi", "-f", "ris", "--lang", "en")
    entries = rispy.loads(out)
    assert [e["authors"] for e in entries] == [["Shanxi Provincial People's Government"],
                                               ["General Office of the Datong Municipal People's Government"],
                                               ["General Office of the Datong Municipal People's Government"],
                                               ["General Office of the Shanxi Provincial People's Government"]]
    page = tmp_path / "all.json"
    code, _, err = run_cli(capsys, "cite", "--db", str(demo), "-f", "csl-json", "--accessed", "2026-12-02",
                           "-o", str(page))
    items = json.loads(page.read_text(encoding="utf-8"))
    validate_csl(items)
    assert code == 0 and "wrote 13 citations" in err and {i["accessed"]["date-parts"][0][0] for i in items} == {2026}
    assert any(i["title"] == HOSTILE for i in items)


def test_the_export_writer_is_csl_json(demo: Path) -> None:
    with Store(demo, readonly=True) as store:
        table = store.dataset.export_table("documents")
        documents = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    fh = io.StringIO()
    assert write_csl_json(fh, documents) == len(documents) == 13
    validate_csl(json.loads(fh.getvalue()))


def test_export_csl_json_for_zotero(demo: Path, capsys, tmp_path: Path) -> None:
    out = tmp_path / "zotero.json"
    code, _, err = run_cli(capsys, "export", "--db", str(demo), "--format", "csl-json", "-o", str(out))
    items = json.loads(out.read_text(encoding="utf-8"))
    validate_csl(items)
    assert code == 0 and len(items) == 13 and "13 documents" in err


def test_on_a_replayed_store(capsys, tmp_path: Path, no_network) -> None:
    db = tmp_path / "nat.db"
    fixture = Path(__file__).parent / "fixtures" / "national.warc.gz"
    assert run_cli(capsys, "fetch", "--db", str(db), "--replay", str(fixture), "--level", "national")[0] == 0
    for fmt in ("bibtex", "ris", "csl-json", "gbt7714"):
        code, out, _ = run_cli(capsys, "cite", "--db", str(db), "-f", fmt)
        assert code == 0
        if fmt == "bibtex":
            assert len(bibtexparser.parse_string(out).entries) == 4
        elif fmt == "ris":
            assert len(rispy.loads(out)) == 4
        elif fmt == "csl-json":
            validate_csl(json.loads(out))
        else:
            assert out.count("[EB/OL]") == 4 and "发改数据〔2024〕1822号[EB/OL]" in out


def test_errors(demo: Path, capsys) -> None:
    assert run_cli(capsys, "cite", "--db", str(demo), "999")[0] == 1
    assert run_cli(capsys, "cite", "--db", str(demo), "1", "--accessed", "2026-13-01")[0] == 2
    assert run_cli(capsys, "cite", "--db", str(demo), "1", "--accessed", "2026")[0] == 2
    assert run_cli(capsys, "cite", "--db", str(demo), "1", "--format", "apa")[0] == 2
    assert run_cli(capsys, "cite", "--db", str(demo), "1", "--region", "四川")[0] == 2
