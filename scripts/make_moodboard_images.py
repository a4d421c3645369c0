"""Draw the moodboard illustrations for the Transvaal playground vote.

Eight flat "municipal brochure" illustrations (1200x800 WebP, no metadata,
< 120 KB each) for data/moodboards/images/speeltuin-transvaal/, drawn with Pillow
shapes only: no text or fonts, no network, fixed seed (re-runs are identical),
drawn at 2x and downscaled for anti-aliasing. The images are original work made
for Budgetschuiver and are licensed like the rest of the project (EUPL-1.2).

Scenes are drawing scripts: commands split by newlines or ';', numbers in pixels,
colours by palette name ('RED/120' adds alpha, '-' is none). Commands are Scene
methods (r rect, e ellipse, p polygon, l line, c Bezier curve, a arc, sh shadow,
kid person, ...) and MACROS, which take 'x y scale' and then fill in $1, $2, ...

Usage (from the repository root): .venv/bin/python scripts/make_moodboard_images.py
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "moodboards" / "images" / "speeltuin-transvaal"
W, H, S = 1200, 800, 2  # final size; drawn at S times that size, then downscaled
SEED, MAX_BYTES = 2027, 120 * 1024

SKY_TOP, SKY_BOT = (118, 184, 236), (218, 238, 248)
GRASS_L, GRASS, GRASS_D = (168, 212, 118), (124, 188, 94), (92, 152, 72)
LEAF, LEAF_D, LEAF_L = (86, 164, 86), (58, 126, 72), (140, 198, 104)
SHADE, FOREST, INK = (78, 138, 83), (57, 110, 73), (20, 24, 30)
WOOD, WOOD_D, WOOD_L = (182, 124, 74), (126, 82, 52), (222, 176, 122)
SAND, SAND_D, PAVE = (242, 220, 168), (216, 188, 132), (226, 222, 212)
STONE, STONE_D, STONE_L = (160, 165, 170), (116, 122, 130), (200, 204, 208)
WATER, POOL, WATER_L = (86, 170, 234), (150, 204, 236), (196, 234, 252)
STEEL, DARK, WHITE = (104, 116, 132), (52, 60, 74), (250, 250, 246)
RED, ORANGE, YELLOW = (230, 70, 60), (246, 146, 44), (252, 204, 56)
GREEN, BLUE, PURPLE = (68, 176, 96), (56, 122, 222), (144, 92, 204)
PINK, LILAC, PLUM = (236, 118, 168), (222, 200, 240), (106, 70, 150)
PATH, NAVY, PUMP = (196, 178, 124), (54, 100, 176), (40, 92, 150)
CAGE, TURF, COURT = (40, 90, 60), (72, 150, 82), (182, 132, 112)
MAT, ROPE, BARK = (50, 56, 66), (200, 60, 50), (134, 94, 64)
SKINS = [(247, 208, 178), (222, 170, 130), (172, 116, 80), (112, 74, 50)]
HAIRS = [(70, 46, 32), (30, 26, 26), (196, 146, 66), (128, 70, 40)]
BRICKS = [(178, 98, 74), (196, 132, 92), (150, 86, 70), (206, 170, 120)]
PAL = {k: v for k, v in globals().items() if k.isupper() and type(v) is tuple}
CLOUD = ((0, 0, 60, 26), (-46, 8, 40, 20), (50, 6, 44, 20), (8, -18, 40, 26))
TUFT = ((-8, 8), (-3, 0), (0, 11), (3, 0), (8, 8))
HANDS = {"down": ((-16, 33), (16, 33)), "up": ((-20, -30), (20, -30)),
         "side": ((-34, -4), (34, -4)), "fwd": ((24, 22), (28, 20)),
         "wave": ((-16, 33), (24, -26))}  # fmt: skip


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def lerp(p, q, t):
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def bez(*p, n=32):
    """Points on the Bezier curve with control points p (de Casteljau)."""
    out = []
    for i in range(n + 1):
        q = list(p)
        while len(q) > 1:
            q = [lerp(a, b, i / n) for a, b in zip(q, q[1:], strict=False)]
        out.append(q[0])
    return out


class Scene:
    """2x canvas + script vocabulary; final-size coordinates, moved/scaled by t."""

    def __init__(self, seed):
        self.img = Image.new("RGB", (W * S, H * S), SKY_BOT)
        self.d = ImageDraw.Draw(self.img, "RGBA")
        self.rng, self.t = random.Random(seed), (0, 0, 1)

    def xy(self, x, y):
        dx, dy, k = self.t
        return (x * k + dx) * S, (y * k + dy) * S

    def k(self, w):
        return round(w * self.t[2] * S)

    def box(self, cx, cy, rx, ry):
        return [*self.xy(cx - rx, cy - ry), *self.xy(cx + rx, cy + ry)]

    def ell(self, cx, cy, rx, ry, fill=None, outline=None, w=0):
        self.d.ellipse(self.box(cx, cy, rx, ry), fill, outline, self.k(w))

    def rect(self, x0, y0, x1, y1, fill=None, r=0, outline=None, w=0):
        xy = [*self.xy(x0, y0), *self.xy(x1, y1)]
        self.d.rounded_rectangle(xy, self.k(r), fill, outline, self.k(w))

    def poly(self, pts, fill=None, outline=None, w=0):
        self.d.polygon([self.xy(*p) for p in pts], fill, outline, self.k(w))

    def line(self, pts, fill, w=3, caps=True):
        self.d.line([self.xy(*p) for p in pts], fill, self.k(w), joint="curve")
        for x, y in (pts[0], pts[-1]) if caps else ():
            self.ell(x, y, w / 2, w / 2, fill)

    def arc(self, cx, cy, rx, ry, a0, a1, fill, w):
        self.d.arc(self.box(cx, cy, rx, ry), a0, a1, fill, self.k(w))

    def pie(self, cx, cy, rx, ry, a0, a1, fill):
        self.d.pieslice(self.box(cx, cy, rx, ry), a0, a1, fill)

    def shadow(self, cx, cy, rx, ry, a=70):
        (x, y), k, p = self.xy(cx, cy), self.t[2] * S, 14 * S
        m = Image.new("L", (round(2 * (rx * k + p)), round(2 * (ry * k + p))))
        ImageDraw.Draw(m).ellipse([p, p, m.width - p, m.height - p], a)
        xy = (round(x - m.width / 2), round(y - m.height / 2))
        self.img.paste((28, 56, 40), xy, m.filter(ImageFilter.GaussianBlur(5 * S)))

    def backdrop(self, hz=470):
        """Sky, clouds, faded Transvaal brick houses, distant trees, grass."""
        rng = self.rng
        for y in range(H * S):
            sky = y < hz * S
            t = y / (hz * S) if sky else (y - hz * S) / ((H - hz) * S)
            col = mix(SKY_TOP, SKY_BOT, t) if sky else mix(GRASS_L, GRASS, t)
            self.d.line([(0, y), (W * S, y)], col)
        for _ in range(3):
            x, y, k = rng.randint(60, 1140), rng.randint(50, 190), rng.uniform(0.7, 1.2)
            for dx, dy, rx, ry in CLOUD:
                self.ell(x + dx * k, y + dy * k, rx * k, ry * k, (255, 255, 255, 225))
        x = rng.randint(-60, -10)
        while x < W:
            w, h = rng.randint(80, 140), rng.randint(60, 120)
            col = mix(rng.choice(BRICKS), SKY_BOT, 0.55)
            self.rect(x, hz - h, x + w, hz, col)
            if rng.random() < 0.5:
                roof = [(x - 4, hz - h), (x + w + 4, hz - h), (x + w / 2, hz - h - 34)]
                self.poly(roof, mix(col, DARK, 0.2))
            for wy in range(hz - h + 14, hz - 20, 30):
                for wx in range(x + 12, x + w - 20, 26):
                    self.rect(wx, wy, wx + 12, wy + 16, mix(col, WHITE, 0.45))
            x += w
        for i in range(10):
            x, r = i * 130 + rng.randint(-30, 30), rng.randint(34, 56)
            self.ell(x, hz - r * 0.7, r * 1.2, r, mix(LEAF, SKY_BOT, 0.4))
        for _ in range(45):  # grass tufts, bigger towards the front
            x, y = rng.randint(0, W), rng.randint(hz + 20, H)
            k = (y - hz) / (H - hz) + 0.5
            tuft = [(x + dx * k, y - dy * k) for dx, dy in TUFT]
            self.line(tuft, GRASS_D + (150,), 2 * k, False)

    def person(self, x, y, h, shirt, skin=0, hair=0, arms="down", sit=None, face=1,
               shade=1):  # fmt: skip
        """Flat figure with feet at (x, y), standing height h; sit = seat height."""
        u, f, sk, hc = h / 100, face, SKINS[skin % 4], HAIRS[hair % 4]
        if shade:
            self.shadow(x, y, 20 * u, 4.5 * u)
        if sit is None:
            hip = y - 46 * u
            for d in (-u, u):
                self.line([(x + 5 * d, hip), (x + 7 * d, y - 4 * u)], DARK, 10 * u)
        else:
            hip, kx = sit - 5 * u, x + f * 22 * u
            self.line([(x, hip), (kx, hip), (kx + f * 2 * u, y - 4 * u)], DARK, 10 * u)
        sh = hip - 34 * u
        self.rect(x - 3.5 * u, sh - 8 * u, x + 3.5 * u, sh, sk)
        self.rect(x - 12 * u, sh - 2 * u, x + 12 * u, hip + 6 * u, shirt, 7 * u)
        for hx, hy in HANDS[arms]:
            hx *= f if arms in ("fwd", "wave") else 1
            start = (x + math.copysign(10, hx) * u, sh + 5 * u)
            self.line(
                [start, (x + hx * u, sh + hy * u)], mix(shirt, DARK, 0.18), 7.5 * u
            )
            self.ell(x + hx * u, sh + hy * u, 4.5 * u, 4.5 * u, sk)
        hy, r = sh - 15 * u, 10.5 * u
        if hair % 2 == 0:  # ponytail
            self.ell(x - f * r * 0.9, hy + r * 0.2, r * 0.5, r * 0.6, hc)
        self.ell(x, hy, r, r, sk)
        self.d.chord(self.box(x, hy - 0.08 * r, 1.06 * r, 1.02 * r), 180, 360, hc)

    def wheelchair(self, x, y, h, shirt, skin=2, hair=1):
        """Person in a wheelchair facing right, wheels standing on (x, y)."""
        u, bx = h / 100, x - 10 * h / 100
        self.shadow(x, y, 32 * u, 5 * u)
        frame = [(bx - 6 * u, y - 64 * u), (bx, y - 64 * u), (bx, y - 30 * u)]
        frame += [(x + 20 * u, y - 30 * u), (x + 26 * u, y - 7 * u)]
        self.line(frame, STEEL, 3 * u)
        self.ell(x + 26 * u, y - 4 * u, 4 * u, 4 * u, DARK)
        self.person(x, y - 6 * u, h, shirt, skin, hair, "fwd", y - 30 * u, 1, 0)
        cx, cy, r = x - 2 * u, y - 19 * u, 19 * u
        self.ell(cx, cy, r, r, None, DARK, 4 * u)
        self.ell(cx, cy, r * 0.82, r * 0.82, None, STEEL, 1.4 * u)
        self.ell(cx, cy, 3 * u, 3 * u, DARK)

    def mesh(self, quad, col, w, nu, nv):
        """Net in quad p0 p1 p2 p3 (p0-p1 top edge); p0 == p1 fans from an apex."""
        p0, p1, p2, p3 = quad
        for i in range(nu + 1):
            self.line([lerp(p0, p1, i / nu), lerp(p3, p2, i / nu)], col, w, caps=False)
        for j in range(nv + 1):
            self.line([lerp(p0, p3, j / nv), lerp(p1, p2, j / nv)], col, w, caps=False)

    def dots(self, x0, y0, x1, y1, n, *cols):
        """n random blobs (climbing holds) in a box."""
        for _ in range(n):
            x, y, rng = self.rng.uniform(x0, x1), self.rng.uniform(y0, y1), self.rng
            self.ell(x, y, rng.uniform(6, 11), rng.uniform(5, 8), rng.choice(cols))

    def willow(self, x, y):
        """Living willow tunnel: a leafy dome with a dark arched entrance."""
        self.shadow(x, y, 215, 28)
        self.pie(x, y, 200, 270, 180, 360, LEAF_D)
        for i in range(15):
            x0 = x - 190 + i * 27
            top = (x + (x0 - x) * 0.3, y - 262)
            self.line(bez(top, (x0, y - 240), (x0 + 8, y)), LEAF + (200,), 5)
        for _ in range(140):
            a, r = self.rng.uniform(math.pi, 2 * math.pi), self.rng.uniform(0.2, 0.97)
            lx, ly = x + 200 * r * math.cos(a), y + 270 * r * math.sin(a)
            self.ell(lx, ly, 7, 4, LEAF_L + (190,))
        self.pie(x, y, 86, 160, 180, 360, (36, 78, 44))
        self.pie(x + 4, y - 10, 36, 70, 180, 360, (170, 214, 130))

    def flags(self, x0, y0, cx, cy, x1, y1):
        """Bunting: a line of pennants in the six rainbow colours."""
        line = bez((x0, y0), (cx, cy), (x1, y1), n=18)
        self.line(line, DARK, 2, caps=False)
        for i, (x, y) in enumerate(line[1:-1]):
            col = (RED, ORANGE, YELLOW, GREEN, BLUE, PURPLE)[i % 6]
            self.poly([(x - 12, y), (x + 12, y), (x, y + 26)], col)

    def run(self, script, args=()):
        """Draw a scene script or macro (see the module docstring)."""
        for line in script.splitlines():
            for cmd in line.split("#")[0].split(";"):
                for i, a in enumerate(args):
                    cmd = cmd.replace(f"${i + 1}", a)
                name, *words = cmd.split() or [""]
                if name in MACROS:
                    (x, y, k), (dx, dy, k0) = map(float, words[:3]), self.t
                    self.t = (dx + x * k0, dy + y * k0, k * k0)
                    self.run(MACROS[name], words[3:])
                    self.t = (dx, dy, k0)
                elif name:
                    pos = [val(w) for w in words if "=" not in w]
                    kw = dict(w.split("=") for w in words if "=" in w)
                    if name in ("p", "l", "c", "mesh"):  # leading numbers are points
                        n = [type(v) in (int, float) for v in pos].index(False)
                        pts = list(zip(pos[:n:2], pos[1:n:2], strict=True))
                        pos = [bez(*pts) if name == "c" else pts, *pos[n:]]
                    getattr(self, name)(*pos, **{k: val(v) for k, v in kw.items()})
        return self

    r, e, p, l, c, a = rect, ell, poly, line, line, arc  # noqa: E741
    sh, sky, kid = shadow, backdrop, person


# ---------------------------------------------------------------- scene scripts
MACROS = {  # drawn around their own origin (x y), times the scale
    "tree": """sh 0 0 38 6; l 0 0 0 -60 WOOD_D 8; e 0 -65 30 30 $2; e -20 -53 22 22 $2
