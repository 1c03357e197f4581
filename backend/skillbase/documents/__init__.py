"""Printable documents (official forms as PDF)."""

from skillbase.documents.annex1 import Annex1Document, Table5, Table5Expert, render_annex1_pdf

__all__ = ["Annex1Document", "Table5", "Table5Expert", "render_annex1_pdf"]
