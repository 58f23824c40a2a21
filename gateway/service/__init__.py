"""The use cases of the service, called by the API's routers; no web framework is imported here."""