e 20 -55 22 22 $2; e 0 -83 22 22 $2; e 0 -68 30 30 $1; e -20 -56 22 22 $1
e 20 -58 22 22 $1; e 0 -86 22 22 $1; e -25 -61 11 9 LEAF_L/120
e 15 -63 11 9 LEAF_L/120; e -5 -91 11 9 LEAF_L/120""",
    "rock": "sh 0 0 66 14; e 0 -32 60 40 STONE; e -18 -46 27 14 STONE_L",
    "bush": """sh 0 0 56 10 50; e -28 -20 30 27 $1; e 28 -20 30 27 $1; e 0 -32 40 36 $1
e -34 -36 4 4 $2; e -12 -52 4 4 $2; e 14 -46 4 4 $2; e 34 -30 4 4 $2; e -20 -22 4 4 $2
e 8 -26 4 4 $2; e 0 -62 4 4 $2""",
    "jet": """e 0 0 4 2 DARK; p -2 0 2 0 7 -100 -7 -100 WATER_L/210  # ground fountain
e 0 -101 4 3 WATER_L; e -12 -96 3 3 WATER_L; e 11 -94 2.5 2.5 WATER_L
e -6 -107 2 2 WATER_L; e 5 -108 3 3 WATER_L; e -16 -88 2 2 WATER_L""",
    "stump": "sh 0 0 28 8; r -24 -50 24 0 WOOD 4; e 0 -50 24 9 WOOD_L WOOD_D 2",
    "bench": """sh 85 0 94 8; r 10 -44 16 0 DARK; r 156 -44 162 0 DARK
