"""Keep the interface translations in step with the code: extract, check and compile them.

    python packaging/translations.py update     # lupdate the UI sources into resources/translations/*.ts
    python packaging/translations.py check      # fail on a stale .ts or a message without a translation
    python packaging/translations.py compile DIR  # lrelease every .ts into DIR (packaging/build.py does)

The .ts files (Qt Linguist sources) are committed; .qm files are built, never committed. Messages carry
no source locations (`-locations none`), so moving code does not make the committed files stale; a
changed, added or removed string does. Translate with Qt Linguist (`pyside6-linguist FILE.ts`) or any
editor, then run `check`. tests/ui/test_translations.py runs `check` with the rest of the tests.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
CATALOGUE = "reader"
LANGUAGES = ("zh_CN",)  # the source language, English, needs no catalogue
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
LUPDATE_OPTIONS = ["-no-obsolete", "-locations", "none", "-silent"]


def ui_sources(root: Path = ROOT) -> list[Path]:
    """Every module whose strings the reader sees: the window (ui/) and its entry points (app.py)."""
    package = root / "src" / "reader"
    return [*sorted((package / "ui").rglob("*.py")), package / "app.py"]


def ts_path(language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


def qt_tool(name: str) -> str | None:
    """PySide6's own lupdate/lrelease (every PySide6 wheel ships them), else one on PATH."""
    try:
        import PySide6
    except ImportError:
        return shutil.which(f"pyside6-{name}") or shutil.which(name)
    bundled = Path(PySide6.__file__).resolve().parent / (f"{name}.exe" if sys.platform == "win32" else name)
    if bundled.is_file():
        return str(bundled)
    return shutil.which(f"pyside6-{name}") or shutil.which(name)


def _run(tool: str, args: list[str]) -> None:
    program = qt_tool(tool)
    if program is None:
        raise FileNotFoundError(f"{tool} not found: pip install PySide6-Essentials")
    done = subprocess.run([program, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} failed: {(done.stderr or done.stdout).strip()}")


def lupdate(ts: Path, sources: Iterable[Path]) -> None:
    """Merge the sources' strings into `ts` (created if missing), keeping existing translations."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    _run(
        "lupdate",
        [*map(str, sources), *LUPDATE_OPTIONS, "-target-language", ts.stem.split("_", 1)[1], "-ts", str(ts)],
    )


def lrelease(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    _run("lrelease", ["-silent", str(ts), "-qm", str(qm)])


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    translations: tuple[str, ...]
    state: str  # "" (finished), "unfinished", "vanished", "obsolete"

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.source)

    def problem(self) -> str | None:
        """Why this message would leave the reader with English text, or with broken placeholders."""
        if self.state:
            return f"translation is {self.state}"
        if not self.translations or not all(t.strip() for t in self.translations):
            return "no translation"
        wanted = sorted(set(PLACEHOLDER.findall(self.source)))
        for text in self.translations:
            found = sorted(set(PLACEHOLDER.findall(text)))
            if found != wanted and not (self.numerus and set(found) == set(wanted) - {"%n"}):
                return f"placeholders {found} in the translation, {wanted} in the source"
        return None


def read_messages(ts: Path) -> list[Message]:
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            state = translation.get("type", "") if translation is not None else "unfinished"
            numerus = message.get("numerus") == "yes"
            if translation is None:
                texts: tuple[str, ...] = ()
            elif numerus:
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",)
            messages.append(Message(name, message.findtext("source") or "", numerus, texts, state))
    return messages


def check(language: str, folder: Path = TRANSLATIONS, root: Path = ROOT) -> list[str]:
    """Problems with one language's committed .ts: out of date with the sources, or untranslated text."""
    committed = ts_path(language, folder)
    if not committed.is_file():
        return [f"{committed.relative_to(root)} is missing: python packaging/translations.py update"]
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / committed.name
        shutil.copyfile(committed, fresh)
        lupdate(fresh, ui_sources(root))
        current = {m.key: m for m in read_messages(fresh)}
        qm = Path(scratch) / f"{committed.stem}.qm"
        lrelease(committed, qm)
    recorded = {m.key: m for m in read_messages(committed)}
    name = committed.relative_to(root)
    for key in sorted(current.keys() - recorded.keys()):
        problems.append(f"{name}: new string {key[0]}: {key[1]!r} (run packaging/translations.py update)")
    for key in sorted(recorded.keys() - current.keys()):
        problems.append(f"{name}: {key[0]}: {key[1]!r} is no longer in the code (run update)")
    for key, message in sorted(recorded.items()):
        problem = message.problem()
        if problem is not None and key in current:
            problems.append(f"{name}: {key[0]}: {key[1]!r}: {problem}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract the UI strings into the .ts files")
    commands.add_parser("check", help="fail when a .ts is stale or a string has no translation")
    compile_parser = commands.add_parser("compile", help="compile the .ts files into .qm files in DIR")
    compile_parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "update":
        for language in LANGUAGES:
            lupdate(ts_path(language), ui_sources())
            print(f"updated {ts_path(language).relative_to(ROOT)}")
        return 0
    if args.command == "compile":
        for language in LANGUAGES:
            target = args.folder / f"{CATALOGUE}_{language}.qm"
            lrelease(ts_path(language), target)
            print(f"compiled {target}")
        return 0
    problems = [p for language in LANGUAGES for p in check(language)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("translations complete and up to date")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
