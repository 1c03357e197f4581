"""Development-only tools (mounted by create_app only when ENVIRONMENT=development)."""
