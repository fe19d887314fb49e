-- Warnings of the last build (unknown units with their closest known names, unplaced cells).
SELECT file, location, message, candidates FROM validation_warnings ORDER BY file, location
