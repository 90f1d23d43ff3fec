"""What the benchmarks (manage.py bench and bench_directory) share: the --budget and
--format options and the table they print, as text or Markdown."""


def add_budget_and_format_arguments(parser):
    parser.add_argument(
        "--budget",
        type=float,
        default=30,
        help="Seconds after which a median is taken of fewer requests (at least 3).",
    )
    parser.add_argument("--format", choices=["text", "markdown"], default="text")


def milliseconds_format(value):
    return "{:,.0f}" if value >= 100 else "{:.1f}" if value >= 10 else "{:.2f}"


def table_lines(columns, values, *, format, header=False, widths=None):
    """The lines of one row: `columns` are (name, pattern) pairs, a pattern of None for
    milliseconds; the header row's values are the names. Text columns are `widths` wide (by
    default their name's length, at least 8), the second aligned left, the others right."""
    cells = [
        value if header else (pattern or milliseconds_format(value)).format(value)
        for value, (_, pattern) in zip(values, columns, strict=True)
    ]
    if format == "markdown":
        lines = ["| " + " | ".join(cells) + " |"]
        if header:
            lines.append("|---|---|" + "---:|" * (len(cells) - 2))
        return lines
    widths = widths or [max(len(name), 8) for name, _ in columns]
    return [
        "  ".join(
            cell.ljust(width) if index == 1 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
    ]
