"""What writing an export loads, loaded once when a serving process starts.

Exports are written in gevent's thread pool (`webapp.offload`), and there a library
cannot start a subprocess: gevent watches children only from the main loop ("child
watchers are only available on the default loop"). Two libraries start one the first
time they load: WeasyPrint, whose Pango look-up (`ctypes.util.find_library`) runs
`ldconfig`, and matplotlib (drawn on by the word cloud of the deck and the PDF), whose
font list runs `fc-list` when its font cache is not yet built, as on a new machine.
Loaded here first, neither needs to again.
"""

from __future__ import annotations


def load_export_libraries() -> bool:
    """Load them; whether PDFs can be written on this machine (WeasyPrint needs Pango)."""
    import matplotlib.font_manager  # noqa: F401 - builds or reads the font cache

    try:
        import weasyprint  # noqa: F401
    except OSError:  # the Python package is there, Pango is not
        return False
    return True
