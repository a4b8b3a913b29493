"""The reply cache: keyed by (model, prompt, section text), atomic, never holding secrets."""

from __future__ import annotations

from deckgen.llm.cache import ReplyCache, cache_folder, cache_key


def test_the_key_changes_with_each_input_and_only_with_them():
    base = cache_key("m", "prompt", "text")
    assert base == cache_key("m", "prompt", "text") and len(base) == 64
    assert len({base, cache_key("m2", "prompt", "text"), cache_key("m", "prompt2", "text"),
                cache_key("m", "prompt", "text2"), cache_key("mp", "rompt", "text")}) == 5


def test_round_trip_beside_the_outline(tmp_path):
    folder = cache_folder(tmp_path / "outlines" / "talk.yaml")
    assert folder == tmp_path / "outlines" / ".deckgen-cache" / "llm"
    cache = ReplyCache(folder)
    key = cache_key("m", "p", "t")
    assert cache.get(key) is None
    cache.put(key, "m", '{"points": []}')
    assert cache.get(key) == '{"points": []}' and cache.hits == 1
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert [f.name for f in files] == [f"{key}.json"]  # no temp file left behind


def test_disabled_cache_neither_reads_nor_writes(tmp_path):
    key = cache_key("m", "p", "t")
    ReplyCache(tmp_path).put(key, "m", "x")
    off = ReplyCache(tmp_path / "other", enabled=False)
    off.put(key, "m", "y")
    assert off.get(key) is None and not (tmp_path / "other").exists()
    assert ReplyCache(tmp_path, enabled=False).get(key) is None


def test_a_corrupt_entry_is_a_miss(tmp_path):
    cache = ReplyCache(tmp_path)
    key = cache_key("m", "p", "t")
    cache.put(key, "m", "x")
    next(tmp_path.rglob("*.json")).write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None
    cache.put(key, "m", "x")
    assert cache.get(key) == "x"
