"""Types shared by every layer. Standard library only."""