r 0 -48 170 -40 WOOD 3; r 2 -80 168 -71 WOOD 3; r 2 -66 168 -57 WOOD 3
r 8 -82 14 -44 DARK; r 156 -82 162 -44 DARK""",
    "tower": """sh 0 0 20 6; sh 130 0 20 6; l 0 0 0 -335 WOOD_D 14  # wooden play tower
l 130 0 130 -335 WOOD_D 14; mesh 0 -225 130 -225 130 -25 0 -25 WOOD_D 6 1 5
r -12 -273 142 -255 WOOD; r -4 -325 134 -273 $1 6; p -26 -319 156 -319 65 -405 $2""",
    "ctower": """sh 0 0 90 16; l -60 0 -60 -350 DARK 10; l 60 0 60 -350 DARK 10
r -62 -350 62 -300 YELLOW 8; r -62 -290 62 -240 $1 8; r -62 -230 62 -180 BLUE 8
e 0 -325 14 14 WHITE/130; e 0 -265 14 14 WHITE/130; e 0 -205 14 14 WHITE/130
p -80 -346 80 -346 0 -450 $2""",
    "rider": """sh 0 2 60 10; e 0 0 40 10 DARK  # spring rider
l -10 0 10 -12 -10 -24 10 -36 -10 -48 10 -60 STEEL 7; e 0 -88 74 38 $1
e 60 -130 30 28 $1; e 70 -134 6 6 DARK; l 40 -150 56 -170 DARK 6""",
    "trampoline": """e 0 0 150 42 $1; e 0 0 128 34 MAT; e 0 0 46 12 INK/150
