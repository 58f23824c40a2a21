"""`gateway codelists`: list the code lists, show an entry, import the official UN/LOCODE release."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import click

from gateway.codelists import CodeLists
from gateway.codelists.lists import METADATA, load_list
from gateway.codelists.locode import Release, read_release
from gateway.codelists.locode_files import write_release
from gateway.errors import GatewayError
from gateway.settings import Settings


def _lists(folder: Path) -> CodeLists:
    try:
        return CodeLists.load(folder)
    except GatewayError as exc:
        raise click.ClickException(f"{exc.code}: {exc}") from None


def _try_release(release: Release, folder: Path) -> None:
    """Load the code lists as they would be with `release` written into `folder`, in a copy."""
    siblings = [path.parent for path in folder.parent.glob(f"*/{METADATA}") if path.parent != folder]
    with tempfile.TemporaryDirectory() as temporary:
        trial = Path(temporary) / "codelists"
        for sibling in siblings:
            shutil.copytree(sibling, trial / sibling.name)
        if folder.is_dir():
            shutil.copytree(folder, trial / folder.name)
        write_release(release, trial / folder.name)
        try:
            if siblings:
                CodeLists.load(trial).load_all()  # every list, deferred ones too, as `gateway check`
            elif (trial / folder.name / METADATA).is_file():
                load_list(trial / folder.name / METADATA)
        except GatewayError as exc:
            where = str(exc).replace(str(trial), str(folder.parent))
            raise click.ClickException(
                f"the code lists would not load with this release, so nothing was imported: {where}"
            ) from None


@click.group()
def codelists() -> None:
    """Code lists: what the gateway holds, and how an operator updates them."""


@codelists.command("list")
def list_command() -> None:
    """Print each list: name, number of codes, complete or extract, standard, version."""
    for name, found in _lists(Settings().codelists_dir).lists.items():
        extent = "complete" if found.complete else "extract"
        click.echo(f"{name}\t{len(found.entries)}\t{extent}\t{found.standard}\t{found.version}")


@codelists.command()
@click.argument("kind")
@click.argument("code")
@click.option(
    "--on", "on", type=click.DateTime(["%Y-%m-%d"]), help="Say whether the code is in force on this day."
)
def show(kind: str, code: str, on: datetime | None) -> None:
    """Print the entry for CODE in list KIND: names, aliases, validity, attributes; for a place of China,
    the Chinese names of divisions and towns that resolve to it."""
    lists = _lists(Settings().codelists_dir)
    entry = lists.entry(kind, code)
    if entry is None:
        raise click.ClickException(f"{code!r} is not in the list {kind!r}")
    click.echo(f"{entry.code}\tvalid {entry.valid_from or '…'} to {entry.valid_to or '…'}")
    for language, name in entry.names.items():
        click.echo(f"name\t{language}\t{name}")
    for alias in entry.aliases:
        click.echo(f"alias\t{alias.language}\t{alias.script}\t{alias.text}")
    for attribute, value in entry.attributes.items():
        click.echo(f"{attribute}\t{value}")
    if kind == "locode" and entry.code.startswith("CN"):
        from gateway.cli.chinese import chinese_lines  # noqa: PLC0415  # ICU and pypinyin: for China alone

        for line in chinese_lines(lists, entry.code):
            click.echo(line)
    if on is not None:
        day = on.date()
        click.echo(f"in force on {day}: {'yes' if lists.is_valid(kind, code, on=day) else 'no'}")


@codelists.command("import-locode")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="The UN/LOCODE list folder (default: locode/ in GATEWAY_CODELISTS_DIR).",
)
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows even when some rows are bad.")
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="Import only this country (ISO 3166 alpha-2); repeat it for several. Default: every country.",
)
def import_locode(
    files: tuple[Path, ...], into: Path | None, skip_bad_rows: bool, countries: tuple[str, ...]
) -> None:
    """Import FILES of the official UN/LOCODE CSV release (UNECE layout) into the UN/LOCODE list.

    Each country's rows replace its file under unece/; importing the same files again changes nothing.
    Bad rows are printed with file and line; then nothing is written, unless --skip-bad-rows. The code
    lists are loaded with the release in a copy first: a release that would break them (an office whose
    LOCODE the release withdraws) is refused and nothing is written.
    """
    folder = into or Settings().codelists_dir / "locode"
    release = read_release(list(files), frozenset(country.upper() for country in countries))
    for line in release.problems:
        click.echo(f"bad row: {line}", err=True)
    for line in release.notes:
        click.echo(f"note: {line}", err=True)
    if release.problems and not skip_bad_rows:
        raise click.ClickException(f"{len(release.problems)} bad rows; nothing imported")
    _try_release(release, folder)
    changed = write_release(release, folder)
    places = sum(len(found) for found in release.places.values())
    click.echo(
        f"imported {places} places of {len(release.places)} countries "
        f"(latest change {release.latest or '-'}, {release.rejected} rejected requests left out); "
        f"{len(changed)} files changed"
    )
    sys.exit(1 if release.problems else 0)
