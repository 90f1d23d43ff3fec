"""Pages travel gzip-compressed to browsers that ask for it, and plain to those that do not."""

import gzip

from bs4 import BeautifulSoup


def test_page_is_gzip_encoded_when_the_browser_accepts_it(client, edition):
    response = client.get(edition.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content)
    assert len(response.content) < len(html)
    page = BeautifulSoup(html, "html.parser")
    assert page.find("h1").get_text(strip=True) == "IWT Conference 2027"


def test_page_is_plain_when_the_browser_does_not_ask_for_gzip(client, edition):
    response = client.get(edition.url)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "IWT Conference 2027"