a 0 0 70 19 200 340 WHITE/90 2; a 0 0 102 27 200 340 WHITE/90 2
l -9 -62 -13 -16 WHITE/150 4; l 9 -62 13 -16 WHITE/150 4
kid 0 -74 116 $2 $3 $3 up shade=0""",
}


def val(word):
    name, _, alpha = word.partition("/")
    if name in PAL:
        return PAL[name] + ((int(alpha),) if alpha else ())
    if word[-1].isdigit():
        return float(word) if "." in word else int(word)
    return None if word == "-" else word


SCENES = {  # the first line of each script says what it shows
    "natuur": """# willow tunnel, balance logs, boulders, stepping stumps
sky 470; tree 110 590 3.6 LEAF SHADE; tree 1130 560 3.2 LEAF_D FOREST
c -40 780 480 580 1240 660 PATH 64; willow 800 612
kid 780 620 96 YELLOW 1 0 wave face=-1; rock 640 590 0.87; l 360 612 610 548 WOOD 32
e 616 546 12 16 WOOD_L WOOD_D 3; kid 470 586 104 BLUE 3 1 side; rock 250 640 1
rock 1010 700 1.15; sh 390 712 260 16; r 130 660 640 712 WOOD 26
e 640 686 18 26 WOOD_L WOOD_D 3; l 170 674 560 674 BARK 3; l 200 690 530 690 BARK 3
e 640 686 8 12 - WOOD_D 2; kid 330 664 118 RED 0 2 side; stump 720 760 0.7
stump 790 750 1; stump 860 760 1.4; stump 930 750 1; kid 860 690 100 GREEN 2 3 up
kid 60 770 180 PURPLE 1 1 wave
""",
    "klimmen": """# tower with slide, rope-net pyramid, climbing wall
