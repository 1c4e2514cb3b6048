"""The room around the speech: keyboard, screen, voice control, configuration."""
