"""`gateway`: normalize documents, list formats, check configuration, publish the schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from gateway.cli.group import GatewayGroup, told
from gateway.cli.lazy import LazySubcommand
from gateway.errors import GatewayError
from gateway.issues import has_errors

if TYPE_CHECKING:  # imported where used, so that `gateway worker` and `--help` start fast
    from gateway.agreements import Readiness
    from gateway.normalize.pipeline import Normalizer
    from gateway.settings import Settings  # pydantic-settings: ~0.2 s, for the commands that read settings


def _normalizer(settings: Settings | None = None) -> Normalizer:
    from gateway.normalize.pipeline import Normalizer  # noqa: PLC0415  # lxml, ICU, pypinyin: ~0.5 s
    from gateway.settings import Settings  # noqa: PLC0415  # see TYPE_CHECKING

    try:
        return Normalizer.from_settings(settings or Settings())
    except GatewayError as exc:
        raise told(exc) from None


# Imported only when run: serve loads FastAPI and uvicorn, keys and codelists the store (gateway.cli.lazy).
# The summary is what `gateway --help` shows; tests/cli/test_lazy_imports.py checks it against the command.
LAZY_SUBCOMMANDS = {
    "serve": LazySubcommand("gateway.cli.serve:serve", "Serve the intake API, inboxes and operations."),
    "keys": LazySubcommand("gateway.cli.keys:keys", "Create, rotate, revoke and list API keys."),
    "codelists": LazySubcommand("gateway.cli.codelists:codelists", "Code lists: list, show, import."),
    # the commands of name resolution
    "glossary": LazySubcommand("gateway.cli.names:glossary", "Check the glossary; export unresolved names."),
    "resolve": LazySubcommand("gateway.cli.names:resolve", "Resolve TEXT, a name in any script."),
    "dead-letters": LazySubcommand(
        "gateway.cli.dead_letters:dead_letters_group", "List dead letters and why; resend a partner's."
    ),
    "store": LazySubcommand(
        "gateway.cli.store:store_group", "Look after the store: retention, and what it cannot take."
    ),
}


@click.group(cls=GatewayGroup, lazy_subcommands=LAZY_SUBCOMMANDS)
@click.version_option(package_name="carec-gateway")
def main() -> None:
    """The CAREC customs information exchange gateway."""


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option(
    "--format",
    "format_name",
    default="auto",
    show_default=True,
    help="A format name from `gateway formats`, or auto to detect it.",
)
@click.option(
    "--output",
    type=click.Choice(["xml", "json"]),
    default="xml",
    show_default=True,
    help="Write the harmonized message as XML or JSON.",
)
def normalize(file: BinaryIO, format_name: str, output: str) -> None:
    """Normalize FILE (or - for standard input) into a harmonized WCO message.

    The message goes to standard output and the issues to standard error, one per line. The exit
    status is 1 when any issue is an error, 0 otherwise.
    """
    normalizer = _normalizer()
    try:
        result = normalizer.normalize(file.read(normalizer.limits.max_bytes + 1), format_name)  # no more
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None
    if result.message is not None:
        if output == "xml":
            sys.stdout.buffer.write(result.message.to_xml(pretty=True))
        else:
            click.echo(json.dumps(result.message.to_json(), ensure_ascii=False, indent=2))
    for issue in result.issues:
        click.echo(str(issue), err=True)
    sys.exit(1 if result.message is None or has_errors(result.issues) else 0)


@main.command()
def formats() -> None:
    """List the national formats the gateway reads."""
    for mapping in _normalizer().registry.mappings.values():
        label = " (stand-in)" if mapping.stand_in else ""
        click.echo(f"{mapping.format}\t{mapping.country}\t{mapping.syntax}\t{mapping.title}{label}")


@main.command()
def check() -> None:
    """Check every mapping, crosswalk and code list; exit 1 with file, place and reason on the first fault."""
    from gateway.settings import Settings  # noqa: PLC0415  # see TYPE_CHECKING

    settings = Settings()
    normalizer = _normalizer(settings)
    try:
        normalizer.codelists.load_all()  # the lists read on first use too (cn-township, hs)
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None
    from gateway.mapping.crosswalk_targets import unknown_targets  # noqa: PLC0415  # see _normalizer

    for mapping in normalizer.registry.mappings.values():
        faults = unknown_targets(mapping, normalizer.codelists)
        if faults:
            raise click.ClickException("code.unmapped: " + "\n".join(faults))
        click.echo(f"ok  mapping {mapping.format}  ({mapping.file.name})")
    for name in normalizer.codelists.lists:
        click.echo(f"ok  code list {name}")
    if normalizer.resolution is not None:  # a bad glossary has already failed building the normalizer
        click.echo(f"ok  glossary {normalizer.resolution.resolver.glossary().version}")
    from gateway.mapping.crosswalks import read_crosswalk  # noqa: PLC0415  # see _normalizer

    for path in sorted((settings.codelists_dir / "crosswalks").glob("*.csv")):
        try:
            read_crosswalk(path)
        except GatewayError as exc:
            raise click.ClickException(f"{exc.code}: {exc}") from None
        click.echo(f"ok  crosswalk {path.stem}")
    _check_agreements(settings)


def _check_agreements(settings: Settings) -> None:
    from gateway.agreements import Agreements  # noqa: PLC0415  # see _normalizer

    try:
        agreements = Agreements.load(settings.agreements_dir)
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None
    _echo_readiness(agreements.readiness)
    for loaded in agreements.files:
        directions = ", ".join(f"{a.sender}>{a.recipient} {a.level}" for a in loaded.directions)
        click.echo(f"ok  agreement {'-'.join(loaded.pair)}  {directions}  ({loaded.file.name})")
        for held in (a for a in loaded.directions if a.suspended):
            click.echo(f"      {held.sender}>{held.recipient} suspended, deliveries held: {held.suspended}")
        for opened in (a for a in loaded.directions if a.delivery.private_networks):
            networks = ", ".join(str(network) for network in opened.delivery.private_networks)
            click.echo(
                f"      {opened.sender}>{opened.recipient} push may reach the private networks {networks}"
            )


def _echo_readiness(readiness: Readiness) -> None:
    click.echo(f"ok  readiness  ({len(readiness.assessments)} countries assessed)")
    for country, assessment in readiness.assessments.items():
        averages = " ".join(
            f"{stream} {assessment.average(stream):.2f}" for stream in ("readiness", "maturity")
        )
        click.echo(f"      {country}  {averages}  qualifies for {readiness.level(country)}")


@main.command()
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the XSD to this file instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Print the XSD of the harmonized message, generated from the canonical model."""
    from gateway.model import load_model  # noqa: PLC0415  # see _normalizer
    from gateway.model.xsd import generate_xsd  # noqa: PLC0415

    data = generate_xsd(load_model())
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)


@main.command()
@click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes to start (default: GATEWAY_WORKER_PROCESSES, else 1, or 2 with "
    "GATEWAY_REDIS_URL); more than one needs GATEWAY_REDIS_URL.",
)
def worker(processes: int | None) -> None:
    """Deliver pushed and dropped messages in processes of their own until SIGTERM (docs/delivery.md)."""
    from gateway.delivery import worker as delivery_worker  # noqa: PLC0415  # loads httpx and redis only here

    try:
        sys.exit(delivery_worker.main(processes))
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None


if __name__ == "__main__":
    main()
