"""MuPDF behind one lazy import: inspecting, extracting and rendering policy PDFs."""
