"""Every relative link and #anchor in README.md and docs/ resolves (scripts/check_links.py,
which `make lint` runs)."""

from scripts.check_links import broken_links, documentation_pages, github_anchor


def test_the_documentation_has_no_broken_links():
    pages = documentation_pages()
    assert len(pages) > 5
    assert [problem for page in pages for problem in broken_links(page)] == []


def test_anchors_are_written_as_github_writes_them():
    assert github_anchor("Load and faults, measured") == "load-and-faults-measured"
    assert github_anchor("`make test`: the suite") == "make-test-the-suite"
    assert github_anchor("Import and export the programme (CSV, frab)") == (
        "import-and-export-the-programme-csv-frab"
    )
    assert github_anchor("Speed and [Lighthouse](x.md)") == "speed-and-lighthouse"


def test_the_check_finds_missing_files_and_headings(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n\n## Twice\n\n## Twice\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n"
        "[fine](other.md#twice-1) [fine too](#page) [away](https://example.org/x.md#nope)\n"
        "[no file](missing.md) ![no image](img/missing.webp)\n"
        "[no heading](other.md#thrice) [not here](#nowhere)\n"
        "```\n[in code](missing-too.md)\n```\n"
        "`[inline code](missing-three.md)`\n"
        '[ref]: other.md#other\n<a href="gone.html">html</a>\n'
    )
    problems = [problem.split(": ", 1)[1] for problem in broken_links(page)]
    assert problems == [
        "missing.md (no such file)",
        "img/missing.webp (no such file)",
        "other.md#thrice (no such heading in other.md)",
        "#nowhere (no such heading in page.md)",
        "gone.html (no such file)",
    ]
