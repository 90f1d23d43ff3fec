"""Reading rendered pages the way a visitor would: through an HTML parser."""

from bs4 import BeautifulSoup

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def texts(nodes):
    return [node.get_text(" ", strip=True) for node in nodes]


def session_titles(response):
    return texts(soup(response).select(".session__title a"))


def head_of(response):
    """(<title>, {meta name or property: content}, [canonical hrefs], robots or None)."""
    assert response.status_code == 200
    head = soup(response).head
    metas = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in head.select("meta[property], meta[name]")
    }
    canonical = [link["href"] for link in head.select('link[rel="canonical"]')]
    robots = [tag["content"] for tag in head.select('meta[name="robots"]')]
    assert robots in ([], ["noindex"])
    return head.title.get_text(), metas, canonical, "noindex" if robots else None
