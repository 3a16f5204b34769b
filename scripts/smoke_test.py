"""Smoke test of the built bundle: the CLI and the app (offscreen) from dist/auditor, with a demo database.

    .venv/bin/pyinstaller --noconfirm build_installer.spec && .venv/bin/python scripts/smoke_test.py dist/auditor

Fails (exit 1) on any import error, traceback or wrong answer.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def run(args: list[str], env: dict, expect: int = 0) -> str:
    result = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    if result.returncode != expect or "Traceback" in result.stderr:
        print(f"FAILED: {' '.join(args)} → {result.returncode}\n{result.stdout}\n{result.stderr}")
        raise SystemExit(1)
    return result.stdout


def main(dist: str) -> None:
    folder = Path(dist).resolve()
    cli = folder / ("auditor.exe" if os.name == "nt" else "auditor")
    app = folder / ("auditor-app.exe" if os.name == "nt" else "auditor-app")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = str(work / "demo.db")
        run([str(cli), "--db", db, "init"], env)
        entries = {"contract": "henan-2025", "period": "2025-10",
                   "measurements": [{"indicator": "HN-02", "value": "99"}, {"indicator": "HN-03", "value": "1"},
                                    {"indicator": "HN-04", "value": "100"}, {"indicator": "HN-08", "value": "100"},
                                    {"indicator": "HN-09", "value": "100"}],
                   "headcount": {"frontline": 48.5, "support": 16, "management": 3}, "incidents": 0}
        (work / "e.json").write_text(json.dumps(entries), encoding="utf-8")
        run([str(cli), "--db", db, "record", str(work / "e.json")], env)
        score = json.loads(run([str(cli), "--db", db, "score", "henan-2025", "2025-10", "--json"], env))
        assert score["deduction_total"] == "258720.00", score
        (work / "pass.txt").write_text("smoke-pass", encoding="utf-8")
        run([str(cli), "--db", db, "identity", "create", "--name", "检查员", "--organization", "河南省政务大数据中心",
             "--out", str(work / "id.p12"), "--passphrase-file", str(work / "pass.txt")], env)
        run([str(cli), "--db", db, "render", "score-sheet", "henan-2025", "2025-10", "--out", str(work / "s.pdf"),
             "--sign", str(work / "id.p12"), "--passphrase-file", str(work / "pass.txt")], env)
        run([str(cli), "--db", db, "verify", str(work / "s.pdf")], env)
        data = bytearray((work / "s.pdf").read_bytes())
        data[len(data) // 2] ^= 1
        (work / "t.pdf").write_bytes(bytes(data))
        run([str(cli), "--db", db, "verify", str(work / "t.pdf")], env, expect=3)
        run([str(cli), "--db", db, "audit", "verify"], env)
        out = run([str(app), "--db", db, "--smoke-test"], env)
        assert "smoke ok" in out, out
        print(out.strip())
    print("bundle smoke test passed")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist/auditor")