sky 470; tower 70 645 1 GREEN RED; e 135 346 18 18 CAGE; sh 390 708 80 10
c 205 398 340 430 330 690 460 714 ORANGE 40; c 205 388 340 420 330 680 460 704 YELLOW 34
kid 300 520 96 BLUE 2 0 up sit=470 shade=0; l 650 80 660 640 STEEL 12; sh 665 670 290 40
p 650 80 400 650 700 702 ROPE/26; p 650 80 700 702 930 636 ROPE/50
mesh 650 80 650 80 700 702 400 650 ROPE 4 8 10
mesh 650 80 650 80 930 636 700 702 ROPE 4 8 10; l 400 650 650 80 930 636 DARK 7
l 650 80 700 702 DARK 7; r 390 644 410 656 STONE_D 3; r 690 696 710 708 STONE_D 3
r 920 630 940 642 STONE_D 3; e 650 80 12 12 RED; kid 560 520 92 YELLOW 0 2 up shade=0
kid 760 400 88 GREEN 3 1 up shade=0; kid 660 250 80 PINK 1 0 wave shade=0
sh 1050 660 110 16; r 960 640 1150 668 WATER 8; p 972 652 1150 652 1128 300 990 300 NAVY
p 962 652 1136 652 1116 300 980 300 BLUE
dots 1000 320 1110 630 24 YELLOW RED GREEN PINK ORANGE WHITE
kid 1050 560 100 RED 1 3 up shade=0; kid 880 770 176 PURPLE 2 1 wave face=-1
""",
    "water": """# channels, splash pad with jets, hand pump
