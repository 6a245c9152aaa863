"""Streamlit UI modules of the dashboard: sidebar, cached data access and one function per panel."""
