"""Build the Magazine Reader bundle for the OS this runs on, with one command.

    python -m pip install -e . pyinstaller      # once, in the environment that runs the app
    python packaging/build.py                   # from the repository root, on Linux, Windows or macOS

Steps: render the app icon from resources/icons/app.svg (PNGs 16 to 512 px, .ico, .icns) into
build/icons/, check the translations (a warning, not a stop: an untranslated string shows in English),
run PyInstaller on packaging/pyinstaller/reader.spec into dist/magazine-reader/ (and dist/Magazine
Reader.app on macOS; the spec compiles resources/translations/*.ts into the bundle's .qm files), then
on Linux lay out dist/linux-root/usr/... for distro packagers.
`--installer` also makes the installer where its tool exists: Inno Setup's ISCC on Windows, hdiutil on
macOS. See packaging/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import bundle_assets
import translations as translation_tool

ROOT = bundle_assets.ROOT
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
SPEC = PACKAGING / "pyinstaller" / "reader.spec"
BUNDLE = DIST / "magazine-reader"
LINUX_ROOT = DIST / "linux-root"
APP_ID = bundle_assets.APP_ID


def check_version() -> str:
    """The installed version, refusing a stale editable install whose metadata disagrees with pyproject."""
    installed, declared = bundle_assets.app_version(), bundle_assets.pyproject_version()
    if installed != declared:
        sys.exit(
            f"installed magazine-reader is {installed} but pyproject.toml says {declared}: pip install -e ."
        )
    return installed


def run_pyinstaller(workpath: Path, icon_dir: Path) -> None:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit("PyInstaller is not installed in this Python: python -m pip install pyinstaller")
    os.environ["READER_ICON_DIR"] = str(icon_dir)
    pyinstaller.run(
        ["--noconfirm", "--clean", "--distpath", str(DIST), "--workpath", str(workpath), str(SPEC)]
    )


def install_linux_tree(icon_dir: Path, tree: Path = LINUX_ROOT) -> Path:
    """A /usr tree: the bundle in lib/, a bin/reader link, desktop entry, metainfo, MIME type, icons."""
    if tree.exists():
        shutil.rmtree(tree)
    usr = tree / "usr"
    shutil.copytree(BUNDLE, usr / "lib" / "magazine-reader", symlinks=True)
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "reader").symlink_to(Path("..", "lib", "magazine-reader", "reader"))
    linux = PACKAGING / "linux"
    placements = {
        linux / f"{APP_ID}.desktop": usr / "share" / "applications" / f"{APP_ID}.desktop",
        linux / f"{APP_ID}.metainfo.xml": usr / "share" / "metainfo" / f"{APP_ID}.metainfo.xml",
        linux / "magazine-reader-mime.xml": usr / "share" / "mime" / "packages" / f"{APP_ID}.xml",
        bundle_assets.APP_SVG: usr / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }
    for size in bundle_assets.PNG_SIZES:
        hicolor = usr / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        placements[icon_dir / f"app-{size}.png"] = hicolor
    for source, target in placements.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return tree


def warn_about_translations() -> None:
    try:
        problems = [p for language in translation_tool.LANGUAGES for p in translation_tool.check(language)]
    except (FileNotFoundError, RuntimeError) as exc:
        problems = [str(exc)]
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)


def make_installer() -> None:
    if sys.platform == "win32":
        iscc = shutil.which("iscc") or shutil.which(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")
        if iscc is None:
            sys.exit("Inno Setup's ISCC.exe was not found: install Inno Setup 6 or put ISCC on PATH")
        subprocess.run(
            [
                iscc,
                f"/DAppVersion={bundle_assets.app_version()}",
                f"/DSourceDir={BUNDLE}",
                f"/DIconFile={BUILD / 'icons' / 'reader.ico'}",
                f"/O{DIST}",
                str(PACKAGING / "windows" / "reader.iss"),
            ],
            check=True,
        )
    elif sys.platform == "darwin":
        subprocess.run(["bash", str(PACKAGING / "macos" / "make_dmg.sh")], check=True)
    else:
        print("no installer on Linux: dist/linux-root is the input for a distro package")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--icons-only", action="store_true", help="only render the icons into build/icons")
    parser.add_argument("--installer", action="store_true", help="also build the Windows/macOS installer")
    args = parser.parse_args(argv)

    version = check_version()
    icon_dir = BUILD / "icons"
    bundle_assets.make_icons(icon_dir)
    print(f"icons in {icon_dir}")
    if args.icons_only:
        return 0
    warn_about_translations()
    run_pyinstaller(BUILD / "pyinstaller", icon_dir)
    print(f"Magazine Reader {version}: {BUNDLE} weighs {folder_size(BUNDLE) / 2**20:.0f} MiB")
    if sys.platform.startswith("linux"):
        print(f"desktop integration tree in {install_linux_tree(icon_dir)}")
    if args.installer:
        make_installer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
