"""``python -m facilitator.cli``."""

from facilitator.cli.app import main

main()
