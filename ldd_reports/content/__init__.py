"""The content library: the Declaration's text, standard paragraphs, dated facts, dates and the library's wording."""
