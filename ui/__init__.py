"""What needs Streamlit: the sidebar filters, the page frame with its download buttons, the sign-in."""
