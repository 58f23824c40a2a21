"""Normalization: a national document in, a harmonized WCO message and its issues out."""
