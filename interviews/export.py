"""The report as a PDF (issue #16): the report page's HTML with its print stylesheet, laid out by
WeasyPrint. Nothing is fetched while rendering (no network, no file): the stylesheets are inlined
and every other URL is refused, so text in an answer can never make the server fetch anything."""

from __future__ import annotations

from django.contrib.staticfiles import finders

STYLESHEETS = ("css/app.css", "css/interviewer.css")


class ExportUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (Pango) are missing; the message says which."""


def inline_stylesheets() -> str:
    """The report's stylesheets' text, to inline in the exported HTML."""
    parts = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if path:
            with open(path, encoding="utf-8") as handle:
                parts.append(handle.read())
    return "\n".join(parts)


def html_to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML, URLFetcher
    except (ImportError, OSError) as error:  # OSError: Pango is not installed
        raise ExportUnavailable(f"PDF export needs WeasyPrint and Pango: {error}") from None

    class RefuseEverything(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"the PDF export fetches nothing ({url[:60]})")

    return HTML(string=html, base_url="about:blank", url_fetcher=RefuseEverything()).write_pdf()
