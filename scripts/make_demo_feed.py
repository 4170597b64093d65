#!/usr/bin/env python3
"""Generates the demo portal's bundled content: illustrations in demo/img/ and the sample feeds in demo/feeds/.

Owns: demo/img/*.jpg, demo/feeds/latest.json, demo/feeds/latest-2.json, demo/feeds/partner.json and
demo/feeds/rss-sample.xml. The page itself (demo/index.html, demo/portal.css) is hand-written.

Everything is deterministic (seeded drawing, fixed dates), so re-running only rewrites identical files and the
e2e tests can rely on the feed contents. Requires Pillow (`pip install Pillow`).

Run from the repository root:  python3 scripts/make_demo_feed.py
"""

import html
import json
import math
import os
import random
import sys

try:
    from PIL import Image, ImageDraw
except ImportError:  # pragma: no cover - guidance for a fresh machine
    sys.exit("Pillow is missing: pip install Pillow")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "demo")
IMG_DIR = os.path.join(DEMO, "img")
FEED_DIR = os.path.join(DEMO, "feeds")

SITE = "https://baothainguyen.example"
PARTNER_SITE = "https://baobackan.example"
SEED_URL = SITE + "/chinh-tri/dua-nghi-quyet-cua-dang-vao-cuoc-song-20190720.html"

THUMB = (320, 200)
LARGE = (1024, 640)
SS = 2  # supersampling factor: draw big, shrink with Lanczos for smooth edges without an AA renderer

# ---------------------------------------------------------------------------------------------------------
# Illustrations. Each scene is a function (draw, w, h, rnd) painting on an RGB canvas of size w×h.
# Colours get a little seeded jitter so several pictures of one scene type still look different.
# ---------------------------------------------------------------------------------------------------------


def jit(rnd, c, amount=14):
    return tuple(max(0, min(255, v + rnd.randint(-amount, amount))) for v in c)


def mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def vgrad(d, x0, y0, x1, y1, top, bottom):
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        d.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / span))


def ridge(d, w, h, base, amp, color, rnd, waves=3):
    """A mountain/hill silhouette: sum of sines above `base`, filled down to the bottom edge."""
    phases = [rnd.uniform(0, 6.28) for _ in range(waves)]
    freqs = [rnd.uniform(0.8, 2.6) * (k + 1) for k in range(waves)]
    pts = [(0, h)]
    for x in range(0, w + 8, 8):
        t = x / w
        y = sum(math.sin(t * f * math.pi + p) / (k + 1) for k, (f, p) in enumerate(zip(freqs, phases)))
        pts.append((x, base - y * amp))
    pts.append((w, h))
    d.polygon(pts, fill=color)


def sky(d, w, h, rnd, horizon, mood="day"):
    tops = {
        "day": ((96, 160, 222), (205, 228, 245)),
        "dawn": ((250, 190, 140), (255, 232, 200)),
        "dusk": ((70, 52, 120), (246, 150, 100)),
        "grey": ((120, 130, 140), (190, 196, 200)),
        "night": ((12, 20, 48), (40, 56, 100)),
    }[mood]
    bottom = jit(rnd, tops[1], 8)
    d.rectangle([0, horizon, w, h], fill=bottom)  # no white gaps where a ridge dips below the horizon
    vgrad(d, 0, 0, w, horizon, jit(rnd, tops[0], 10), bottom)


def sun(d, x, y, r, color):
    d.ellipse([x - r, y - r, x + r, y + r], fill=color)


def cloud(d, x, y, s, color):
    for dx, dy, r in ((0, 0, 1.0), (0.9, -0.35, 0.8), (1.7, 0, 0.9), (0.8, 0.25, 0.9)):
        rr = r * s
        d.ellipse([x + dx * s - rr, y + dy * s - rr * 0.7, x + dx * s + rr, y + dy * s + rr * 0.7], fill=color)


def star(d, cx, cy, r, color):
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.38
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=color)


def person(d, x, ground, hgt, shirt, rnd):
    head = hgt * 0.13
    d.rectangle([x - hgt * 0.09, ground - hgt * 0.48, x + hgt * 0.09, ground], fill=(45, 45, 60))
    d.rounded_rectangle([x - hgt * 0.14, ground - hgt * 0.85, x + hgt * 0.14, ground - hgt * 0.45],
                        radius=hgt * 0.05, fill=shirt)
    skin = jit(rnd, (224, 180, 140), 10)
    d.ellipse([x - head, ground - hgt - head * 0.2, x + head, ground - hgt + head * 1.8], fill=skin)
    d.pieslice([x - head, ground - hgt - head * 0.3, x + head, ground - hgt + head * 1.3], 180, 360,
               fill=(30, 28, 30))


def tree_round(d, x, ground, s, color):
    d.rectangle([x - s * 0.08, ground - s * 0.6, x + s * 0.08, ground], fill=(95, 70, 50))
    d.ellipse([x - s * 0.5, ground - s * 1.3, x + s * 0.5, ground - s * 0.45], fill=color)


def tree_pine(d, x, ground, s, color):
    d.polygon([(x, ground - s * 1.4), (x - s * 0.42, ground - s * 0.2), (x + s * 0.42, ground - s * 0.2)],
              fill=color)
    d.rectangle([x - s * 0.05, ground - s * 0.25, x + s * 0.05, ground], fill=(80, 60, 45))


def scene_tea(d, w, h, rnd):
    hz = int(h * 0.42)
    sky(d, w, h, rnd, hz + 40, rnd.choice(["day", "dawn"]))
    cloud(d, w * rnd.uniform(0.1, 0.7), h * 0.14, w * 0.05, (250, 250, 252))
    ridge(d, w, h, hz, h * 0.06, jit(rnd, (130, 160, 175)), rnd)
    for k, base in enumerate((0.55, 0.72, 0.9)):
        col = jit(rnd, mix((120, 176, 80), (56, 120, 48), k / 2), 10)
        ridge(d, w, h, int(h * base), h * 0.05, col, rnd, waves=2)
        # tea rows: darker arcs following the hill
        row = mix(col, (30, 80, 30), 0.35)
        for j in range(7):
            y = h * base + j * h * 0.035 + h * 0.02
            off = rnd.uniform(0, 6.28)
            pts = [(x, y + math.sin(x / w * 5 + off) * h * 0.012) for x in range(0, w + 10, 10)]
            d.line(pts, fill=row, width=max(2, int(h * 0.012)))


def scene_city(d, w, h, rnd, mood=None):
    hz = int(h * 0.72)
    sky(d, w, h, rnd, hz, mood or rnd.choice(["day", "dawn", "day"]))
    sun(d, w * rnd.uniform(0.15, 0.85), h * 0.2, h * 0.07, (255, 236, 170))
    x = -rnd.randint(0, 30)
    while x < w:
        bw = rnd.randint(int(w * 0.06), int(w * 0.13))
        bh = rnd.randint(int(h * 0.22), int(h * 0.6))
        col = jit(rnd, rnd.choice([(196, 190, 178), (170, 178, 190), (220, 206, 170), (150, 160, 168)]))
        d.rectangle([x, hz - bh, x + bw, hz], fill=col)
        win = mix(col, (60, 90, 130), 0.45)
        for wy in range(int(hz - bh + h * 0.04), hz - int(h * 0.04), int(h * 0.06)):
            for wx in range(int(x + bw * 0.15), int(x + bw * 0.85), max(6, int(bw * 0.25))):
                d.rectangle([wx, wy, wx + bw * 0.1, wy + h * 0.03], fill=win)
        x += bw + rnd.randint(0, 12)
    d.rectangle([0, hz, w, h], fill=(92, 96, 104))
    for x in range(0, w, int(w * 0.12)):
        d.rectangle([x, h * 0.86, x + w * 0.06, h * 0.875], fill=(235, 235, 230))
    for k in range(6):
        tree_round(d, rnd.uniform(0, w), hz + h * 0.02, h * 0.16, jit(rnd, (70, 140, 70)))


def scene_crowd(d, w, h, rnd):
    scene_city(d, w, h, rnd, "day")
    ground = h * 0.95
    for k in range(26):
        x = rnd.uniform(0, w)
        person(d, x, ground - rnd.uniform(0, h * 0.1), h * rnd.uniform(0.22, 0.3),
               jit(rnd, rnd.choice([(230, 60, 50), (250, 250, 250), (40, 120, 200), (250, 200, 40)])), rnd)


def scene_mountain(d, w, h, rnd):
    hz = int(h * 0.5)
    sky(d, w, h, rnd, hz + 30, rnd.choice(["day", "dawn", "dusk"]))
    sun(d, w * rnd.uniform(0.2, 0.8), h * 0.22, h * 0.08, (255, 226, 160))
    for k, (base, amp) in enumerate(((0.45, 0.18), (0.58, 0.14), (0.72, 0.1))):
        ridge(d, w, h, int(h * base), h * amp, jit(rnd, mix((120, 140, 170), (50, 100, 60), k / 2)), rnd,
              waves=4)
    # river winding to the front
    pts_l, pts_r = [], []
    cx = w * rnd.uniform(0.3, 0.7)
    for i in range(11):
        y = h * 0.75 + i * h * 0.025
        x = cx + math.sin(i * 0.7) * w * 0.08
        half = w * (0.01 + i * 0.012)
        pts_l.append((x - half, y))
        pts_r.append((x + half, y))
    d.polygon(pts_l + pts_r[::-1], fill=(120, 170, 210))


