"""The store: the only package that imports SQLAlchemy. Schema, engine, queries and migrations."""
