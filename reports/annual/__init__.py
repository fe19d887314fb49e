"""The annual implementation report (.docx, and PDF through LibreOffice), the close-out of an ended plan and
the carry-over template of its unfinished actions."""
