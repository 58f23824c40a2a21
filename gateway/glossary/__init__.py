"""The terminologists' glossary: CSV files in `glossary/`, checked, versioned, reloaded when they change.

See docs/glossary.md for the columns and kinds. A pure library: no web, database or network.
"""

from gateway.glossary.entry import GlossaryEntry, GlossaryProblem, InvalidGlossary, term_key
from gateway.glossary.glossary import Glossary
from gateway.glossary.live import LiveGlossary

__all__ = ["Glossary", "GlossaryEntry", "GlossaryProblem", "InvalidGlossary", "LiveGlossary", "term_key"]
