"""What a plain install ships: the built wheel holds the themes, the corporate template, Carlito and its
licence (a missing package-data glob would leave a plain `pip install` unable to build anything), and it
does not depend on a documentation toolchain."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[set[str], str]:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(out), str(REPO)], check=True, capture_output=True, cwd=out)
    (path,) = out.glob("deckgen-*.whl")
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        return names, z.read(meta).decode("utf-8")


def test_wheel_holds_themes_template_fonts_and_licence(wheel):
    names, _ = wheel
    for name in ("pastel", "pastel-dark", "high-contrast", "corporate"):
        assert f"deckgen/data/themes/{name}.yaml" in names
    for name in ("templates/corporate.pptx", "fonts/Carlito-Regular.ttf", "fonts/Carlito-Bold.ttf",
                 "fonts/OFL.txt", "glossary-en.yaml", "glossary-fr.yaml"):
        assert f"deckgen/data/{name}" in names


def test_wheel_needs_no_documentation_toolchain(wheel):
    _, metadata = wheel
    requires = [line.lower() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert any("python-pptx" in r for r in requires)
    assert not [r for r in requires if any(x in r for x in ("rinoh", "sphinx", "docutils", "myst", "requests"))]
