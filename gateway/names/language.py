"""Guess the language (BCP 47) of a free text from its letters, the sender country and the format.

Each language of the text's script scores points: for every marking letter found, 1 divided by how
many languages share it; minus 1 for every letter it does not write; plus the points of its typical
letter sequences; plus priors (the sender country's languages, then the candidates the national
format declares, in order, then Russian as the default for plain Cyrillic). Letters decide when they
can; priors only break ties between the languages the letters allow. The confidence grows with the
margin between the best two scores, and the reason says what decided.

Chinese is zh-Hans or zh-Hant by its characters (`gateway.names.han`), the traditional Mongolian
script is mn-Mong, and text without letters is zxx (no linguistic content).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gateway.names.language_profiles import (
    COUNTRY_LANGUAGES,
    DEFAULT_PRIOR,
    PROFILES,
    TRADITIONAL_CHINESE_COUNTRIES,
    LanguageProfile,
)
from gateway.names.script import NO_LETTERS, detect_script

CANDIDATE_PRIORS = (0.45, 0.35, 0.25, 0.15)
"""Points for the first, second, ... candidate language (0.1 for any later one)."""

_KNOWN_LANGUAGES = frozenset(profile.language for profile in PROFILES)

LONG_TEXT_LETTERS = 15
"""From this many letters on, a text without any marking letter of a language counts against it."""


@dataclass(frozen=True)
class LanguageGuess:
    """A language guessed for a text, with how sure the guess is and why."""

    language: str
    """BCP 47 tag: kk, ru, uz-Cyrl, mn-Mong, zh-Hans, und when nothing decides, zxx without letters."""
    script: str
    """ISO 15924 code of the text's dominant script."""
    confidence: float
    """In [0, 1]."""
    reason: str
    alternatives: tuple[str, ...] = ()
    """Runner-up tags, best first."""


def detect_language(text: str, candidates: Sequence[str] = (), country: str | None = None) -> LanguageGuess:
    """Guess the language of `text`; `candidates` (BCP 47, in order) and `country` are priors.

    >>> detect_language("Хуҷанд").language, detect_language("Қорғас", country="KZ").language
    ('tg', 'kk')
    """
    script = detect_script(text)
    if script == NO_LETTERS:
        return LanguageGuess("zxx", script, 1.0, "no letters")
    if script in ("Hans", "Hant", "Hani"):
        return _chinese(script, candidates, country)
    profiles = _profiles_for(script, candidates)
    if not profiles:
        return LanguageGuess("und", script, 0.0, f"no language known for script {script}")
    return _best(text, script, profiles, candidates, country)


def country_of_languages(languages: Iterable[str]) -> str | None:
    """The one country whose documents are written in all of `languages` with its national language among
    them, or None when no country or several fit. A legal form is tagged with the languages that write it
    (glossary/legal-forms.csv): ТОО with ru and kk is Kazakhstan's, ОсОО with ru and ky Kyrgyzstan's, ООО
    with ru alone Russia's.

    >>> country_of_languages(["ru", "kk"]), country_of_languages(["ru", "ky"]), country_of_languages(["en"])
    ('KZ', 'KG', None)
    """
    wanted = {tag.split("-")[0] for tag in languages}
    fitting = [
        country
        for country, spoken in COUNTRY_LANGUAGES.items()
        if spoken[0][0] in wanted and wanted <= {language for language, _ in spoken}
    ]
    return fitting[0] if len(fitting) == 1 else None


def _profiles_for(script: str, candidates: Sequence[str]) -> list[LanguageProfile]:
    """The known languages of `script`, and the candidates that may be written in it and are not known.

    A candidate without a script subtag counts only when the profiles do not place it in another
    script (en is Latin: it is no candidate for a Cyrillic text; uk may be).
    """
    profiles = [profile for profile in PROFILES if profile.script == script]
    known_here = {profile.language for profile in profiles}
    for candidate in candidates:
        language, _, subtag = candidate.partition("-")
        unknown = language not in _KNOWN_LANGUAGES
        if language not in known_here and (subtag == script or (not subtag and unknown)):
            profiles.append(LanguageProfile(candidate, script, candidate))
            known_here.add(language)
    return profiles


@dataclass(frozen=True)
class _Evidence:
    """What the scoring of one text looks at."""

    text: str
    letters: frozenset[str]
    letter_count: int
    profiles: tuple[LanguageProfile, ...]
    marking_letters: frozenset[str]
    candidates: Sequence[str]
    country: str | None


