"""The caches: a picture seen before comes from memory, then from disk, never decoded again;
the synchronous path draws a cached picture at once and never decodes on the caller's thread;
two threads asking for the same new picture decode it once."""

from __future__ import annotations

import os
import threading

import pytest
from PIL import Image

from quiz.imaging import (
    DiskCache,
    FrameRequest,
    ImageError,
    ImageStore,
    default_store,
    prepare_cached_frame,
    prepare_frame,
)
from quiz.imaging import store as store_module
from quiz.imaging.memcache import LRUCache


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "slide.jpg"
    im = Image.linear_gradient("L").convert("RGB").resize((320, 240))
    im.save(path, quality=90)
    return path


@pytest.fixture
def count_decodes(monkeypatch):
    calls = []
    real = store_module.decode_level

    def counting(path, factor):
        calls.append((path, factor))
        return real(path, factor)

    monkeypatch.setattr(store_module, "decode_level", counting)
    return calls


def test_second_view_comes_from_memory(tmp_path, picture, count_decodes):
    store = ImageStore(DiskCache(tmp_path / "cache"))
    first = store.view(picture, (40, 40))
    second = store.view(picture, (40, 40))
    assert first.from_cache == "file" and second.from_cache == "memory"
    assert len(count_decodes) == 1
    assert second.image.size == first.image.size == (40, 30)


def test_a_new_process_reads_the_disk_cache_without_decoding(tmp_path, picture, count_decodes):
    ImageStore(DiskCache(tmp_path / "cache")).view(picture, (40, 40))
    assert len(count_decodes) == 1
    fresh = ImageStore(DiskCache(tmp_path / "cache"))  # empty memory, as after a restart
    view = fresh.view(picture, (40, 40))
    assert view.from_cache == "disk"
    assert len(count_decodes) == 1
    assert list((tmp_path / "cache").glob("*/*.dqimg"))


def test_an_edited_file_is_decoded_again(tmp_path, picture, count_decodes):
    cache = tmp_path / "cache"
    ImageStore(DiskCache(cache)).view(picture, (40, 40))
    Image.new("RGB", (100, 100), "red").save(picture)
    os.utime(picture, ns=(10**18, 10**18))  # a later mtime, whatever the clock's resolution
    view = ImageStore(DiskCache(cache)).view(picture, (40, 40))
    assert view.from_cache == "file" and view.source_size == (100, 100)
    assert len(count_decodes) == 2


def test_a_damaged_cache_entry_is_only_a_miss(tmp_path, picture):
    cache = tmp_path / "cache"
    ImageStore(DiskCache(cache)).view(picture, (40, 40))
    for entry in cache.glob("*/*.dqimg"):
        entry.write_bytes(b"garbage")
    view = ImageStore(DiskCache(cache)).view(picture, (40, 40))
    assert view.from_cache == "file"


def test_an_unwritable_cache_folder_does_not_break_viewing(tmp_path, picture):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    view = ImageStore(DiskCache(blocker)).view(picture, (40, 40))
    assert view.image.size == (40, 30)


def test_zooming_in_decodes_a_finer_level_once_then_pans_from_memory(tmp_path, count_decodes):
    path = tmp_path / "big.jpg"
    Image.effect_noise((1600, 1200), 40).convert("RGB").save(path, quality=85)
    store = ImageStore(DiskCache(tmp_path / "cache"))
    store.view(path, (40, 30))  # fitted: 1/8 is plenty
    assert count_decodes[-1][1] == 8
    zoomed = store.view(path, (40, 30), (400, 300, 160, 120))  # 4 source px per output px
    assert count_decodes[-1][1] == 4 and zoomed.from_cache == "file"
    panned = store.view(path, (40, 30), (440, 300, 160, 120))
    assert panned.from_cache == "memory" and len(count_decodes) == 2
    assert panned.region == (440.0, 300.0, 160.0, 120.0)


