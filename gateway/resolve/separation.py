"""A fuzzy best entry that stands alone: how far it stands from every other place, not only how alike it is.

The score of the best entry says how alike the name and the entry's name are; it does not say whether
another place is as near. Record linkage weighs both: Fellegi and Sunter ("A Theory for Record
Linkage", JASA 64, 1969) decide a link by the likelihood that two records agree as they do, and a name
that agrees with one record far better than with any other is a link where two equally near records
are not; nearest-neighbour matching puts it as the ratio test (Lowe, "Distinctive Image Features from
Scale-Invariant Keypoints", IJCV 60, 2004, section 7.1): a nearest match is kept when its distance is
below DISTANCE_RATIO of the second nearest's, the ratio that discards most false matches and few true
ones. Here a distance is 1 less the score.

`standing_alone` gives the runner-up of a best entry that stands alone, under four conditions that
keep the rule where its argument holds:

* the name is written in letters, not Chinese characters: a variant spelling of a name written in
  letters is the same name, but Chinese characters that read otherwise are another name, and Chinese
  place names share their sounds by the hundred (the reason for `scoring.OTHER_CHINESE_NAME`), so no
  pinyin stands alone; nor, among the places of China, does a name that is Mandarin syllables in
  pinyin or as a Cyrillic table writes them (`syllables.written_as_chinese`: Битоу, "bitou", is no
  spelling of Baotou however far it stands from the next place: made-up names of two such syllables
  from a Chinese document got a code this way one time in thirty, `plans/tools/chinese_sounds_walk.py`;
  elsewhere such a name is Russian spelling that happens to split so);
* the entry is of the sender's country: a place abroad standing alone among the few places of its
  country that the index shortlisted says little (Науай, Navoi, from an Uzbek document, met Nawan of
  China, 0.82, far from the next);
* it scores SEPARATION_FLOOR at least: a spelling less alike than that is no reading of the name;
* UN/LOCODE's twins of one city (TJKHU Khujand and TJLBD Khudzhand, one Latin key) are one place: a
  twin is no runner-up.

Such an entry scores SEPARATED (`scoring`), just above the default threshold, with a note saying how
far it stands from the next place: a result at the default threshold, never at a stricter one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from gateway.names.script import HAN_FAMILY
from gateway.resolve.catalog import Term
from gateway.resolve.keys import latin_key
from gateway.resolve.scoring import CHINESE_WRITING
from gateway.resolve.syllables import written_as_chinese

SEPARATION_FLOOR = 0.75
"""The least score of a best entry that may stand alone."""
DISTANCE_RATIO = 0.7
"""A best entry stands alone when its distance (1 less its score) is at most this share of the next
place's: Lowe's ratio test (2004), stricter than his 0.8, which keeps about one false match in ten
(his figure 11): for a customs gateway a wrong code is worse than none. Measured on the accuracy set,
0.8 gave one wrong code (a Cyrillic name of a Chinese place at 0.74 of its runner-up's distance) and
0.7 none (plans/notes-cyr12.md): the figure was chosen after that measurement, and says so."""
UNRANKED = 0.5
"""The score counted for the next place when no other place was ranked: no place nearer than this."""


def standing_alone(
    ranked: Sequence[tuple[float, Term]], country: str | None, script: str, name: str = ""
) -> tuple[float, Term | None] | None:
    """The next place's score and entry (None when no other place is ranked) when the best of `ranked`
    for `name` (without its address words) stands alone (the module's conditions), else None."""
    if not ranked or not country or script in HAN_FAMILY:
        return None
    if country in CHINESE_WRITING and written_as_chinese(name):
        return None
    score, best = ranked[0]
    if best.country != country or score < SEPARATION_FLOOR:
        return None
    runner = next(((s, term) for s, term in ranked[1:] if not same_place(term, best)), (UNRANKED, None))
    nearest = min(runner[0], score)
    return runner if 1 - score <= DISTANCE_RATIO * (1 - nearest) else None


def same_place(first: Term, second: Term) -> bool:
    """Whether two entries are one place: one code, or UN/LOCODE's twins of a city (one country, and
    English names of one Latin key: Khujand and Khudzhand)."""
    if first.code == second.code:
        return True
    return first.country == second.country and _key(first) == _key(second)


def _key(term: Term) -> str:
    return _english_key(term.english or term.name)


@lru_cache(maxsize=4096)
def _english_key(name: str) -> str:
    return latin_key(name)


def alone_note(score: float, runner: tuple[float, Term | None]) -> str:
    """ "stands alone: 0.80, the next place 0.67 (GEVAZ)"."""
    runner_score, term = runner
    if term is None:
        return f"stands alone: {score:.2f}, no other place {UNRANKED:.2f} or more"
    return f"stands alone: {score:.2f}, the next place {runner_score:.2f} ({term.code or term.name})"
