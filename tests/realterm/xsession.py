"""Run DermQuiz in a real terminal emulator on a virtual X display, type into it, screenshot it.

Xvfb gives the display, xterm (or kitty) the terminal, xdotool the keyboard (XTEST, so the
terminal takes the keys as typed ones), xwd the screenshot and netpbm's xwdtopnm turns it
into a PPM that Pillow reads. Debian: apt-get install xterm xvfb xdotool x11-apps netpbm.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
NEEDED = ("Xvfb", "xterm", "xdotool", "xwd", "xwdtopnm")
APT = "apt-get install -y xterm xvfb xdotool x11-apps netpbm"
DISPLAY = os.environ.get("DERMQUIZ_TEST_DISPLAY", ":70")  # helpers share the machine
SCREEN = (1024, 768)


def missing_binaries(names=NEEDED) -> list[str]:
    return [name for name in names if shutil.which(name) is None]


def fine_detail(image: Image.Image) -> tuple[float, int]:
    """(share of neighbouring pink/purple pixels that differ, how many such pairs).

    H&E is pink and purple. A bitmap picture varies from pixel to pixel (about 0.8 here);
    half-cell blocks repeat one colour across each cell's width (below 0.1).
    """
    a = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    stained = (r > g + 20) & (b > g + 5)
    pairs = stained[:, 1:] & stained[:, :-1]
    differ = (a[:, 1:] != a[:, :-1]).any(axis=-1) & pairs
    n = int(pairs.sum())
    return (float(differ.sum()) / n if n else 0.0), n


class XServer:
    """Xvfb on DISPLAY, started for the tests and stopped after them."""

    def __init__(self, display: str = DISPLAY) -> None:
        self.display = display
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> XServer:
        w, h = SCREEN
        screen = ["-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"]
        number = self.display.lstrip(":")
        if Path(f"/tmp/.X{number}-lock").exists():
            # Taken (another run, another program): let Xvfb pick a free display.
            read, write = os.pipe()
            self.proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), *screen],
                pass_fds=(write,),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            os.close(write)
            with os.fdopen(read) as chosen:
                number = chosen.readline().strip()
            if not number:
                raise RuntimeError("Xvfb could not find a free display")
            self.display = f":{number}"
        else:
            self.proc = subprocess.Popen(
                ["Xvfb", self.display, *screen],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb did not start on {self.display}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("TMUX", "STY", "KITTY_WINDOW_ID", "TERM_PROGRAM", "DERMQUIZ_GRAPHICS")
        }
        env.update(DISPLAY=self.display, PYTHONPATH=str(REPO), **extra)
        return env

    def screenshot(self) -> Image.Image:
        xwd = subprocess.run(
            ["xwd", "-root", "-silent", "-display", self.display],
            capture_output=True,
            check=True,
            timeout=20,
        ).stdout
        ppm = subprocess.run(
            ["xwdtopnm"], input=xwd, capture_output=True, check=True, timeout=20
        ).stdout
        return Image.open(io.BytesIO(ppm)).convert("RGB")

    def type(self, text: str) -> None:
        # XTEST into the window under the pointer (no window manager: focus follows it).
        subprocess.run(
            ["xdotool", "mousemove", "200", "200", "type", "--delay", "30", text],
            env=self.env(),
            check=True,
            timeout=20,
        )

    def key(self, *names: str) -> None:
        subprocess.run(
            ["xdotool", "mousemove", "200", "200", "key", *names],
            env=self.env(),
            check=True,
            timeout=20,
        )


class Terminal:
    """One terminal window at the top left of the screen running `python -m quiz ARGS`."""

    def __init__(
        self,
        x: XServer,
        argv: list[str],
        kind: str = "vt340",
        env: dict[str, str] | None = None,
        cols: int = 120,
        rows: int = 40,
        xterm_args: tuple[str, ...] = (),
        hold: bool = False,
    ) -> None:
        self.x = x
        inner = [sys.executable, "-m", "quiz", *argv]
        if hold:  # a command that prints and ends: keep the window open to look at it
            inner = ["sh", "-c", '"$@"; sleep 60', "sh", *inner]
        if kind == "kitty":
            cmd = [
                "kitty",
                "--config",
                "NONE",
                "-o",
                "font_size=9",
                "-o",
                f"initial_window_width={cols}c",
                "-o",
                f"initial_window_height={rows}c",
                "-o",
                "remember_window_size=no",
                *inner,
            ]
        else:
            ti = ["-ti", "vt340"] if kind == "vt340" else []
            # TERM=xterm would make Textual draw in 16 colours (grey blocks); distributions
            # commonly set xterm-256color, and Sixel does not depend on TERM.
            cmd = [
                "xterm",
                *ti,
                *xterm_args,
                "-tn",
                "xterm-256color",
                "-geometry",
                f"{cols}x{rows}+0+0",
                "-e",
                *inner,
            ]
        self.proc = subprocess.Popen(
            cmd,
            env={**x.env(LIBGL_ALWAYS_SOFTWARE="1"), **(env or {})},
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_window(self, timeout: float = 20) -> None:
        result = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(self.proc.pid)],
            env=self.x.env(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError("the terminal window did not appear")

    def wait_picture(
        self, name: str, settle: float = 1.0, timeout: float = 40
    ) -> tuple[float, int]:
        """Screenshots until the stained pixels stop changing; the last one's fine detail.
        With DERMQUIZ_TEST_SHOTS=DIR the last screenshot is kept there as NAME.png."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the terminal exited ({self.proc.returncode})")
            shot = self.x.screenshot()
            detail, pairs = fine_detail(shot)
            done = pairs > 2000 and last is not None and abs(pairs - last) < 50
            if done or time.monotonic() > deadline:
                break
            last = pairs if pairs > 2000 else None
            time.sleep(settle)
        folder = os.environ.get("DERMQUIZ_TEST_SHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            shot.save(Path(folder) / f"{name}.png")
            print(f"{name}: fine detail {detail:.3f} over {pairs} pairs")
        return detail, pairs

    def write_to_screen(self, data: bytes) -> None:
        """Bytes for the terminal itself (as if the app printed them), through the app's tty."""
        children = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.split()
        tty = os.readlink(f"/proc/{children[0]}/fd/0")
        with open(tty, "wb", buffering=0) as handle:
            handle.write(data)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
