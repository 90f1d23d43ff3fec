"""The cache in files (config/file_cache.py): entries read back whole, compressed at the
fast level, and files Django's own FileBasedCache wrote still read."""

import io
import pickle

from django.core.cache.backends.filebased import FileBasedCache

from config.file_cache import COMPRESSION_LEVEL, FastFileBasedCache

PAGE = {"content": b"<li class='session'>Wildlife trade online</li>\n" * 5_000, "tags": {"a": 1}}


def test_an_entry_reads_back_whole_and_is_compressed_at_the_fast_level(tmp_path):
    cache = FastFileBasedCache(str(tmp_path), {})
    cache.set("agenda", PAGE, timeout=60)

    assert cache.get("agenda") == PAGE
    (file,) = tmp_path.glob("*.djcache")
    stored = io.BytesIO(file.read_bytes())
    pickle.load(stored)  # the expiry time comes first
    compressed = stored.read()
    # zlib's header names the level it was written at: 0x01 is level 1, 0x9c the default.
    assert COMPRESSION_LEVEL == 1 and compressed[:2] == b"\x78\x01"
    assert len(compressed) < len(PAGE["content"]) // 10


def test_files_written_at_the_default_level_still_read(tmp_path):
    FileBasedCache(str(tmp_path), {}).set("agenda", PAGE, timeout=60)

    assert FastFileBasedCache(str(tmp_path), {}).get("agenda") == PAGE


def test_an_expired_entry_is_gone(tmp_path):
    cache = FastFileBasedCache(str(tmp_path), {})
    cache.set("agenda", PAGE, timeout=-1)

    assert cache.get("agenda") is None
