"""The web application: FastAPI + Jinja2 pages and their JSON twins over the same services."""
