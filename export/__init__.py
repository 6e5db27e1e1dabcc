"""Exports of a workshop: the summary deck, the raw data and (later) the archive.

Pure Python, no Flask: every writer takes a `report.Report`, a plain data snapshot of
the workshop that the web app (or a test) builds, and returns the file's bytes.
"""
