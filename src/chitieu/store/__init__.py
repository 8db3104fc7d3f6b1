"""The store: the only package that speaks SQL. Schema, engine, migrations, and one module per aggregate
(documents, observations, units, accounts, findings, indicators) returning frozen records."""
