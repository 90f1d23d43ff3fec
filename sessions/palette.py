"""Colours for new tracks: distinct from the edition's other tracks, and each with at least
3:1 contrast (WCAG 2 non-text contrast) against the page in both the light and dark theme.

The palette's colours all have a relative luminance near 0.2, about 4:1 against both the
light backgrounds and the dark ones. Past the palette, hues are turned by the golden angle
at that same luminance and each colour is checked before it is used.
"""

import colorsys

# --bg and --surface of static/css/site.css, light theme then dark (tests check they match).
BACKGROUNDS = ("#fbfaf7", "#ffffff", "#121614", "#1b201e")
MIN_CONTRAST = 3.0
PALETTE = (
    "#198e53",  # green
    "#267dd5",  # blue
    "#dc398a",  # pink
    "#b46a20",  # orange
    "#9e5ae2",  # purple
    "#188a8a",  # teal
    "#de4444",  # red
    "#7f7f16",  # olive
    "#677e95",  # slate
    "#6d6de5",  # indigo
    "#947759",  # taupe
    "#518a18",  # leaf
)
TARGET_LUMINANCE = 0.2
GOLDEN_ANGLE = 137.508


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (_linear(int(colour[index : index + 2], 16)) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted(map(relative_luminance, (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on_every_background(colour: str) -> bool:
    return all(contrast_ratio(colour, bg) >= MIN_CONTRAST for bg in BACKGROUNDS)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


def colour_at_hue(hue: float, saturation: float = 0.7) -> str:
    """The colour of this hue (degrees) and saturation whose luminance is TARGET_LUMINANCE."""
    low, high = 0.0, 1.0
    for _ in range(30):  # HLS lightness by bisection: luminance grows with it
        middle = (low + high) / 2
        if relative_luminance(_hex(*colorsys.hls_to_rgb(hue / 360, middle, saturation))) < (
            TARGET_LUMINANCE
        ):
            low = middle
        else:
            high = middle
    return _hex(*colorsys.hls_to_rgb(hue / 360, (low + high) / 2, saturation))


def next_track_colour(taken) -> str:
    """The first palette colour not in `taken` (the edition's track colours), then golden-
    angle hues; every colour returned keeps 3:1 against both themes' backgrounds."""
    taken = {colour.lower() for colour in taken if colour}
    for colour in PALETTE:
        if colour not in taken:
            return colour
    for step in range(1, 1000):
        colour = colour_at_hue((step * GOLDEN_ANGLE) % 360)
        if colour not in taken and readable_on_every_background(colour):
            return colour
    return PALETTE[len(taken) % len(PALETTE)]  # a thousand tracks: repeat rather than fail
