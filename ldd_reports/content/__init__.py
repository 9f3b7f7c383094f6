"""The content library's data files (YAML); read them through ldd_reports.content_library."""
