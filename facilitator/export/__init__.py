"""The rehearsal page: a method exported as one self-contained HTML file for home."""
