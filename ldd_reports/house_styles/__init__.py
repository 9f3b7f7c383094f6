"""The built-in house styles, as YAML data (see ldd_reports.house_style)."""