def scene_terraces(d, w, h, rnd):
    sky(d, w, h, rnd, int(h * 0.4), "day")
    ridge(d, w, h, int(h * 0.35), h * 0.08, jit(rnd, (110, 140, 110)), rnd)
    golden = rnd.random() < 0.5
    for j in range(12):
        base = h * 0.4 + j * h * 0.055
        t = j / 11
        col = mix((214, 190, 80), (160, 170, 60), t) if golden else mix((150, 200, 90), (70, 140, 60), t)
        ridge(d, w, h, int(base), h * 0.02, jit(rnd, col, 10), rnd, waves=2)
        edge = mix(col, (90, 80, 40), 0.4)
        ridge(d, w, h, int(base + h * 0.045), h * 0.02, edge, rnd, waves=2)


def scene_field(d, w, h, rnd):
    hz = int(h * 0.45)
    sky(d, w, h, rnd, hz, rnd.choice(["day", "dawn"]))
    cloud(d, w * rnd.uniform(0.2, 0.6), h * 0.16, w * 0.05, (250, 250, 250))
    ridge(d, w, h, hz, h * 0.05, jit(rnd, (120, 150, 120)), rnd)
    # perspective strips converging to a vanishing point
    vp = w * rnd.uniform(0.35, 0.65)
    cols = [(120, 180, 70), (160, 200, 90), (100, 160, 60), (190, 200, 100)]
    n = 14
    for i in range(n):
        x0 = -w * 0.6 + i * (w * 2.2 / n)
        x1 = x0 + w * 2.2 / n
        d.polygon([(vp, hz), (x0, h), (x1, h)], fill=jit(rnd, cols[i % 4], 8))
    for k in range(3):
        x = rnd.uniform(w * 0.1, w * 0.9)
        ground = h * rnd.uniform(0.75, 0.95)
        person(d, x, ground, h * 0.18, jit(rnd, (60, 110, 170)), rnd)
        # conical hat (nón lá)
        d.polygon([(x - h * 0.045, ground - h * 0.16), (x, ground - h * 0.2), (x + h * 0.045, ground - h * 0.16)],
                  fill=(225, 205, 150))


def scene_orchard(d, w, h, rnd):
    hz = int(h * 0.4)
    sky(d, w, h, rnd, hz, "day")
    ridge(d, w, h, hz, h * 0.06, jit(rnd, (110, 150, 110)), rnd)
    d.rectangle([0, hz + 10, w, h], fill=jit(rnd, (120, 170, 80)))
    fruit = rnd.choice([(240, 150, 40), (250, 190, 40), (230, 110, 40)])
    for row in range(4):
        y = hz + h * 0.12 + row * h * 0.14
        s = h * (0.14 + row * 0.06)
        for k in range(int(w / s) + 2):
            x = k * s * 1.1 + (row % 2) * s * 0.5
            tree_round(d, x, y + s * 0.3, s, jit(rnd, (60, 130, 60), 10))
            for f in range(5):
                fx, fy = x + rnd.uniform(-0.35, 0.35) * s, y + s * 0.3 - rnd.uniform(0.6, 1.15) * s
                r = s * 0.05
                d.ellipse([fx - r, fy - r, fx + r, fy + r], fill=fruit)


def scene_stadium(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=(60, 64, 80))
    vgrad(d, 0, 0, w, int(h * 0.35), jit(rnd, (40, 50, 90)), (80, 86, 110))
    for k in range(900):
        x, y = rnd.uniform(0, w), rnd.uniform(h * 0.05, h * 0.33)
        r = h * 0.008
        d.ellipse([x - r, y - r, x + r, y + r], fill=rnd.choice([(230, 60, 50), (250, 250, 250), (250, 210, 60),
                                                                   (60, 120, 210)]))
    top, bot = h * 0.38, h
    stripes = 10
    for i in range(stripes):
        y0 = top + (bot - top) * (i / stripes) ** 1.2
        y1 = top + (bot - top) * ((i + 1) / stripes) ** 1.2
        d.rectangle([0, y0, w, y1], fill=(70, 150, 70) if i % 2 else (84, 166, 80))
    white = (240, 240, 240)
    lw = max(2, int(h * 0.008))
    d.line([(w * 0.08, top + 4), (w * 0.92, top + 4)], fill=white, width=lw)
    d.line([(w * 0.5, top + 4), (w * 0.5, bot)], fill=white, width=lw)
    d.ellipse([w * 0.36, h * 0.58, w * 0.64, h * 0.86], outline=white, width=lw)
    for k in range(4):
        person(d, rnd.uniform(w * 0.1, w * 0.9), rnd.uniform(h * 0.55, h * 0.95), h * 0.16,
               rnd.choice([(220, 40, 40), (250, 250, 250)]), rnd)


def flag(d, x, top, s):
    d.line([(x, top), (x, top + s * 2.2)], fill=(200, 200, 200), width=max(2, int(s * 0.06)))
    d.rectangle([x, top, x + s * 0.9, top + s * 0.6], fill=(218, 37, 29))
    star(d, x + s * 0.45, top + s * 0.3, s * 0.18, (255, 222, 0))


def scene_school(d, w, h, rnd):
    hz = int(h * 0.62)
    sky(d, w, h, rnd, hz, "day")
    cloud(d, w * 0.7, h * 0.15, w * 0.04, (252, 252, 252))
    d.rectangle([0, hz, w, h], fill=jit(rnd, (200, 190, 170)))
    wall = jit(rnd, (245, 214, 120))
    bx0, bx1, by = w * 0.12, w * 0.88, h * 0.3
    d.rectangle([bx0, by, bx1, hz], fill=wall)
    d.polygon([(bx0 - w * 0.03, by), (w * 0.5, by - h * 0.1), (bx1 + w * 0.03, by)], fill=(176, 58, 46))
    for floor in range(2):
        y = by + h * 0.05 + floor * h * 0.14
        for k in range(8):
            x = bx0 + w * 0.03 + k * (bx1 - bx0 - w * 0.06) / 8
            d.rectangle([x, y, x + w * 0.05, y + h * 0.08], fill=(110, 150, 180))
    flag(d, w * 0.06, h * 0.18, h * 0.12)
    for k in range(3):
        tree_round(d, rnd.uniform(w * 0.05, w * 0.95), h * 0.98, h * 0.3, jit(rnd, (60, 140, 60)))


def scene_hall(d, w, h, rnd):
    back = rnd.choice([((178, 28, 32), (140, 20, 24)), ((150, 24, 40), (110, 16, 30)), ((30, 70, 140), (20, 46, 100))])
    vgrad(d, 0, 0, w, int(h * 0.55), jit(rnd, back[0], 10), back[1])
    if back[0][0] > 100:
        star(d, w * 0.5, h * 0.2, h * 0.11, (255, 214, 0))
    else:
        d.rectangle([w * 0.2, h * 0.12, w * 0.8, h * 0.28], outline=(255, 214, 0), width=max(2, int(h * 0.01)))
    d.rectangle([w * 0.3, h * 0.36, w * 0.7, h * 0.42], fill=(250, 240, 220))
    d.rectangle([0, h * 0.55, w, h], fill=(120, 86, 60))
    d.rectangle([w * 0.44, h * 0.44, w * 0.56, h * 0.62], fill=(150, 100, 60))
    for k in range(9):  # flowers in front of the podium
        x = w * 0.36 + k * w * 0.035
        r = h * 0.02
        d.ellipse([x - r, h * 0.58 - r, x + r, h * 0.58 + r], fill=rnd.choice([(250, 210, 40), (240, 80, 60)]))
    for row in range(4):
        y = h * 0.72 + row * h * 0.08
        s = h * (0.12 + row * 0.035)
        n = int(w / (s * 0.55))
        for k in range(n):
            x = (k + 0.5) * w / n + (row % 2) * s * 0.2
            d.rectangle([x - s * 0.22, y - s * 0.1, x + s * 0.22, y + s * 0.3], fill=(30, 50, 110))
            person(d, x, y + s * 0.15, s * 0.7, rnd.choice([(250, 250, 250), (60, 70, 90), (230, 230, 240)]),
                   rnd)


def scene_health(d, w, h, rnd):
    hz = int(h * 0.7)
    sky(d, w, h, rnd, hz, "day")
    d.rectangle([0, hz, w, h], fill=(170, 175, 180))
    d.rectangle([w * 0.15, h * 0.25, w * 0.85, hz], fill=(246, 246, 244))
    for fl in range(3):
        for k in range(9):
            x = w * 0.19 + k * w * 0.07
            y = h * 0.32 + fl * h * 0.12
            d.rectangle([x, y, x + w * 0.045, y + h * 0.07], fill=(120, 170, 210))
    cx, cy, s = w * 0.5, h * 0.16, h * 0.08
    d.rectangle([cx - s * 1.3, cy - s * 1.3, cx + s * 1.3, cy + s * 1.3], fill=(250, 250, 250))
    d.rectangle([cx - s * 0.3, cy - s, cx + s * 0.3, cy + s], fill=(220, 40, 40))
    d.rectangle([cx - s, cy - s * 0.3, cx + s, cy + s * 0.3], fill=(220, 40, 40))
    ax = w * rnd.uniform(0.05, 0.6)
    d.rounded_rectangle([ax, h * 0.74, ax + w * 0.22, h * 0.9], radius=h * 0.02, fill=(252, 252, 252))
    d.rectangle([ax, h * 0.79, ax + w * 0.22, h * 0.81], fill=(220, 40, 40))
    for wx in (ax + w * 0.04, ax + w * 0.18):
        d.ellipse([wx - h * 0.03, h * 0.87, wx + h * 0.03, h * 0.93], fill=(40, 40, 40))
    for k in range(3):
        person(d, rnd.uniform(w * 0.3, w * 0.95), h * 0.97, h * 0.22, (250, 250, 250), rnd)


