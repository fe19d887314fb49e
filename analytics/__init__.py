"""The analytics core: filters, queries, labels, formatting and figures, free of Streamlit."""
