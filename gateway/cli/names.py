"""`gateway glossary check|unresolved` and `gateway resolve`: the terminologists' and officers' commands."""

from __future__ import annotations

import json
import sys

import click

from gateway.cli.terminal import for_terminal
from gateway.errors import GatewayError
from gateway.glossary import Glossary, InvalidGlossary
from gateway.resolve import KINDS, Resolution, Resolver
from gateway.resolve.corrections import still_open
from gateway.resolve.descriptions import GoodsDescriptions
from gateway.resolve.setup import resolver_from_settings
from gateway.resolve.unresolved import CHECKS_PER_READ, OpenNames, glossary_csv
from gateway.settings import Settings


def _resolver(settings: Settings) -> Resolver:
    try:
        return resolver_from_settings(settings)
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None


@click.group()
def glossary() -> None:
    """Check the glossary; export the names resolution could not resolve."""


@glossary.command()
def check() -> None:
    """Check every glossary file; print each problem as FILE:LINE: reason and exit 1 if there is any."""
    settings = Settings()
    try:
        loaded = Glossary.load(settings.glossary_dir)
    except InvalidGlossary as invalid:
        for problem in invalid.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    click.echo(f"ok  glossary {loaded.version}: {len(loaded)} entries in {settings.glossary_dir}")


@glossary.command()
@click.option("--csv", "as_csv", is_flag=True, required=True, help="Write the queue as glossary CSV rows.")
@click.option(
    "--limit", default=1000, show_default=True, help="At most this many names, most frequent first."
)
@click.option(
    "--checks",
    default=CHECKS_PER_READ,
    show_default=True,
    help="Check at most this many names not yet checked against the glossary (the rest are listed, noted).",
)
def unresolved(as_csv: bool, limit: int, checks: int) -> None:
    """Export the unresolved names in the glossary's columns, most frequent first, ready to fill in,
    each noted with the countries that sent it. A name that the glossary of GATEWAY_GLOSSARY_DIR now
    resolves for every sender is left out. The officers' proposed corrections (the newest LIMIT that the
    glossary does not follow yet) fill in the English form and code of their names' rows, noted with
    who proposed them; a proposed name the queue does not hold (resolved exactly, but wrongly) gets a
    row of its own."""
    from gateway.store.sql import open_store  # noqa: PLC0415 - SQLAlchemy only for this command

    settings = Settings()
    within = settings.unresolved_checks_per_version
    open_names = OpenNames(_resolver(settings), checks_per_read=checks, checks_per_version=within)
    try:
        store = open_store(settings)
        counts = open_names.of(store, limit)
        proposals = still_open(store.corrections(limit), open_names)
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None
    text = glossary_csv(counts, open_names.version(), within, proposals)
    sys.stdout.write(for_terminal(text) if sys.stdout.isatty() else text)


@click.command()
@click.argument("text")
@click.option("--country", help="ISO 3166 alpha-2 code of the sending country (a prior for the language).")
@click.option(
    "--kind", type=click.Choice(KINDS), default="place", show_default=True, help="What the name is."
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole resolution as one JSON object.")
def resolve(text: str, country: str | None, kind: str, as_json: bool) -> None:
    """Resolve TEXT, a name in any script; with - read names, one per line, and write one JSON line each.
    With --kind goods, TEXT is a goods description: the glossary's goods terms found in it."""
    if not text.strip():
        raise click.UsageError("TEXT is empty: give a name, or - to read names from standard input.")
    resolver = _resolver(Settings())
    country = _country_code(resolver, country)
    descriptions = GoodsDescriptions(resolver)

    def resolved(name: str) -> Resolution:
        if kind == "goods":
            return descriptions.describe(name, None, country)
        return resolver.resolve(name, kind, country)

    try:  # a list read on first use (cn-township) may be found broken only now
        if text == "-":
            for line in sys.stdin:
                if line.strip():
                    click.echo(_json(resolved(line.strip())))
            return
        resolution = resolved(text)
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None
    click.echo(_json(resolution) if as_json else _plain(resolution))


def _country_code(resolver: Resolver, country: str | None) -> str | None:
    """`--country` in capitals; a value not in the ISO 3166 list is refused, since a mistyped one
    (`KAZ`) would silently resolve the name as no country's."""
    if country is None:
        return None
    code = country.strip().upper()
    listed = resolver.codelists.entries("country") if resolver.codelists else ()
    countries = {entry.code for entry in listed}
    if countries and code not in countries:
        reason = f"'{country}' is not an ISO 3166 alpha-2 country code (such as KZ, CN, UZ)."
        raise click.BadParameter(reason, param_hint="'--country'")
    return code


def _json(resolution: Resolution) -> str:
    return json.dumps(resolution.to_json(), ensure_ascii=False)


def _plain(resolution: Resolution) -> str:
    lines = [
        f"{resolution.original}  [{resolution.language}, {resolution.script}]",
        f"  latin    {resolution.latin}  ({resolution.scheme})",
        f"  english  {resolution.english or '-'}",
        f"  code     {resolution.code or '-'}",
        f"  method   {resolution.method}, score {resolution.score:.2f}",
        f"  source   {_source(resolution)}",
    ]
    lines += [f"  note     {note}" for note in resolution.notes]
    lines += [
        f"  {'term' if resolution.kind == 'goods' else 'maybe'}     {candidate.code or '-'} "
        f"{candidate.english or candidate.name}  "
        f"{candidate.score:.2f}  ({candidate.source})"
        for candidate in resolution.candidates
    ]
    return "\n".join(lines)


def _source(resolution: Resolution) -> str:
    """The entry behind the result and the glossary version it was resolved with: a glossary entry's
    source already names its version (`glossary parties.csv:2 (601006a5cdef)`), so it is said once."""
    version = resolution.glossary_version
    source = resolution.source or "-"
    return source if source.endswith(f"({version})") else f"{source}  (glossary {version})"
