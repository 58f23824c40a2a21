"""Routing: the partners that receive a harmonized message, from what it names, under the agreements.

Pure core: imports no web framework, database or network client.
"""

from gateway.routing.mentions import ROUTING_ELEMENTS, Mention
from gateway.routing.router import Recipient, Routing, route

__all__ = ["ROUTING_ELEMENTS", "Mention", "Recipient", "Routing", "route"]
