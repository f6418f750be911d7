"""Start-up time of everyday commands, against `sqlite-utils --version`.

An editor runs twenty commands an hour; commands that do not extract must
not pay for the NLP stack. For each command this prints the median wall
time over several runs, the ratio to `sqlite-utils --version` measured in
the same run, and whether spaCy or dateparser was imported (from
`python -X importtime`).

    python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "dateparser", "trafilatura", "thinc", "quantulum3")


def timed(cmd: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        samples.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(
                f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-300:]}"
            )
    return statistics.median(samples)


def heavy_imports(args: list[str], env: dict[str, str]) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = set()
    for line in proc.stderr.splitlines():
        if "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            top = name.split(".")[0]
            if top in HEAVY:
                found.add(top)
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    opts = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="prov-startup-"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "PROV_DATABASE_URL": str(tmp / "prov.db")}
    subprocess.run([sys.executable, "-m", "cli", "init"], env=env, check=True, capture_output=True)

    baseline_cmd = shutil.which("sqlite-utils") or str(Path(sys.executable).parent / "sqlite-utils")
    baseline = None
    if Path(baseline_cmd).exists():
        baseline = timed([baseline_cmd, "--version"], env, opts.runs)
        print(f"{'sqlite-utils --version':32s} {baseline * 1000:7.0f} ms   (baseline)")
    else:
        print("sqlite-utils not installed: no baseline (pip install sqlite-utils)")
    python_only = timed([sys.executable, "-c", "pass"], env, opts.runs)
    print(f"{'python -c pass':32s} {python_only * 1000:7.0f} ms")

    commands = [
        ["--version"],
        ["--help"],
        ["articles", "list"],
        ["claims", "list"],
        ["sources", "list"],
        ["conflicts", "--format", "json"],
    ]
    for args in commands:
        seconds = timed([sys.executable, "-m", "cli", *args], env, opts.runs)
        ratio = f"{seconds / baseline:5.2f}x" if baseline else "  n/a"
        heavy = heavy_imports(args, env)
        print(
            f"{'prov ' + ' '.join(args):32s} {seconds * 1000:7.0f} ms  {ratio} of baseline  "
            f"heavy imports: {', '.join(heavy) or 'none'}"
        )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
