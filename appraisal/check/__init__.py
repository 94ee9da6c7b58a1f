"""Checks: rules that span files, run after each file is valid on its own."""
