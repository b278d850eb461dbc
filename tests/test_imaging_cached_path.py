"""The synchronous path: a cached picture is drawn at once, an uncached one never decoded on
the caller's thread, and two threads asking for the same new picture decode it once."""

from __future__ import annotations

import threading

import pytest
from PIL import Image

from quiz.imaging import DiskCache, FrameRequest, ImageStore, prepare_cached_frame, prepare_frame
from quiz.imaging import store as store_module


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "slide.jpg"
    Image.linear_gradient("L").convert("RGB").resize((320, 240)).save(path, quality=90)
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
