"""The room display and the chair's remote: a small web server on the room computer."""
