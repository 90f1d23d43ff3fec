"""Checks run inside a page (axe-core and page_checks.js), and reports a developer can act on."""

from pathlib import Path

import pytest

from tests.browser.demo import PROJECT

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGE_CHECKS = Path(__file__).with_name("page_checks.js")
MINIMUM_TARGET = 24  # CSS pixels, WCAG 2.2 success criterion 2.5.8


def axe_violations(page):
    """axe-core's violations on this page, the Wagtail userbar (an editor's tool) left out."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci`")
    page.add_script_tag(path=AXE)
    return page.evaluate(
        """tags => axe.run(
            {exclude: [["wagtail-userbar"]]},
            {runOnly: {type: "tag", values: tags}},
        ).then(results => results.violations.map(violation => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            helpUrl: violation.helpUrl,
            nodes: violation.nodes.map(node => ({
                target: node.target.join(" "),
                html: node.html,
                summary: node.failureSummary,
            })),
        })))""",
        AXE_TAGS,
    )


def axe_report(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {node['target']}")
            lines.append(f"    {node['html']}")
            lines.extend(f"    {line}" for line in node["summary"].splitlines())
    return "\n".join(lines)


def run_check(page, name, *args):
    """Call one of page_checks.js's checks in the page, injecting it first if need be."""
    if not page.evaluate("Boolean(window.pageChecks)"):
        page.add_script_tag(path=PAGE_CHECKS)
    return page.evaluate(f"args => pageChecks.{name}(...args)", list(args))


def element_report(elements, extra=lambda element: ""):
    return "\n".join(
        f"  - {element['selector']} ({element['width']}×{element['height']} px, "
        f"left {element['left']}, right {element['right']}){extra(element)}\n"
        f"    {element['html']}"
        for element in elements
    )


def heading_outline(headings):
    return "\n".join(
        f"  {'  ' * (heading['level'] - 1)}h{heading['level']} {heading['text']!r}"
        f"  ({heading['selector']})"
        for heading in headings
    )


def skipped_levels(headings):
    """Headings more than one level below the one before (the first counts as after an h1)."""
    previous = 1
    skipped = []
    for heading in headings:
        if heading["level"] > previous + 1:
            skipped.append(heading)
        previous = heading["level"]
    return skipped


def focus_is_visible(focused):
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    return outline or focused["boxShadow"] != "none"
