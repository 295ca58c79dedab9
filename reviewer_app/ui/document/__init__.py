"""The document side: tabs of policy PDFs, linking a selection, per-document tools."""
