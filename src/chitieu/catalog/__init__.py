"""The indicator catalogue: canonical indicators (data/indicators.toml) and matching raw names to them."""
