"""Dashboard helpers: message catalogue, filters, cached data access, figures and formatting."""
