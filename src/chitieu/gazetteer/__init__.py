"""Vietnam's administrative units before and after the 2025 reorganisation, from published packages,
and name → code resolution over them (pure)."""
