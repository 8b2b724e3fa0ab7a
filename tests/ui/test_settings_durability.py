"""Killing the app while it saves its settings loses nothing whose save had returned."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.ui import settings as keys
from reader.ui.settings import WindowSettings

SRC = Path(__file__).parents[2] / "src"

# Saves one more reading position (and a zoom) per round through the window's own settings module, and
# prints the round's number once save() has returned.
WRITER = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from reader.ui import settings as keys
    from reader.ui.settings import ReadingPosition, WindowSettings

    settings = WindowSettings(Path(sys.argv[1]))
    n = int(sys.argv[2])
    while True:
        settings.set_position(Path(f"/stores/{n}.magstore"), ReadingPosition(f"article-{n}", n))
        settings.set(keys.ZOOM, 50 + n % 250)
        settings.save()
        print(n, flush=True)
        n += 1
    """)


def _kill_rounds(default: int) -> int:
    return int(os.environ.get("READER_KILL_ROUNDS", default))


def _kill_while_saving(tmp_path: Path, rounds: int, seed: int) -> list[int]:
    path = tmp_path / "config" / "window.json"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    rng = random.Random(seed)
    saved: list[int] = []
    per_round: list[int] = []
    for _ in range(rounds):
        start = saved[-1] + 1 if saved else 0
        process = subprocess.Popen(
            [sys.executable, str(script), str(path), str(start)], env=env, stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        # Kill after a random number of completed saves, at a random moment inside the next one.
        target = rng.randint(1, 12)
        done = 0
        while done < target:
            line = process.stdout.readline()
            assert line, "the writer stopped on its own"
            saved.append(int(line))
            done += 1
        time.sleep(rng.uniform(0, 0.004))
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate()
        saved.extend(int(n) for n in rest.split())  # printed before the kill landed: saved too
        per_round.append(done)

        raw = json.loads(path.read_text(encoding="utf-8"))  # always a whole file, never a torn one
        assert raw["version"] == keys.SETTINGS_VERSION
        loaded = WindowSettings(path)
        positions = loaded.get(keys.POSITIONS)
        lost = [n for n in saved if str(Path(f"/stores/{n}.magstore").resolve()) not in positions]
        assert lost == [], f"saves that had returned were lost: {lost}"
        assert loaded.get(keys.ZOOM) in {50 + n % 250 for n in (saved[-1], saved[-1] + 1)}
    return per_round


def test_settings_survive_being_killed_while_saving(tmp_path: Path) -> None:
    rounds = _kill_while_saving(tmp_path, _kill_rounds(5), seed=3)
    assert len(rounds) == _kill_rounds(5)


@pytest.mark.slow
def test_settings_survive_being_killed_many_times(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("markexpr") or "") and "READER_KILL_ROUNDS" not in os.environ:
        pytest.skip("a 60-round kill loop: run with -m slow (READER_KILL_ROUNDS sets the rounds)")
    _kill_while_saving(tmp_path, _kill_rounds(60), seed=17)
