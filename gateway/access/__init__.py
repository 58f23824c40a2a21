"""Organisations, keys and roles: who a request comes from (`keys`) and what it may do (`roles`)."""