def scene_lake(d, w, h, rnd):
    hz = int(h * 0.55)
    mood = rnd.choice(["day", "dusk", "dawn"])
    sky(d, w, h, rnd, hz, mood)
    if mood != "day":
        sun(d, w * rnd.uniform(0.3, 0.7), hz - h * 0.12, h * 0.07, (255, 210, 140))
    # karst peaks: steep domes
    for k in range(7):
        cx = rnd.uniform(0, w)
        pw, ph = w * rnd.uniform(0.08, 0.16), h * rnd.uniform(0.15, 0.32)
        col = jit(rnd, (70, 110, 80))
        d.ellipse([cx - pw, hz - ph, cx + pw, hz + ph], fill=col)
    vgrad(d, 0, hz, w, h, jit(rnd, (90, 140, 150)), (40, 90, 110))
    for k in range(12):
        y = rnd.uniform(hz + 5, h)
        x = rnd.uniform(0, w)
        d.line([(x, y), (x + w * 0.1, y)], fill=(150, 190, 200), width=2)
    bx, by = w * rnd.uniform(0.2, 0.7), h * rnd.uniform(0.72, 0.85)
    d.polygon([(bx, by), (bx + w * 0.14, by), (bx + w * 0.12, by + h * 0.03), (bx + w * 0.02, by + h * 0.03)],
              fill=(90, 60, 40))
    person(d, bx + w * 0.07, by, h * 0.1, (200, 60, 40), rnd)


def scene_festival(d, w, h, rnd):
    vgrad(d, 0, 0, w, h, jit(rnd, (60, 30, 90)), jit(rnd, (240, 130, 80)))
    d.rectangle([0, h * 0.7, w, h], fill=(70, 40, 40))
    d.rectangle([w * 0.2, h * 0.45, w * 0.8, h * 0.7], fill=(150, 30, 40))
    for row in range(2):
        y0 = h * (0.08 + row * 0.12)
        pts = [(x, y0 + math.sin(x / w * math.pi) * h * 0.05) for x in range(0, w + 10, 10)]
        d.line(pts, fill=(40, 30, 30), width=2)
        for k in range(14):
            x = (k + 0.5) * w / 14
            y = y0 + math.sin(x / w * math.pi) * h * 0.05
            col = rnd.choice([(230, 50, 50), (250, 200, 40), (60, 160, 90), (60, 120, 220)])
            if row == 0:
                d.polygon([(x - w * 0.025, y), (x + w * 0.025, y), (x, y + h * 0.07)], fill=col)
            else:
                d.ellipse([x - w * 0.018, y, x + w * 0.018, y + h * 0.07], fill=(230, 60, 40))
                d.rectangle([x - w * 0.005, y + h * 0.07, x + w * 0.005, y + h * 0.09], fill=(250, 200, 40))
    for k in range(7):
        person(d, w * 0.25 + k * w * 0.08, h * 0.7, h * 0.2,
               rnd.choice([(230, 60, 60), (40, 40, 120), (250, 220, 80), (30, 30, 30)]), rnd)
    for k in range(14):
        person(d, rnd.uniform(0, w), h * rnd.uniform(0.92, 1.02), h * 0.26, (35, 30, 40), rnd)


def scene_factory(d, w, h, rnd):
    hz = int(h * 0.7)
    sky(d, w, h, rnd, hz, rnd.choice(["day", "dawn"]))
    d.rectangle([0, hz, w, h], fill=(150, 152, 150))
    x = w * 0.05
    wall = jit(rnd, (210, 220, 230))
    while x < w * 0.95:
        bw = w * rnd.uniform(0.18, 0.3)
        top = h * rnd.uniform(0.35, 0.5)
        d.rectangle([x, top, x + bw, hz], fill=wall)
        teeth = 4
        for t in range(teeth):
            tx = x + t * bw / teeth
            d.polygon([(tx, top), (tx + bw / teeth, top), (tx + bw / teeth, top - h * 0.07)], fill=(90, 110, 150))
        d.rectangle([x, hz - h * 0.12, x + bw, hz - h * 0.1], fill=jit(rnd, (40, 90, 170)))
        x += bw + w * 0.03
    for k in range(2):
        cx = w * rnd.uniform(0.1, 0.9)
        d.rectangle([cx, h * 0.12, cx + w * 0.03, hz], fill=(170, 90, 80))
        cloud(d, cx + w * 0.01, h * 0.1, w * 0.025, (235, 235, 238))
    tx = w * rnd.uniform(0.05, 0.6)
    d.rectangle([tx, h * 0.76, tx + w * 0.2, h * 0.88], fill=(240, 240, 240))
    d.rectangle([tx + w * 0.2, h * 0.8, tx + w * 0.27, h * 0.88], fill=(40, 110, 180))
    for wx in (tx + w * 0.04, tx + w * 0.22):
        d.ellipse([wx - h * 0.03, h * 0.86, wx + h * 0.03, h * 0.92], fill=(40, 40, 40))


def scene_road(d, w, h, rnd):
    hz = int(h * 0.45)
    sky(d, w, h, rnd, hz, "day")
    ridge(d, w, h, hz, h * 0.06, jit(rnd, (120, 150, 130)), rnd)
    d.rectangle([0, hz + 5, w, h], fill=jit(rnd, (120, 170, 80)))
    vp = w * rnd.uniform(0.4, 0.6)
    d.polygon([(vp - w * 0.01, hz), (vp + w * 0.01, hz), (w * 0.95, h), (w * 0.05, h)], fill=(80, 84, 90))
    for i in range(8):
        t0, t1 = (i / 8) ** 2, ((i + 0.5) / 8) ** 2
        y0, y1 = hz + (h - hz) * t0, hz + (h - hz) * t1
        x0 = vp + (w * 0.5 - vp) * t0
        x1 = vp + (w * 0.5 - vp) * t1
        d.line([(x0, y0), (x1, y1)], fill=(245, 245, 240), width=max(2, int(1 + 8 * t1)))
    for k in range(4):
        cx, cy = rnd.uniform(w * 0.05, w * 0.3), rnd.uniform(h * 0.7, h * 0.95)
        d.polygon([(cx, cy - h * 0.08), (cx - h * 0.035, cy), (cx + h * 0.035, cy)], fill=(245, 120, 30))
    ex = w * rnd.uniform(0.65, 0.8)
    d.rectangle([ex, h * 0.62, ex + w * 0.16, h * 0.74], fill=(250, 190, 30))
    d.line([(ex + w * 0.14, h * 0.62), (ex + w * 0.22, h * 0.5), (ex + w * 0.26, h * 0.66)],
           fill=(240, 180, 30), width=max(3, int(h * 0.02)))


def scene_forest(d, w, h, rnd):
    sky(d, w, h, rnd, int(h * 0.5), rnd.choice(["day", "dawn"]))
    ridge(d, w, h, int(h * 0.38), h * 0.1, jit(rnd, (150, 170, 170)), rnd)
    for row in range(5):
        col = jit(rnd, mix((100, 150, 110), (30, 80, 40), row / 4), 8)
        ground = h * (0.5 + row * 0.12)
        s = h * (0.18 + row * 0.07)
        d.rectangle([0, ground - s * 0.25, w, h], fill=col)
        for k in range(int(w / (s * 0.55)) + 2):
            tree_pine(d, k * s * 0.55 + rnd.uniform(-s * 0.1, s * 0.1), ground, s, jit(rnd, col, 12))


def scene_rain(d, w, h, rnd):
    sky(d, w, h, rnd, int(h * 0.5), "grey")
    ridge(d, w, h, int(h * 0.45), h * 0.12, (80, 96, 90), rnd, waves=4)
    d.rectangle([0, h * 0.62, w, h], fill=(110, 120, 100))
    d.polygon([(w * 0.3, h * 0.45), (w * 0.55, h * 0.42), (w * 0.75, h), (w * 0.2, h)], fill=(150, 110, 70))
    d.polygon([(0, h * 0.82), (w, h * 0.74), (w, h * 0.84), (0, h * 0.92)], fill=(90, 90, 95))
    for k in range(160):
        x, y = rnd.uniform(0, w), rnd.uniform(0, h)
        d.line([(x, y), (x - w * 0.015, y + h * 0.06)], fill=(210, 215, 225), width=1)
    ex = w * rnd.uniform(0.55, 0.7)
    d.rectangle([ex, h * 0.66, ex + w * 0.14, h * 0.76], fill=(250, 190, 30))


def scene_market(d, w, h, rnd):
    d.rectangle([0, 0, w, h], fill=(236, 226, 206))
    n = 4
    for k in range(n):
        x0, x1 = k * w / n + w * 0.01, (k + 1) * w / n - w * 0.01
        c1 = rnd.choice([(220, 60, 50), (40, 130, 90), (30, 100, 180), (240, 170, 30)])
        stripes = 6
        for s in range(stripes):
            d.rectangle([x0 + s * (x1 - x0) / stripes, h * 0.1, x0 + (s + 1) * (x1 - x0) / stripes, h * 0.3],
                        fill=c1 if s % 2 == 0 else (250, 250, 245))
        d.rectangle([x0, h * 0.55, x1, h * 0.75], fill=(150, 110, 70))
        produce = rnd.choice([(60, 140, 60), (240, 150, 40), (200, 60, 50), (120, 170, 70)])
        for j in range(40):
            px, py = rnd.uniform(x0 + 6, x1 - 6), rnd.uniform(h * 0.48, h * 0.56)
            r = h * 0.025
            d.ellipse([px - r, py - r, px + r, py + r], fill=jit(rnd, produce, 20))
    d.rectangle([0, h * 0.75, w, h], fill=(170, 160, 150))
    for k in range(6):
        person(d, rnd.uniform(0, w), h * rnd.uniform(0.9, 1.0), h * 0.3,
               jit(rnd, rnd.choice([(230, 230, 230), (200, 80, 80), (60, 90, 160)])), rnd)


