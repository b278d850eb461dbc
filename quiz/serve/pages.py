"""The few HTML pages the server sends: the terminal, a name form, and plain refusals.

Everything is inline or under /static/ on this server: a classroom without internet works.
"""

from __future__ import annotations

from html import escape

_STYLE = """
html, body { margin: 0; height: 100%; background: #0c181f; color: #eee;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
.box { max-width: 36em; margin: 12vh auto; padding: 2em; background: #12232d; line-height: 1.5; }
h1 { font-size: 1.4em; margin-top: 0; }
input, button { font-size: 1em; padding: .4em .6em; }
"""


def _page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f'<body><div class="box">{body}</div></body></html>'
    )


def refused() -> str:
    return _page(
        "DermQuiz: link not valid",
        (
            "<h1>This link is not valid</h1>"
            "<p>This class uses personal links. Open the link your instructor gave you, exactly as "
            "given; if it still does not work, ask your instructor for your link again.</p>"
        ),
    )


def class_full(limit: int) -> str:
    return _page(
        "DermQuiz: the class is full",
        (
            "<h1>The class is full</h1>"
            f"<p>{limit} learners are playing now, as many as this server takes. Try again in a "
            "few minutes, or tell your instructor.</p>"
        ),
    )


def name_form(message: str = "") -> str:
    note = f"<p><strong>{escape(message)}</strong></p>" if message else ""
    return _page(
        "DermQuiz",
        (
            "<h1>DermQuiz</h1>"
            "<p>Type your name: your answers are recorded under it for the instructor.</p>"
            f'{note}<form method="post" action="/join">'
            '<input name="name" maxlength="64" required autofocus autocomplete="name"> '
            '<button type="submit">Start</button></form>'
        ),
    )


def not_found() -> str:
    return _page("Not found", "<h1>Not found</h1>")


def terminal(ws_url: str, title: str, font_size: int = 16) -> str:
    """The page with the terminal: textual-serve-asgi's front end (xterm.js with its image
    addon, so sixel pictures show as bitmaps), and our own words around it."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<title>{escape(title)}</title>
<link rel="stylesheet" href="/static/css/xterm.css">
<style>
html, body {{ margin: 0; padding: 0; height: 100%; overflow: hidden; background: #0c181f; }}
.textual-terminal {{ width: 100%; height: 100%; opacity: 0; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
.dialog {{ position: absolute; inset: 0; display: flex; align-items: center;
  justify-content: center; z-index: 10; background: #0c181f; color: #eee;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }}
.dialog div {{ max-width: 34em; padding: 2em; background: #12232d; line-height: 1.5; }}
body.-first-byte .intro-dialog {{ display: none; }}
.closed-dialog {{ display: none; }}
body.-closed .closed-dialog {{ display: flex; }}
button {{ font-size: 1em; padding: .5em 1.5em; margin-top: 1em; }}
</style></head>
<body>
<div class="dialog intro-dialog"><div>Starting DermQuiz…</div></div>
<div class="dialog closed-dialog"><div id="closed-message">
<p><strong>This session has ended.</strong></p>
<p>Either the app was quit, or this link was opened in another tab or window (the newest one
goes on; your answers are kept). Reload this page to continue here.</p>
<button type="button" onclick="location.reload()">Reload</button></div></div>
<div id="terminal" class="textual-terminal"></div>
<script type="module">
import {{ startTerminal }} from "/static/js/textual.js";
const wsUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + {ws_url!r};
startTerminal(document.getElementById("terminal"), wsUrl, {int(font_size)});
</script>
</body></html>"""
