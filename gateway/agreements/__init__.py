"""Agreements between pairs of countries: what may be shared, at which level, delivered how.

Pure core: reads YAML configuration and XML bytes, imports no web framework, database or network client.
"""

from gateway.agreements.agreement import Agreement
from gateway.agreements.live import LiveAgreements, in_force
from gateway.agreements.readiness import Level, Readiness, load_readiness
from gateway.agreements.registry import Agreements
from gateway.agreements.share import share
from gateway.agreements.terms import DeliveryTerms, SecretReference
from gateway.errors import InvalidAgreement

__all__ = [
    "Agreement",
    "Agreements",
    "DeliveryTerms",
    "InvalidAgreement",
    "Level",
    "LiveAgreements",
    "Readiness",
    "SecretReference",
    "in_force",
    "load_readiness",
    "share",
]
