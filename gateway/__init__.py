"""CAREC customs information exchange gateway.

National customs documents come in (XML, JSON, CSV, UN/EDIFACT, in their own languages); harmonized
messages on a profile of the WCO Data Model go out. The pure core lives in `model`, `intake`, `mapping`,
`names` and `normalize`; the edges (command line, later the API, storage and delivery) call it.
"""

__version__ = "0.1.0"
