"""Keys read while the terminal was asked are handed to the app before anything read later."""

from __future__ import annotations

from textual import events
from textual.drivers.linux_driver import LinuxDriver

from quiz.imaging import terminal_caps
from quiz.tui.typeahead_driver import TypeaheadDriver, driver_with_typeahead


def test_the_driver_is_used_only_when_keys_wait(monkeypatch):
    monkeypatch.setattr(terminal_caps, "_typed", bytearray())
    assert driver_with_typeahead(LinuxDriver) is LinuxDriver
    terminal_caps._typed.extend(b"n")
    assert driver_with_typeahead(object) is object  # web or headless driver: not replaced
    terminal_caps._typed.extend(b"n")
    assert driver_with_typeahead(LinuxDriver) is TypeaheadDriver
    assert terminal_caps.take_typed() == b""  # taken once


def test_typed_bytes_become_key_events_in_order_before_the_driver_reads(monkeypatch):
    seen: list = []
    monkeypatch.setattr(LinuxDriver, "run_input_thread", lambda self: seen.append("read stdin"))
    driver = TypeaheadDriver.__new__(TypeaheadDriver)
    driver._debug = False
    driver.process_message = seen.append
    TypeaheadDriver.typed = "nä\x1b[Bx\x1b".encode()
    driver.run_input_thread()
    keys = [e.key if isinstance(e, events.Key) else e for e in seen]
    assert keys == ["n", "ä", "down", "x", "escape", "read stdin"]
    assert TypeaheadDriver.typed == b""
