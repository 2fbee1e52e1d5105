"""A download built on click that fails: the one line under the button is Chinese.

Streamlit answers a failed build with its own English line; ui.overrides puts the app's line
in its place. Here the failure is a real one: another session deletes the bulletin between the
page being drawn and its original being downloaded.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from lib.store import Store
from tests.apptest import made_bulletin, stored
from tests.browser.looks import english_words
from ui.safe import DOWNLOAD_FAILED


def test_a_download_that_cannot_be_made_says_so_in_chinese(start_app, page: Page, tmp_path):
    db = tmp_path / "one-month.db"
    (bulletin_id,) = stored(db, made_bulletin(2024, 5))
    page.goto(f"{start_app(db=db)}/upload")
    button = page.get_by_role("button", name="下载原文件")
    expect(button).to_be_visible()

    other_session = Store.open(f"sqlite:///{db}")
    assert other_session.delete_bulletin(bulletin_id)
    other_session.close()
    button.click()

    failure = page.get_by_test_id("stDownloadButtonError")
    expect(failure).to_be_attached()
    shown = failure.evaluate(
        "e => [getComputedStyle(e, '::after').content, getComputedStyle(e, '::after').visibility]"
    )
    assert shown == [f'"{DOWNLOAD_FAILED}"', "visible"]
    # the English line itself takes no room and is hidden: only the Chinese one shows
    assert failure.evaluate("e => getComputedStyle(e).fontSize") == "0px"
    assert english_words(page) == []
    page.screenshot(path=str(tmp_path / "download-failed.png"))
