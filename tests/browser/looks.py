"""What a person looking at a page would notice, measured in the browser: English words in the
visible text, requests to another host, and tables or charts wider than their place.

Used by tests/browser/test_every_page.py (which fails on any of them) and by
tests/browser/screenshots.py (which prints them beside each picture).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from playwright.sync_api import Page

from tests.browser.appserver import wait_idle

ALLOWED_WORDS = {
    "pdf",
    "word",
    "excel",
    "csv",
    "svg",
    "docx",
    "txt",
    "md",
    "mb",
    "zip",
    "xlsx",
    "png",
    "jpg",
    "jpeg",
    "ctrl",
}
"""Latin words a Chinese user reads as names: file formats, sizes and the Ctrl key. Single
letters (the grades A–E, Ctrl+P's P) are not words here."""
WIDE_TABLES = {"st-key-table-ranking", "st-key-table-dossier-directory"}
"""Tables allowed to scroll sideways: the 排名表 with every column of a month's ranking, and
单位档案's directory of every unit with both channels' latest figures (its 单位 column pinned)."""
_WORD = re.compile(r"[A-Za-z]{2,}")

_VISIBLE_TEXT = """() => {
  const skip = 'script, style, noscript, [data-testid="stIconMaterial"], [translate="no"]';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest(skip)) continue;
    if (!parent.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    if (parseFloat(getComputedStyle(parent).fontSize) === 0) continue;
    const box = parent.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // read to screen readers only
    out.push(node.textContent.trim());
  }
  return out;
}"""

_OVERFLOW = """(wide) => {
  const out = [];
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const right = main.getBoundingClientRect().right;
  for (const grid of main.querySelectorAll('[data-testid="stDataFrame"]')) {
    const scroller = grid.querySelector('.dvn-scroller');
    const keyed = grid.closest('[class*="st-key-table-"]');
    const key = keyed ? [...keyed.classList].find(c => c.startsWith('st-key-table-')) : '';
    if (!scroller || wide.includes(key)) continue;
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
      const head = grid.querySelector('th') ? grid.querySelector('th').textContent : '';
      out.push(`表格横向滚动：${key || head} ${scroller.scrollWidth}>${scroller.clientWidth}`);
    }
  }
  for (const chart of main.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const box = chart.getBoundingClientRect();
    if (box.right > right + 1) out.push(`图表超出页面：${Math.round(box.right)}>${Math.round(right)}`);
    for (const text of chart.querySelectorAll('svg text')) {
      const r = text.getBoundingClientRect();
      if (r.width && r.right > box.right + 1) {
        out.push(`图表文字被截断：${text.textContent}`);
        break;
      }
    }
  }
  if (main.scrollWidth > main.clientWidth + 1) out.push('页面主体横向溢出');
  return out;
}"""


def settle(page: Page) -> None:
    """Wait for the script run to end and every chart to be drawn."""
    wait_idle(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                 .every(chart => chart.querySelector('svg, canvas'))"""
    )
    page.wait_for_timeout(500)


def photograph(page: Page, path) -> None:
    """The whole page: Streamlit scrolls inside its main section, so the window is stretched to
    the section's height for the picture, then put back."""
    size = page.viewport_size
    height = page.get_by_test_id("stMain").evaluate("main => main.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    settle(page)
    page.screenshot(path=path)
    page.set_viewport_size(size)


def english_words(page: Page) -> list[str]:
    """Latin words of two letters or more in the text a user sees, outside ALLOWED_WORDS."""
    words = (w for text in page.evaluate(_VISIBLE_TEXT) for w in _WORD.findall(text))
    return sorted({w for w in words if w.lower() not in ALLOWED_WORDS})


def overflows(page: Page) -> list[str]:
    """Tables that scroll sideways (but WIDE_TABLES), charts wider than the page or with text
    cut at their edge, and a main block wider than the window."""
    return page.evaluate(_OVERFLOW, sorted(WIDE_TABLES))


def foreign_hosts(requested: list[str], app_url: str) -> list[str]:
    """Hosts other than the app's own among the URLs `requested` (data: and blob: are local)."""
    own = urlparse(app_url).netloc
    hosts = {urlparse(url).netloc for url in requested if urlparse(url).scheme in ("http", "https")}
    return sorted(hosts - {own})
