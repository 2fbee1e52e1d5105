"""What every print sheet's HTML is made of (the briefing, the monthly report, the lists): the
one escaping function and the ruled table. Every string interpolated into a sheet goes through
`e` (html.escape, quotes included); nothing else is interpolated."""

from __future__ import annotations

from html import escape


def e(value: object) -> str:
    return escape(str(value), quote=True)


def table(header: list[str], rows: list[list[str]], strong=frozenset()) -> str:
    """A table; `strong` holds the (row, column) cells set in bold."""
    head = "".join(f"<th>{e(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="strong">{e(cell)}</td>' if (r, c) in strong else f"<td>{e(cell)}</td>"
            for c, cell in enumerate(row)
        )
        + "</tr>"
        for r, row in enumerate(rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page_style(size: str, margins: str) -> str:
    """The @page rule of a standalone sheet: paper, margins, '— n —' centred at the foot."""
    return (
        f"<style>@page {{ size: {size}; margin: {margins};"
        ' @bottom-center { content: "— " counter(page) " —"; font-size: 9pt;'
        ' font-family: "Noto Serif CJK SC", "FangSong", serif; } }'
        " html, body { margin: 0; background: #fff; }</style>"
    )


def document(title: str, styles: str, body: str) -> str:
    """A whole HTML file: what the print downloads hold (`styles` are constants)."""
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f"{styles}</head><body>{body}</body></html>"
    )
