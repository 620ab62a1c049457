"""consolidate: turn a folder of returned opinion forms (修改意见表) into one digest.

The package is a pipeline of small stages with plain data between them::

    discover → read → interpret form → identify unit → status → attribute → merge → render

`consolidate.pipeline.consolidate` runs the whole chain; the CLI in `consolidate.cli`
only parses options and prints. Heavy libraries (lxml, python-docx, calamine, rich)
are imported inside the stages that use them so that ``consolidate --help`` is instant.
"""

__version__ = "0.1.0"