sky 450; p 0 520 300 498 600 518 900 534 1200 504 1200 800 0 800 SAND
tree 1110 540 2.9 LEAF SHADE; c 255 612 420 560 380 720 560 712 STONE_L 50
c 255 612 420 560 380 720 560 712 WATER 34; c 259 606 424 554 384 714 564 706 WATER_L 6
c 960 660 1060 700 1120 760 1220 740 STONE_L 50
c 960 660 1060 700 1120 760 1220 740 WATER 34; e 760 640 320 92 STONE_L
e 760 640 306 84 POOL; e 640 650 90 20 WATER/120; e 840 620 110 24 WATER/120
e 910 680 70 15 WATER/120; jet 620 640 1.7; jet 760 600 2.5; jet 900 650 1.9
jet 700 690 1.2; jet 840 700 1.4; c 600 630 535 380 470 640 WATER_L 8
c 920 630 980 380 1040 640 WATER_L 8; kid 640 720 110 YELLOW 2 0 up
r 600 700 622 724 RED 3; kid 980 690 100 RED 0 1 up face=-1
kid 560 600 86 BLUE 3 2 wave; sh 210 625 70 10; r 150 560 270 625 STONE 8
e 262 612 34 12 STONE_D; e 262 612 26 8 WATER; r 186 380 230 566 PUMP 10
e 208 380 26 16 PUMP; e 208 366 10 10 PUMP; l 228 462 268 470 268 488 PUMP 16
p 262 492 274 492 276 606 258 606 WATER_L/220; l 196 430 100 500 DARK 12
e 196 430 9 9 STEEL; kid 90 650 120 ORANGE 1 3 up
kid 1130 760 178 GREEN 2 1 down face=-1
""",
    "kleur": """# colour-block towers, bunting, rainbow arch, spring riders
sky 470; e 600 690 580 110 BLUE; e 200 700 70 20 YELLOW; e 470 730 54 15 RED
e 860 700 80 22 GREEN; e 1040 740 50 14 PINK; ctower 160 650 1 RED YELLOW
ctower 1040 650 1 PURPLE GREEN; flags 160 210 600 330 1040 210; sh 600 648 330 30
a 600 648 320 320 180 360 RED 33; a 600 648 288 288 180 360 ORANGE 33
a 600 648 256 256 180 360 YELLOW 33; a 600 648 224 224 180 360 GREEN 33
a 600 648 192 192 180 360 BLUE 33; a 600 648 160 160 180 360 PURPLE 33
r 272 640 460 656 DARK 6; r 740 640 928 656 DARK 6; kid 560 340 96 WHITE 2 0 up shade=0
kid 790 430 90 YELLOW 0 1 wave shade=0; rider 250 770 1 RED
p 294 616 302 590 312 614 RED; rider 600 770 1 YELLOW; p 686 640 712 648 686 656 ORANGE
rider 950 770 1 GREEN; e 920 676 10 10 DARK; e 950 676 10 10 DARK; e 980 676 10 10 DARK
kid 590 700 104 PINK 3 2 fwd sit=656 shade=0
kid 240 700 100 BLUE 1 3 fwd sit=656 shade=0; kid 1140 780 176 ORANGE 0 1 wave face=-1
""",
    "rustig": """# hedge, benches under trees, pram, sandpit, low planting
