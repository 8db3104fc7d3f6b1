"""Services: the only place that combines layers. The CLI and the web app call these."""