def test_the_default_store_follows_the_cache_dir_variable(tmp_path, monkeypatch, picture):
    # Previews go in `images` under the cache folder, beside the packs, as by default.
    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "one"))
    assert default_store().disk.folder == tmp_path / "one" / "images"
    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "two"))
    store = default_store()
    store.view(picture, (20, 20))
    assert list((tmp_path / "two" / "images").glob("*/*.dqimg"))


def test_view_errors_are_image_errors(tmp_path):
    store = ImageStore(DiskCache(tmp_path / "cache"))
    with pytest.raises(ImageError, match="no such file"):
        store.view(tmp_path / "gone.png", (10, 10))


def test_lru_evicts_the_least_recently_used_by_bytes():
    cache = LRUCache(max_bytes=3 * 10 * 10 * 3)
    tiles = {k: Image.new("RGB", (10, 10)) for k in "abcd"}
    for k in "abc":
        cache.put(k, tiles[k])
    assert cache.get("a") is tiles["a"]  # a is now the most recent
    cache.put("d", tiles["d"])
    assert cache.get("b") is None and cache.get("a") is tiles["a"]
    assert cache.nbytes <= cache.max_bytes


def test_a_png_is_decoded_once_for_every_zoom_level(tmp_path, count_decodes):
    path = tmp_path / "big.png"
    Image.effect_noise((800, 600), 40).convert("RGB").save(path)
    store = ImageStore(DiskCache(tmp_path / "cache"))
    store.view(path, (40, 30))
    store.view(path, (40, 30), (200, 150, 160, 120))
    store.view(path, (40, 30), (210, 150, 80, 60))
    assert count_decodes == [(path, 1)]


def test_cached_view_never_decodes(tmp_path, picture, count_decodes):
    store = ImageStore(DiskCache(tmp_path / "cache"))
    assert store.cached_view(picture, (40, 40)) is None
    assert store.cached_source_size(picture) is None
    assert prepare_cached_frame(store, FrameRequest(path=picture, box=(40, 40))) is None
    assert count_decodes == []
    store.view(picture, (40, 40))
    view = store.cached_view(picture, (40, 40))
    assert view is not None and view.from_cache == "memory" and view.image.size == (40, 30)
    assert store.cached_source_size(picture) == (320, 240)
    assert len(count_decodes) == 1


def test_cached_view_reads_the_disk_preview(tmp_path, picture, count_decodes):
    ImageStore(DiskCache(tmp_path / "cache")).view(picture, (40, 40))
    fresh = ImageStore(DiskCache(tmp_path / "cache"))  # a new process: only the disk knows it
    view = fresh.cached_view(picture, (40, 40))
    assert view is not None and view.from_cache == "disk"
    assert len(count_decodes) == 1


def test_a_cached_frame_is_the_frame_a_worker_would_make(tmp_path, picture):
    store = ImageStore(DiskCache(tmp_path / "cache"))
    request = FrameRequest(path=picture, box=(60, 40), halfcell=False)
    worker = prepare_frame(store, request)
    cached = prepare_cached_frame(store, request)
    assert cached is not None and cached.error is None
    assert cached.viewport == worker.viewport
    assert cached.image.size == worker.image.size
    assert cached.image.tobytes() == worker.image.tobytes()


def test_a_missing_file_is_left_to_the_worker(tmp_path):
    store = ImageStore(DiskCache(tmp_path / "cache"))
    request = FrameRequest(path=tmp_path / "gone.jpg", box=(40, 40))
    assert prepare_cached_frame(store, request) is None
    assert "no such file" in prepare_frame(store, request).error


def test_two_threads_decode_a_new_picture_once(tmp_path, picture, count_decodes):
    store = ImageStore(DiskCache(tmp_path / "cache"))
    start = threading.Barrier(2)
    results = []

    def ask() -> None:
        start.wait()
        results.append(store.view(picture, (40, 40)))

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(count_decodes) == 1
    assert sorted(v.from_cache for v in results) == ["file", "memory"]