def scene_memorial(d, w, h, rnd):
    hz = int(h * 0.55)
    sky(d, w, h, rnd, hz, rnd.choice(["day", "dawn"]))
    d.rectangle([0, hz, w, h], fill=jit(rnd, (110, 160, 80)))
    cx = w * 0.5
    d.polygon([(cx - w * 0.03, hz), (cx - w * 0.015, h * 0.12), (cx, h * 0.06), (cx + w * 0.015, h * 0.12),
               (cx + w * 0.03, hz)], fill=(235, 232, 222))
    d.rectangle([cx - w * 0.08, hz - h * 0.04, cx + w * 0.08, hz], fill=(215, 210, 200))
    for row in range(5):
        y = hz + h * 0.06 + row * h * 0.085
        s = h * (0.03 + row * 0.012)
        n = 10 + row * 2
        for k in range(n):
            x = (k + 0.5) * w / n
            if abs(x - cx) < w * 0.06 and row < 2:
                continue
            d.rounded_rectangle([x - s * 0.6, y - s, x + s * 0.6, y + s * 0.4], radius=s * 0.3,
                                fill=(245, 245, 240))
    for x in (w * 0.12, w * 0.88):
        tree_pine(d, x, hz + 4, h * 0.35, (50, 100, 60))
    flag(d, w * 0.28, h * 0.2, h * 0.1)


def scene_village(d, w, h, rnd):
    hz = int(h * 0.5)
    sky(d, w, h, rnd, hz, rnd.choice(["day", "dawn"]))
    ridge(d, w, h, int(h * 0.42), h * 0.12, jit(rnd, (100, 140, 110)), rnd, waves=4)
    d.rectangle([0, h * 0.62, w, h], fill=jit(rnd, (130, 180, 80)))
    for k in range(rnd.randint(2, 4)):
        x = w * (0.12 + k * 0.26) + rnd.uniform(-w * 0.03, w * 0.03)
        base = h * rnd.uniform(0.68, 0.8)
        bw, bh = w * 0.2, h * 0.12
        for sx in range(5):  # stilts
            px = x + sx * bw / 4
            d.line([(px, base - h * 0.08), (px, base)], fill=(90, 60, 40), width=max(2, int(h * 0.01)))
        d.rectangle([x, base - h * 0.08 - bh, x + bw, base - h * 0.08], fill=jit(rnd, (170, 120, 70)))
        d.polygon([(x - bw * 0.1, base - h * 0.08 - bh), (x + bw * 0.5, base - h * 0.08 - bh * 2.1),
                   (x + bw * 1.1, base - h * 0.08 - bh)], fill=jit(rnd, (120, 80, 60)))
        d.rectangle([x + bw * 0.4, base - h * 0.08 - bh * 0.8, x + bw * 0.6, base - h * 0.08],
                    fill=(70, 45, 30))
    for k in range(3):
        tree_round(d, rnd.uniform(0, w), h * rnd.uniform(0.85, 1.0), h * 0.25, jit(rnd, (60, 130, 60)))


def scene_night(d, w, h, rnd):
    hz = int(h * 0.75)
    sky(d, w, h, rnd, hz, "night")
    for k in range(40):
        x, y = rnd.uniform(0, w), rnd.uniform(0, h * 0.4)
        d.point((x, y), fill=(220, 220, 255))
    x = 0
    while x < w:
        bw = rnd.randint(int(w * 0.06), int(w * 0.12))
        bh = rnd.randint(int(h * 0.2), int(h * 0.5))
        d.rectangle([x, hz - bh, x + bw, hz], fill=(28, 34, 56))
        for wy in range(int(hz - bh + 8), hz - 8, int(h * 0.05)):
            for wx in range(int(x + 6), int(x + bw - 6), int(w * 0.025)):
                if rnd.random() < 0.45:
                    d.rectangle([wx, wy, wx + w * 0.01, wy + h * 0.02], fill=(250, 220, 120))
        x += bw + 4
    d.rectangle([0, hz, w, h], fill=(40, 42, 50))
    cx = w * rnd.uniform(0.3, 0.6)
    d.rectangle([cx, h * 0.8, cx + w * 0.2, h * 0.9], fill=(230, 230, 235))
    d.rectangle([cx + w * 0.07, h * 0.77, cx + w * 0.09, h * 0.8], fill=(230, 40, 40))
    d.rectangle([cx + w * 0.1, h * 0.77, cx + w * 0.12, h * 0.8], fill=(40, 90, 230))


def scene_construction(d, w, h, rnd):
    hz = int(h * 0.72)
    sky(d, w, h, rnd, hz, "day")
    cloud(d, w * 0.15, h * 0.12, w * 0.04, (250, 250, 250))
    d.rectangle([0, hz, w, h], fill=(196, 176, 140))
    for k in range(3):  # concrete frames of buildings going up
        x0 = w * (0.18 + k * 0.24)
        floors = rnd.randint(4, 7)
        fh = h * 0.075
        bw = w * 0.16
        for f in range(floors):
            y = hz - (f + 1) * fh
            d.rectangle([x0, y, x0 + bw, y + fh * 0.18], fill=(170, 170, 170))
            for c in range(4):
                cx = x0 + c * bw / 3
                d.rectangle([cx - 3, y, cx + 3, y + fh], fill=(160, 160, 160))
    # tower crane
    cx = w * 0.82
    yellow = (244, 190, 30)
    d.rectangle([cx - w * 0.008, h * 0.1, cx + w * 0.008, hz], fill=yellow)
    d.line([(w * 0.45, h * 0.12), (cx + w * 0.12, h * 0.12)], fill=yellow, width=max(3, int(h * 0.012)))
    d.line([(w * 0.55, h * 0.12), (w * 0.55, h * 0.3)], fill=(60, 60, 60), width=2)
    # site sign board on two posts, behind the delegation
    for px in (w * 0.03, w * 0.11):
        d.rectangle([px - 2, h * 0.5, px + 2, hz + h * 0.02], fill=(90, 90, 90))
    d.rectangle([w * 0.015, h * 0.44, w * 0.125, h * 0.56], fill=(250, 250, 250), outline=(40, 90, 170),
                width=max(2, int(h * 0.006)))
    # delegation inspecting the site
    for k in range(9):
        person(d, w * 0.2 + k * w * 0.075 + rnd.uniform(-6, 6), h * rnd.uniform(0.95, 0.99), h * 0.32,
               rnd.choice([(250, 250, 250), (240, 240, 245), (60, 70, 100)]), rnd)


SCENES = {
    "tea": scene_tea, "city": scene_city, "crowd": scene_crowd, "mountain": scene_mountain,
    "terraces": scene_terraces, "field": scene_field, "orchard": scene_orchard, "stadium": scene_stadium,
    "school": scene_school, "hall": scene_hall, "health": scene_health, "lake": scene_lake,
    "festival": scene_festival, "factory": scene_factory, "road": scene_road, "forest": scene_forest,
    "rain": scene_rain, "market": scene_market, "memorial": scene_memorial, "village": scene_village,
    "night": scene_night, "construction": scene_construction,
}


def render(name, scene, size, quality):
    """Draws `scene` at size×SS and writes demo/img/<name>.jpg; returns the file's size in bytes."""
    w, h = size[0] * SS, size[1] * SS
    im = Image.new("RGB", (w, h), (255, 255, 255))
    rnd = random.Random(name)  # seeded by the file name: stable output, distinct pictures
    SCENES[scene](ImageDraw.Draw(im), w, h, rnd)
    im = im.resize(size, Image.LANCZOS)
    path = os.path.join(IMG_DIR, name + ".jpg")
    im.save(path, "JPEG", quality=quality, optimize=True, progressive=size[0] > 600)
    return os.path.getsize(path)


# ---------------------------------------------------------------------------------------------------------
# Articles. Dates are local Vietnamese time (+07:00) unless given with "Z" (a few portals' CMS emit UTC).
# ---------------------------------------------------------------------------------------------------------