sky 470; sh 600 502 640 8; r -20 452 1220 504 LEAF_D 24
c -40 670 500 590 1240 630 PAVE 60; tree 240 600 4.6 LEAF_D FOREST; bench 140 606 1
tree 940 600 4.6 LEAF SHADE; bench 850 606 1
kid 190 604 170 BLUE 1 0 down sit=560 shade=0
kid 270 604 166 PINK 3 1 fwd sit=560 shade=0
kid 920 604 174 STONE_D 0 2 down sit=560 shade=0; sh 1080 620 50 8
pie 1080 590 44 34 0 180 PURPLE; pie 1066 588 32 30 180 270 PLUM
l 1118 590 1140 548 DARK 5; e 1052 620 12 12 DARK; e 1108 620 12 12 DARK
sh 640 752 270 22; p 430 650 850 650 900 760 380 760 WOOD_D
p 444 660 836 660 880 748 400 748 SAND; e 560 720 50 12 SAND_D; e 720 690 40 10 SAND_D
e 800 730 30 8 SAND_D; r 664 672 688 712 SAND_D 3; r 688 652 712 712 SAND_D 3
r 712 672 736 712 SAND_D 3; r 770 700 792 722 RED 3; l 620 730 650 700 BLUE 5
kid 580 742 92 YELLOW 2 2 fwd sit=735 shade=0; kid 830 742 98 GREEN 0 1 wave face=-1
bush 60 790 1 LEAF LILAC; bush 200 790 1 LEAF WHITE; bush 330 790 1 LEAF LILAC
bush 960 790 1 LEAF WHITE; bush 1090 790 1 LEAF LILAC; bush 1180 790 1 LEAF WHITE
""",
    "sport": """# football cage (pannakooi), basketball hoop, pull-up bars
sky 460; r -40 590 1240 860 COURT 40; a 760 720 170 60 180 360 WHITE 5
p 40 700 560 700 640 600 120 600 TURF; l 300 700 380 600 WHITE 4
e 340 650 60 20 - WHITE 4; mesh 120 420 640 420 640 600 120 600 CAGE/150 2 26 9
r 120 560 640 600 CAGE; mesh 40 520 120 420 120 600 40 700 CAGE/150 2 4 9
mesh 560 520 640 420 640 600 560 700 CAGE/150 2 4 9
p 60 678 100 622 100 542 60 620 MAT/140 WHITE 5
p 580 678 620 622 620 542 580 620 MAT/140 WHITE 5; kid 250 660 150 RED 2 1 side
kid 460 640 146 YELLOW 0 0 wave face=-1; e 330 676 13 13 WHITE DARK 2
l 40 700 40 520 560 520 560 700 CAGE 9; l 40 520 120 420 640 420 640 600 CAGE 8
l 120 600 120 420 CAGE 9; l 560 520 640 420 CAGE 8; r 40 660 560 700 CAGE
sh 840 720 40 8; l 840 720 840 280 800 280 STEEL 16; r 690 210 810 300 WHITE 4 DARK 4
r 728 250 772 290 - 0 ORANGE 4; e 760 306 26 7 - ORANGE 5
l 738 306 746 346 774 346 782 306 WHITE/200 3; kid 710 740 178 PURPLE 3 1 up
e 740 320 17 17 ORANGE; a 740 320 17 17 200 340 DARK 2; l 723 320 757 320 DARK 2
l 930 440 1030 440 DARK 8; l 1030 530 1120 530 DARK 8; l 1120 610 1190 610 DARK 8
sh 1060 742 150 8; l 930 740 930 430 GREEN 14; l 1030 740 1030 430 GREEN 14
l 1120 740 1120 520 GREEN 14; l 1190 740 1190 600 GREEN 14
kid 980 610 156 BLUE 1 3 up shade=0; kid 1078 770 160 ORANGE 2 0 wave face=-1
""",
    "samen": """# smooth paths, bird's-nest swing, flush roundabout, wide ramp
