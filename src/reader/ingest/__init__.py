"""Saved pages to articles: decoding, extraction, CMS profiles and the import pipeline."""
