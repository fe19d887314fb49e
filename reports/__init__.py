"""Exports of filtered views: CSV, workbooks and slide decks."""
