"""``auditor score`` and ``auditor payment`` as processes, next to ``python -c "import auditor.cli"`` (the same
run, the same machine), on benchmarks/data.py's databases (0, 1 and 3 years); and opening the database alone
(what every command does before it reads: the foreign-file check, pending migrations read with plain SQL, the
audit seal of changes made outside), to show what that check costs.

The children write their bytecode (PYTHONDONTWRITEBYTECODE is dropped, and a first run is not counted), as
an installed program has it: else every module edited since its last .pyc is compiled again in every run.

    .venv/bin/python benchmarks/bench_cli.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 7
TARGET = 2.0


def timed(command: list[str], env: dict[str, str]) -> float:
    """The median of RUNS, after one run that is not counted (it writes the modules' bytecode, as installing does)."""
    subprocess.run(command, env=env, check=True, capture_output=True)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    from auditor.calendar import Period
    from benchmarks.data import CONTRACTS, START, YEARS, fresh_copy

    command = Path(sys.executable).with_name("auditor")
    cli = [str(command)] if command.exists() else [sys.executable, "-m", "auditor.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(ROOT), AUDITOR_STATE_DIR=str(folder / "state"),
                   AUDITOR_LOG_DIR=str(folder / "logs"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every module edited since the last .pyc compiles each run
        bare = timed([sys.executable, "-c", "pass"], env)
        imported = timed([sys.executable, "-c", "import auditor.cli"], env)
        print(f"python -c pass: {bare * 1000:.0f} ms; python -c \"import auditor.cli\" (baseline): "
              f"{imported * 1000:.0f} ms (median of {RUNS})")
        contract = CONTRACTS[0][1]
        for years in YEARS:
            env["AUDITOR_STATE_DIR"] = str(folder / f"state-{years}")  # the three share one identity
            db = fresh_copy(years, folder)
            month = Period(*START).shift(max(years * 12 - 1, 0))
            for name, args in (("score", ["score", contract, str(month)]),
                               ("payment", ["payment", contract, "2"])):
                spent = timed([*cli, "--db", str(db), *args], env)
                print(f"auditor {name} at {years} years: {spent * 1000:.0f} ms = {spent / imported:.2f}× the import "
                      f"(target ≤ {TARGET:g}×: {'met' if spent / imported <= TARGET else 'NOT met'}); "
                      f"{spent / bare:.1f}× python -c pass")
            if years == YEARS[-1]:
                floors(cli, db, contract, month, env, imported)
            opened = statistics.median(float(subprocess.run([sys.executable, "-c", OPEN, str(db)], env=env, check=True,
                                                            capture_output=True, text=True).stdout)
                                       for _ in range(RUNS))
            print(f"  of which opening the database (the check before reading, its modules already loaded): "
                  f"{opened * 1000:.1f} ms")


def floors(cli: list[str], db: Path, contract: str, month: object, env: dict[str, str], imported: float) -> None:
    """What ``auditor score`` costs before it does anything: a process importing the very modules a score ends
    with (nothing run), and one importing only the standard library's among them."""
    listed = subprocess.run([sys.executable, "-c", MODULES, "--db", str(db), "score", contract, str(month)],
                            env=env, check=True, capture_output=True, text=True).stderr.split()
    stdlib = [m for m in listed if m.split(".")[0] in sys.stdlib_module_names]
    for what, modules in (("the modules a score imports, nothing run", listed),
                          ("of which the standard library's alone (sqlite3, decimal, json, hashlib, pathlib, "
                           "dataclasses, logging, argparse…)", stdlib)):
        spent = timed([sys.executable, "-c", "import " + ", ".join(modules)], env)
        print(f"  {what}: {len(modules)} modules, {spent * 1000:.0f} ms = {spent / imported:.2f}× the import")


# The modules a score has imported when it ends (its own imports: those of python -c and site left out)
MODULES = ("import sys; before = set(sys.modules); from auditor.cli import main; main(sys.argv[1:]); "
           "print(' '.join(sorted(m for m, module in sys.modules.items() if m not in before and m != '__main__' "
           "and getattr(module, '__spec__', None) is not None)), file=sys.stderr)")


# In the process, after the imports: the foreign-file check, pending migrations by plain SQL, others' changes sealed
OPEN = ("import sys, time; from auditor.opening import open_database; import auditor.audit, auditor.anchors, "
        "auditor.backup; started = time.perf_counter(); open_database(sys.argv[1]).close(); "
        "print(time.perf_counter() - started)")


if __name__ == "__main__":
    main()
