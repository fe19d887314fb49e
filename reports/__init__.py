"""Exports of filtered views: CSV, workbooks and slide decks."""

# The pages a meeting pack carries, in order (here, so that the command line knows them without
# importing the figure code).
from app_pages import pack_pages

PAGE_ORDER = pack_pages()  # the one page registry (app_pages) says which pages the packs carry, in which order
