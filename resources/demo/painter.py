"""A small raster painter for the demo's illustrations: flat shapes, gradients, glow, reflections, PNG.

Standard library only. Shapes are filled span by span (slice assignment on one RGB bytearray, blending
through byte translation tables), so a 640x400 picture paints in a fraction of a second in pure Python.
Edges are anti-aliased horizontally, which is enough for the flat "paper-cut" style of the pictures.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

Color = tuple[int, int, int]
Point = tuple[float, float]


def mix(a: Color, b: Color, t: float) -> Color:
    """The colour a fraction `t` of the way from `a` to `b`."""
    t = min(1.0, max(0.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def ramp(stops: Sequence[tuple[float, Color]], t: float) -> Color:
    """The colour at `t` on a gradient given as (position, colour) stops in increasing position."""
    if t <= stops[0][0]:
        return stops[0][1]
    for (p0, c0), (p1, c1) in pairwise(stops):
        if t <= p1:
            return mix(c0, c1, (t - p0) / (p1 - p0) if p1 > p0 else 1.0)
    return stops[-1][1]


@lru_cache(maxsize=8192)
def _blend_table(value: int, alpha256: int) -> bytes:
    # Maps every byte v to v blended towards `value` by alpha256/256: one channel of one blend.
    return bytes(v + ((value - v) * alpha256 + 128) // 256 for v in range(256))


class Canvas:
    """An RGB picture of w x h pixels, painted back to front."""

    def __init__(self, w: int, h: int, color: Color = (0, 0, 0)) -> None:
        self.w, self.h = w, h
        self.px = bytearray(bytes(color) * (w * h))

    # Rows and spans ----------------------------------------------------------------------------------

    def span(self, y: int, x0: int, x1: int, color: Color, *, alpha: float = 1.0) -> None:
        """Paint pixels x0 <= x < x1 of row y."""
        if not 0 <= y < self.h:
            return
        x0, x1 = max(0, x0), min(self.w, x1)
        if x1 <= x0:
            return
        a = round(alpha * 256)
        if a <= 0:
            return
        start, end = (y * self.w + x0) * 3, (y * self.w + x1) * 3
        if a >= 256:
            self.px[start:end] = bytes(color) * (x1 - x0)
            return
        seg = self.px[start:end]
        for ch in range(3):
            seg[ch::3] = seg[ch::3].translate(_blend_table(color[ch], a))
        self.px[start:end] = seg

    def spanf(self, y: int, xl: float, xr: float, color: Color, *, alpha: float = 1.0) -> None:
        """Paint row y from xl to xr (fractional), blending the two edge pixels by their coverage."""
        if xr <= xl:
            return
        il, ir = math.floor(xl), math.floor(xr)
        if il == ir:
            self.span(y, il, il + 1, color, alpha=alpha * (xr - xl))
            return
        self.span(y, il, il + 1, color, alpha=alpha * (il + 1 - xl))
        self.span(y, il + 1, ir, color, alpha=alpha)
        self.span(y, ir, ir + 1, color, alpha=alpha * (xr - ir))

    def pixel(self, x: int, y: int, color: Color, *, alpha: float = 1.0) -> None:
        self.span(y, x, x + 1, color, alpha=alpha)

    def vspan(self, x: int, y0: int, y1: int, color: Color, *, alpha: float = 1.0) -> None:
        """Paint pixels y0 <= y < y1 of column x (a strided slice per channel)."""
        if not 0 <= x < self.w:
            return
        y0, y1 = max(0, y0), min(self.h, y1)
        a = round(alpha * 256)
        if y1 <= y0 or a <= 0:
            return
        stride = self.w * 3
        for ch in range(3):
            cells = slice((y0 * self.w + x) * 3 + ch, (y1 * self.w + x) * 3 + ch, stride)
            if a >= 256:
                self.px[cells] = bytes((color[ch],)) * (y1 - y0)
            else:
                self.px[cells] = self.px[cells].translate(_blend_table(color[ch], a))

    def vgradient(self, y0: int, y1: int, stops: Sequence[tuple[float, Color]]) -> None:
        """Fill whole rows y0 <= y < y1 with a vertical gradient (stop positions run 0..1 over the band)."""
        for y in range(max(0, y0), min(self.h, y1)):
            self.span(y, 0, self.w, ramp(stops, (y - y0) / max(1, y1 - y0 - 1)))

    def band(self, y0: int, y1: int, color: Color, alpha_top: float, alpha_bottom: float) -> None:
        """Blend a colour over whole rows, fading from alpha_top to alpha_bottom (mist, haze, shade)."""
        for y in range(max(0, y0), min(self.h, y1)):
            t = (y - y0) / max(1, y1 - y0 - 1)
            self.span(y, 0, self.w, color, alpha=alpha_top + (alpha_bottom - alpha_top) * t)

    def haze(self, y0: int, y1: int, color: Color, peak: float) -> None:
        """A horizontal bank of mist: transparent at both edges, densest (alpha `peak`) in the middle."""
        for y in range(max(0, y0), min(self.h, y1)):
            self.span(y, 0, self.w, color, alpha=peak * math.sin(math.pi * (y - y0 + 0.5) / (y1 - y0)))

    def rect(self, x0: float, y0: float, x1: float, y1: float, color: Color, *, alpha: float = 1.0) -> None:
        for y in range(max(0, math.floor(y0)), min(self.h, math.ceil(y1))):
            self.spanf(y, x0, x1, color, alpha=alpha)

    # Shapes ------------------------------------------------------------------------------------------

    def polygon(self, points: Sequence[Point], color: Color, *, alpha: float = 1.0) -> None:
        """Fill a polygon (even-odd rule), sampling each row at its centre."""
        if len(points) < 3:
            return
        ys = [p[1] for p in points]
        edges = list(pairwise([*points, points[0]]))
        for y in range(max(0, math.floor(min(ys))), min(self.h, math.ceil(max(ys)))):
            yc = y + 0.5
            xs = sorted(
                x0 + (yc - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in edges
                if (y0 <= yc < y1) or (y1 <= yc < y0)
            )
            for xl, xr in zip(xs[::2], xs[1::2], strict=False):
                self.spanf(y, xl, xr, color, alpha=alpha)

    def ellipse(
        self, cx: float, cy: float, rx: float, ry: float, color: Color, *, alpha: float = 1.0
    ) -> None:
        if rx <= 0 or ry <= 0:
            return
        for y in range(max(0, math.floor(cy - ry)), min(self.h, math.ceil(cy + ry))):
            d = (y + 0.5 - cy) / ry
            if abs(d) < 1:
                hw = rx * math.sqrt(1 - d * d)
                self.spanf(y, cx - hw, cx + hw, color, alpha=alpha)

    def disc(self, cx: float, cy: float, r: float, color: Color, *, alpha: float = 1.0) -> None:
        self.ellipse(cx, cy, r, r, color, alpha=alpha)

    def ring(
        self, cx: float, cy: float, rx: float, ry: float, color: Color, *, width: float, alpha: float = 1.0
    ) -> None:
        """An elliptical outline `width` pixels thick (ripples, clock rims)."""
        for y in range(max(0, math.floor(cy - ry)), min(self.h, math.ceil(cy + ry))):
            d = (y + 0.5 - cy) / ry
            if abs(d) >= 1:
                continue
            outer = rx * math.sqrt(1 - d * d)
            di = (y + 0.5 - cy) / max(0.5, ry - width)
            inner = (rx - width) * math.sqrt(1 - di * di) if abs(di) < 1 and rx > width else 0.0
            if inner <= 0:
                self.spanf(y, cx - outer, cx + outer, color, alpha=alpha)
            else:
                self.spanf(y, cx - outer, cx - inner, color, alpha=alpha)
                self.spanf(y, cx + inner, cx + outer, color, alpha=alpha)

    def glow(self, cx: float, cy: float, r: float, color: Color, strength: float, *, steps: int = 0) -> None:
        """A soft radial light: stacked translucent discs, brightest in the middle."""
        steps = steps or max(12, min(48, round(r / 3)))
        total = steps * (steps + 1) / 2
        for i in range(steps):
            rr = r * (1 - i / steps)
            # inner discs weigh more, so the light fades out to nothing at its rim
            self.ellipse(cx, cy, rr, rr, color, alpha=strength * (i + 1) / total)

    def line(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        color: Color,
        *,
        width: float = 1.0,
        alpha: float = 1.0,
    ) -> None:
        """A straight stroke with square ends."""
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            return
        nx, ny = -(y1 - y0) / length * width / 2, (x1 - x0) / length * width / 2
        self.polygon(
            [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)],
            color,
            alpha=alpha,
        )

    # Landscape layers ----------------------------------------------------------------------------------

    def ridge(self, heights: Sequence[float], top: Color, bottom: Color, y_end: int | None = None) -> None:
        """Fill below a skyline (one height per column) down to y_end, shading from `top` to `bottom`.

        Columns are filled with strided slice assignment, one per channel, so a layer costs w operations.
        """
        y_end = self.h if y_end is None else min(self.h, y_end)
        y_min = max(0, math.floor(min(heights)))
        span_h = max(1, y_end - y_min - 1)
        columns = [bytearray(self.h) for _ in range(3)]
        for y in range(y_min, y_end):
            c = mix(top, bottom, (y - y_min) / span_h)
            for ch in range(3):
                columns[ch][y] = c[ch]
        stride = self.w * 3
        for x in range(min(self.w, len(heights))):
            yt = heights[x]
            start = max(0, math.ceil(yt))
            if start >= y_end:
                continue
            for ch in range(3):
                self.px[(start * self.w + x) * 3 + ch : (y_end * self.w + x) * 3 + ch : stride] = columns[ch][
                    start:y_end
                ]
            cover = start - yt  # the part of the pixel row above `start` that the layer covers
            if cover > 0 and start >= 1:
                self.pixel(x, start - 1, top, alpha=cover)

    def reflect(
        self, horizon: int, water: Color, alpha_top: float, alpha_bottom: float, ripple: float = 2.0
    ) -> None:
        """Mirror everything above `horizon` into the rows below it, tinted by the water and rippled."""
        stride = self.w * 3
        for y in range(horizon, self.h):
            depth = y - horizon
            src = max(0, horizon - 1 - depth)
            row = self.px[src * stride : (src + 1) * stride]
            t = depth / max(1, self.h - horizon - 1)
            shift = round(ripple * (0.3 + t) * math.sin(depth * 0.42 + 2 * math.sin(depth * 0.05))) * 3
            if shift:
                row = row[-shift:] + row[:-shift]
            a = round((alpha_top + (alpha_bottom - alpha_top) * t) * 256)
            for ch in range(3):
                row[ch::3] = row[ch::3].translate(_blend_table(water[ch], a))
            self.px[y * stride : (y + 1) * stride] = row

    # Output --------------------------------------------------------------------------------------------

    def png(self) -> bytes:
        """The picture as PNG bytes; rows are filtered whichever way compresses smallest."""
        stride = self.w * 3
        plain, up, adaptive = bytearray(), bytearray(), bytearray()
        prev = bytes(stride)
        for y in range(self.h):
            row = bytes(self.px[y * stride : (y + 1) * stride])
            diff = bytes((a - b) & 255 for a, b in zip(row, prev, strict=True))
            plain += b"\x00" + row
            up += b"\x02" + diff
            sub = row[:3] + bytes((a - b) & 255 for a, b in zip(row[3:], row, strict=False))
            kind, data = min(
                ((0, row), (1, sub), (2, diff)), key=lambda c: sum(v if v < 128 else 256 - v for v in c[1])
            )
            adaptive += bytes((kind,)) + data
            prev = row
        idat = min((zlib.compress(bytes(raw), 9) for raw in (plain, up, adaptive)), key=len)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
