"""Font metrics (data): advance widths used to fit running headers and footers on one line."""
