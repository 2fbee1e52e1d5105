"""The source in view: pictures of the printed page behind a value.

`crop` draws the region of a page around one row, the row outlined, for the review queue and
for any figure clicked in a table; `explain` draws every page with what the parser recognised
on it (tables, their cells, text lines, words, the rows read), after pdfplumber's
`debug_tablefinder`. Both render with pypdfium2 from the stored original bytes; the app and
the CLI call them through lib.sandbox, under the same limits as a parse.
"""
