"""Which front end keeps histology sharp: textual-serve's or textual-serve-asgi's xterm.js.

    python -m benchmarks.bench_serve_sharpness [--json FILE]

The same server, the same learner process drawing the same H&E scan, with only the page's
JavaScript bundle swapped: textual-serve 1.1.3's (xterm.js without the image addon) and
textual-serve-asgi 0.2.1's (xterm.js with @xterm/addon-image), each with sixel pictures, and
the asgi bundle with half-cell blocks as the baseline. Chromium screenshots are measured as
in the browser tests: H&E-coloured pixels on screen, and the share of them whose right
neighbour differs (~0.8+ for a bitmap of a scan, < 0.2 for blocks).
Also reported: whether each package's own page template loads anything from the internet.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serve_support import class_pack, free_port, hne_pixels, write_roster  # noqa: E402 - after the path set-up above


def _serve(static: Path, graphics: str, tmp: Path):
    import uvicorn

    from quiz.serve import server as server_module
    from quiz.serve.config import ServeConfig
    from quiz.serve.roster import TokenBook, assign_tokens, read_roster

    data = tmp / f"data-{static.parent.name}-{graphics}"
    data.mkdir(parents=True)
    learners = assign_tokens(read_roster(write_roster(tmp / "r.csv", [("ada", "Ada")])), data)
    port = free_port()
    config = ServeConfig(packs=[class_pack(data)], data_dir=data, port=port, graphics=graphics)
    server_module.STATIC_DIR = static
    server_module.pages.terminal = _OWN_PAGE
    if static.parent.name == "textual_serve":
        # Its bundle starts itself from data attributes instead of exporting startTerminal.
        def old_page(ws_path: str, title: str, font_size: int = 16) -> str:
            return (
                '<!DOCTYPE html><html><head><link rel="stylesheet" href="/static/css/xterm.css">'
                "<style>html,body{margin:0;height:100%;background:#0c181f}"
                ".textual-terminal{width:100%;height:100%}</style></head><body>"
                f'<div id="start"></div><div class="textual-terminal" data-session-websocket-url='
                f'"ws://127.0.0.1:{port}{ws_path}" data-font-size="{font_size}"></div>'
                '<script src="/static/js/textual.js"></script></body></html>'
            )

        server_module.pages.terminal = old_page
    app = server_module.ClassServer(config, TokenBook(learners), open_mode=False).app
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}/c/{learners[0].token}"


from quiz.serve import pages as _pages  # noqa: E402 - after the path set-up above

_OWN_PAGE = _pages.terminal


def _shot(browser, url: str) -> tuple[int, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url)
    page.wait_for_selector("body.-first-byte", timeout=30000)
    page.wait_for_timeout(2000)
    for key in ("n", "n", "i"):
        page.keyboard.press(key)
        page.wait_for_timeout(400)
    page.wait_for_timeout(2000)
    from PIL import Image

    measure = hne_pixels(Image.open(io.BytesIO(page.screenshot())))
    page.close()
    return measure


def _external_loads(template: Path) -> list[str]:
    return re.findall(r"""(?:href|src)=["'\s]*(https?://[^"'\s]+)""", template.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_serve_sharpness")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    import textual_serve
    import textual_serve_asgi
    from playwright.sync_api import sync_playwright

    fronts = {
        "textual-serve": Path(textual_serve.__file__).parent,
        "textual-serve-asgi": Path(textual_serve_asgi.__file__).parent,
    }
    runs = [
        ("textual-serve", "sixel"),
        ("textual-serve-asgi", "sixel"),
        ("textual-serve-asgi", "halfcell"),
    ]
    figures = []
    tmp = Path(tempfile.mkdtemp(prefix="dq-bench-sharp-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for front, graphics in runs:
            server, thread, url = _serve(fronts[front] / "static", graphics, tmp / front)
            try:
                pixels, share = _shot(browser, url)
            finally:
                server.should_exit = True
                thread.join(10)
            bundle = (fronts[front] / "static/js/textual.js").read_text(errors="replace")
            figures.append(
                {
                    "name": f"{front} front end, {graphics}",
                    "hne_pixels": pixels,
                    "neighbour_differs": round(share, 3),
                    "image_addon": "sixelSupport" in bundle,
                    "template_loads_from_internet": _external_loads(
                        fronts[front] / "templates/app_index.html"
                    ),
                }
            )
            print(json.dumps(figures[-1]), flush=True)
        browser.close()
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
