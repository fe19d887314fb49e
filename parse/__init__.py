"""Parse: documents in, normalised records out. Pure: no database, no user store, no Streamlit."""
