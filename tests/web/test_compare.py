"""Comparing a unit's Biểu of two years, and two drafts of one report, value by value: the service, the
pages reached by their visible links, and the JSON twin."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

from fastapi.testclient import TestClient

from chitieu.domain.names import fold
from chitieu.services import compare
from chitieu.services.bieu_check import bieu_sheet
from chitieu.services.database import connect
from tests.conftest import SAMPLES

Client = Callable[[str | None], TestClient]
# Mường Ảng's political report, stored as 'Dự thảo lần 2'; the test makes its 'lần 1' from it
SECOND = sorted(SAMPLES.glob("000_*.txt"))[0]
CHANGED_ROW = "Diện tích cà phê có hiệu quả"
DROPPED_ROW = "Phát triển cây ăn quả"


def _first_draft() -> tuple[str, dict[str, str]]:
    """The report as an earlier draft: another draft marker, one row's results changed (the old values
    returned), one row missing."""
    text = SECOND.read_text(encoding="utf-8").replace("(Dự thảo lần 2)", "(Dự thảo lần 1)", 1)
    lines = text.split("\n")
    changed_at = next(i for i, line in enumerate(lines) if f"\t{CHANGED_ROW}\t" in line)
    cells = lines[changed_at].split("\t")
    old = {cells[3]: "2.700 ha", cells[4]: "2.700 ha"}  # the two results
    cells[3:5] = ["2.700 ha", "2.700 ha"]
    lines[changed_at] = "\t".join(cells)
    lines = [line for line in lines if f"\t{DROPPED_ROW}\t" not in line]
    return "\n".join(lines), old


def _upload(client: TestClient, name: str, text: str) -> int:
    response = client.post("/van-ban", files={"file": (name, text.encode("utf-8"), "text/plain")},
                           follow_redirects=False)
    assert response.status_code == 303
    found = re.fullmatch(r"/van-ban/(\d+)", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def _stored_id(client: TestClient, file_name: str) -> int:
    return next(d["id"] for d in client.get("/api/v1/documents").json() if d["file_name"] == file_name)


def test_two_drafts_compared_value_by_value(client_as: Client, web_db: str) -> None:
    client = client_as("quantri")
    text, _ = _first_draft()
    first = _upload(client, "du-thao-lan-1.txt", text)
    second = _stored_id(client, SECOND.name)
    db = connect(web_db)
    try:
        labels = [v.label for v in compare.versions(db, second)]
        assert labels == ["Dự thảo lần 1", "Dự thảo lần 2"]  # linked as one report, earlier draft first
        assert compare.ordered(db, second, first) == (first, second)
        result = compare.compare_documents(db, first, second)
        values = {d: [v for v in _values(db, d)] for d in (first, second)}
    finally:
        db.close()
    changed = [c for c in result.changes if c.kind == "changed"]
    assert {c.name for c in changed} == {CHANGED_ROW}
    assert all(c.before and c.after and c.before.text.startswith("2.700") and c.after.text.startswith("2.815")
               for c in changed)
    assert all(c.delta is not None and abs(c.delta - 115) < 1e-6 for c in changed)
    added = [c for c in result.changes if c.kind == "added"]
    # every value of the row only the later draft has, and nothing else
    dropped_values = [v for v in values[second] if v[0] == DROPPED_ROW]
    assert len(added) == len(dropped_values) > 0 and {c.name for c in added} == {DROPPED_ROW}
    assert result.count("removed") == 0
    # everything else is found again unchanged: the two drafts' figures all accounted for
    assert result.same + len(changed) == len(values[first])
    assert result.same + len(changed) + len(added) == len(values[second])


def _values(db: object, document_id: int) -> list[tuple[str, float | None]]:
    from chitieu.store import observations

    assert hasattr(db, "transaction")
    with db.transaction() as session:
        return [(v.raw_name, v.value) for v in observations.stored_values(session, document_ids=[document_id])]


def test_the_draft_comparison_page_is_linked_from_the_document_and_links_the_sources(client_as: Client) -> None:
    client = client_as("quantri")
    text, _ = _first_draft()
    first = _upload(client, "du-thao-lan-1.txt", text)
    page = client.get(f"/van-ban/{first}").text
    link = re.search(r'<a class="compare-version" href="([^"]+)">([^<]+)</a>', page)
    assert link and "Dự thảo lần 2" in link.group(2)
    compared = client.get(unescape(link.group(1)))
    assert compared.status_code == 200
    html = compared.text
    assert "Dự thảo lần 1" in html and "Dự thảo lần 2" in html
    row = html[html.index(f'<td class="name" data-label="Chỉ tiêu">{CHANGED_ROW}'):]
    row = row[:row.index("</tr>")]
    assert "Thay đổi" in row and "2.700" in row and "2.815" in row
    sources = re.findall(r'href="(/van-ban/(\d+)#(L\d+(?:c\d+)?|O\d+))"', row)
    assert len(sources) == 2 and {int(d) for _, d, _ in sources} == {first, _stored_id(client, SECOND.name)}
    for _, doc, anchor in sources:  # one click from the change to the place it was read
        assert f'id="{anchor}"' in client.get(f"/van-ban/{doc}").text
    only_added = client.get(unescape(link.group(1)) + "&only=added").text
    assert f">{DROPPED_ROW}" in only_added and f">{CHANGED_ROW}" not in only_added
    twin = client.get("/api/v1/compare/documents", params={"a": first, "b": _stored_id(client, SECOND.name)}).json()
    assert twin["counts"]["changed"] == html.count('<tr class="change-changed">')
    assert {c["name"] for c in twin["changes"] if c["kind"] == "added"} == {DROPPED_ROW}


def test_this_year_against_last_year(client_as: Client, web_db: str) -> None:
    client = client_as("bientap")
    unit = next(u["id"] for u in client.get("/api/v1/units").json() if u["name"] == "Mường Tè"
                and u["level"] == "huyen")
    page = client.get("/bieu", params={"unit": unit, "period": "2024"}).text
    link = re.search(r'<a class="button" id="compare-previous" href="([^"]+)">([^<]+)</a>', page)
    assert link and "2023" in link.group(2)
    html = client.get(unescape(link.group(1))).text
    db = connect(web_db)
    try:
        result = compare.compare_bieu(db, unit, "2024", "2023")
        before, after = bieu_sheet(db, unit, "2023"), bieu_sheet(db, unit, "2024")
    finally:
        db.close()
    goals_before = {r.row.indicator_id: r.row.goal for r in before.indicator_rows}
    goals_after = {r.row.indicator_id: r.row.goal for r in after.indicator_rows}
    by_name = {fold(r.row.name): r.row.indicator_id for s in (before, after) for r in s.indicator_rows}
    # every goal that differs between the two years' Biểu is listed with both values, and only those
    expected = {i for i in goals_after if i in goals_before and goals_before[i] and goals_after[i]
                and goals_before[i] != goals_after[i]}
    listed = {by_name[fold(c.name)] for c in result.changes if c.kind == "changed" and c.what == "Kế hoạch / mục tiêu"}
    assert listed == expected and expected
    for c in result.changes:
        if c.kind == "changed" and c.what == "Kế hoạch / mục tiêu":
            indicator = by_name[fold(c.name)]
            assert c.before and c.after
            assert (c.before.text, c.after.text) == (goals_before[indicator], goals_after[indicator])
            assert c.after.document_id and c.after.anchor  # its source one click away
    assert "So sánh biểu Mường Tè: kỳ 2023 và kỳ 2024" in html
    assert html.count('<tr class="change-') == len(result.changes)
    twin = client.get("/api/v1/compare/bieu", params={"unit": unit, "period": "2024"}).json()
    assert twin["other"] == "2023" and twin["counts"] == result.counts


def test_a_period_without_an_earlier_one_says_so(client_as: Client) -> None:
    client = client_as("bientap")
    unit = next(u["id"] for u in client.get("/api/v1/units").json() if u["name"] == "Mường Tè"
                and u["level"] == "huyen")
    assert 'id="compare-previous"' not in client.get("/bieu", params={"unit": unit, "period": "2023"}).text
    response = client.get("/so-sanh/bieu", params={"unit": unit, "period": "2023"})
    assert response.status_code == 400 and "chưa có biểu của kỳ nào trước kỳ 2023" in response.text
