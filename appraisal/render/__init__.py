"""Rendering: results to bytes (JSON, CSV, terminal tables, Markdown, Jinja)."""
