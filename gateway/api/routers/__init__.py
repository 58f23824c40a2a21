"""The HTTP routes: each turns a request into a call of `gateway.service` and its result into a response."""
