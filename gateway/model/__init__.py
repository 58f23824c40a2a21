"""The canonical model: a profile of the WCO Data Model, defined as data in `harmonized.yaml`."""

from gateway.model.schema import (
    Model,
    ModelChild,
    ModelClass,
    ModelClassUse,
    ModelElement,
    load_model,
)

__all__ = ["Model", "ModelChild", "ModelClass", "ModelClassUse", "ModelElement", "load_model"]
