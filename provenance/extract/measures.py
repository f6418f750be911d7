"""The measure lexicon: what a number counts or prices, normalised.

A measure is the head noun phrase a number counts ("15,000 fighters") or
prices ("a salary of 350,000 pounds"), normalised through a lexicon so that
claims about the same question meet: fighters, militiamen, combatants,
troops -> "personnel". The lexicon is ``DEFAULT_MEASURES`` (in code, always
present) merged with the ``measure_alias`` table, which editors extend with
``prov measures alias``; a stored row wins over a default.

Conventions (the lead's, relied on by the conflict finder):

* "monthly salary" when "monthly"/"a month"/"per month" qualifies a salary,
  else "salary"; what a group pays all its members is "payroll" (a wage
  bill, spending on salaries), what it takes in "revenue", and "monthly" or
  "annual" qualifies those and a "budget" ("monthly payroll", "annual
  budget"), so a group's total is never taken for a fighter's pay;
* "founding year" for a year after founded/formed/established;
* "recruits" when recruits are given generically (fighters, people, men,
  members); "recruits:<sub-population>" when a sub-population is named
  ("recruits:national defense members", "recruits:civilians"), so parts of a
  total are not mistaken for rival figures;
* a ratio ("six times higher") keeps the measure being compared;
* anything not in the lexicon: the head noun phrase, lowercased, as written.
"""

from __future__ import annotations

from typing import Any

DEFAULT_MEASURES: dict[str, str] = {
    # personnel
    "fighters": "personnel",
    "fighter": "personnel",
    "militiamen": "personnel",
    "militiaman": "personnel",
    "militants": "personnel",
    "combatants": "personnel",
    "troops": "personnel",
    "soldiers": "personnel",
    "gunmen": "personnel",
    "members": "personnel",
    "personnel": "personnel",
    "men": "personnel",
    "mercenaries": "personnel",
    "volunteers": "personnel",
    "strength": "personnel",
    "strong": "personnel",
    "ranks": "personnel",
    # casualties
    "killed": "killed",
    "dead": "killed",
    "deaths": "killed",
    "death toll": "killed",
    "fatalities": "killed",
    "died": "killed",
    "wounded": "injured",
    "injured": "injured",
    "injuries": "injured",
    "displaced": "displaced",
    "refugees": "displaced",
    # held: arrested, captured, in prison
    "detainees": "detained",
    "detained": "detained",
    "prisoners": "detained",
    "captives": "detained",
    "hostages": "abducted",
    # gone from a group: defectors, deserters
    "defectors": "defected",
    "deserters": "defected",
    # moved somewhere ("sent 500 fighters to Syria"): a part of the strength
    "deployed": "deployed",
    # recruitment
    "recruits": "recruits",
    "recruited": "recruits",
    "recruitment": "recruits",
    "enlisted": "recruits",
    "joined": "recruits",
    # money
    "salary": "salary",
    "salaries": "salary",
    "wage": "salary",
    "wages": "salary",
    "pay": "salary",
    "monthly salary": "monthly salary",
    "monthly salaries": "monthly salary",
    "monthly wage": "monthly salary",
    "monthly pay": "monthly salary",
    # what a group pays all its members, and what it takes in
    "payroll": "payroll",
    "wage bill": "payroll",
    "bonus": "bonus",
    "bonuses": "bonus",
    "revenues": "revenue",
    # years
    "founded": "founding year",
    "formed": "founding year",
    "established": "founding year",
    "created": "founding year",
    "founding": "founding year",
}

# Words that, qualifying a salary, make it a monthly salary.
MONTHLY_CUES = ("monthly", "a month", "per month", "each month", "every month", "a-month")


def normalise(phrase: str | None, lexicon: dict[str, str] | None = None) -> str | None:
    """The canonical measure for a head noun phrase (lowercased, as written if unknown).

    Looks up the whole phrase, then its last word (the head), so
    "Afghan fighters" -> personnel while "civilians" stays "civilians".
    """
    if not phrase:
        return None
    lex = lexicon if lexicon is not None else DEFAULT_MEASURES
    text = " ".join(phrase.lower().split())
    if not text:
        return None
    if text in lex:
        return lex[text]
    words = text.split()
    # Longest suffix first: "monthly salary" before "salary".
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        if tail in lex:
            return lex[tail]
    return text


def load_lexicon(session: Any) -> dict[str, str]:
    """DEFAULT_MEASURES merged with the ``measure_alias`` rows (rows win)."""
    from sqlmodel import select

    from schema.models import MeasureAlias

    lexicon = dict(DEFAULT_MEASURES)
    for row in session.exec(select(MeasureAlias)).all():
        lexicon[" ".join(row.word.lower().split())] = row.measure
    return lexicon


__all__ = ["DEFAULT_MEASURES", "MONTHLY_CUES", "load_lexicon", "normalise"]
