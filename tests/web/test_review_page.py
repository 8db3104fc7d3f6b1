"""The review page speaks plainly: the user's own unit first, filters and a search, indicators and
units given by their names."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

Client = Callable[[str | None], TestClient]


def test_the_editor_starts_on_their_unit_and_can_search(client_as: Client) -> None:
    client = client_as("bientap")
    page = client.get("/ra-soat").text
    assert re.search(r'<option value="\d+" selected>Huyện Mường Tè</option>', page)
    files = set(re.findall(r'(\d{3}_[0-9a-f]{16}\.txt), dòng', page))
    assert files and files <= {f for f in files if f.startswith(("002_", "004_"))}  # Mường Tè's reports only
    shown = re.sub(r"<[^>]*>", " ", page)  # what a reader sees, tooltips aside
    tooltips = " ".join(re.findall(r'title="([^"]*)"', page))
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", shown + tooltips), "catalogue ids shown to the user"
    assert "mã số trong hệ thống" not in page
    found = client.get("/ra-soat", params={"q": "lương thực", "unit": ""}).text
    rows = re.findall(r'<tr id="O\d+">(.*?)</tr>', found, re.S)
    assert rows and all("lương thực" in r.lower() for r in rows)


def test_a_figure_is_moved_to_an_indicator_and_a_unit_by_their_names(client_as: Client) -> None:
    client = client_as("bientap")
    page = client.get("/ra-soat").text  # the editor's own unit
    obs = re.search(r'<tr id="O(\d+)">(?:(?!</tr>).)*?class="correct"', page, re.S)
    assert obs
    name = re.search(r'<option value="(Tổng sản lượng lương thực[^"]*)">', page)  # the list the form offers
    assert name
    client.post(f"/ra-soat/{obs.group(1)}", data={"field": "indicator_id", "new_value": name.group(1),
                                                 "reason": "Đúng chỉ tiêu"})
    history = client.get("/ra-soat", params={"observation": obs.group(1)}).text
    assert f"<td>{name.group(1)}</td>" in history and "Đúng chỉ tiêu" in history
    refused = client.post(f"/ra-soat/{obs.group(1)}", data={"field": "admin_unit_id", "new_value": "Mường Ảng",
                                                            "reason": "x"})
    assert refused.status_code == 403  # another district: not the editor's to change
    moved = client.post(f"/ra-soat/{obs.group(1)}", data={"field": "admin_unit_id", "new_value": "Mường Tè",
                                                          "reason": "Cùng huyện"})
    assert moved.status_code == 200 and "Cùng huyện" in moved.text
