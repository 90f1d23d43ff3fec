"""Reading rendered pages the way a visitor would: through an HTML parser."""

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def texts(nodes):
    return [node.get_text(" ", strip=True) for node in nodes]


def session_titles(response):
    return texts(soup(response).select(".session__title a"))
