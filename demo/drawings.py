"""The demo's artwork, drawn with Pillow: nothing is downloaded and nothing shows a real person.

- `portrait_webp`: an illustrated head-and-shoulders portrait of a fictional speaker; the same
  name always gives the same drawing (skin tone, hair, clothes and glasses come from it).
- `monogram_webp`: the initials in a roundel, for a real speaker, whose face we do not draw.
- `wordmark_png`: a fictional organisation's name set as a wordmark beside a simple mark; a
  real organisation gets its name in plain text only, never its actual logo.
- `hero_png` and `venue_webp`: the edition's banner and an illustration of the venue.

Everything is drawn at twice its size and scaled down, which smooths the edges.
"""

import hashlib
import math
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

SCALE = 2  # drawn at twice the size, then scaled down

SKIN_TONES = [
    "#f6d7c3",
    "#efc3a4",
    "#e0ac8a",
    "#c68863",
    "#a86b48",
    "#8d5638",
    "#6e3f28",
    "#4f2c1d",
]
HAIR_COLOURS = [
    "#1d1a18",
    "#2f2119",
    "#4a2f1f",
    "#6b4429",
    "#8a3f1f",
    "#b98a4e",
    "#d9bf8c",
    "#2a1c14",
    "#8f8c88",
]
CLOTHES = [
    "#23395d",
    "#2e4a3f",
    "#5c2a3d",
    "#3b3b44",
    "#7b4b2a",
    "#1f5f6b",
    "#6a5d9a",
    "#a33d3d",
    "#d9d4c7",
    "#3f6e9e",
]
SHIRTS = ["#ffffff", "#e9eef3", "#f3e9d8", "#dfe8e1"]
HAIR_STYLES = ["short", "side", "long", "bob", "bun", "curly", "afro", "cropped", "receding"]
NECKLINES = ["crew", "v", "blazer", "turtleneck", "collar"]
FONTS = {
    ("sans", "regular"): ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"],
    ("sans", "bold"): ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"],
    ("sans", "light"): ["DejaVuSans-ExtraLight.ttf", "DejaVuSans.ttf"],
    ("condensed", "bold"): ["DejaVuSansCondensed-Bold.ttf", "LiberationSansNarrow-Bold.ttf"],
    ("serif", "regular"): ["DejaVuSerif.ttf", "LiberationSerif-Regular.ttf"],
    ("serif", "bold"): ["DejaVuSerif-Bold.ttf", "LiberationSerif-Bold.ttf"],
    ("serif", "bolditalic"): ["DejaVuSerif-BoldItalic.ttf", "LiberationSerif-BoldItalic.ttf"],
}


# Helpers


def rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(colour, other, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def seeded(*parts):
    """A random generator that gives the same numbers for the same parts, on every machine."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def initials(name):
    parts = [part for part in name.split() if part[:1].isupper()]
    if not parts:
        return name[:1].upper()
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()


def font(size, family="sans", weight="regular"):
    """A system font if there is one (DejaVu or Liberation), else Pillow's own."""
    for name in FONTS.get((family, weight), FONTS[("sans", "regular")]):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def gradient(size, top, bottom):
    """An image of size fading from the colour top to bottom."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def encoded(image, format, **options):
    buffer = BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def finished(image, size):
    return image.resize(size, Image.Resampling.LANCZOS)


# Speakers


def portrait_webp(name, colour, size=400):
    """A fictional speaker's illustrated portrait, seeded by their name."""
    r = seeded("portrait", name)
    s = size * SCALE
    u = s / 800  # drawing unit: coordinates below are for an 800 px canvas
    background = rgb(colour)
    image = gradient((s, s), mix(background, (255, 255, 255), 0.35), background)
    draw = ImageDraw.Draw(image)

    def box(x1, y1, x2, y2):
        return (x1 * u, y1 * u, x2 * u, y2 * u)

    # A soft disc of light behind the head.
    glow = mix(background, (255, 255, 255), 0.5)
    gx = r.choice((260, 400, 540))
    draw.ellipse(box(gx - 300, -60, gx + 300, 540), fill=mix(glow, background, 0.35))

    skin = rgb(r.choice(SKIN_TONES))
    shade = mix(skin, (40, 20, 10), 0.22)
    hair = rgb(r.choice(HAIR_COLOURS))
    style = r.choice(HAIR_STYLES)
    if style == "receding" and r.random() < 0.6:
        hair = rgb(r.choice(["#8f8c88", "#cfccc6", "#2f2119"]))
    clothes = rgb(r.choice(CLOTHES))
    neckline = r.choice(NECKLINES)
    cx = 400 + r.randint(-25, 25)
    head_w, head_h = r.randint(128, 146), r.randint(160, 178)
    head_top = 200
    head = box(cx - head_w, head_top, cx + head_w, head_top + 2 * head_h)

    # Hair behind the head.
    if style == "long":
        draw.rounded_rectangle(
            box(cx - head_w - 34, head_top - 20, cx + head_w + 34, 660), radius=150 * u, fill=hair
        )
    elif style == "bob":
        draw.rounded_rectangle(
            box(cx - head_w - 30, head_top - 22, cx + head_w + 30, 530), radius=120 * u, fill=hair
        )
    elif style == "afro":
        draw.ellipse(box(cx - head_w - 80, head_top - 90, cx + head_w + 80, 520), fill=hair)
    elif style == "curly":
        for angle in range(150, 395, 20):
            x = cx + math.cos(math.radians(angle)) * (head_w + 10)
            y = head_top + head_h - 10 + math.sin(math.radians(angle)) * (head_h + 10)
            draw.ellipse(box(x - 50, y - 50, x + 50, y + 50), fill=hair)
    elif style == "bun":
        draw.ellipse(box(cx - 62, head_top - 80, cx + 62, head_top + 40), fill=hair)

    # Neck, shoulders and clothes.
    draw.rectangle(box(cx - 58, 470, cx + 58, 640), fill=shade)
    shoulders = box(cx - 300, 600, cx + 300, 1000)
    draw.rounded_rectangle(shoulders, radius=190 * u, fill=clothes)
    darker = mix(clothes, (0, 0, 0), 0.25)
    if neckline == "crew":
        draw.chord(box(cx - 70, 540, cx + 70, 660), 0, 180, fill=shade)
        draw.arc(box(cx - 82, 540, cx + 82, 672), 0, 180, fill=darker, width=round(10 * u))
    elif neckline == "v":
        draw.polygon([(cx - 62) * u, 600 * u, (cx + 62) * u, 600 * u, cx * u, 710 * u], fill=shade)
    elif neckline == "turtleneck":
        draw.rounded_rectangle(box(cx - 72, 560, cx + 72, 650), radius=30 * u, fill=darker)
    elif neckline == "collar":
        shirt = rgb(r.choice(SHIRTS))
        draw.polygon([(cx - 66) * u, 600 * u, (cx + 66) * u, 600 * u, cx * u, 700 * u], fill=shade)
        draw.polygon(
            [
                (cx - 80) * u,
                590 * u,
                cx * u,
                700 * u,
                (cx - 20) * u,
                730 * u,
                (cx - 95) * u,
                640 * u,
            ],
            fill=shirt,
        )
        draw.polygon(
            [
                (cx + 80) * u,
                590 * u,
                cx * u,
                700 * u,
                (cx + 20) * u,
                730 * u,
                (cx + 95) * u,
                640 * u,
            ],
            fill=shirt,
        )
    else:  # a blazer over a shirt
        shirt = rgb(r.choice(SHIRTS))
        draw.polygon([(cx - 95) * u, 600 * u, (cx + 95) * u, 600 * u, cx * u, 800 * u], fill=shirt)
        draw.polygon([(cx - 55) * u, 600 * u, (cx + 55) * u, 600 * u, cx * u, 690 * u], fill=shade)
        for side in (-1, 1):
            draw.polygon(
                [
                    (cx + side * 95) * u,
                    600 * u,
                    (cx + side * 150) * u,
                    640 * u,
                    (cx + side * 70) * u,
                    720 * u,
                    cx * u,
                    800 * u,
                ],
                fill=darker,
            )

    # Ears, head, and the shadow the chin casts.
    ear_y = head_top + head_h - 10
    for side in (-1, 1):
        x = cx + side * head_w
        draw.ellipse(box(x - 24, ear_y - 12, x + 24, ear_y + 60), fill=shade)
    draw.ellipse(head, fill=skin)

    # Hair in front.
    top = box(cx - head_w - 8, head_top - 16, cx + head_w + 8, head_top + 2 * head_h - 60)
    if style in ("short", "cropped", "bun", "curly", "afro"):
        draw.chord(top, 180, 360, fill=hair)
        if style == "cropped":
            draw.chord(
                box(cx - head_w, head_top + 30, cx + head_w, head_top + 120), 0, 180, fill=skin
            )
    elif style == "side":
        draw.chord(top, 180, 360, fill=hair)
        part = r.choice((-1, 1))
        draw.polygon(
            [
                (cx - part * (head_w + 6)) * u,
                (head_top + head_h - 40) * u,
                (cx + part * 40) * u,
                (head_top + 30) * u,
                (cx + part * (head_w + 6)) * u,
                (head_top + head_h - 60) * u,
                (cx + part * (head_w + 6)) * u,
                (head_top + 60) * u,
                (cx - part * 60) * u,
                (head_top - 10) * u,
            ],
            fill=hair,
        )
    elif style in ("long", "bob"):
        draw.chord(top, 180, 360, fill=hair)
        draw.pieslice(
            box(cx - head_w - 10, head_top - 10, cx + 40, head_top + 230), 180, 300, fill=hair
        )
    else:  # receding: hair at the sides only
        draw.chord(
            box(cx - head_w - 6, head_top + 20, cx + head_w + 6, ear_y + 40), 180, 360, fill=hair
        )
        draw.ellipse(box(cx - head_w + 26, head_top - 2, cx + head_w - 26, ear_y + 10), fill=skin)

    # The face: brows, eyes, nose and a smile.
    eye_y = head_top + head_h + 5
    gap = r.randint(52, 62)
    ink = (40, 30, 28)
    brow = mix(hair, (0, 0, 0), 0.3) if style != "receding" else mix(skin, (0, 0, 0), 0.45)
    for side in (-1, 1):
        x = cx + side * gap
        draw.ellipse(box(x - 13, eye_y - 15, x + 13, eye_y + 15), fill=ink)
        draw.ellipse(
            box(x - 4 + side * 3, eye_y - 9, x + 4 + side * 3, eye_y - 1), fill=(255, 255, 255)
        )
        draw.arc(
            box(x - 34, eye_y - 50, x + 34, eye_y - 8), 200, 340, fill=brow, width=round(9 * u)
        )
    draw.arc(
        box(cx - 16, eye_y + 10, cx + 16, eye_y + 72), 20, 160, fill=shade, width=round(7 * u)
    )
    mouth_y = eye_y + 92
    lips = mix(skin, (150, 50, 50), 0.35)
    smile = r.randint(38, 52)
    draw.chord(box(cx - smile, mouth_y - 26, cx + smile, mouth_y + 22), 10, 170, fill=lips)
    draw.chord(
        box(cx - smile + 10, mouth_y - 26, cx + smile - 10, mouth_y + 6),
        10,
        170,
        fill=(250, 246, 242),
    )
    blush = mix(skin, (225, 110, 100), 0.18)
    for side in (-1, 1):
        x = cx + side * (gap + 22)
        draw.ellipse(box(x - 26, eye_y + 42, x + 26, eye_y + 72), fill=blush)

    # Glasses for some, earrings for others.
    if r.random() < 0.35:
        frame = rgb(r.choice(["#1d1a18", "#5b3a24", "#8a8f96", "#7a1f2b"]))
        for side in (-1, 1):
            x = cx + side * gap
            draw.rounded_rectangle(
                box(x - 40, eye_y - 30, x + 40, eye_y + 30),
                radius=16 * u,
                outline=frame,
                width=round(8 * u),
            )
        draw.line(
            box(cx - gap + 40, eye_y - 4, cx + gap - 40, eye_y - 4), fill=frame, width=round(8 * u)
        )
    elif style in ("long", "bob", "bun", "afro") and r.random() < 0.6:
        gold = (214, 176, 82)
        for side in (-1, 1):
            x = cx + side * (head_w + 4)
            draw.ellipse(box(x - 9, ear_y + 56, x + 9, ear_y + 74), fill=gold)

    # Closer in: the head and shoulders fill the frame.
    image = image.crop(box(90, 70, 710, 690))
    return encoded(finished(image, (size, size)), "WEBP", quality=88, method=4)


def monogram_webp(name, colour, size=400):
    """A roundel with the initials: for a real person, whose likeness we do not draw."""
    s = size * SCALE
    base = rgb(colour)
    image = gradient((s, s), mix(base, (255, 255, 255), 0.3), base)
    draw = ImageDraw.Draw(image)
    light = mix(base, (255, 255, 255), 0.55)
    # Concentric rings, like ripples, and the initials inside.
    for index, radius in enumerate(range(s // 2, s // 5, -s // 18)):
        draw.ellipse(
            (s / 2 - radius, s / 2 - radius, s / 2 + radius, s / 2 + radius),
            outline=mix(base, light, 0.25 + index * 0.04),
            width=max(2, s // 200),
        )
    inner = s * 0.3
    draw.ellipse((s / 2 - inner, s / 2 - inner, s / 2 + inner, s / 2 + inner), fill=light)
    draw.text(
        (s / 2, s / 2),
        initials(name),
        font=font(round(s * 0.22), "sans", "bold"),
        fill=mix(base, (0, 0, 0), 0.35),
        anchor="mm",
    )
    return encoded(finished(image, (size, size)), "WEBP", quality=88, method=4)


# Organisations


def _mark(draw, shape, x, y, size, colour):
    """A simple mark of size pixels whose top left corner is at x, y."""
    c = rgb(colour)
    light = mix(c, (255, 255, 255), 0.55)
    h = size / 2
    cx, cy = x + h, y + h
    if shape == "globe":
        draw.ellipse((x, y, x + size, y + size), outline=c, width=round(size / 14))
        draw.ellipse(
            (cx - h * 0.45, y, cx + h * 0.45, y + size), outline=c, width=round(size / 18)
        )
        draw.line((x, cy, x + size, cy), fill=c, width=round(size / 18))
    elif shape == "leaf":
        draw.ellipse((x, y, x + size, y + size), fill=c)
        draw.chord((cx - h * 0.55, cy - h * 0.7, cx + h * 0.55, cy + h * 0.7), 0, 360, fill=light)
        draw.line((cx, cy - h * 0.7, cx, cy + h * 0.8), fill=c, width=round(size / 16))
    elif shape in ("crest", "book"):  # a shield bearing a leaf, or an open book
        draw.polygon(
            [(x, y), (x + size, y), (x + size, cy), (cx, y + size * 1.1), (x, cy)], fill=c
        )
        if shape == "crest":
            draw.chord(
                (cx - h * 0.3, cy - h * 0.75, cx + h * 0.3, cy + h * 0.55), 0, 360, fill=light
            )
            draw.line((cx, cy - h * 0.55, cx, cy + h * 0.75), fill=c, width=round(size / 18))
        else:
            for side in (-1, 1):
                draw.polygon(
                    [
                        (cx, cy - h * 0.3),
                        (cx + side * h * 0.62, cy - h * 0.45),
                        (cx + side * h * 0.62, cy + h * 0.25),
                        (cx, cy + h * 0.4),
                    ],
                    fill=light,
                )
    elif shape == "wing":
        draw.rounded_rectangle((x, y, x + size, y + size), radius=size / 4, fill=c)
        draw.polygon(
            [
                (x + size * 0.18, cy + h * 0.3),
                (x + size * 0.82, y + size * 0.22),
                (cx, cy + h * 0.15),
                (x + size * 0.6, y + size * 0.8),
            ],
            fill=(255, 255, 255),
        )
    elif shape == "hexagon":
        points = [
            (cx + h * math.cos(math.radians(a)), cy + h * math.sin(math.radians(a)))
            for a in range(30, 390, 60)
        ]
        draw.polygon(points, fill=c)
        draw.ellipse((cx - h * 0.42, cy - h * 0.42, cx + h * 0.42, cy + h * 0.42), fill=light)
        draw.ellipse((cx - h * 0.18, cy - h * 0.18, cx + h * 0.18, cy + h * 0.18), fill=c)
    elif shape == "acacia":
        draw.ellipse((x, y, x + size, y + size), fill=mix(c, (255, 200, 90), 0.5))
        draw.chord((x - h * 0.1, y + h * 0.35, x + size * 1.05, y + h * 1.05), 180, 360, fill=c)
        draw.line((cx, cy - h * 0.1, cx, y + size), fill=c, width=round(size / 10))
        draw.rectangle((x, y + size * 0.92, x + size, y + size), fill=c)
    elif shape == "tag":
        draw.rounded_rectangle((x, y, x + size, y + size), radius=size / 2.2, fill=c)
        draw.ellipse((cx - h * 0.22, cy - h * 0.22, cx + h * 0.22, cy + h * 0.22), fill=light)
    else:  # "square": a solid block, as a newspaper's masthead might have
        draw.rectangle((x, y, x + size, y + size), fill=c)


def wordmark_layout(draw, lines, fonts, height, mark):
    """The width of a wordmark, with the measures that place its lines and mark."""
    boxes = [
        draw.textbbox((0, 0), line, font=f, anchor="ls")
        for line, f in zip(lines, fonts, strict=True)
    ]
    gap = round(height * 0.06)
    text_w = max(b[2] - b[0] for b in boxes)
    text_h = sum(b[3] - b[1] for b in boxes) + gap * (len(lines) - 1)
    mark_size = round(height * 0.5) if mark else 0
    space = round(height * 0.1) if mark else 0
    return mark_size + space + text_w, boxes, gap, text_h, mark_size, space


def wordmark_png(name, style=None, width=480, height=200):
    """A wordmark on white. With no style (a real organisation), only the name in plain text."""
    s = SCALE
    image = Image.new("RGB", (width * s, height * s), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    if style is None:
        lines, colour, mark = [name], "#2b2f2d", None
        fonts = [font(round(height * 0.28 * s), "sans", "regular")]
    else:
        lines = style.get("lines", [name])
        colour, mark = style["colour"], style.get("mark")
        family = style.get("family", "sans")
        sizes = style.get("sizes", [0.26] * len(lines))
        weights = style.get("weights", ["bold"] * len(lines))
        fonts = [
            font(round(height * size * s), family, weight)
            for size, weight in zip(sizes, weights, strict=True)
        ]
        if style.get("fit") != "done":  # set smaller if it would not fit the width
            sketch = wordmark_layout(draw, lines, fonts, height * s, mark)
            room = width * s * 0.88
            if sketch[0] > room:
                shrink = room / sketch[0]
                return wordmark_png(
                    name,
                    {**style, "fit": "done", "sizes": [size * shrink for size in sizes]},
                    width,
                    height,
                )
    ink = rgb(colour)
    second = mix(ink, (90, 90, 90), 0.3)
    total, boxes, gap, text_h, mark_size, space = wordmark_layout(
        draw, lines, fonts, height * s, mark
    )
    x = (width * s - total) / 2
    if mark:
        mark_colour = style.get("mark_colour", colour)
        _mark(draw, mark, x, (height * s - mark_size) / 2, mark_size, mark_colour)
    y = (height * s - text_h) / 2
    for index, (line, f, b) in enumerate(zip(lines, fonts, boxes, strict=True)):
        y += -b[1]
        draw.text(
            (x + mark_size + space, y),
            line,
            font=f,
            fill=ink if index == 0 else second,
            anchor="ls",
        )
        y += b[3] + gap
    image = finished(image, (width, height)).quantize(colors=48)
    return encoded(image, "PNG", optimize=True)


# The edition and its venue


def hero_png(width=1600, height=600):
    """A wide banner: a green-to-blue gradient crossed by a network of linked circles."""
    left, right = rgb("#0f3d2e"), rgb("#1d4e89")
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for x in range(width):
        draw.line([(x, 0), (x, height)], fill=mix(left, right, x / (width - 1)))
    # Soft discs behind, then a network of nodes joined to their neighbours in front.
    discs = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    disc_draw = ImageDraw.Draw(discs)
    for cx, cy, r, alpha in ((1350, 120, 260, 30), (260, 520, 320, 26), (900, 640, 240, 22)):
        disc_draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, alpha))
    image = Image.alpha_composite(image.convert("RGBA"), discs)
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    nodes = []
    for index in range(15):
        x = 80 + index * 103
        wave = math.sin(index * 0.9 + 1.3) * 110
        nodes.append((x, height / 2 + wave - 40 * (index % 2)))
    for (x1, y1), (x2, y2) in zip(nodes, nodes[2:], strict=False):
        shapes.line([(x1, y1), (x2, y2)], fill=(255, 255, 255, 60), width=3)
    for (x1, y1), (x2, y2) in zip(nodes, nodes[1:], strict=False):
        shapes.line([(x1, y1), (x2, y2)], fill=(255, 255, 255, 110), width=4)
    for index, (x, y) in enumerate(nodes):
        radius = 14 + (index * 7) % 22
        shapes.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(173, 232, 200, 150) if index % 3 else (255, 214, 153, 170),
        )
    image = Image.alpha_composite(image, overlay).convert("RGB")
    return encoded(image, "PNG", optimize=True)


def _tree(draw, x, ground, height, greens, u):
    """A park tree: a trunk and three overlapping crowns of foliage."""
    draw.rectangle(
        ((x - 9) * u, (ground - height * 0.45) * u, (x + 9) * u, ground * u), fill=rgb("#5a4332")
    )
    crown = height * 0.42
    top = ground - height
    for dx, dy, scale, green in (
        (-0.45, 0.35, 0.75, greens[0]),
        (0.45, 0.3, 0.8, greens[0]),
        (0, 0, 1, greens[1]),
        (-0.15, 0.15, 0.55, greens[2]),
    ):
        r = crown * scale
        cx, cy = x + dx * crown, top + crown + dy * crown
        draw.ellipse(
            ((cx - r) * u, (cy - r) * u, (cx + r) * u, (cy + r * 0.9) * u), fill=rgb(green)
        )


def _person(draw, x, y, height, colour, skin, u):
    """A small walking figure seen from afar: head, coat and legs."""
    h = height
    draw.line(
        ((x - h * 0.08) * u, (y - h * 0.3) * u, (x - h * 0.12) * u, y * u),
        fill=rgb("#2d2f36"),
        width=round(h * 0.09 * u),
    )
    draw.line(
        ((x + h * 0.08) * u, (y - h * 0.3) * u, (x + h * 0.14) * u, y * u),
        fill=rgb("#2d2f36"),
        width=round(h * 0.09 * u),
    )
    draw.rounded_rectangle(
        ((x - h * 0.16) * u, (y - h * 0.78) * u, (x + h * 0.16) * u, (y - h * 0.26) * u),
        radius=h * 0.1 * u,
        fill=rgb(colour),
    )
    draw.ellipse(
        ((x - h * 0.1) * u, (y - h) * u, (x + h * 0.1) * u, (y - h * 0.8) * u), fill=rgb(skin)
    )


def venue_webp(width=1200, height=675):
    """Evolution in Battersea Park, drawn: a long white pavilion with a lit glass front, the
    conference banner over the entrance, trees around and delegates on the path."""
    s = SCALE
    u = s * width / 1200  # coordinates below are for a 1200 by 675 canvas
    image = gradient((width * s, height * s), rgb("#7fb3da"), rgb("#f6dcc0"))
    draw = ImageDraw.Draw(image)
    horizon = 430

    draw.ellipse((930 * u, 70 * u, 1030 * u, 170 * u), fill=rgb("#fff1d6"))  # low sun
    for cx, cy, w in ((220, 110, 170), (620, 80, 130), (1010, 200, 150)):  # clouds
        for dx, r in ((-w * 0.45, 28), (0, 40), (w * 0.45, 30)):
            draw.ellipse(
                ((cx + dx - r * 1.6) * u, (cy - r) * u, (cx + dx + r * 1.6) * u, (cy + r) * u),
                fill=rgb("#fbf6ef"),
            )

    # The far tree line, then the lawn.
    r = seeded("venue", "treeline")
    for x in range(-40, 1260, 46):
        radius = r.randint(40, 70)
        draw.ellipse(
            ((x - radius) * u, (horizon - 40 - radius) * u, (x + radius) * u, (horizon + 40) * u),
            fill=rgb("#4f7d55"),
        )
    draw.rectangle((0, horizon * u, width * s, height * s), fill=rgb("#78a860"))
    draw.rectangle((0, (horizon + 60) * u, width * s, height * s), fill=rgb("#6f9f58"))

    # The pavilion: a long low hall with a gently curved white roof.
    left, right, base = 250, 950, 470
    draw.rectangle((left * u, 300 * u, right * u, base * u), fill=rgb("#eef1ef"))
    draw.chord(
        ((left - 30) * u, 230 * u, (right + 30) * u, 370 * u),
        180,
        360,
        fill=rgb("#ffffff"),
        outline=rgb("#c9d1cf"),
        width=round(3 * u),
    )
    draw.rectangle(((left - 20) * u, 298 * u, (right + 20) * u, 312 * u), fill=rgb("#d7dedc"))
    # Its glass front, lit from inside, with people behind it.
    glass_top = 330
    draw.rectangle(
        ((left + 30) * u, glass_top * u, (right - 30) * u, base * u), fill=rgb("#f7d9a0")
    )
    draw.rectangle(
        ((left + 30) * u, glass_top * u, (right - 30) * u, (glass_top + 40) * u),
        fill=rgb("#f2c982"),
    )
    people = seeded("venue", "inside")
    for x in range(left + 50, right - 40, 27):
        tone = people.choice(["#7a5a48", "#4a3c3a", "#9c6b50", "#3f4a5a", "#6b5a7a"])
        height_ = people.randint(40, 50)
        draw.ellipse(
            ((x - 6) * u, (base - height_) * u, (x + 6) * u, (base - height_ + 12) * u),
            fill=rgb(tone),
        )
        draw.rounded_rectangle(
            ((x - 9) * u, (base - height_ + 13) * u, (x + 9) * u, base * u),
            radius=6 * u,
            fill=rgb(tone),
        )
    for x in range(left + 30, right - 20, 50):  # mullions
        draw.line((x * u, glass_top * u, x * u, base * u), fill=rgb("#9aa7a5"), width=round(4 * u))
    draw.line(
        ((left + 30) * u, (glass_top + 40) * u, (right - 30) * u, (glass_top + 40) * u),
        fill=rgb("#9aa7a5"),
        width=round(4 * u),
    )
    # The entrance and the conference banner above it.
    draw.rectangle((560 * u, 395 * u, 640 * u, base * u), fill=rgb("#5a6a6e"))
    draw.line((600 * u, 395 * u, 600 * u, base * u), fill=rgb("#c9d1cf"), width=round(3 * u))
    draw.rectangle((470 * u, 262 * u, 730 * u, 296 * u), fill=rgb("#1f6f4a"))
    draw.text(
        (600 * u, 279 * u),
        "IWT CONFERENCE",
        font=font(round(22 * u), "sans", "bold"),
        fill=(255, 255, 255),
        anchor="mm",
    )
    for x in (500, 700):  # flags on poles beside the path
        draw.line(
            (x * u, 360 * u, x * u, (base + 20) * u), fill=rgb("#6b7478"), width=round(4 * u)
        )
        draw.rectangle(((x + 2) * u, 362 * u, (x + 24) * u, 420 * u), fill=rgb("#1f6f4a"))

    # The path to the door, trees and delegates.
    draw.polygon(
        [(565 * u, base * u), (635 * u, base * u), (820 * u, height * s), (380 * u, height * s)],
        fill=rgb("#e4d8c2"),
    )
    for x, ground, size in ((130, 480, 230), (1080, 490, 250), (300, 470, 150), (900, 470, 160)):
        _tree(draw, x, ground, size, ("#2f6b3a", "#3f8048", "#58985a"), u)
    for x, ground, size in ((60, 640, 300), (1150, 660, 320)):
        _tree(draw, x, ground, size, ("#285e33", "#347340", "#4a8a4f"), u)
    walkers = seeded("venue", "path")
    for x, y, size in (
        (560, 560, 64),
        (610, 600, 74),
        (655, 530, 56),
        (520, 640, 86),
        (700, 625, 80),
    ):
        _person(draw, x, y, size, walkers.choice(CLOTHES[:8]), walkers.choice(SKIN_TONES), u)
    for x in (420, 780):  # lamp posts
        draw.line((x * u, 470 * u, x * u, 580 * u), fill=rgb("#30383b"), width=round(5 * u))
        draw.ellipse(((x - 9) * u, 458 * u, (x + 9) * u, 476 * u), fill=rgb("#fff1c9"))

    return encoded(finished(image, (width, height)), "WEBP", quality=85, method=4)