# Fields: key, section slug, section name, title, summary, date, scene, extras.
# extras: id (None = no id: the URL is the id), rel (relative url), img_rel (use "../img/…"),
#         tags, author, gallery: [(scene, caption)].
LATEST = [
    dict(key="ky-niem-72-nam-27-7", sec="xa-hoi", title="Thái Nguyên chuẩn bị chu đáo các hoạt động kỷ niệm 72 năm Ngày Thương binh - Liệt sĩ",
         summary="Các địa phương trong tỉnh đã rà soát, lập danh sách tặng quà cho hơn 25.000 người có công và thân nhân liệt sĩ trước ngày 27/7.",
         date="2019-07-24T17:45:00+07:00", scene="memorial", author="Ngọc Hải",
         gallery=[("memorial", "Đoàn viên thanh niên dọn dẹp, chăm sóc phần mộ tại Nghĩa trang Liệt sĩ tỉnh. Ảnh: NGỌC HẢI"),
                  ("crowd", "Lãnh đạo thành phố Thái Nguyên thăm, tặng quà gia đình chính sách phường Phan Đình Phùng. Ảnh: NGỌC HẢI")]),
    dict(key="xuat-khau-6-thang", sec="kinh-te", title="Kim ngạch xuất khẩu 6 tháng đầu năm ước đạt hơn 13 tỷ USD",
         summary="Các doanh nghiệp điện tử trong khu công nghiệp Yên Bình tiếp tục giữ vai trò chủ lực, đóng góp phần lớn giá trị xuất khẩu của tỉnh.",
         date="2019-07-24T15:20:00+07:00", scene="factory"),
    dict(key="thu-hoach-che-vu-he", sec="kinh-te", title="Nông dân Đại Từ tất bật thu hoạch chè vụ hè",
         summary="Những ngày này, trên các đồi chè ở xã La Bằng, Hoàng Nông, người dân tranh thủ nắng ráo để hái chè, sao chè bán cho thương lái với giá ổn định.",
         date="2019-07-24T10:05:00+07:00", scene="tea", tags=["Nông nghiệp", "Chè Thái Nguyên"], author="Minh Hằng",
         gallery=[("tea", "Người dân xã La Bằng (Đại Từ) thu hái chè vụ hè. Ảnh: MINH HẰNG"),
                  ("terraces", "Những nương chè xanh mướt dưới chân dãy núi Tam Đảo. Ảnh: MINH HẰNG")]),
    dict(key="diem-san-dai-hoc-thai-nguyen", sec="giao-duc", title="Đại học Thái Nguyên công bố điểm sàn xét tuyển năm 2019",
         summary="Mức điểm nhận hồ sơ xét tuyển vào các trường thành viên dao động từ 13 đến 20 điểm; riêng nhóm ngành sức khỏe và sư phạm áp dụng ngưỡng do Bộ Giáo dục và Đào tạo quy định.",
         date="2019-07-24T08:30:00+07:00", scene="school", rel=True),
    dict(key="vat-tre-toan-quoc", sec="the-thao", title="Thái Nguyên giành 3 huy chương vàng tại Giải Vô địch Vật trẻ toàn quốc",
         summary="Sau 5 ngày tranh tài, đội tuyển Vật của tỉnh xếp thứ tư toàn đoàn, vượt chỉ tiêu đề ra trước giải.",
         date="2019-07-23T23:40:00Z", scene="stadium"),
    dict(key="triet-pha-duong-day-ma-tuy", sec="phap-luat", title="Triệt phá đường dây mua bán trái phép chất ma túy liên tỉnh",
         summary="Công an tỉnh vừa bắt giữ 4 đối tượng, thu giữ 2 bánh heroin và hơn 1.000 viên ma túy tổng hợp tại huyện Phú Lương.",
         date="2019-07-23T20:15:00+07:00", scene="night"),
    dict(key="so-ket-6-thang-bch-dang-bo", sec="chinh-tri", title="Hội nghị Ban Chấp hành Đảng bộ tỉnh sơ kết công tác 6 tháng đầu năm",
         summary="Hội nghị đánh giá 17/22 chỉ tiêu chủ yếu đạt và vượt tiến độ, đồng thời thảo luận các giải pháp trọng tâm cho những tháng cuối năm 2019.",
         date="2019-07-23T16:00:00+07:00", scene="hall", tags=["Chính trị", "Xây dựng Đảng"], author="Thu Thảo",
         gallery=[("hall", "Quang cảnh hội nghị Ban Chấp hành Đảng bộ tỉnh sơ kết công tác 6 tháng đầu năm. Ảnh: THU THẢO")]),
    dict(key="phong-chong-sot-xuat-huyet", sec="y-te", title="Tăng cường phòng, chống sốt xuất huyết trong mùa mưa",
         summary="Ngành Y tế khuyến cáo người dân diệt bọ gậy, loăng quăng hằng tuần và đến cơ sở y tế ngay khi có biểu hiện sốt cao liên tục.",
         date="2019-07-23T11:20:00+07:00", scene="health", img_rel=True),
    dict(key="kiem-soat-dich-ta-lon-chau-phi", sec="kinh-te", title="Kiểm soát chặt dịch tả lợn châu Phi, không để lây lan diện rộng",
         summary="Tỉnh đã lập các chốt kiểm dịch động vật tạm thời trên các tuyến giao thông chính và hỗ trợ kịp thời cho hộ chăn nuôi có lợn phải tiêu hủy.",
         date="2019-07-23T09:00:00+07:00", scene="field", tags=["Nông nghiệp"]),
    dict(key="lien-hoan-nghe-thuat-quan-chung", sec="van-hoa", title="Sôi nổi Liên hoan nghệ thuật quần chúng các dân tộc thiểu số",
         summary="Gần 300 diễn viên không chuyên đến từ 9 huyện, thành phố mang tới những tiết mục hát then, đàn tính, múa xòe đặc sắc.",
         date="2019-07-22T21:10:00+07:00", scene="festival", author="Hoàng Anh",
         gallery=[("festival", "Tiết mục hát then, đàn tính của đội văn nghệ huyện Định Hóa. Ảnh: HOÀNG ANH"),
                  ("festival", "Các diễn viên không chuyên biểu diễn múa xòe tại liên hoan. Ảnh: HOÀNG ANH")]),
    dict(key="tinh-nguyen-he", sec="xa-hoi", title="Hơn 1.200 thanh niên tham gia chiến dịch tình nguyện hè",
         summary="Các đội hình tình nguyện tập trung sửa chữa nhà nhân ái, làm đường giao thông nông thôn và tổ chức lớp học kỹ năng cho thiếu nhi vùng khó khăn.",
         date="2019-07-22T16:45:00+07:00", scene="village"),
    dict(key="duong-lien-ket-vung", sec="kinh-te", title="Đẩy nhanh tiến độ dự án đường liên kết Thái Nguyên - Bắc Giang - Vĩnh Phúc",
         summary="Chủ đầu tư cam kết hoàn thành giải phóng mặt bằng đoạn qua thành phố Sông Công và thị xã Phổ Yên trong quý III năm nay.",
         date="2019-07-22T10:30:00+07:00", scene="road", author="Việt Dũng",
         gallery=[("road", "Thi công nền đường đoạn qua thành phố Sông Công. Ảnh: VIỆT DŨNG")]),
    dict(key="ho-nui-coc-cao-diem-he", sec="du-lich", title="Hồ Núi Cốc hút khách dịp cao điểm hè",
         summary="Mỗi dịp cuối tuần, khu du lịch đón hàng nghìn lượt khách đến tắm mát, đi thuyền ngắm cảnh và thưởng thức đặc sản chè Tân Cương.",
         date="2019-07-22T01:00:00Z", scene="lake", tags=["Du lịch"], author="Lan Anh",
         gallery=[("lake", "Du khách đi thuyền ngắm cảnh trên hồ Núi Cốc. Ảnh: LAN ANH"),
                  ("lake", "Hoàng hôn trên hồ Núi Cốc. Ảnh: LAN ANH")]),
    dict(key="giai-bong-da-thanh-nien", sec="the-thao", title="Khởi tranh Giải bóng đá thanh niên tỉnh với 16 đội tham dự",
         summary="Giải đấu diễn ra từ ngày 21/7 đến 10/8 tại Sân vận động tỉnh, là dịp phát hiện, tuyển chọn cầu thủ trẻ cho các đội tuyển của tỉnh.",
         date="2019-07-21T19:30:00+07:00", scene="stadium", id=None),
    dict(key="dien-tap-khu-vuc-phong-thu-vo-nhai", sec="quoc-phong", title="Diễn tập khu vực phòng thủ huyện Võ Nhai năm 2019",
         summary="Cuộc diễn tập nhằm nâng cao năng lực lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính quyền trong xử lý các tình huống quốc phòng, an ninh.",
         date="2019-07-21T14:00:00+07:00", scene="forest", tags=["Quốc phòng - An ninh"]),
    dict(key="trong-rung-6-thang", sec="moi-truong", title="Trồng gần 2.000 ha rừng tập trung trong 6 tháng đầu năm",
         summary="Các huyện Định Hóa, Phú Lương, Võ Nhai dẫn đầu về diện tích trồng mới, chủ yếu là keo và các loài cây bản địa.",
         date="2019-07-21T09:15:00+07:00", scene="forest", img_rel=True),
    dict(key="hoc-bong-hoc-sinh-ngheo", sec="xa-hoi", title="Trao 150 suất học bổng cho học sinh nghèo vượt khó",
         summary="Mỗi suất học bổng trị giá 2 triệu đồng, dành cho học sinh có hoàn cảnh khó khăn đạt thành tích cao trong năm học 2018 - 2019.",
         date="2019-07-20T20:45:00+07:00", scene="school"),
    dict(key="pho-yen-thu-hut-dau-tu", sec="kinh-te", title="Phổ Yên thu hút thêm 3 dự án đầu tư vào khu công nghiệp",
         summary="Tổng vốn đăng ký của ba dự án hơn 120 triệu USD, tập trung vào sản xuất linh kiện điện tử và cơ khí chính xác.",
         date="2019-07-20T15:30:00+07:00", scene="factory", rel=True),
    "SEED",
    dict(key="diem-thi-thpt-quoc-gia-tang", sec="giao-duc", title="Điểm thi THPT quốc gia 2019 của tỉnh tăng so với năm trước",
         summary="Điểm trung bình hầu hết các môn thi của thí sinh Thái Nguyên đều tăng, trong đó môn Tiếng Anh có bước tiến rõ rệt nhất.",
         date="2019-07-20T07:00:00+07:00", scene="school"),
    dict(key="trien-lam-anh-dat-va-nguoi", sec="van-hoa", title="Khai mạc triển lãm ảnh “Thái Nguyên - Đất và người”",
         summary="Triển lãm giới thiệu 120 tác phẩm ảnh nghệ thuật về cảnh sắc thiên nhiên, đời sống, văn hóa các dân tộc trên quê hương Thái Nguyên.",
         date="2019-07-20T07:00:00+07:00", scene="mountain", author="Đức Thọ",
         gallery=[("crowd", "Người xem tại triển lãm ảnh “Thái Nguyên - Đất và người”. Ảnh: ĐỨC THỌ"),
                  ("terraces", "Tác phẩm “Mùa lúa chín trên ruộng bậc thang Định Hóa” được trưng bày tại triển lãm. Ảnh: ĐỨC THỌ")]),
    dict(key="xet-xu-luu-dong-hoa-thuong", sec="phap-luat", title="Xét xử lưu động vụ án trộm cắp tài sản tại xã Hóa Thượng",
         summary="Phiên tòa được tổ chức ngay tại hội trường xã nhằm tuyên truyền, nâng cao ý thức chấp hành pháp luật cho người dân địa phương.",
         date="2019-07-19T18:20:00+07:00", scene="village"),
    dict(key="von-chinh-sach-xa-hoi", sec="kinh-te", title="Ngân hàng Chính sách xã hội giải ngân hơn 800 tỷ đồng vốn ưu đãi",
         summary="Nguồn vốn đã giúp hơn 18.000 lượt hộ nghèo, hộ cận nghèo và các đối tượng chính sách phát triển sản xuất, tạo việc làm.",
         date="2019-07-19T14:10:00+07:00", scene="city"),
    dict(key="tiep-xuc-cu-tri-sau-ky-hop-thu-bay", sec="chinh-tri", title="Đại biểu Quốc hội tiếp xúc cử tri sau kỳ họp thứ bảy",
         summary="Cử tri huyện Phú Bình kiến nghị quan tâm đầu tư hệ thống thủy lợi, nâng cấp đường giao thông liên xã và ổn định giá nông sản.",
         date="2019-07-19T02:30:00Z", scene="hall", tags=["Chính trị"]),
    dict(key="giai-chay-vi-suc-khoe-cong-dong", sec="the-thao", title="Hơn 3.000 người tham gia giải chạy “Vì sức khỏe cộng đồng”",
         summary="Các vận động viên chạy quãng đường 5 km quanh Quảng trường Võ Nguyên Giáp, hưởng ứng phong trào toàn dân rèn luyện thân thể theo gương Bác Hồ vĩ đại.",
         date="2019-07-18T20:00:00+07:00", scene="crowd", author="Quang Huy",
         gallery=[("crowd", "Người dân tham gia giải chạy quanh Quảng trường Võ Nguyên Giáp. Ảnh: QUANG HUY")]),
    dict(key="ho-so-suc-khoe-dien-tu", sec="y-te", title="Hơn 60% dân số được lập hồ sơ sức khỏe điện tử",
         summary="Hồ sơ sức khỏe điện tử giúp trạm y tế xã theo dõi, quản lý bệnh không lây nhiễm như tăng huyết áp, đái tháo đường ngay tại cơ sở.",
         date="2019-07-18T15:40:00+07:00", scene="health"),
    dict(key="lua-chat-luong-cao-dinh-hoa", sec="kinh-te", title="Định Hóa nhân rộng mô hình trồng lúa chất lượng cao",
         summary="Vụ mùa năm nay, huyện gieo cấy hơn 500 ha lúa chất lượng cao theo hướng liên kết sản xuất, bao tiêu sản phẩm.",
         date="2019-07-18T09:45:00+07:00", scene="terraces", tags=["Nông nghiệp"], author="Thành Chung",
         gallery=[("field", "Nông dân xã Phượng Tiến (Định Hóa) chăm sóc lúa vụ mùa. Ảnh: THÀNH CHUNG")]),
    dict(key="doi-thoai-cac-phuong-phia-nam", sec="chinh-tri", title="Thành phố Thái Nguyên đối thoại với nhân dân các phường, xã phía nam",
         summary="Người đứng đầu cấp ủy, chính quyền thành phố đã trả lời 11 ý kiến, kiến nghị của cử tri về đất đai, môi trường và hạ tầng đô thị.",
         date="2019-07-17T16:30:00+07:00", scene="hall"),
    dict(key="truong-nghe-dao-tao-theo-dat-hang", sec="giao-duc", title="Trường nghề tuyển sinh gắn với đặt hàng của doanh nghiệp",
         summary="Nhiều cơ sở giáo dục nghề nghiệp ký hợp đồng đào tạo với doanh nghiệp trong các khu công nghiệp, bảo đảm việc làm cho học viên sau tốt nghiệp.",
         date="2019-07-17T10:00:00+07:00", scene="factory", rel=True),
    dict(key="bao-ton-atk-dinh-hoa", sec="van-hoa", title="Bảo tồn, phát huy giá trị Khu di tích lịch sử ATK Định Hóa",
         summary="Tỉnh đang triển khai dự án tu bổ các điểm di tích, gắn bảo tồn với phát triển du lịch về nguồn tại “Thủ đô gió ngàn”.",
         date="2019-07-16T20:30:00+07:00", scene="mountain", author="Hoàng Anh",
         gallery=[("village", "Du khách tham quan Khu di tích lịch sử ATK Định Hóa. Ảnh: HOÀNG ANH")]),
    dict(key="san-pham-ocop", sec="kinh-te", title="Phát triển sản phẩm OCOP từ đặc sản địa phương",
         summary="Năm 2019, tỉnh phấn đấu có ít nhất 40 sản phẩm đạt chuẩn OCOP từ 3 sao trở lên, trong đó chè là sản phẩm chủ lực.",
         date="2019-07-16T14:15:00+07:00", scene="market", tags=["Nông nghiệp", "OCOP"]),
    dict(key="sat-lo-tinh-lo-265", sec="xa-hoi", title="Mưa lớn gây sạt lở cục bộ tại một số tuyến đường miền núi",
         summary="Lực lượng chức năng đã huy động máy móc khắc phục, bảo đảm giao thông thông suốt trên tỉnh lộ 265 qua huyện Võ Nhai.",
         date="2019-07-15T19:00:00+07:00", scene="rain", img_rel=True),
    dict(key="so-ket-chi-thi-05", sec="chinh-tri", title="Sơ kết 3 năm thực hiện Chỉ thị 05 của Bộ Chính trị",
         summary="Nhiều tập thể, cá nhân tiêu biểu được khen thưởng vì có cách làm hay, mô hình sáng tạo trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
         date="2019-07-15T08:00:00+07:00", scene="hall", tags=["Chính trị", "Xây dựng Đảng"]),
]

