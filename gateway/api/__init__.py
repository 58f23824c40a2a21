"""The HTTP edge of the gateway (FastAPI): `create_app(settings)`; handlers live in `routers/` only."""
