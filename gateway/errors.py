"""The exceptions of the gateway: for broken configuration, bugs and infrastructure, never for bad data.

Bad data in a national document is reported as `gateway.issues.Issue` values, not raised. The tree::

    GatewayError                 code: "gateway.error"
    ├── ConfigurationError   "config.invalid"    a setting or a configuration file is wrong
    │   ├── InvalidModel     "model.invalid"     the canonical model file is inconsistent
    │   ├── InvalidMapping   "mapping.invalid"   a mapping file is wrong (file, YAML path, reason)
    │   ├── InvalidCodeList  "codelist.invalid"  a code list or crosswalk file is wrong (file, line)
    │   └── InvalidAgreement "agreement.invalid" an agreement or readiness file is wrong (file, YAML path)
    ├── UnknownFormat        "format.unknown"    a format name that no mapping defines
    └── InvalidWebhook       "webhook.invalid"   a pushed message does not verify at the partner's receiver
                                                 (gateway.delivery.webhooks; `issue` holds its webhook.* code)

Each exception has a stable string `code`; HTTP statuses are assigned at the edge, in one place.
"""

from __future__ import annotations


class GatewayError(Exception):
    """The root of every exception that the gateway raises on purpose."""

    code = "gateway.error"


class ConfigurationError(GatewayError):
    """A setting or a configuration file is wrong."""

    code = "config.invalid"


class InvalidModel(ConfigurationError):
    """The canonical model definition is inconsistent."""

    code = "model.invalid"


class InvalidMapping(ConfigurationError):
    """A mapping file is wrong: it names the file, the YAML path inside it, and the reason."""

    code = "mapping.invalid"

    def __init__(self, file: str, yaml_path: str, reason: str) -> None:
        self.file = file
        self.yaml_path = yaml_path
        self.reason = reason
        super().__init__(f"{file}: {yaml_path}: {reason}")


class InvalidCodeList(ConfigurationError):
    """A code list or crosswalk file is wrong: it names the file, the line, and the reason."""

    code = "codelist.invalid"

    def __init__(self, file: str, line: int, reason: str) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        super().__init__(f"{file}:{line}: {reason}")


class UnknownFormat(GatewayError):
    """A format name that no loaded mapping defines."""

    code = "format.unknown"


class InvalidAgreement(ConfigurationError):
    """An agreement file or the readiness file is wrong: it names the file, the YAML path, and the reason."""

    code = "agreement.invalid"

    def __init__(self, file: str, yaml_path: str, reason: str) -> None:
        self.file = file
        self.yaml_path = yaml_path
        self.reason = reason
        super().__init__(f"{file}: {yaml_path}: {reason}")
