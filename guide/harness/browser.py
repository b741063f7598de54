"""The built site in a real browser: served from 127.0.0.1, opened in Debian's Chromium through Playwright.

Chromium comes from ``apt-get install chromium`` (Playwright's own download is not reachable here);
``CHROMIUM`` names another executable.
"""

import contextlib
import functools
import gzip
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from guide.rules.layout import address

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def url_of(base: str, page: str) -> str:
    """The address of a page (``exemples/enums.md``) on the site served at ``base``."""
    return base + address(page)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """The site, served on a free port of 127.0.0.1 until the block ends; its base address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, driven by Playwright (FileNotFoundError when it is not installed)."""
    if not Path(CHROMIUM).is_file():
        raise FileNotFoundError(CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: Chromium refuses its sandbox as root, which CI is
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def page_weight(browser, url: str) -> int:
    """Every byte a page loads when it opens, at a first visit, gzip-compressed as GitHub Pages serves it."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        responses: list = []
        tab.on("response", lambda response: responses.append(response))
        tab.goto(url, wait_until="networkidle")
        return sum(len(gzip.compress(response.body(), compresslevel=6)) for response in responses if response.ok)
    finally:
        context.close()
