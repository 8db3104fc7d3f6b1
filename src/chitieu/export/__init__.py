"""Writing chitieu's data out: the standard Biểu as Excel and Word, a draft narrative, exchange formats.
Writers are pure: they take the models in `model.py` and return bytes."""
