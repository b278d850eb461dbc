"""`dermquiz serve`: the app in the browser for a class, a process per learner.

The HTTP side (Starlette + uvicorn) only hands out pages and its static files and relays
each learner's websocket to that learner's own `python -m quiz play` process; who the
learner is comes from the link's token, looked up on the server, never from the browser.
"""
