"""Where Streamlit's own frontend speaks English or ignores a tablet, and what we put instead.

Streamlit 1.67 has no setting for the words of its file drop zone ("Upload", "20MB per file •
PDF, DOCX…"), its date field's placeholder ("yyyy / mm / dd"), its "Press Enter to apply"
under a box being edited, its "Skip to main content" link or the line under a download
whose file could not be built, and it closes the
sidebar by itself only below 768 px, so a tablet held upright (800 px) lost a third of its
width to it. `apply()` adds, once per run:

- a style sheet that hides those words (`visibility: hidden`, so they leave the page's text,
  not only its look) and writes the Chinese in their place, and narrows the page's side
  margins on a tablet;
- a script that closes the sidebar on opening a page narrower than NARROW_PX, unless the user
  has opened or closed it before (Streamlit remembers that per browser); our own click is not
  remembered, so the same browser on a wide screen opens with the sidebar.

Both are fixed text built here; nothing from a file or a user reaches them.
tests/browser/test_every_page.py reads every page as a user sees it at 800 and 1024 px.
"""

from __future__ import annotations

import streamlit as st

from ui.safe import DOWNLOAD_FAILED
from ui.uploads import FILE_TYPES, MAX_UPLOAD_MB

NARROW_PX = 1000
"""Below this width the sidebar starts closed: the page needs the room more than the menu."""
UPLOAD_BUTTON = "选择文件"
SKIP_LINK = "跳到正文"
"""Instead of "Skip to main content", the link a keyboard user meets first."""
INPUT_HINT = "按回车键确认"
"""Instead of "Press Enter to apply" under a text or number box being edited."""
DATE_PLACEHOLDER = {"year": "年", "month": "月", "day": "日"}


TABLET_MARGINS = """@media (max-width: 1279px) {
  [data-testid="stMainBlockContainer"] { padding-left: 2rem !important; padding-right: 2rem !important; }
}
"""
"""Streamlit keeps 5rem either side of the page up to a desktop's width: on a tablet held across,
beside the sidebar, that left tables 560 px. 2rem there, as on a phone."""


def upload_note() -> str:
    """'每个文件不超过 20 MB · PDF、DOCX、TXT、MD': what the drop zone says it takes."""
    return f"每个文件不超过 {MAX_UPLOAD_MB} MB · {'、'.join(t.upper() for t in FILE_TYPES)}"


def _replaced(selector: str, text: str) -> str:
    """CSS that hides the text of `selector` and shows `text` instead, at the same size."""
    return (
        f"{selector} {{ font-size: 0 !important; visibility: hidden; }}\n"
        f'{selector}::after {{ content: "{text}"; font-size: 14px; visibility: visible; }}\n'
    )


def style() -> str:
    dropzone = '[data-testid="stFileUploaderDropzone"]'
    date = '[data-testid="stDateInputField"] [data-placeholder="true"]'
    rules = [
        _replaced(f'{dropzone} button [data-testid="stMarkdownContainer"] p', UPLOAD_BUTTON),
        _replaced('[data-testid="stFileUploaderDropzoneInstructions"] span', upload_note()),
        *(
            _replaced(f'{date}[data-type="{part}"]', word)
            for part, word in DATE_PLACEHOLDER.items()
        ),
        _replaced('[data-testid="InputInstructions"]', INPUT_HINT),
        _replaced('[data-testid="stSkipToContent"]', SKIP_LINK),
        _replaced('[data-testid="stDownloadButtonError"]', DOWNLOAD_FAILED),
    ]
    return "<style>\n" + "".join(rules) + TABLET_MARGINS + "</style>"


SIDEBAR_SCRIPT = f"""<script>
(() => {{
  if (window.hotlineSidebarChecked) return;
  window.hotlineSidebarChecked = true;
  if (window.innerWidth >= {NARROW_PX}) return;
  const remembered = () => Object.keys(localStorage).filter(k => k.startsWith("stSidebarCollapsed-"));
  if (remembered().length) return;
  let tries = 0;
  const close = () => {{
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (button && button.getAttribute("aria-expanded") === "true") {{
      button.click();
      setTimeout(() => remembered().forEach(k => localStorage.removeItem(k)), 0);
    }} else if (!button && ++tries < 50) {{
      setTimeout(close, 100);
    }}
  }};
  close();
}})();
</script>"""


def apply() -> None:
    st.html(style())
    st.sidebar.html(SIDEBAR_SCRIPT, unsafe_allow_javascript=True)