OLDER = [
    dict(key="cong-bo-ket-qua-thi-thpt", sec="giao-duc", title="Công bố kết quả thi THPT quốc gia năm 2019",
         summary="Thí sinh có thể tra cứu điểm thi trên cổng thông tin của Bộ Giáo dục và Đào tạo, Sở Giáo dục và Đào tạo hoặc tại trường nơi đăng ký dự thi.",
         date="2019-07-14T20:00:00+07:00", scene="school"),
    dict(key="doanh-nghiep-chuyen-doi-so", sec="kinh-te", title="Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
         summary="Sở Công Thương phối hợp với các hiệp hội tổ chức tập huấn, hướng dẫn doanh nghiệp ứng dụng thương mại điện tử và phần mềm quản trị.",
         date="2019-07-13T15:00:00+07:00", scene="city"),
    dict(key="ra-quan-an-toan-giao-thong-he", sec="xa-hoi", title="Ra quân bảo đảm trật tự an toàn giao thông dịp hè",
         summary="Lực lượng Cảnh sát giao thông tăng cường tuần tra, kiểm soát, xử lý nghiêm các trường hợp vi phạm nồng độ cồn, chạy quá tốc độ.",
         date="2019-07-13T09:30:00+07:00", scene="road", rel=True),
    dict(key="hat-soong-co-nam-hoa", sec="van-hoa", title="Gìn giữ làn điệu Soọng cô của người Sán Dìu ở Nam Hòa",
         summary="Câu lạc bộ hát Soọng cô xã Nam Hòa (Đồng Hỷ) hiện có hơn 30 thành viên, thường xuyên sinh hoạt và truyền dạy làn điệu dân ca cho lớp trẻ.",
         date="2019-07-12T17:10:00+07:00", scene="festival"),
    dict(key="chuyen-doi-cay-trong-phu-binh", sec="kinh-te", title="Nông dân Phú Bình chuyển đổi cây trồng trên đất lúa kém hiệu quả",
         summary="Hơn 200 ha đất lúa một vụ được chuyển sang trồng rau màu, cây ăn quả, mang lại thu nhập cao gấp 2 - 3 lần.",
         date="2019-07-11T14:00:00+07:00", scene="orchard", tags=["Nông nghiệp"]),
    dict(key="giai-cau-long-cac-cau-lac-bo", sec="the-thao", title="Khai mạc Giải Cầu lông các câu lạc bộ tỉnh mở rộng",
         summary="Giải quy tụ gần 200 vận động viên thi đấu ở các nội dung đơn, đôi nam, nữ theo các lứa tuổi.",
         date="2019-07-11T01:20:00Z", scene="stadium"),
    dict(key="dan-van-chinh-quyen", sec="chinh-tri", title="Nâng cao chất lượng công tác dân vận chính quyền",
         summary="Các cơ quan nhà nước được yêu cầu tiếp tục đổi mới tác phong, lề lối làm việc, giải quyết kịp thời kiến nghị chính đáng của nhân dân.",
         date="2019-07-10T16:45:00+07:00", scene="hall", tags=["Chính trị"]),
    dict(key="tiem-vac-xin-soi-rubella", sec="y-te", title="Tiêm bổ sung vắc xin sởi - rubella cho trẻ vùng nguy cơ cao",
         summary="Chiến dịch được triển khai tại các xã vùng cao có tỷ lệ tiêm chủng thấp, nhằm chủ động phòng bệnh sởi cho trẻ em.",
         date="2019-07-09T10:20:00+07:00", scene="health"),
    dict(key="du-lich-trai-nghiem-tan-cuong", sec="du-lich", title="Tân Cương phát triển du lịch trải nghiệm vùng chè",
         summary="Nhiều hộ dân mở dịch vụ lưu trú tại nhà, hướng dẫn du khách hái chè, sao chè thủ công và thưởng trà trên đồi.",
         date="2019-07-08T15:30:00+07:00", scene="tea", tags=["Du lịch", "Chè Thái Nguyên"]),
    dict(key="tro-giup-phap-ly-vung-cao", sec="phap-luat", title="Trợ giúp pháp lý lưu động cho đồng bào vùng cao",
         summary="Các buổi trợ giúp pháp lý giúp người dân nắm rõ quy định về đất đai, hôn nhân và gia đình, phòng, chống mua bán người.",
         date="2019-07-08T08:15:00+07:00", scene="village"),
]

