"""Reading the web app's pages in tests through the Flask client: a page's HTML (its status and
type checked), its ward cards, links and ids, its text without tags, and a JSON answer."""

from __future__ import annotations

import re
from html.parser import HTMLParser


def page(client, url, status=200, **params) -> str:
    resp = client.get(url, query_string=params or None)
    assert resp.status_code == status, (url, resp.status_code, resp.data[:500])
    assert resp.mimetype == "text/html"
    return resp.get_data(as_text=True)


class Cards(HTMLParser):
    """Collects data-ward of ward cards and every href."""

    def __init__(self):
        super().__init__()
        self.wards: list[str] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and "ward-card" in (a.get("class") or ""):
            self.wards.append(a.get("data-ward"))
        if tag == "article" and "similar-card" in (a.get("class") or ""):
            self.wards.append(a.get("data-ward"))
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if a.get("id"):
            self.ids.add(a["id"])


def parse(html: str) -> Cards:
    p = Cards()
    p.feed(html)
    return p


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def result_hits(html: str) -> list[str]:
    """The inner HTML of each result of a result list page, in order."""
    return re.findall(r'<li class="hit">(.*?)</li>', html, re.S)


def api(client, url, **params):
    resp = client.get(url, query_string=params)
    assert resp.status_code == 200
    return resp.get_json()


def search_api(client, **params) -> dict:
    """The JSON answer of /api/search for these parameters (a 200 is asserted)."""
    resp = client.get("/api/search", query_string=params)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()
