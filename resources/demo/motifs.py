"""Reusable motifs for the demo's illustrations: skylines, trees, houses, blossoms, birds, weather."""

from __future__ import annotations

import math
from random import Random

from painter import Canvas, Color, mix

INK: Color = (52, 42, 38)


def skyline(
    rng: Random,
    width: int,
    base: float,
    amp: float,
    period: float,
    *,
    octaves: int = 4,
    peaks: tuple[tuple[float, float, float], ...] = (),
) -> list[float]:
    """Row numbers of a ridge line: smooth value noise around `base`, plus (x, height, half-width) peaks."""
    heights = [float(base)] * width
    for octave in range(octaves):
        step = period / 2**octave
        scale = amp / 1.8**octave
        knots = [rng.uniform(-1, 1) for _ in range(int(width / step) + 3)]
        for x in range(width):
            t = x / step
            i = int(t)
            f = t - i
            f = f * f * (3 - 2 * f)
            heights[x] += scale * (knots[i] * (1 - f) + knots[i + 1] * f)
    for px, ph, pw in peaks:
        for x in range(width):
            d = abs(x - px) / pw
            if d < 1:
                heights[x] -= ph * (1 - d) ** 1.4
    return heights


def facet_shade(
    c: Canvas, heights: list[float], *, depth: int, light: Color, shadow: Color, strength: float
) -> None:
    """Light the slopes that face the sun (on the left) and shade the others, fading with depth."""
    k = 9
    for x in range(c.w):
        slope = (heights[min(c.w - 1, x + k)] - heights[max(0, x - k)]) / (2 * k)
        amount = min(0.85, abs(slope) * strength)
        color = light if slope < 0 else shadow
        top = math.ceil(heights[x])
        for part in range(3):
            c.vspan(
                x,
                top + part * depth // 3,
                top + (part + 1) * depth // 3,
                color,
                alpha=amount * (1 - part / 3),
            )


def pine(c: Canvas, x: float, y: float, h: float, color: Color, *, snow: Color | None = None) -> None:
    """A conifer standing at (x, y), h pixels tall: a trunk and three or four stacked tiers."""
    c.rect(x - h * 0.03, y - h * 0.2, x + h * 0.03, y, mix(color, INK, 0.5))
    tiers = 4 if h > 40 else 3
    for i in range(tiers):
        bottom = y - h * 0.12 - i * h * 0.8 / tiers
        top = bottom - h * 0.45
        half = h * 0.28 * (1 - i / (tiers + 1))
        c.polygon([(x - half, bottom), (x + half, bottom), (x, top)], color)
        if snow is not None:
            c.polygon(
                [(x - half * 0.55, bottom - h * 0.18), (x + half * 0.2, bottom - h * 0.14), (x, top)],
                snow,
                alpha=0.9,
            )


def round_tree(
    c: Canvas, rng: Random, x: float, y: float, r: float, *, color: Color, trunk: Color = INK
) -> None:
    """A broadleaf tree at (x, y): a trunk and a cloud of overlapping discs, lit from the upper left."""
    c.rect(x - r * 0.08, y - r * 1.2, x + r * 0.08, y, trunk)
    cy = y - r * 1.5
    for _ in range(7):
        c.disc(
            x + rng.uniform(-0.6, 0.6) * r,
            cy + rng.uniform(-0.45, 0.4) * r,
            r * rng.uniform(0.45, 0.7),
            color,
        )
    for _ in range(4):
        c.disc(
            x - r * rng.uniform(0.1, 0.45),
            cy - r * rng.uniform(0.15, 0.5),
            r * rng.uniform(0.18, 0.3),
            mix(color, (255, 255, 230), 0.25),
            alpha=0.8,
        )


def houses(
    c: Canvas,
    rng: Random,
    x0: float,
    x1: float,
    ground: float,
    *,
    scale: float,
    wall: Color,
    roof: Color,
    window: Color,
    lit: Color | None = None,
) -> list[tuple[float, float, float]]:
    """A row of white-walled, dark-roofed houses with stepped gables; returns (left, right, top) of each."""
    out = []
    x = x0
    while x < x1:
        w = rng.uniform(70, 130) * scale
        h = rng.uniform(55, 95) * scale
        top = ground - h
        shade = rng.uniform(-10, 6)
        body = mix(wall, (0, 0, 0), 0.04) if shade < 0 else wall
        c.rect(x, top, x + w, ground, body)
        eave = 6 * scale
        c.polygon(
            [
                (x - eave, top + 3 * scale),
                (x + w + eave, top + 3 * scale),
                (x + w - 4 * scale, top - 9 * scale),
                (x + 4 * scale, top - 9 * scale),
            ],
            roof,
        )
        if rng.random() < 0.65:  # stepped gable walls (马头墙) rising above the roof at both ends
            for side in (0, 1):
                for step in range(2):
                    sw = w * (0.2 - 0.09 * step)
                    sx = x if side == 0 else x + w - sw
                    st = top - (12 + 14 * step) * scale
                    c.rect(sx, st, sx + sw, top + 1, body)
                    c.rect(sx - 3 * scale, st - 4 * scale, sx + sw + 3 * scale, st + 1, roof)
                    tip = sx - 5 * scale if side == 0 else sx + sw + 5 * scale
                    c.polygon([(tip, st - 7 * scale), (sx + sw / 2, st - 3 * scale), (tip, st)], roof)
        for _ in range(rng.choice((1, 2, 2, 3))):
            wx = x + rng.uniform(0.15, 0.75) * w
            wy = top + rng.uniform(0.2, 0.45) * h
            glass = lit if lit is not None and rng.random() < 0.6 else window
            c.rect(wx, wy, wx + 9 * scale, wy + 12 * scale, glass)
        if rng.random() < 0.7:
            dx = x + w * rng.uniform(0.35, 0.55)
            c.rect(dx, ground - 30 * scale, dx + 14 * scale, ground, mix(window, INK, 0.3))
        out.append((x, x + w, top))
        x += w - rng.uniform(0, 10) * scale
    return out


