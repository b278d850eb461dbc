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


def test_an_answer_after_the_bound_is_dropped_and_keys_around_it_kept(monkeypatch):
    import os
    import pty
    import threading
    import time
    import tty

    master, slave = pty.openpty()
    tty.setraw(slave)  # as Textual's driver sets it before its input thread starts
    seen: list = []
    monkeypatch.setattr(LinuxDriver, "run_input_thread", lambda self: seen.append("read stdin"))
    driver = TypeaheadDriver.__new__(TypeaheadDriver)
    driver._debug = False
    driver.fileno = slave
    driver.exit_event = threading.Event()
    driver.process_message = seen.append
    TypeaheadDriver.typed = b""
    TypeaheadDriver.late_until = time.monotonic() + 2.0

    def slow_terminal():  # a slow link: keys, then the answers half a second late, then keys
        os.write(master, b"a")
        time.sleep(0.3)
        os.write(master, b"\x1b_Gi=31;OK\x1b\\\x1b[6;20;")
        time.sleep(0.2)
        os.write(master, b"9t\x1b[?62;c" + b"b")

    thread = threading.Thread(target=slow_terminal, daemon=True)
    thread.start()
    try:
        start = time.monotonic()
        driver.run_input_thread()
        thread.join(2)
        assert time.monotonic() - start < 1.5  # it stopped at the DA1 answer
        keys = [e.key if isinstance(e, events.Key) else e for e in seen]
        assert keys == ["a", "b", "read stdin"]
    finally:
        os.close(master)
        os.close(slave)
