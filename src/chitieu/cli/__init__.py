"""Command line: parse arguments, call a service, print. `chitieu --help` lists the commands."""
