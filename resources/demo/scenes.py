"""The demo's illustrations, one function per picture, each painted to match its caption."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise
from random import Random

from motifs import (
    INK,
    blossom,
    branch,
    facet_shade,
    houses,
    lantern,
    person,
    pine,
    rain,
    round_tree,
    skyline,
    stars,
    swallow,
)
from painter import Canvas, Color, mix

WALL: Color = (238, 236, 228)
ROOF: Color = (58, 60, 66)
LANDSCAPE = (640, 400)
PORTRAIT = (400, 560)


def street_dawn(c: Canvas, rng: Random) -> None:
    """清晨六点，南门老街的早点摊前已经坐满了人."""
    c.vgradient(0, 300, [(0, (118, 140, 182)), (0.55, (236, 190, 165)), (1, (250, 218, 172))])
    c.glow(470, 250, 200, (255, 226, 170), 0.5)
    c.ridge(skyline(rng, c.w, 230, 10, 60, octaves=2), (170, 160, 175), (185, 170, 175), 300)
    houses(
        c, rng, -20, c.w + 20, 300, scale=1.25, wall=WALL, roof=ROOF, window=(70, 70, 80), lit=(250, 205, 120)
    )
    c.vgradient(300, c.h, [(0, (150, 140, 130)), (1, (105, 98, 92))])
    for k in range(6):
        y = 304 + k * k * 3.6
        c.rect(0, y, c.w, y + 1.2, (85, 78, 72), alpha=0.35)
    # the stall: striped awning, counter, steamer baskets and their steam, a bulb
    for i in range(8):
        col = (200, 55, 45) if i % 2 == 0 else (240, 235, 225)
        c.polygon([(330 + i * 26, 205), (356 + i * 26, 205), (362 + i * 27, 230), (334 + i * 27, 230)], col)
    c.rect(340, 230, 344, 330, INK)
    c.rect(545, 230, 549, 330, INK)
    c.rect(350, 285, 540, 330, (135, 90, 55))
    c.rect(350, 285, 540, 290, (160, 112, 70))
    for i in range(3):
        c.rect(450, 255 - i * 14, 520, 270 - i * 14, (200, 165, 110))
        c.rect(450, 268 - i * 14, 520, 271 - i * 14, (150, 115, 75))
    for i in range(6):
        c.ellipse(
            485 + rng.uniform(-20, 20), 205 - i * 18, 26 + i * 4, 14 + i * 2, (255, 255, 250), alpha=0.22
        )
    c.glow(400, 240, 60, (255, 210, 120), 0.6)
    c.disc(400, 240, 5, (255, 245, 200))
    for x, h in ((250, 44), (290, 40), (590, 46)):
        c.rect(x - 14, 318, x + 14, 322, (120, 80, 50))
        person(c, x, 322, h, (55, 65, 95))


def city_gate(c: Canvas, rng: Random) -> None:
    """南门城门洞下的青石板路，走过了几代人."""
    c.vgradient(0, 200, [(0, (160, 195, 225)), (1, (232, 236, 230))])
    round_tree(c, rng, 70, 220, 42, color=(80, 120, 80))
    round_tree(c, rng, 585, 215, 38, color=(90, 128, 84))
    stone = (150, 146, 138)
    c.rect(0, 168, c.w, 330, stone)
    for x in range(0, c.w, 28):
        c.rect(x, 156, x + 16, 170, stone)
    for row, y in enumerate(range(176, 330, 13)):
        c.rect(0, y, c.w, y + 1, (120, 116, 110), alpha=0.5)
        for x in range(-20 + (row % 2) * 18, c.w, 36):
            c.rect(x, y - 12, x + 1, y, (120, 116, 110), alpha=0.4)
    # gate tower: red columns under a wide roof with upturned eaves
    c.rect(215, 110, 425, 168, (175, 60, 48))
    for x in range(222, 425, 30):
        c.rect(x, 110, x + 6, 168, (120, 38, 32))
    c.rect(215, 150, 425, 156, (95, 70, 60))
    c.polygon([(175, 112), (465, 112), (440, 92), (392, 70), (248, 70), (200, 92)], ROOF)
    c.polygon([(175, 112), (160, 98), (200, 104)], ROOF)
    c.polygon([(465, 112), (480, 98), (440, 104)], ROOF)
    c.rect(245, 64, 395, 72, (75, 76, 82))
    # the arched passage, light at its far end
    cx, top, bottom, r = 320, 248, 330, 46
    c.ring(cx, top, r + 9, r + 9, (128, 124, 118), width=9)
    c.rect(cx - r - 9, top, cx - r, bottom, (128, 124, 118))
    c.rect(cx + r, top, cx + r + 9, bottom, (128, 124, 118))
    for y in range(top - r, bottom):
        hw = r if y >= top else math.sqrt(max(0, r * r - (top - y) ** 2))
        t = (y - (top - r)) / (bottom - top + r)
        c.spanf(y, cx - hw, cx + hw, mix((250, 238, 205), (205, 190, 160), t))
        c.spanf(y, cx - hw, cx - hw * 0.55, (60, 58, 58), alpha=0.55)
    c.vgradient(330, c.h, [(0, (170, 165, 155)), (1, (125, 120, 112))])
    c.polygon([(cx - r, 330), (cx + r, 330), (cx + 190, c.h), (cx - 190, c.h)], (192, 186, 174))
    for k in range(5):
        y = 336 + k * k * 2.8
        c.rect(0, y, c.w, y + 1, (110, 104, 98), alpha=0.45)
    person(c, 300, 326, 30, (60, 55, 60))


def bamboo_grove(c: Canvas, rng: Random) -> None:
    """陈师傅家屋后的竹林，是他用了一辈子的"材料库"."""
    c.vgradient(0, c.h, [(0, (214, 230, 205)), (0.6, (186, 210, 172)), (1, (128, 160, 108))])
    layers = (((170, 200, 160), 5, 9, 16), ((112, 158, 98), 9, 15, 11), ((56, 106, 60), 15, 26, 7))
    for depth, (color, wmin, wmax, count) in enumerate(layers):
        for _ in range(count):
            x, w, lean = rng.uniform(-10, c.w), rng.uniform(wmin, wmax), rng.uniform(-8, 8) * depth
            c.polygon([(x, c.h), (x + w, c.h), (x + w + lean, -5), (x + lean, -5)], color)
            if depth == 2:
                c.polygon(
                    [(x, c.h), (x + w * 0.3, c.h), (x + w * 0.3 + lean, -5), (x + lean, -5)],
                    (255, 255, 230),
                    alpha=0.15,
                )
            y = c.h - rng.uniform(10, 50)
            while y > 0:
                off = lean * (1 - y / c.h)
                c.rect(x + off - 1, y, x + off + w + 1, y + 2 + depth * 0.6, mix(color, INK, 0.35))
                y -= rng.uniform(40, 75)
        for _ in range(22 + depth * 14):
            x, y = rng.uniform(0, c.w), rng.uniform(-10, c.h * 0.55)
            a, n = rng.uniform(0.3, 2.8), rng.uniform(14, 26) + depth * 5
            px, py = math.cos(a), math.sin(a)
            c.polygon(
                [
                    (x, y),
                    (x + px * n * 0.4 - py * 3, y + py * n * 0.4 + px * 3),
                    (x + px * n, y + py * n),
                    (x + px * n * 0.4 + py * 3, y + py * n * 0.4 - px * 3),
                ],
                mix(color, INK, 0.15),
            )
        if depth == 0:
            c.haze(120, 360, (240, 245, 230), 0.45)
    for i in range(3):
        x = 120 + i * 170
        c.polygon([(x, 0), (x + 50, 0), (x - 90, c.h), (x - 170, c.h)], (255, 250, 200), alpha=0.07)
    c.band(360, c.h, (70, 85, 45), 0.2, 0.6)


def snowy_range(c: Canvas, rng: Random) -> None:
    """雪后的云岭，群山起伏如浪."""
    c.vgradient(0, 230, [(0, (140, 175, 214)), (1, (226, 233, 242))])
    c.glow(500, 80, 90, (255, 252, 235), 0.55)
    c.disc(500, 80, 16, (255, 253, 242))
    specs = (
        (175, 45, 200, (206, 214, 230), (222, 228, 238)),
        (215, 50, 150, (240, 244, 250), (196, 206, 222)),
        (262, 40, 120, (248, 250, 253), (205, 214, 228)),
    )
    for base, amp, period, top, bottom in specs:
        h = skyline(rng, c.w, base, amp, period, octaves=4)
        c.ridge(h, top, bottom)
        facet_shade(c, h, depth=70, light=(255, 255, 255), shadow=(150, 168, 198), strength=0.9)
        c.haze(int(base + amp * 0.3), int(base + amp * 1.8), (236, 240, 248), 0.5)
    ground = skyline(rng, c.w, 335, 10, 200, octaves=2)
    c.ridge(ground, (246, 248, 252), (226, 232, 242))
    for _ in range(26):
        x = rng.uniform(0, c.w)
        y = ground[min(c.w - 1, max(0, int(x)))] + rng.uniform(2, 50)
        pine(c, x, y, rng.uniform(30, 70) * (y / 340), (38, 70, 62), snow=(240, 245, 250))
    for _ in range(40):
        x = rng.uniform(0, c.w)
        pine(c, x, 300 + rng.uniform(-20, 5), rng.uniform(10, 18), (70, 98, 100))


def snowy_peak(c: Canvas, rng: Random) -> None:
    """云岭主峰附近的松林."""
    c.vgradient(0, 300, [(0, (84, 126, 190)), (1, (214, 226, 240))])
    peak = skyline(rng, c.w, 270, 18, 90, octaves=4, peaks=((210, 170, 170),))
    c.ridge(peak, (250, 252, 255), (180, 196, 218))
    top = min(range(c.w), key=lambda x: peak[x])
    spine = [
        (top + dx, peak[top] + dy)
        for dx, dy in ((46, 360), (22, 250), (34, 190), (12, 120), (18, 60), (4, 20))
    ]
    c.polygon(
        [*[(x, peak[x]) for x in range(top, c.w, 3)], (c.w, peak[-1]), (c.w, 360), *spine],
        (128, 150, 194),
        alpha=0.55,
    )
    c.haze(290, 440, (240, 244, 250), 0.85)
    mid = skyline(rng, c.w, 400, 20, 120, octaves=3)
    c.ridge(mid, (120, 140, 150), (160, 175, 185))
    for _ in range(30):
        x = rng.uniform(0, c.w)
        pine(c, x, mid[int(x) % c.w] + rng.uniform(8, 30), rng.uniform(18, 34), (70, 92, 98))
    c.haze(420, 490, (236, 242, 250), 0.6)
    ground = skyline(rng, c.w, 500, 12, 150, octaves=2)
    c.ridge(ground, (246, 248, 252), (225, 232, 242))
    for x, h in ((40, 170), (95, 120), (330, 190), (372, 130)):
        pine(c, x, ground[x] + 40, h, (30, 60, 52), snow=(242, 246, 250))


def plum_branch(c: Canvas, rng: Random) -> None:
    """小寒时节，老宅院墙边的红梅迎雪开放."""
    c.vgradient(0, c.h, [(0, (236, 232, 222)), (1, (222, 214, 200))])
    c.disc(470, 110, 60, (245, 242, 235), alpha=0.7)
    c.rect(0, 300, c.w, c.h, (240, 238, 232))
    c.rect(0, 284, c.w, 300, (70, 70, 76))
    for x in range(0, c.w, 16):
        c.ellipse(x + 8, 285, 9, 5, (88, 88, 96))
    c.rect(0, 298, c.w, 302, (200, 198, 192))
    c.band(300, c.h, (180, 175, 165), 0.0, 0.25)
    flowers: list[tuple[float, float]] = []
    branch(c, rng, -10, 330, -0.55, length=430, width=16, ink=INK, flowers=flowers)
    branch(c, rng, 120, 250, -1.2, length=210, width=9, ink=INK, flowers=flowers, depth=1)
    branch(c, rng, 260, 170, 0.15, length=260, width=8, ink=INK, flowers=flowers, depth=1)
    for x, y in flowers:
        if rng.random() < 0.75:
            blossom(c, rng, x, y, rng.uniform(6, 10), petal=(206, 44, 70), heart=(250, 215, 90))
        else:
            c.disc(x, y, rng.uniform(2.5, 4), (160, 30, 50))
    for _ in range(90):
        c.disc(rng.uniform(0, c.w), rng.uniform(0, c.h), rng.uniform(1, 2.6), (255, 255, 255), alpha=0.85)


def river_steps(c: Canvas, rng: Random) -> None:
    """南城沿河人家门前的河埠头."""
    c.vgradient(0, 240, [(0, (196, 210, 222)), (1, (232, 232, 228))])
    c.ridge(skyline(rng, c.w, 170, 18, 160, octaves=3), (188, 198, 200), (205, 210, 208), 240)
    houses(c, rng, -20, c.w + 20, 232, scale=1.0, wall=WALL, roof=ROOF, window=(72, 72, 80))
    c.rect(0, 232, c.w, 248, (150, 146, 138))
    c.rect(0, 232, c.w, 234, (175, 170, 160))
    c.reflect(248, (96, 124, 122), 0.35, 0.6, 2.5)
    for _ in range(24):
        y, x = rng.uniform(255, c.h), rng.uniform(0, c.w)
        c.rect(x, y, x + rng.uniform(20, 80), y + 1, (215, 225, 222), alpha=0.35)
    # stone steps down to the water on the near bank
    for k in range(7):
        y = 268 + k * 19
        x = 150 + k * 30
        riser = mix((150, 144, 134), (110, 116, 112), k / 7)
        c.polygon([(0, y), (x, y), (x + 12, y + 5), (x + 12, y + 19), (0, y + 19)], riser)
        c.polygon([(0, y), (x, y), (x + 12, y + 5), (0, y + 5)], mix((200, 194, 182), (150, 160, 156), k / 7))
        if k >= 5:
            c.rect(0, y + 5, x + 12, y + 19, (96, 124, 122), alpha=0.4 + 0.15 * (k - 5))
    c.ellipse(110, 300, 32, 9, (150, 105, 65))
    c.ellipse(110, 297, 28, 6, (110, 75, 45))
    c.line(160, 282, 205, 270, (170, 130, 90), width=4)


def umbrellas(c: Canvas, rng: Random) -> None:
    """刷好桐油的纸伞撑开在院子里晾晒."""
    c.vgradient(0, c.h, [(0, (178, 172, 160)), (1, (150, 145, 135))])
    for row, y in enumerate(range(0, c.h, 58)):
        for x in range(-60 + (row % 2) * 45, c.w, 92):
            c.rect(
                x + 2, y + 2, x + 90, y + 56, mix((180, 174, 162), (140, 136, 128), rng.random()), alpha=0.7
            )
    colors = [(198, 62, 48), (226, 176, 64), (60, 88, 140), (84, 140, 104), (226, 146, 116), (170, 50, 70)]
    spots = [
        (110, 110, 78),
        (290, 90, 70),
        (470, 120, 82),
        (180, 280, 74),
        (370, 290, 84),
        (560, 300, 66),
        (610, 70, 52),
    ]
    for (x, y, r), base in zip(spots, [*colors, colors[0]], strict=True):
        c.ellipse(x + 12, y + 14, r, r * 0.96, (40, 36, 32), alpha=0.35)
        ribs = 20
        turn = rng.uniform(0, 1)
        for k in range(ribs):
            a0, a1 = (k + turn) * math.tau / ribs, (k + 1 + turn) * math.tau / ribs
            shade = base if k % 2 == 0 else mix(base, (30, 20, 20), 0.12)
            c.polygon(
                [
                    (x, y),
                    (x + math.cos(a0) * r, y + math.sin(a0) * r),
                    (x + math.cos(a1) * r, y + math.sin(a1) * r),
                ],
                shade,
            )
        c.ring(x, y, r * 0.72, r * 0.72, mix(base, (255, 245, 220), 0.45), width=5)
        c.ring(x, y, r * 0.35, r * 0.35, mix(base, (255, 245, 220), 0.3), width=3)
        c.ring(x, y, r, r, mix(base, INK, 0.45), width=2.5)
        c.disc(x, y, r * 0.12, (90, 60, 40))
        c.disc(x - 2, y - 2, r * 0.05, (200, 170, 120))
    for _ in range(5):
        c.disc(20 + rng.uniform(-12, 12), 370 + rng.uniform(-12, 12), rng.uniform(12, 20), (70, 120, 60))


def lanterns_night(c: Canvas, rng: Random) -> None:
    """正月十五，南城河边挂起红灯笼."""
    c.vgradient(0, 250, [(0, (12, 18, 48)), (1, (58, 52, 96))])
    stars(c, rng, 70, 150)
    c.glow(520, 64, 70, (200, 205, 255), 0.35)
    c.disc(520, 64, 20, (250, 242, 210))
    rows = houses(
        c,
        rng,
        -20,
        c.w + 20,
        236,
        scale=1.1,
        wall=(46, 46, 66),
        roof=(24, 24, 36),
        window=(36, 36, 52),
        lit=(250, 196, 110),
    )
    c.rect(0, 236, c.w, 250, (40, 38, 50))
    c.reflect(250, (16, 20, 46), 0.35, 0.6, 3)
    for left, right, top in rows:
        y = top + 6
        c.line(left, y, right, y, (20, 18, 24), width=1)
        for k in range(1, max(2, int((right - left) / 34))):
            x = left + k * 34
            if x < right - 10:
                lantern(c, x, y + 3 + 4 * math.sin(k), 8)
    for _ in range(9):
        x, y = rng.uniform(20, c.w - 20), rng.uniform(275, 385)
        c.glow(x, y, 22, (255, 170, 70), 0.5, steps=8)
        c.ellipse(x, y + 3, 9, 3.5, (230, 120, 140))
        c.disc(x, y - 1, 2.5, (255, 230, 150))


def waterfall(c: Canvas, rng: Random) -> None:
    """青溪上游的第一道瀑布."""
    c.vgradient(0, c.h, [(0, (196, 218, 214)), (0.3, (226, 234, 226)), (1, (62, 88, 70))])
    c.rect(260, 50, 380, 320, (46, 58, 54))
    for x in range(282, 358):
        t = abs(x - 320) / 38
        c.vspan(x, 58, 318, mix((238, 244, 246), (190, 210, 214), t * t))
    for _ in range(60):
        x = rng.uniform(284, 356)
        c.line(
            x,
            rng.uniform(60, 200),
            x + rng.uniform(-1, 1),
            rng.uniform(200, 318),
            rng.choice(((255, 255, 255), (160, 186, 192))),
            width=1.2,
            alpha=0.35,
        )
    cliffs = (
        [(0, 0), (230, 0), (262, 60), (250, 160), (278, 250), (262, 330), (0, 345)],
        [(c.w, 0), (410, 0), (380, 50), (392, 170), (360, 260), (382, 330), (c.w, 350)],
    )
    for points in cliffs:
        c.polygon(points, (62, 88, 70))
    for _ in range(120):
        x, y = rng.uniform(0, c.w), rng.uniform(0, 330)
        if not 250 < x < 390:
            c.ellipse(
                x,
                y,
                rng.uniform(6, 18),
                rng.uniform(4, 9),
                rng.choice(((86, 122, 82), (50, 74, 60))),
                alpha=0.8,
            )
    c.vgradient(318, c.h, [(0, (62, 112, 100)), (1, (32, 70, 64))])
    c.glow(320, 318, 140, (240, 248, 246), 0.65)
    for x, y, rx, ry in ((60, 380, 90, 34), (580, 372, 100, 40), (200, 350, 30, 12), (450, 356, 26, 10)):
        c.ellipse(x, y, rx, ry, (58, 62, 58))
        c.ellipse(x - rx * 0.2, y - ry * 0.4, rx * 0.6, ry * 0.4, (100, 104, 96))
    for _ in range(5):
        x, y = rng.uniform(0, 120), rng.uniform(300, 360)
        for k in range(7):
            a = -math.pi / 2 + (k - 3) * 0.32
            c.line(x, y, x + math.cos(a) * 34, y + math.sin(a) * 34, (70, 130, 70), width=3)


def tea_hills(c: Canvas, rng: Random) -> None:
    """溪边的茶园，再过一个多月就要开采头茬春茶."""
    c.vgradient(0, 220, [(0, (148, 188, 226)), (1, (228, 236, 234))])
    c.ridge(skyline(rng, c.w, 140, 30, 180, octaves=4), (150, 178, 190), (178, 200, 200))
    c.ridge(skyline(rng, c.w, 180, 26, 150, octaves=3), (112, 150, 140), (150, 180, 160))
    for base, color in ((230, (118, 168, 78)), (290, (104, 156, 66))):
        h = skyline(rng, c.w, base, 22, 260, octaves=2)
        c.ridge(h, color, mix(color, (60, 90, 40), 0.3))
        for k in range(14):
            offset = 8 + k * 10 * (1 + k * 0.12)
            for x in range(c.w):
                y = int(h[x] + offset)
                c.vspan(x, y, y + 3 + k // 3, mix(color, (40, 80, 36), 0.5))
    ribbon = [(x, 378 + 8 * math.sin(x / 70)) for x in range(0, c.w + 40, 40)]
    c.polygon([*ribbon, *[(x, y + 16) for x, y in reversed(ribbon)]], (190, 220, 226))
    c.vgradient(392, c.h, [(0, (80, 120, 60)), (1, (70, 105, 55))])
    for x in (40, 600):
        round_tree(c, rng, x, 380, 34, color=(60, 112, 62))


def valley_ridge(c: Canvas, rng: Random) -> None:
    """从东侧山脊回望青溪溪谷."""
    c.vgradient(0, 240, [(0, (122, 150, 200)), (0.7, (242, 196, 150)), (1, (250, 214, 160))])
    c.glow(470, 190, 150, (255, 230, 170), 0.6)
    c.disc(470, 190, 24, (255, 240, 200))
    far, near = (226, 184, 172), (38, 58, 70)
    for i in range(6):
        t = i / 5
        base = 190 + i * 38
        h = skyline(rng, c.w, base, 30 - i * 2, 200 - i * 15, octaves=4)
        col = mix(far, near, t)
        c.ridge(h, col, mix(col, (250, 230, 210), 0.25))
        c.haze(base - 10, base + 60, (250, 230, 215), 0.4 * (1 - t))


def rainy_hills(c: Canvas, rng: Random) -> None:
    """雨水时节，青溪两岸的山笼在细雨里."""
    c.vgradient(0, 250, [(0, (184, 192, 190)), (1, (214, 220, 214))])
    for i, base in enumerate((140, 190, 235)):
        col = mix((176, 190, 180), (90, 122, 96), i / 2)
        c.ridge(skyline(rng, c.w, base, 34, 160, octaves=4), col, mix(col, (210, 216, 210), 0.5), 290)
        c.haze(base, base + 80, (222, 226, 222), 0.6)
    c.rect(0, 282, c.w, 294, (80, 106, 70))
    c.reflect(294, (150, 166, 160), 0.45, 0.6, 1.5)
    for _ in range(26):
        x, y = rng.uniform(0, c.w), rng.uniform(305, c.h)
        s = (y - 290) / 110
        c.ring(x, y, 8 + 22 * s, 2 + 5 * s, (225, 232, 228), width=1.2, alpha=0.5)
    c.polygon([(0, 360), (260, 340), (380, 348), (380, 356), (0, 372)], (72, 98, 62))
    person(c, 300, 348, 34, (110, 88, 60), hat=True)
    rain(c, rng, 320, (245, 248, 246), 0.35)


def vase(c: Canvas, rng: Random) -> None:
    """陶家坞龙窑烧出的一只釉陶罐."""
    c.vgradient(0, 420, [(0, (214, 196, 168)), (1, (186, 162, 132))])
    c.glow(90, 90, 260, (255, 242, 214), 0.35)
    c.vgradient(420, c.h, [(0, (128, 86, 54)), (1, (88, 58, 38))])
    c.rect(0, 420, c.w, 425, (158, 112, 74))
    cx = 200
    profile = [(185, 34), (205, 30), (230, 40), (270, 84), (305, 98), (350, 90), (395, 70), (432, 56)]
    c.ellipse(cx + 40, 434, 120, 14, (50, 34, 24), alpha=0.4)
    drip = [330 + 14 * math.sin(x / 9.0) + 8 * math.sin(x / 3.7) for x in range(c.w)]
    glaze_top, glaze_low, clay = (104, 142, 128), (70, 96, 92), (168, 112, 78)

    def radius(y: int) -> float:
        for (y0, r0), (y1, r1) in pairwise(profile):
            if y0 <= y < y1:
                f = (y - y0) / (y1 - y0)
                return r0 + (r1 - r0) * f * f * (3 - 2 * f)
        return profile[-1][1]

    for y in range(profile[0][0], profile[-1][0]):
        hw = radius(y)
        x0, x1 = math.floor(cx - hw), math.ceil(cx + hw)
        row = bytearray()
        for x in range(x0, x1):
            u = (x + 0.5 - cx) / hw
            if abs(u) >= 1:
                row += bytes(c.px[(y * c.w + x) * 3 : (y * c.w + x) * 3 + 3])
                continue
            base = mix(glaze_top, glaze_low, (y - 185) / 150) if y < drip[x] else clay
            light = 0.55 + 0.45 * math.cos(min(math.pi, abs(u + 0.3) * 1.7))
            col = mix((30, 24, 20), base, light)
            col = mix(col, (255, 252, 240), 0.45 * math.exp(-(((u + 0.45) / 0.15) ** 2)))
            row += bytes(col)
        start = (y * c.w + x0) * 3
        c.px[start : start + len(row)] = row
    c.ellipse(cx, 186, 34, 8, (120, 150, 136))
    c.ellipse(cx, 187, 27, 5.5, (44, 34, 28))
    c.ellipse(320, 418, 42, 10, (80, 58, 42), alpha=0.35)
    c.polygon([(280, 380), (360, 380), (348, 414), (292, 414)], (222, 214, 196))
    c.ellipse(320, 380, 40, 8, (236, 230, 214))
    c.ellipse(320, 381, 33, 5.5, (140, 160, 150))


def kiln_night(c: Canvas, rng: Random) -> None:
    """烧窑的夜里，投柴孔透出通红的火光."""
    c.vgradient(0, c.h, [(0, (10, 14, 36)), (1, (44, 36, 62))])
    stars(c, rng, 90, 220)
    for i in range(8):
        c.ellipse(590 - i * 14, 100 - i * 14, 40 + i * 8, 18 + i * 4, (120, 110, 120), alpha=0.12)
    c.polygon([(0, 380), (c.w, 150), (c.w, c.h), (0, c.h)], (26, 30, 34))

    def slope(x: float) -> float:
        return 380 - x * (230 / c.w)

    top = [(x, slope(x) - 34 - 10 * abs(math.sin(x / 28))) for x in range(40, 621, 4)]
    c.polygon([*top, (620, slope(620) + 6), (40, slope(40) + 6)], (76, 46, 36))
    roof = [(x, slope(x) - 62) for x in (20, 640)]
    c.polygon([roof[0], roof[1], (roof[1][0], roof[1][1] + 10), (roof[0][0], roof[0][1] + 10)], (20, 20, 26))
    for x in range(40, 640, 70):
        c.line(x, slope(x) - 54, x, slope(x), (24, 22, 26), width=3)
    for x in range(80, 600, 42):
        y = slope(x) - 16
        c.glow(x, y, 34, (255, 110, 30), 0.55, steps=10)
        c.disc(x, y, 5, (255, 190, 90))
    c.glow(58, 372, 90, (255, 120, 40), 0.75)
    c.ellipse(58, 372, 16, 12, (255, 210, 120))
    for _ in range(50):
        x = rng.uniform(40, 600)
        c.disc(
            x,
            slope(x) - rng.uniform(60, 150),
            rng.uniform(0.8, 1.6),
            (255, 170, 80),
            alpha=rng.uniform(0.4, 0.9),
        )
    person(c, 110, 372, 44, (12, 12, 16))


def old_station(c: Canvas, rng: Random) -> None:
    """停用后的南城老火车站."""
    c.vgradient(0, 300, [(0, (166, 196, 224)), (1, (242, 226, 200))])
    for x in (30, 90, 150, 470, 540, 610):
        round_tree(c, rng, x + rng.uniform(-10, 10), 300, rng.uniform(28, 40), color=(78, 108, 76))
    brick = (126, 130, 134)
    c.rect(130, 150, 510, 300, brick)
    c.polygon([(120, 152), (520, 152), (490, 126), (150, 126)], ROOF)
    c.rect(270, 96, 370, 152, brick)
    c.polygon([(258, 98), (382, 98), (320, 60)], ROOF)
    for row, y in enumerate(range(158, 300, 9)):
        c.rect(130, y, 510, y + 1, (104, 108, 112), alpha=0.5)
        for x in range(132 + (row % 2) * 12, 510, 24):
            c.rect(x, y - 8, x + 1, y, (104, 108, 112), alpha=0.35)
    cx, cy, r = 320, 120, 17
    c.disc(cx, cy, r + 3, (70, 62, 56))
    c.disc(cx, cy, r, (244, 238, 220))
    for k in range(12):
        a = k * math.tau / 12
        c.line(
            cx + math.cos(a) * r * 0.78,
            cy + math.sin(a) * r * 0.78,
            cx + math.cos(a) * r * 0.95,
            cy + math.sin(a) * r * 0.95,
            INK,
            width=1.4,
        )
    hour, minute = (3 + 10 / 60) / 12 * math.tau - math.pi / 2, 10 / 60 * math.tau - math.pi / 2
    c.line(cx, cy, cx + math.cos(hour) * r * 0.5, cy + math.sin(hour) * r * 0.5, INK, width=2.4)
    c.line(cx, cy, cx + math.cos(minute) * r * 0.8, cy + math.sin(minute) * r * 0.8, INK, width=1.6)
    c.rect(262, 158, 378, 178, (150, 40, 36))
    for k in range(4):
        c.rect(274 + k * 26, 162, 288 + k * 26, 174, (226, 196, 110))
    for y in (188, 244):
        for x in range(150, 500, 44):
            if 262 < x + 12 < 378 and y == 244:
                continue
            c.rect(x, y + 10, x + 24, y + 42, (240, 236, 226))
            c.disc(x + 12, y + 10, 12, (240, 236, 226))
            c.rect(x + 3, y + 10, x + 21, y + 40, (64, 74, 86))
            c.disc(x + 12, y + 10, 9, (64, 74, 86))
    c.rect(290, 250, 350, 300, (90, 60, 44))
    c.vgradient(300, 330, [(0, (196, 190, 178)), (1, (170, 164, 154))])
    c.rect(0, 326, c.w, 330, (200, 176, 90))
    c.vgradient(330, c.h, [(0, (130, 116, 100)), (1, (104, 92, 80))])
    for x in range(-10, c.w, 30):
        c.rect(x, 350, x + 12, 392, (92, 70, 52))
    for y in (358, 382):
        c.rect(0, y, c.w, y + 4, (170, 172, 176))
        c.rect(0, y + 4, c.w, y + 6, (90, 86, 82))
    for _ in range(26):
        x, y = rng.uniform(0, c.w), rng.uniform(336, c.h)
        for k in range(5):
            c.line(x, y, x + (k - 2) * 3, y - rng.uniform(5, 10), (96, 140, 70), width=1.3)


def lake_moon(c: Canvas, rng: Random) -> None:
    """月亮升起来以后，镜湖上铺开一条光带."""
    c.vgradient(0, 240, [(0, (10, 18, 44)), (1, (38, 52, 88))])
    stars(c, rng, 80, 200)
    c.glow(420, 96, 130, (190, 205, 255), 0.4)
    c.disc(420, 96, 24, (246, 242, 222))
    c.ridge(skyline(rng, c.w, 200, 30, 180, octaves=4), (34, 44, 74), (40, 52, 82), 240)
    c.ridge(skyline(rng, c.w, 228, 14, 120, octaves=3), (20, 28, 50), (22, 30, 52), 240)
    for x in range(30, 170, 22):
        c.disc(x, 226 - rng.uniform(0, 14), rng.uniform(12, 18), (14, 20, 36))
    c.rect(20, 228, 180, 240, (14, 20, 36))
    c.reflect(240, (10, 16, 38), 0.3, 0.6, 3)
    for y in range(244, c.h, 3):
        depth = (y - 240) / 160
        for _ in range(2):
            w = rng.uniform(8, 30) * (0.4 + depth * 1.6)
            x = 420 + rng.uniform(-1, 1) * (10 + 50 * depth)
            c.rect(x - w / 2, y, x + w / 2, y + 1.5, (250, 244, 220), alpha=rng.uniform(0.35, 0.8))
    c.polygon([(236, 320), (312, 320), (300, 330), (248, 330)], (8, 10, 18))
    person(c, 290, 320, 22, (8, 10, 18), hat=True)
    c.line(262, 316, 238, 338, (8, 10, 18), width=1.5)


def lake_dawn(c: Canvas, rng: Random) -> None:
    """清晨的镜湖，薄雾贴着水面移动."""
    c.vgradient(0, 230, [(0, (194, 202, 216)), (1, (240, 218, 208))])
    c.glow(200, 200, 160, (255, 236, 220), 0.5)
    c.ridge(skyline(rng, c.w, 170, 30, 170, octaves=4), (172, 176, 192), (196, 196, 206), 230)
    c.ridge(skyline(rng, c.w, 205, 18, 140, octaves=3), (140, 150, 164), (170, 176, 186), 230)
    c.band(170, 230, (246, 240, 236), 0.0, 0.7)
    for x in range(400, 560, 16):
        c.disc(x, 214 - rng.uniform(0, 16), rng.uniform(10, 15), (92, 108, 102))
    c.rect(400, 214, 540, 230, (92, 108, 102))
    c.rect(452, 200, 488, 222, (232, 228, 220))
    c.polygon([(446, 202), (494, 202), (486, 192), (454, 192)], (70, 72, 80))
    c.reflect(230, (184, 192, 198), 0.35, 0.55, 1.5)
    for y0 in (236, 280, 330):
        c.haze(y0, y0 + 70, (248, 246, 244), 0.55)
    c.polygon([(150, 300), (230, 300), (220, 308), (160, 308)], (60, 64, 70))
    person(c, 205, 300, 20, (60, 64, 70), hat=True)


def peach_swallows(c: Canvas, rng: Random) -> None:
    """桃花开了，燕子也回来了."""
    c.vgradient(0, c.h, [(0, (146, 192, 234)), (0.75, (226, 238, 240)), (1, (210, 228, 214))])
    c.ridge(skyline(rng, c.w, 320, 22, 200, octaves=3), (170, 200, 172), (150, 186, 140))
    c.ridge(skyline(rng, c.w, 360, 10, 220, octaves=2), (130, 176, 110), (110, 160, 90))
    flowers: list[tuple[float, float]] = []
    branch(c, rng, c.w + 10, 20, 2.6, length=360, width=14, ink=(96, 66, 56), flowers=flowers)
    branch(c, rng, c.w + 10, 150, 2.9, length=250, width=10, ink=(96, 66, 56), flowers=flowers, depth=1)
    for x, y in flowers:
        if rng.random() < 0.3:
            a = rng.uniform(0, math.tau)
            c.line(x, y, x + math.cos(a) * 12, y + math.sin(a) * 12, (110, 160, 80), width=4)
        blossom(c, rng, x, y, rng.uniform(7, 11), petal=(246, 176, 196), heart=(214, 86, 120))
    for x, y, s, tilt in ((140, 90, 7, -0.3), (230, 150, 5, 0.4), (90, 210, 4, 0.1), (320, 70, 4.5, -0.6)):
        swallow(c, x, y, s, (28, 32, 52), tilt=tilt)


def stone_bridge(c: Canvas, rng: Random) -> None:
    """石桥村口的"月亮桥"."""
    c.vgradient(0, 220, [(0, (166, 198, 226)), (1, (232, 236, 230))])
    c.ridge(
        skyline(rng, c.w, 110, 30, 200, octaves=4, peaks=((460, 40, 120),)),
        (120, 150, 150),
        (160, 184, 176),
        230,
    )
    c.ridge(skyline(rng, c.w, 160, 20, 150, octaves=3), (86, 124, 100), (120, 150, 120), 230)
    houses(c, rng, -20, c.w + 20, 214, scale=0.6, wall=WALL, roof=ROOF, window=(70, 70, 80))
    c.rect(0, 214, c.w, 238, (232, 196, 60))
    for x in range(0, c.w, 24):
        c.rect(x, 214 + (x % 48) / 6, x + 10, 238, (150, 176, 70), alpha=0.5)
    c.rect(0, 238, c.w, 262, (96, 130, 80))
    water, deck, drop = 262, 160, 56
    cx, r, half = 320, 70, 170
    for y in range(deck, water):
        # the deck rises towards the middle; the arch leaves a half disc open above the water
        reach = half * math.sqrt(min(1.0, (y + 0.5 - deck) / drop)) + (30 if y > deck + drop else 0)
        gap = water - y - 0.5
        inner = math.sqrt(r * r - gap * gap) if gap < r else 0.0
        if inner == 0.0:
            c.spanf(y, cx - reach, cx + reach, (150, 144, 134))
        else:
            c.spanf(y, cx - reach, cx - inner, (150, 144, 134))
            c.spanf(y, cx + inner, cx + reach, (150, 144, 134))
    c.ring(cx, water, r + 8, r + 8, (176, 170, 160), width=8)
    for x in range(cx - half, cx + half + 1):
        top = deck + ((x - cx) / half) ** 2 * drop
        c.vspan(x, math.floor(top), math.floor(top) + 5, (178, 172, 162))
    c.reflect(water, (86, 118, 112), 0.3, 0.55, 1.2)
    for _ in range(10):
        x = rng.uniform(cx - half, cx + half)
        y = deck + ((x - cx) / half) ** 2 * drop + rng.uniform(6, 24)
        if abs(x - cx) > r + 12 or y < water - r - 10:
            c.ellipse(x, y, rng.uniform(8, 16), rng.uniform(5, 9), (70, 110, 60), alpha=0.85)
    for x, y in ((60, 300), (560, 320), (140, 360)):
        c.ellipse(x, y, 26, 9, (110, 106, 98))
    c.rect(cx - half - 30, 248, cx - half + 20, 262, (120, 116, 108))


def clocks_wall(c: Canvas, rng: Random) -> None:
    """骆师傅的修表铺，墙上挂满了钟."""
    x = 0
    while x < c.w:
        w = rng.uniform(40, 60)
        c.rect(x, 0, x + w, c.h, mix((150, 102, 66), (124, 82, 52), rng.random()))
        c.rect(x, 0, x + 2, c.h, (90, 58, 38))
        x += w
    c.glow(560, 380, 260, (255, 220, 150), 0.4)
    c.rect(490, 96, 570, 300, (96, 60, 36))
    c.rect(498, 190, 562, 292, (200, 186, 160), alpha=0.35)
    c.line(530, 190, 530, 262, (200, 160, 70), width=2)
    c.disc(530, 268, 12, (214, 172, 80))
    clocks = [
        (110, 120, 62),
        (250, 80, 40),
        (370, 150, 52),
        (230, 230, 46),
        (90, 300, 40),
        (380, 300, 36),
        (530, 150, 32),
        (610, 60, 26),
        (300, 350, 24),
    ]
    rims = [(70, 44, 30), (190, 150, 70), (40, 40, 44), (150, 40, 36)]
    for cx, cy, r in clocks:
        c.disc(cx + 6, cy + 8, r + 4, (40, 26, 18), alpha=0.35)
        c.disc(cx, cy, r + 5, rng.choice(rims))
        c.disc(cx, cy, r, (246, 240, 224))
        for k in range(12):
            a = k * math.tau / 12
            inner = 0.74 if k % 3 == 0 else 0.82
            c.line(
                cx + math.cos(a) * r * inner,
                cy + math.sin(a) * r * inner,
                cx + math.cos(a) * r * 0.93,
                cy + math.sin(a) * r * 0.93,
                INK,
                width=2.2 if k % 3 == 0 else 1.2,
            )
        hour, minute = rng.uniform(0, math.tau), rng.uniform(0, math.tau)
        c.line(
            cx, cy, cx + math.cos(hour) * r * 0.5, cy + math.sin(hour) * r * 0.5, INK, width=max(2, r * 0.07)
        )
        c.line(
            cx,
            cy,
            cx + math.cos(minute) * r * 0.78,
            cy + math.sin(minute) * r * 0.78,
            INK,
            width=max(1.4, r * 0.04),
        )
        c.disc(cx, cy, max(2, r * 0.06), (160, 40, 30))
        c.glow(cx - r * 0.35, cy - r * 0.35, r * 0.5, (255, 255, 255), 0.3, steps=6)
    c.rect(0, 372, c.w, c.h, (74, 48, 32))
    c.rect(0, 372, c.w, 376, (120, 84, 56))
    c.polygon([(520, 330), (600, 330), (620, 372), (500, 372)], (40, 90, 70))


SCENES: dict[str, tuple[tuple[int, int], Callable[[Canvas, Random], None]]] = {
    "street_dawn": (LANDSCAPE, street_dawn),
    "city_gate": (LANDSCAPE, city_gate),
    "bamboo_grove": (LANDSCAPE, bamboo_grove),
    "snowy_range": (LANDSCAPE, snowy_range),
    "snowy_peak": (PORTRAIT, snowy_peak),
    "plum_branch": (LANDSCAPE, plum_branch),
    "river_steps": (LANDSCAPE, river_steps),
    "umbrellas": (LANDSCAPE, umbrellas),
    "lanterns_night": (LANDSCAPE, lanterns_night),
    "waterfall": (LANDSCAPE, waterfall),
    "tea_hills": (LANDSCAPE, tea_hills),
    "valley_ridge": (LANDSCAPE, valley_ridge),
    "rainy_hills": (LANDSCAPE, rainy_hills),
    "vase": (PORTRAIT, vase),
    "kiln_night": (LANDSCAPE, kiln_night),
    "old_station": (LANDSCAPE, old_station),
    "lake_moon": (LANDSCAPE, lake_moon),
    "lake_dawn": (LANDSCAPE, lake_dawn),
    "peach_swallows": (LANDSCAPE, peach_swallows),
    "stone_bridge": (LANDSCAPE, stone_bridge),
    "clocks_wall": (LANDSCAPE, clocks_wall),
}


def paint(scene: str) -> tuple[int, int, bytes]:
    """Paint a scene, seeded by its name so that every run gives the same picture: (width, height, PNG)."""
    (w, h), painter = SCENES[scene]
    canvas = Canvas(w, h)
    painter(canvas, Random(f"shanshui:{scene}"))
    return w, h, canvas.png()
