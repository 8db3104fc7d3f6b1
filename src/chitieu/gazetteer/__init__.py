"""Administrative units shipped with chitieu (names and hierarchy; no invented official codes)."""
