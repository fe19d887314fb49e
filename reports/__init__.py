"""Exports of filtered views: CSV, workbooks and slide decks."""

# The pages a meeting pack carries, in order (here, so that the command line knows them without
# importing the figure code).
PAGE_ORDER = ["overview", "progress", "coverage", "workload", "deadlines", "oversight", "rankings", "cbhe", "courses"]
