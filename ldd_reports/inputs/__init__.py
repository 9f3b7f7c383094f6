"""Inputs: reading files safely, YAML and JSON with their lines, CSV rows for a batch, file names, and the JSON Schema."""
