"""Look inside a .pptx (a zip package) before anything reads it: bounded size, no macros.

python-pptx inflates every part into memory, so a 2 MB file holding a 2 GiB zero-filled part
costs gigabytes before any of our code sees it. Only the zip's central directory is read here
(a few bytes per entry); Python's zipfile never inflates a part past the size it declares, so
checking the declared sizes bounds what a later read can cost.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from deckgen.errors import DeckgenError, InputError, ThemeError

MAX_ENTRIES = 10_000            # a 500-slide deck with pictures has a few thousand parts
MAX_PART_BYTES = 256 * 2**20    # one video may be large; more than this is not a slide deck
MAX_TOTAL_BYTES = 512 * 2**20   # everything inflated: keeps a whole check or build under 1 GB
MAX_RATIO = 200                 # XML deflates 5-30×; hundreds to one is padding, not content
RATIO_FLOOR_BYTES = 2**20       # small parts may compress as well as they like

MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "vbadata")


@dataclass(frozen=True)
class PackageFacts:
    entries: int
    inflated_bytes: int
    has_macros: bool


def inspect_package(path: Path, *, error_type: type[DeckgenError] = InputError,
                    field: str | None = None) -> PackageFacts:
    """Check the zip at `path` against the limits above; one-line `error_type` when it breaks one."""
    path = Path(path)

    def fail(message: str) -> DeckgenError:
        return error_type(message, file=path, field=field)

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            content_types = _content_types(archive, infos)
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from exc
    except Exception:  # BadZipFile, zlib.error, NotImplementedError (odd compression), EOFError…
        raise fail("not a readable PowerPoint .pptx file (not a zip package)") from None
    if len(infos) > MAX_ENTRIES:
        raise fail(f"zip package has {len(infos):,} parts (limit {MAX_ENTRIES:,}): not a deck deckgen reads")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise fail(f"part {info.filename} inflates to {_mib(info.file_size)} (limit {_mib(MAX_PART_BYTES)})")
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise fail(f"part {info.filename} inflates {info.file_size // max(info.compress_size, 1):,} times "
                       f"(limit {MAX_RATIO}): refusing a zip bomb")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise fail(f"package inflates to {_mib(total)} (limit {_mib(MAX_TOTAL_BYTES)})")
    names = [i.filename.rsplit("/", 1)[-1].lower() for i in infos]
    macros = any(n in MACRO_PARTS for n in names) or any(t in content_types for t in MACRO_CONTENT_TYPES)
    return PackageFacts(len(infos), total, macros)


def _content_types(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> str:
    """[Content_Types].xml, lower-cased, when it is small enough to read safely ('' otherwise)."""
    info = next((i for i in infos if i.filename == "[Content_Types].xml"), None)
    if info is None or info.file_size > RATIO_FLOOR_BYTES:
        return ""
    return archive.read(info).decode("utf-8", "replace").lower()


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def check_template(path: Path) -> None:
    """A theme's template is a plain, bounded .pptx: checked when the theme loads, before anything is written."""
    path = Path(path)
    if not path.is_file():
        raise ThemeError("template not found", file=path, field="template")
    if path.suffix.lower() in (".pptm", ".potm", ".ppsm"):
        raise ThemeError("macro-enabled templates are not supported: save it as .pptx", file=path,
                         field="template")
    if path.suffix.lower() != ".pptx":
        raise ThemeError("template must be a .pptx file (save .potx templates as .pptx)", file=path,
                         field="template")
    if inspect_package(path, error_type=ThemeError, field="template").has_macros:
        raise ThemeError("template holds macros (vbaProject.bin or a macro-enabled content type); every deck "
                         "would carry them and PowerPoint refuses such a .pptx: save it as a plain .pptx",
                         file=path, field="template")