def branch(
    c: Canvas,
    rng: Random,
    x: float,
    y: float,
    angle: float,
    *,
    length: float,
    width: float,
    ink: Color,
    flowers: list[tuple[float, float]],
    depth: int = 0,
) -> None:
    """A gnarled branch drawn in short tapering strokes; records spots for blossoms in `flowers`."""
    steps = max(3, int(length / 9))
    for i in range(steps):
        angle += rng.uniform(-0.28, 0.28)
        w = max(1.2, width * (1 - i / steps * 0.7))
        nx, ny = x + math.cos(angle) * length / steps, y + math.sin(angle) * length / steps
        c.line(x, y, nx, ny, ink, width=w)
        c.disc(nx, ny, w / 2, ink)
        if depth < 3 and i > 1 and rng.random() < 0.16:
            side = rng.choice((-1, 1))
            branch(
                c,
                rng,
                nx,
                ny,
                angle + side * rng.uniform(0.5, 0.9),
                length=length * 0.45,
                width=w * 0.7,
                ink=ink,
                flowers=flowers,
                depth=depth + 1,
            )
        if i > steps // 3 and rng.random() < 0.45:
            flowers.append((nx + rng.uniform(-4, 4), ny + rng.uniform(-4, 4)))
        x, y = nx, ny
    flowers.append((x, y))


def blossom(c: Canvas, rng: Random, x: float, y: float, r: float, *, petal: Color, heart: Color) -> None:
    """A five-petalled flower (plum, peach) seen from the front, turned at random."""
    turn = rng.uniform(0, math.tau)
    for k in range(5):
        a = turn + k * math.tau / 5
        c.disc(x + math.cos(a) * r * 0.62, y + math.sin(a) * r * 0.62, r * 0.55, petal)
    c.disc(x, y, r * 0.38, mix(petal, heart, 0.5))
    for k in range(5):
        a = turn + (k + 0.5) * math.tau / 5
        c.disc(x + math.cos(a) * r * 0.42, y + math.sin(a) * r * 0.42, max(0.8, r * 0.1), heart)


def swallow(c: Canvas, x: float, y: float, s: float, color: Color, *, tilt: float = 0.0) -> None:
    """A swallow in flight seen from below: slim body, swept wings, forked tail."""

    def at(dx: float, dy: float) -> tuple[float, float]:
        ca, sa = math.cos(tilt), math.sin(tilt)
        return (x + (dx * ca - dy * sa) * s, y + (dx * sa + dy * ca) * s)

    c.polygon([at(-1.0, 0), at(-0.2, -0.5), at(0.9, -0.25), at(0.9, 0.25), at(-0.2, 0.5)], color)
    c.polygon([at(0.1, -0.2), at(-0.9, -2.4), at(-0.1, -1.6), at(0.6, -0.3)], color)
    c.polygon([at(0.1, 0.2), at(-0.9, 2.4), at(-0.1, 1.6), at(0.6, 0.3)], color)
    c.polygon([at(0.8, -0.15), at(2.0, -0.7), at(1.3, 0), at(2.0, 0.7), at(0.8, 0.15)], color)


def person(c: Canvas, x: float, y: float, s: float, color: Color, *, hat: bool = False) -> None:
    """A small standing figure whose feet are at (x, y), s pixels tall."""
    c.polygon(
        [(x - s * 0.17, y), (x + s * 0.17, y), (x + s * 0.12, y - s * 0.72), (x - s * 0.12, y - s * 0.72)],
        color,
    )
    c.disc(x, y - s * 0.82, s * 0.11, color)
    if hat:
        c.polygon(
            [(x - s * 0.3, y - s * 0.8), (x + s * 0.3, y - s * 0.8), (x, y - s * 1.02)],
            mix(color, (150, 120, 70), 0.6),
        )


def stars(c: Canvas, rng: Random, count: int, y_max: float) -> None:
    for _ in range(count):
        c.pixel(rng.randrange(c.w), rng.randrange(int(y_max)), (255, 250, 230), alpha=rng.uniform(0.3, 0.9))


def rain(c: Canvas, rng: Random, count: int, color: Color, alpha: float) -> None:
    for _ in range(count):
        x, y, n = rng.uniform(0, c.w), rng.uniform(0, c.h), rng.uniform(12, 26)
        c.line(x, y, x - n * 0.25, y + n, color, width=1.0, alpha=alpha * rng.uniform(0.5, 1.0))


def lantern(c: Canvas, x: float, y: float, r: float) -> None:
    """A red paper lantern hanging at (x, y), glowing."""
    c.glow(x, y + r, r * 3.2, (255, 120, 50), 0.45)
    c.line(x, y - r * 0.9, x, y, INK, width=1)
    c.rect(x - r * 0.45, y - r * 0.1, x + r * 0.45, y + r * 0.2, (210, 170, 60))
    c.ellipse(x, y + r, r * 0.95, r * 0.85, (205, 40, 30))
    c.ellipse(x - r * 0.25, y + r * 0.85, r * 0.35, r * 0.5, (240, 110, 70), alpha=0.6)
    c.rect(x - r * 0.45, y + r * 1.75, x + r * 0.45, y + r * 2.0, (210, 170, 60))
    c.line(x, y + r * 2.0, x, y + r * 2.7, (220, 60, 40), width=1.5)
