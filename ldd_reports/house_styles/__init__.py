"""House styles: the model of a council's house style, its rules, and the built-in styles (YAML beside)."""
