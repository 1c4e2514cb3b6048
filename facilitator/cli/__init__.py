"""The command line: the ``facilitator`` click group and its commands."""

from facilitator.cli.app import main

__all__ = ["main"]
