"""Knows bulletins, not file formats: from a Document's blocks to the parts of a Bulletin.

Two halves: the running text (header, narrative sections, the figures in their sentences)
and the attachments (evaluation tables 附件1/2, adjustment tables 附件3/4), each read from
table grids where the file has them and from text lines where it does not.
`bulletin.build_bulletin` puts them together.
"""