PARTNER = [
    dict(key="ba-be-don-khach-mua-he", sec="du-lich", title="Hồ Ba Bể đón lượng khách tăng mạnh trong mùa hè",
         summary="Từ đầu năm đến nay, Vườn quốc gia Ba Bể đã đón hơn 50.000 lượt khách, tăng gần 20% so với cùng kỳ năm trước.",
         date="2019-07-24T16:30:00+07:00", scene="lake", tags=["Du lịch"]),
    dict(key="na-ri-trong-rung-go-lon", sec="kinh-te", title="Na Rì đẩy mạnh trồng rừng gỗ lớn",
         summary="Huyện khuyến khích người dân chuyển từ trồng rừng gỗ nhỏ sang gỗ lớn, gắn với cấp chứng chỉ quản lý rừng bền vững.",
         date="2019-07-24T09:10:00+07:00", scene="forest"),
    dict(key="hong-khong-hat-cho-don", sec="kinh-te", title="Mở rộng vùng trồng hồng không hạt",
         summary="Hồng không hạt Bắc Kạn đã được cấp chỉ dẫn địa lý, giúp người trồng yên tâm mở rộng diện tích và nâng cao giá bán.",
         date="2019-07-23T14:20:00+07:00", scene="orchard", tags=["Nông nghiệp"]),
    dict(key="boi-duong-quoc-phong-doi-tuong-4", sec="quoc-phong", title="Khai giảng lớp bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4",
         summary="Hơn 100 học viên là cán bộ, đảng viên các xã, phường, thị trấn tham gia lớp bồi dưỡng năm 2019.",
         date="2019-07-23T08:00:00+07:00", scene="hall"),
    dict(key="phong-chong-dich-ta-lon", sec="kinh-te", title="Bắc Kạn tăng cường phòng, chống dịch tả lợn châu Phi",
         summary="Tỉnh lập thêm các chốt kiểm dịch tại huyện Ngân Sơn, Bạch Thông và kiểm soát chặt việc vận chuyển lợn qua địa bàn.",
         date="2019-07-22T17:45:00+07:00", scene="field", tags=["Nông nghiệp"]),
    dict(key="chinh-trang-do-thi", sec="xa-hoi", title="Thành phố Bắc Kạn chỉnh trang đô thị",
         summary="Nhiều tuyến phố được lát lại vỉa hè, trồng thêm cây xanh và lắp đặt hệ thống chiếu sáng công cộng tiết kiệm năng lượng.",
         date="2019-07-22T07:30:00+07:00", scene="city"),
    dict(key="ngan-son-trong-dong-rieng", sec="kinh-te", title="Ngân Sơn hỗ trợ người dân trồng dong riềng",
         summary="Năm nay, huyện trồng hơn 100 ha dong riềng, cung cấp nguyên liệu cho các cơ sở chế biến miến dong trên địa bàn.",
         date="2019-07-21T15:00:00+07:00", scene="terraces"),
    dict(key="nha-dai-doan-ket-pac-nam", sec="xa-hoi", title="Trao nhà đại đoàn kết cho hộ nghèo huyện Pác Nặm",
         summary="Mỗi ngôi nhà được hỗ trợ 50 triệu đồng từ Quỹ Vì người nghèo, giúp các hộ đồng bào Mông ổn định cuộc sống.",
         date="2019-07-20T20:10:00+07:00", scene="village"),
    dict(key="bong-chuyen-cac-dan-toc", sec="the-thao", title="Sôi nổi Giải bóng chuyền các dân tộc tỉnh Bắc Kạn",
         summary="Giải có 14 đội bóng đến từ các huyện, thành phố và lực lượng vũ trang tham gia tranh tài trong 4 ngày.",
         date="2019-07-19T07:00:00Z", scene="stadium"),
]

# RSS sample: a "Thời sự" column feed of the same portal, VnExpress style; images reuse LATEST thumbnails.
RSS_ITEMS = [
    ("dien-tap-pccc-khu-cong-nghiep", "Hơn 400 chiến sĩ tham gia diễn tập phòng cháy, chữa cháy tại khu công nghiệp",
     "Cuộc diễn tập giả định đám cháy lớn tại nhà xưởng, có sự phối hợp của lực lượng cảnh sát phòng cháy và đội phòng cháy cơ sở của doanh nghiệp.",
     "Wed, 24 Jul 2019 19:41:14 +0700", "xuat-khau-6-thang"),
    ("khanh-thanh-cau-treo-phu-thuong", "Khánh thành cầu treo dân sinh tại xã Phú Thượng",
     "Cây cầu dài 80 m, được xây dựng từ nguồn xã hội hóa, giúp hơn 300 hộ dân đi lại thuận tiện trong mùa mưa lũ.",
     "Wed, 24 Jul 2019 18:05:00 +0700", "tinh-nguyen-he"),
    ("nuoc-sach-vung-cao-vo-nhai", "Cấp nước sạch cho hơn 1.000 hộ dân vùng cao Võ Nhai",
     "Công trình cấp nước tập trung vừa đưa vào sử dụng đã giải quyết tình trạng thiếu nước sinh hoạt kéo dài vào mùa khô.",
     "Wed, 24 Jul 2019 18:05:00 +0700", "sat-lo-tinh-lo-265"),
    ("dieu-chinh-nguyen-vong-xet-tuyen", "Thí sinh được điều chỉnh nguyện vọng xét tuyển đại học một lần",
     "Thí sinh có thể điều chỉnh nguyện vọng theo phương thức trực tuyến hoặc bằng phiếu, từ ngày 22 đến 31/7.",
     "Wed, 24 Jul 2019 14:22:10 +0700", "diem-san-dai-hoc-thai-nguyen"),
    ("na-vo-nhai-duoc-mua", "Na Võ Nhai vào vụ thu hoạch, được mùa được giá",
     "Năm nay, toàn huyện có hơn 1.000 ha na, sản lượng ước đạt trên 10.000 tấn, giá bán tại vườn từ 30.000 đến 60.000 đồng/kg.",
     "Wed, 24 Jul 2019 10:10:00 +0700", "san-pham-ocop"),
    ("hoi-thi-dan-van-kheo-dong-hy", "Đồng Hỷ tổ chức hội thi “Dân vận khéo”",
     "Hội thi giúp cán bộ cơ sở trao đổi kinh nghiệm, nhân rộng các mô hình vận động nhân dân tham gia xây dựng nông thôn mới.",
     "Tue, 23 Jul 2019 21:00:00 +0700", "doi-thoai-cac-phuong-phia-nam"),
    ("khai-thac-cat-trai-phep-song-cau", "Ngăn chặn tình trạng khai thác cát trái phép trên sông Cầu",
     "Các lực lượng chức năng phối hợp tuần tra, lập biên bản và tạm giữ 3 phương tiện khai thác cát không phép trong tuần qua.",
     "Tue, 23 Jul 2019 16:30:00 +0700", "ho-nui-coc-cao-diem-he"),
    ("song-cong-do-thi-van-minh", "Thành phố Sông Công xây dựng đô thị văn minh",
     "Thành phố đặt mục tiêu đến năm 2020 có 100% tổ dân phố đạt chuẩn văn minh đô thị, tỷ lệ cây xanh đạt 8 m²/người.",
     "Tue, 23 Jul 2019 11:45:00 +0700", "von-chinh-sach-xa-hoi"),
    ("an-toan-thuc-pham-bep-an-tap-the", "Tăng cường quản lý an toàn thực phẩm tại bếp ăn tập thể",
     "Đoàn kiểm tra liên ngành đã kiểm tra 25 bếp ăn tập thể tại các doanh nghiệp, nhắc nhở và xử phạt các cơ sở vi phạm.",
     "Tue, 23 Jul 2019 08:20:00 +0700", "phong-chong-sot-xuat-huyet"),
    ("gap-mat-cuu-thanh-nien-xung-phong", "Gặp mặt các thế hệ cựu thanh niên xung phong",
     "Hơn 200 cựu thanh niên xung phong ôn lại truyền thống, chia sẻ những kỷ niệm trên các tuyến đường Trường Sơn năm xưa.",
     "Mon, 22 Jul 2019 20:15:00 +0700", "ky-niem-72-nam-27-7"),
    ("phien-giao-dich-viec-lam", "Hơn 3.000 vị trí tuyển dụng tại phiên giao dịch việc làm",
     "Trung tâm Dịch vụ việc làm tỉnh tổ chức phiên giao dịch với sự tham gia của 40 doanh nghiệp trong và ngoài tỉnh.",
     "Mon, 22 Jul 2019 15:00:00 +0700", "pho-yen-thu-hut-dau-tu"),
    ("nguoi-co-uy-tin", "Phát huy vai trò người có uy tín trong đồng bào dân tộc thiểu số",
     "Người có uy tín là cầu nối quan trọng giữa cấp ủy, chính quyền với nhân dân, góp phần giữ vững an ninh trật tự ở cơ sở.",
     "Mon, 22 Jul 2019 09:30:00 +0700", "xet-xu-luu-dong-hoa-thuong"),
]

