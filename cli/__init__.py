"""Thin click layer over provenance/: parse options, call the library, render."""
