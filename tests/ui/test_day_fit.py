"""Nothing off-screen or squeezed on a 1366×768 laptop or on 1920×1080 at 150 %: the main window on every page
and every dialog lies inside the screen's usable area (available geometry, a 40-pixel taskbar left out, a
32-pixel title bar above each window) and is no smaller than its layout's minimum.

Each screen is a child process on the offscreen platform with that screen (``configfile``) and scale
(``QT_SCALE_FACTOR``): 1920×1080 at 150 % is 1280×720 logical pixels, the taskbar 60 physical ones.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TITLE_BAR = 32
SCREENS = {  # name → (physical width, physical height less the taskbar, scale)
    "1366×768": (1366, 768 - 40, 1.0),
    "1920×1080 at 150 %": (1920, 1080 - 60, 1.5),
}


def probe(tmp_path: Path, width: int, height: int, scale: float) -> list[dict]:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "test", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": str(scale)}
    out = subprocess.run([sys.executable, "-m", "tests.ui.fit_probe", str(tmp_path)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_fits_the_screen(tmp_path, screen):
    width, height, scale = SCREENS[screen]
    windows = probe(tmp_path, width, height, scale)
    names = {w["name"] for w in windows}
    assert {"主窗口", "起草整改通知书", "签发", "指定表头", "文书", "预览", "确认"} <= names
    problems = []
    for w in windows:
        left, top, area_w, area_h = w["screen"]
        assert (area_w, area_h) == (round(width / scale), round(height / scale))
        inside = (w["x"] >= left and w["y"] - TITLE_BAR >= top and w["x"] + w["w"] <= left + area_w
                  and w["y"] + w["h"] <= top + area_h)
        if not inside:
            problems.append(f"{w['name']} at {w['x']},{w['y']} {w['w']}×{w['h']} is not inside {area_w}×{area_h}")
        if w["w"] < w["min_w"] or w["h"] < w["min_h"]:
            problems.append(f"{w['name']} {w['w']}×{w['h']} is smaller than its content ({w['min_w']}×{w['min_h']})")
    assert not problems, "\n".join(problems)
    main = next(w for w in windows if w["name"] == "主窗口")
    assert main["h"] + TITLE_BAR <= main["screen"][3]                    # no taller than the usable screen
    notes = next(w for w in windows if w["name"] == "保密义务检查情况")
    assert notes["note_chars"] >= 12                                     # a sentence, not two characters
