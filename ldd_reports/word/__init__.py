"""Word output: WordprocessingML, the outline written as Word, sections with their own running header, the package written."""
