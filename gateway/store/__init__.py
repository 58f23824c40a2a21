"""Storage of messages, their outbox and events, keys and unresolved names (the `Store` port).

`open_store(settings)` gives the store the settings name: SQL (SQLite by default, PostgreSQL by URL).
"""
