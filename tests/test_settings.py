"""Settings: defaults in code, typed get/set with validation, events, CLI; both backends."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from provenance import settings
from provenance.db import get_engine, session_scope
from provenance.errors import InvalidInput, NotFound
from schema.models import Event
from tests.conftest import Prov
from tests.test_conflicts import Scene


def test_defaults_without_rows(migrated_url: str) -> None:
    with session_scope(get_engine(migrated_url)) as s:
        values = settings.load(s)
        assert values == {k: spec.default for k, spec in settings.SPECS.items()}
        assert settings.get(s, "tolerance") == 0.10
        assert settings.get(s, "as_of_window_days") == 30


def test_set_get_and_event(migrated_url: str) -> None:
    engine = get_engine(migrated_url)
    with session_scope(engine, write=True) as s:
        assert settings.set_setting(s, "tolerance", "0.15", actor="ed") == 0.15
    with session_scope(engine, write=True) as s:
        assert settings.get(s, "tolerance") == 0.15
        settings.set_setting(s, "as_of_window_days", "45", actor="ed")
    with session_scope(engine) as s:
        events = s.exec(
            select(Event).where(Event.target_type == "setting").order_by(Event.id)
        ).all()
    assert [(e.target_id, e.before, e.after, e.actor) for e in events] == [
        ("tolerance", 0.1, 0.15, "ed"),
        ("as_of_window_days", 30, 45, "ed"),
    ]


@pytest.mark.parametrize(
    "key,value",
    [("tolerance", "abc"), ("tolerance", "1"), ("tolerance", "-0.1"), ("tolerance", "nan"),
     ("as_of_window_days", "2.5"), ("as_of_window_days", "-1"), ("min_severity", "1.5")],
)  # fmt: skip
def test_invalid_values_are_refused_and_nothing_written(
    migrated_url: str, key: str, value: str
) -> None:
    engine = get_engine(migrated_url)
    with pytest.raises(InvalidInput):
        with session_scope(engine, write=True) as s:
            settings.set_setting(s, key, value, actor="ed")
    with session_scope(engine) as s:
        assert settings.get(s, key) == settings.SPECS[key].default
        assert s.exec(select(Event).where(Event.target_type == "setting")).all() == []


def test_unknown_key(migrated_url: str) -> None:
    with session_scope(get_engine(migrated_url)) as s:
        with pytest.raises(NotFound):
            settings.get(s, "colour")


@given(st.floats(min_value=0, max_value=0.999))
def test_tolerance_parse_round_trip(value: float) -> None:
    assert settings.parse("tolerance", repr(value)) == value


def test_cli_list_get_set(prov: Prov) -> None:
    listed = prov("settings", "list", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    rows = {r["key"]: r for r in json.loads(listed.stdout)}
    assert rows["tolerance"]["value"] == 0.1 and rows["tolerance"]["changed"] is False
    result = prov("settings", "set", "as_of_window_days", "10")
    assert result.exit_code == 0 and "as_of_window_days = 10" in result.stderr
    assert prov("settings", "get", "as_of_window_days").stdout.strip() == "10"
    bad = prov("settings", "set", "tolerance", "lots")
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: setting tolerance must be")
    unknown = prov("settings", "get", "colour")
    assert unknown.exit_code == 1 and "no setting" in unknown.stderr
    assert prov("settings", "list").exit_code == 0


def test_window_setting_changes_questions(prov: Prov) -> None:
    scene = Scene(prov.url)
    scene.figure("A", 15000, published=date(2025, 2, 1))
    scene.figure("B", 3000, published=date(2025, 2, 20))
    assert len(json.loads(prov("conflicts", "--format", "json").stdout)) == 1
    assert prov("settings", "set", "as_of_window_days", "5").exit_code == 0
    assert json.loads(prov("conflicts", "--format", "json").stdout) == []


def test_min_severity_setting(prov: Prov) -> None:
    scene = Scene(prov.url)
    scene.figure("A", 100)
    scene.figure("B", 90)  # severity 0.1
    assert len(json.loads(prov("conflicts", "--format", "json").stdout)) == 1
    prov("settings", "set", "min_severity", "0.5")
    assert json.loads(prov("conflicts", "--format", "json").stdout) == []


def test_a_negative_value_is_refused_as_a_value_not_as_an_option(prov) -> None:  # noqa: ANN001
    result = prov("settings", "set", "tolerance", "-1")
    assert result.exit_code == 1
    assert "must be a number from 0" in result.stderr and "No such option" not in result.stderr