SEED_SUMMARY = "Giữ vững kỷ cương, tăng cường đồng thuận xã hội, tạo động lực để phát triển."
SEED_CAPTION = ("Lãnh đạo tỉnh Thái Nguyên và thành phố Thái Nguyên đi kiểm tra công tác thực hiện quy hoạch, "
                "xây dựng. Ảnh: THU THẢO")
SEED_PARAGRAPHS = [
    "Ðồng thời thông qua nỗ lực cải cách hành chính đã góp phần tăng cường sự đồng thuận xã hội; tăng cường thanh tra, kiểm tra, nhất là các lĩnh vực dễ phát sinh tiêu cực và xử lý nghiêm các vi phạm… đã tạo động lực cho kinh tế - xã hội của thành phố Thái Nguyên phát triển.",
    "Mới đây, thành phố Thái Nguyên (tỉnh Thái Nguyên) thêm một lần tiến hành Hội nghị tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền thành phố với nhân dân các phường, xã phía nam và xã Thịnh Ðức.",
]

# Stable CMS-style numeric ids (newest = biggest), like most Vietnamese portal CMSs emit.
_next_id = [263480]


def new_id():
    _next_id[0] -= 7
    return str(_next_id[0])


def article_url(site, a, relative=False):
    day = a["date"][:10].replace("-", "")
    path = "/%s/%s-%s.html" % (a["sec"], a["key"], day)
    return path if relative else site + path


def img_ref(name, rel=False):
    return ("../img/%s.jpg" if rel else "/img/%s.jpg") % name


def item_json(site, a, sizes, prefix):
    thumb = prefix + a["key"]
    it = {}
    if a.get("id", "auto") is not None:
        it["id"] = a.get("id_value") or new_id()
    else:
        new_id()  # keep the numbering of the following items stable
    it["url"] = article_url(site, a, a.get("rel", False))
    it["title"] = a["title"]
    it["summary"] = a["summary"]
    it["content_html"] = "<p>%s</p>" % html.escape(a["summary"], quote=False)
    it["image"] = img_ref(thumb, a.get("img_rel", False))
    it["date_published"] = a["date"]
    if a.get("author"):
        it["authors"] = [{"name": a["author"]}]
    if a.get("tags"):
        it["tags"] = a["tags"]
    gal = a.get("gallery") or []
    if gal:
        it["attachments"] = []
        for n, (_scene, caption) in enumerate(gal, 1):
            name = "%s-anh-%d" % (thumb, n)
            it["attachments"].append({"url": img_ref(name), "mime_type": "image/jpeg", "title": caption,
                                      "size_in_bytes": sizes[name]})
    return it


def seed_item(sizes):
    body = "".join("<p>%s</p>" % html.escape(p, quote=False) for p in SEED_PARAGRAPHS)
    return {
        "id": "260118",
        "url": SEED_URL,
        "title": "Đưa nghị quyết của Đảng vào cuộc sống",
        "summary": SEED_SUMMARY,
        "content_html": "<p><strong>%s</strong></p>%s<p>Theo Nhân dân</p>" % (SEED_SUMMARY, body),
        "image": "/img/tn-dua-nghi-quyet-vao-cuoc-song.jpg",
        "date_published": "2019-07-20T08:36:00+07:00",
        "authors": [{"name": "Nhân dân"}],
        "tags": ["Chính trị"],
        "attachments": [{"url": "/img/tn-dua-nghi-quyet-vao-cuoc-song-anh-1.jpg", "mime_type": "image/jpeg",
                         "title": SEED_CAPTION, "size_in_bytes": sizes["tn-dua-nghi-quyet-vao-cuoc-song-anh-1"]}],
    }


def write_json(name, obj):
    path = os.path.join(FEED_DIR, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def rss_xml():
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss xmlns:slash="http://purl.org/rss/1.0/modules/slash/" version="2.0">',
           "<channel>",
           "<title>Thời sự - Báo Thái Nguyên RSS</title>",
           "<description>Báo Thái Nguyên điện tử RSS</description>",
           "<image>", "<url>", SITE + "/img/logo-rss.png", "</url>",
           "<title>Báo Thái Nguyên điện tử - Tin tức Thái Nguyên</title>",
           "<link>%s</link>" % SITE, "</image>",
           "<pubDate>Wed, 24 Jul 2019 19:55:20 +0700</pubDate>",
           "<generator>Báo Thái Nguyên</generator>",
           "<link>%s/rss/thoi-su.rss</link>" % SITE]
    for n, (key, title, summary, date, img) in enumerate(RSS_ITEMS):
        link = "%s/thoi-su/%s-%s.html" % (SITE, key, 3618890 - n * 13)
        padded = n % 3 == 0  # like VnExpress: some titles/links padded with newlines, others not
        out.append("<item>")
        out.append(("<title>\n%s\n</title>" if padded else "<title>%s</title>") % html.escape(title, quote=False))
        out.append("<description>\n<![CDATA[\n<a href=\"%s\"><img width=130 height=100 src=\"/img/tn-%s.jpg\" ></a>"
                   "</br>%s\n]]>\n</description>" % (link, img, summary))
        out.append("<pubDate>%s</pubDate>" % date)
        out.append("<link>\n%s\n</link>" % link)
        out.append("<guid>\n%s\n</guid>" % link)
        out.append("<slash:comments>%d</slash:comments>" % (n * 7 % 5))
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def main():
    os.makedirs(IMG_DIR, exist_ok=True)
    os.makedirs(FEED_DIR, exist_ok=True)
    sizes = {}

    def pic(name, scene, size, quality):
        sizes[name] = render(name, scene, size, quality)

    # The article photo of the page itself (and the seed item's gallery image), plus its thumbnail.
    pic("tn-dua-nghi-quyet-vao-cuoc-song-anh-1", "construction", LARGE, 68)
    pic("tn-dua-nghi-quyet-vao-cuoc-song", "construction", THUMB, 70)
    for prefix, group in (("tn-", LATEST), ("tn-", OLDER), ("bk-", PARTNER)):
        for a in group:
            if a == "SEED":
                continue
            pic(prefix + a["key"], a["scene"], THUMB, 70)
            for n, (scene, _caption) in enumerate(a.get("gallery") or [], 1):
                pic("%s%s-anh-%d" % (prefix, a["key"], n), scene, LARGE, 66)

    items = [seed_item(sizes) if a == "SEED" else item_json(SITE, a, sizes, "tn-") for a in LATEST]
    write_json("latest.json", {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Báo Thái Nguyên điện tử",
        "home_page_url": SITE + "/",
        "feed_url": SITE + "/feeds/latest.json",
        "description": "Tin mới nhất của Báo Thái Nguyên điện tử - Cơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Thái Nguyên",
        "language": "vi",
        # Relative on purpose: the demo serves the second page beside this one (resolved against the feed URL).
        "next_url": "/feeds/latest-2.json",
        "items": items,
    })
    write_json("latest-2.json", {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Báo Thái Nguyên điện tử",
        "home_page_url": SITE + "/",
        "feed_url": SITE + "/feeds/latest-2.json",
        "language": "vi",
        "items": [item_json(SITE, a, sizes, "tn-") for a in OLDER],
    })

    _next_id[0] = 118820
    partner_items = [item_json(PARTNER_SITE, a, sizes, "bk-") for a in PARTNER]
    # A syndicated story: the partner republishes a Thái Nguyên article and links to the original, so a block
    # merging both feeds must show it once (de-duplicated by URL although the ids differ).
    tea = next(a for a in LATEST if a != "SEED" and a["key"] == "thu-hoach-che-vu-he")
    partner_items.insert(1, {
        "id": "118650",
        "url": article_url(SITE, tea),
        "title": tea["title"],
        "summary": tea["summary"] + " (Theo Báo Thái Nguyên)",
        "content_html": "<p>%s</p><p>Theo Báo Thái Nguyên</p>" % html.escape(tea["summary"], quote=False),
        "image": "/img/tn-thu-hoach-che-vu-he.jpg",
        "date_published": tea["date"],
        "tags": ["Tin các địa phương"],
    })
    write_json("partner.json", {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Báo Bắc Kạn điện tử",
        "home_page_url": PARTNER_SITE + "/",
        "feed_url": PARTNER_SITE + "/feeds/latest.json",
        "language": "vi",
        "items": partner_items,
    })
    with open(os.path.join(FEED_DIR, "rss-sample.xml"), "w", encoding="utf-8") as f:
        f.write(rss_xml())

    total = sum(os.path.getsize(os.path.join(IMG_DIR, n)) for n in os.listdir(IMG_DIR))
    print("images: %d files, %.1f KB" % (len(os.listdir(IMG_DIR)), total / 1024))
    print("latest.json: %d items (+%d on latest-2.json), partner.json: %d, rss-sample.xml: %d"
          % (len(items), len(OLDER), len(partner_items), len(RSS_ITEMS)))


if __name__ == "__main__":
    main()
