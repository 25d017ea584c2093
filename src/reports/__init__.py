"""The printable monthly-review pack: PDF (HTML laid out and printed by Chromium) and XLSX."""
