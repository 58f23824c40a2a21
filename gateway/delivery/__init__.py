"""SIE delivery: signed push, file drop and the work that moves them (docs/delivery.md).

An edge of the gateway: it uses the store port, an HTTP client and Redis. `receiver` and `webhooks` are
also what a partner agency runs on its side to verify what the gateway pushes.
"""
