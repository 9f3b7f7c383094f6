"""Templating: finding and preparing templates, the Jinja sandbox they render in, package safety, and `template check`."""
