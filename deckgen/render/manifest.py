"""Which decks in an output folder are exactly as deckgen wrote them.

Editors keep a deck's core properties (python-pptx keeps all of them, LibreOffice most), so the
metadata cannot tell an edited deck from ours. The bytes can: `.deckgen-manifest.json` beside the
decks records the sha256 of every deck deckgen wrote there. Any other bytes are someone's edit.
The hash lives beside the deck, not inside it, so a deck stays byte-identical for the same input.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from deckgen.atomic import write_bytes_atomic, write_text_atomic

from .archive import FIXED_TIME, ZIP_TIME

MANIFEST = ".deckgen-manifest.json"
_MAX_MANIFEST_BYTES = 1 << 20


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """sha256 of a file, read in chunks (decks with videos are large); None when unreadable."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def read_manifest(folder: Path) -> dict[str, list[str]]:
    """Deck file name → digests deckgen wrote; {} when absent, unreadable or not ours."""
    path = Path(folder) / MANIFEST
    try:
        if path.stat().st_size > _MAX_MANIFEST_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    decks = data.get("decks") if isinstance(data, dict) else None
    if not isinstance(decks, dict):
        return {}
    return {str(k): [str(h) for h in v] for k, v in decks.items() if isinstance(v, list)}


def write_manifest(folder: Path, decks: dict[str, list[str]]) -> None:
    text = json.dumps({"written_by": "deckgen", "decks": {k: sorted(set(v)) for k, v in sorted(decks.items())}},
                      indent=2) + "\n"
    write_text_atomic(Path(folder) / MANIFEST, text)


def _legacy_untouched(path: Path) -> bool:
    """For decks written before the manifest existed: fixed metadata AND deckgen's fixed zip dates.

    An editor that keeps the core properties (python-pptx) still stamps the parts with the time it
    saved them; LibreOffice and PowerPoint rewrite both.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            core_info = archive.getinfo("docProps/core.xml")
            if core_info.file_size > _MAX_MANIFEST_BYTES:
                return False
            core = archive.read(core_info).decode("utf-8", "replace")
    except Exception:  # BadZipFile, KeyError, OSError, zlib.error: not a deck we wrote
        return False
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (all(i.date_time == ZIP_TIME for i in infos)
            and "<cp:lastModifiedBy>deckgen</cp:lastModifiedBy>" in core
            and "<cp:revision>1</cp:revision>" in core and f">{stamp}</dcterms:modified>" in core)


def written_by_deckgen(path: Path) -> bool:
    """True when the deck at `path` holds exactly bytes deckgen wrote there (nobody saved it since)."""
    path = Path(path)
    known = read_manifest(path.parent).get(path.name)
    if known is None:
        return _legacy_untouched(path)
    return file_digest(path) in known


def write_decks(decks: list[tuple[Path, bytes]]) -> None:
    """Write decks atomically and record their digests beside them.

    The manifest first accepts both the bytes on disk and the new ones, then only the new ones:
    a crash at any moment leaves every deck recognised as deckgen's, never as an edit.
    """
    by_folder: dict[Path, list[tuple[Path, bytes]]] = {}
    for path, data in decks:
        by_folder.setdefault(Path(path).parent, []).append((Path(path), data))
    for folder, items in by_folder.items():
        manifest = read_manifest(folder)
        for path, data in items:
            old = file_digest(path) if path.exists() else None
            manifest[path.name] = manifest.get(path.name, []) + [digest(data)] + ([old] if old else [])
        write_manifest(folder, manifest)
        for path, data in items:
            write_bytes_atomic(path, data)
            manifest[path.name] = [digest(data)]
        write_manifest(folder, manifest)