def _best(
    text: str,
    script: str,
    profiles: list[LanguageProfile],
    candidates: Sequence[str],
    country: str | None,
) -> LanguageGuess:
    evidence = _evidence(text, profiles, candidates, country)
    scored = [(_score(profile, evidence), rank, profile) for rank, profile in enumerate(profiles)]
    scored.sort(key=lambda item: (-item[0][0], item[1]))
    (best_points, reasons), _, best = scored[0]
    runner_up = scored[1][0][0] if len(scored) > 1 else 0.0
    if best_points <= 0:
        return LanguageGuess("und", script, 0.2, "no marking letter and no prior")
    confidence = round(min(0.99, 0.35 + 0.6 * (best_points - runner_up)), 2)
    others = tuple(profile.tag for (points, _), _, profile in scored[1:4] if points > 0)
    return LanguageGuess(best.tag, script, confidence, "; ".join(reasons), others)


def _evidence(
    text: str, profiles: list[LanguageProfile], candidates: Sequence[str], country: str | None
) -> _Evidence:
    lowered = text.lower()
    return _Evidence(
        lowered,
        frozenset(lowered),
        sum(1 for character in lowered if character.isalpha()),
        tuple(profiles),
        frozenset().union(*(profile.marking_letters for profile in profiles)),
        candidates,
        country,
    )


def _score(profile: LanguageProfile, evidence: _Evidence) -> tuple[float, list[str]]:
    """The points `profile` scores for the text, and what earned them."""
    parts = [
        _letter_points(profile, evidence),
        _absence_points(profile, evidence),
        _hint_points(profile, evidence.text),
        _country_points(profile, evidence.country),
        _candidate_points(profile, evidence.candidates),
        (DEFAULT_PRIOR.get(profile.tag, 0.0), "usual language of the script"),
    ]
    points = sum(value for value, _ in parts)
    return points, [reason for value, reason in parts if value and reason]


def _letter_points(profile: LanguageProfile, evidence: _Evidence) -> tuple[float, str]:
    found = evidence.letters & profile.marking_letters
    points = sum(
        1 / sum(1 for other in evidence.profiles if letter in other.marking_letters) for letter in found
    )
    strange = (evidence.letters & evidence.marking_letters) - profile.marking_letters - profile.shared_letters
    strange |= evidence.letters & profile.foreign_letters
    points -= len(strange)
    if strange:
        return points, f"letters {''.join(sorted(strange))} are not {profile.name}"
    if found:
        return points, f"letters {''.join(sorted(found))} mark {profile.name}"
    return points, ""


def _absence_points(profile: LanguageProfile, evidence: _Evidence) -> tuple[float, str]:
    """A long text without any letter of a language's own is unlikely to be in it."""
    if not profile.marking_letters or evidence.letter_count < LONG_TEXT_LETTERS:
        return 0.0, ""
    if evidence.letters & profile.marking_letters:
        return 0.0, ""
    return -0.5, f"no letter of {profile.name} in {evidence.letter_count} letters"


def _hint_points(profile: LanguageProfile, lowered: str) -> tuple[float, str]:
    points = sum(weight for pattern, weight in profile.hints if pattern.search(lowered))
    return points, f"letter sequences typical of {profile.name}" if points else ""


def _country_points(profile: LanguageProfile, country: str | None) -> tuple[float, str]:
    for language, points in COUNTRY_LANGUAGES.get((country or "").upper(), ()):
        if language == profile.language:
            return points, f"sender country {country}"
    return 0.0, ""


def _candidate_points(profile: LanguageProfile, candidates: Sequence[str]) -> tuple[float, str]:
    for rank, candidate in enumerate(candidates):
        if candidate == profile.tag or candidate.split("-")[0] == profile.language:
            points = CANDIDATE_PRIORS[rank] if rank < len(CANDIDATE_PRIORS) else 0.1
            return points, f"candidate {rank + 1} of the format"
    return 0.0, ""


def _chinese(script: str, candidates: Sequence[str], country: str | None) -> LanguageGuess:
    """zh-Hans or zh-Hant: by the characters, else by the candidates, else by the country."""
    if script in ("Hans", "Hant"):
        return LanguageGuess(f"zh-{script}", script, 0.95, f"characters found only in {script}")
    for candidate in candidates:
        if candidate in ("zh-Hans", "zh-Hant"):
            return LanguageGuess(candidate, script, 0.6, "no telling character; format candidate")
    if (country or "").upper() in TRADITIONAL_CHINESE_COUNTRIES:
        return LanguageGuess("zh-Hant", script, 0.6, f"no telling character; sender {country}")
    return LanguageGuess("zh-Hans", script, 0.5, "no telling character; simplified by default")
