"""The method format: what a method is, reading and checking its YAML file, finding it."""
