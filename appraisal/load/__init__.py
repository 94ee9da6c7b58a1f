"""Loading: the only code that knows files, YAML and git."""