sky 470; c -60 760 500 560 900 760 1260 600 PAVE 110; c 420 520 520 600 700 640 PAVE 70
l 40 640 90 300 140 640 WOOD_D 14; l 340 640 390 300 440 640 WOOD_D 14
l 80 300 400 300 WOOD 18; sh 240 640 120 14
mesh 190 306 290 306 330 562 150 562 DARK 3 4 1; e 240 566 102 30 MAT
e 240 566 82 24 - STONE 2; e 240 566 56 16 - STONE 2; e 240 566 31 9 - STONE 2
kid 210 580 92 RED 0 2 up shade=0; kid 276 582 88 YELLOW 3 1 wave shade=0 face=-1
a 240 566 102 30 0 180 ORANGE 12; e 600 660 272 80 DARK; e 600 660 260 74 BLUE
pie 600 660 260 74 0 45 YELLOW; pie 600 660 260 74 90 135 YELLOW
pie 600 660 260 74 180 225 YELLOW; pie 600 660 260 74 270 315 YELLOW
e 600 660 40 12 STEEL; a 600 610 200 56 180 360 STEEL 7; l 412 591 412 637 STEEL 6
l 788 591 788 637 STEEL 6; wheelchair 520 690 170 GREEN; kid 720 700 110 PINK 1 0 up
a 600 610 200 56 0 180 STEEL 7; l 412 629 412 675 STEEL 6; l 600 666 600 712 STEEL 6
l 788 629 788 675 STEEL 6; sh 900 700 160 30; p 730 770 1010 600 1010 626 730 800 BARK
p 730 770 1010 600 1080 530 800 700 WOOD_L
mesh 730 770 1010 600 1080 530 800 700 WOOD 3 5 1
mesh 800 644 1080 474 1080 530 800 700 BLUE 7 2 1; kid 910 654 104 ORANGE 2 3 wave
mesh 730 714 1010 544 1010 600 730 770 BLUE 7 2 1
p 1010 600 1080 530 1220 530 1220 600 WOOD_L; r 1010 600 1220 626 BARK
l 1030 626 1030 360 WOOD_D 12; l 1190 626 1190 360 WOOD_D 12
p 1000 366 1220 366 1110 290 GREEN; kid 60 780 174 BLUE 0 1 wave
""",
    "beweging": """# zip line, balance beams, trampolines set into the ground
sky 470; tower 70 645 1 ORANGE BLUE; sh 1150 600 22 6; l 1150 600 1150 380 WOOD_D 16
c 200 330 640 420 1150 390 DARK 5; r 1096 378 1124 402 RED 6; e 826 397 12 9 STEEL
l 826 397 826 507 DARK 4; sh 826 600 50 8; l 776 437 706 437 WHITE/190 4
l 764 455 690 455 WHITE/190 4; l 752 473 674 473 WHITE/190 4
l 740 491 658 491 WHITE/190 4; kid 816 537 100 RED 0 0 up sit=513 shade=0
e 826 511 26 8 YELLOW; sh 370 567 76 8; sh 510 569 76 8; sh 650 571 76 8
r 294 556 306 580 WOOD_D; r 434 530 446 554 WOOD_D; r 574 560 586 584 WOOD_D
r 714 534 726 558 WOOD_D; l 300 556 440 530 580 560 720 534 WOOD 14
kid 400 538 104 YELLOW 2 1 side; trampoline 240 712 1 GREEN RED 3
trampoline 590 742 1 BLUE YELLOW 1; trampoline 930 706 1 ORANGE PURPLE 2
kid 1120 790 176 PURPLE 1 1 wave face=-1
""",
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for i, (name, script) in enumerate(SCENES.items()):
        path = OUT / f"{name}.webp"
        img = Scene(SEED + i).run(script).img.resize((W, H), Image.Resampling.LANCZOS)
        img.save(path, "WEBP", quality=80, method=6)  # no exif/icc/xmp is written
        size = path.stat().st_size
        assert size < MAX_BYTES, f"{path.name}: {size} bytes, limit {MAX_BYTES}"
        print(f"{path.relative_to(ROOT)}  {size:,} bytes ({size / 1024:.1f} KB)")


if __name__ == "__main__":
    main()
