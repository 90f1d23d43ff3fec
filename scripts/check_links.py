"""Check that every relative link and #anchor in README.md and docs/ resolves.

    uv run python scripts/check_links.py [FILE.md ...]

A link to a file must name one that exists (relative to the page that links to it); a link
with an #anchor into a Markdown page must name one of that page's headings, as GitHub writes
its anchors. Links to other sites are not followed. Prints each broken link with its page and
line, and exits 1 if there is one.
"""

import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
INLINE_CODE = re.compile(r"`[^`]*`")
# [text](target "title") and ![alt](target), and reference definitions: [name]: target
INLINE_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
)
REFERENCE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$")
HTML_LINK = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)=["']([^"']+)["']""", re.IGNORECASE)


def lines_outside_code(text):
    """(line number, line) for every line that is not inside a fenced code block."""
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, line


def github_anchor(heading):
    """The anchor GitHub gives a heading: its text in lower case, without punctuation other
    than hyphens and underscores, spaces as hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    kept = "".join(
        char for char in text if char in " -_" or unicodedata.category(char)[0] in {"L", "N", "M"}
    )
    return kept.replace(" ", "-")


def anchors(path):
    found, seen = set(), Counter()
    for _, line in lines_outside_code(path.read_text(encoding="utf-8")):
        if match := HEADING.match(line):
            anchor = github_anchor(match[2])
            found.add(f"{anchor}-{seen[anchor]}" if seen[anchor] else anchor)
            seen[anchor] += 1
    return found


def links(path):
    """(line number, target) for every link on the page."""
    for number, line in lines_outside_code(path.read_text(encoding="utf-8")):
        if match := REFERENCE.match(line):
            yield number, match[1]
            continue
        line = INLINE_CODE.sub("", line)
        for pattern in (INLINE_LINK, HTML_LINK):
            for match in pattern.finditer(line):
                yield number, match[1]


def broken_links(page):
    """'page:line: target (why)' for each link on the page that does not resolve."""
    problems = []
    for number, target in links(page):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc:
            continue
        linked = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        where = f"{os.path.relpath(page, ROOT)}:{number}: {target}"
        if not linked.exists():
            problems.append(f"{where} (no such file)")
        elif linked.suffix == ".md" and parts.fragment not in {"", *anchors(linked)}:
            problems.append(f"{where} (no such heading in {linked.name})")
    return problems


def documentation_pages():
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def main(arguments):
    pages = [Path(name).resolve() for name in arguments] or documentation_pages()
    problems = [problem for page in pages for problem in broken_links(page)]
    for problem in problems:
        print(problem)
    print(f"{len(pages)} pages checked: {len(problems) or 'no'} broken links")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
