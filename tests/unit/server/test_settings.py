from __future__ import annotations

import pytest

from server.settings import Settings, SettingsError


def test_defaults_follow_the_port_contract() -> None:
    s = Settings.from_env({})
    assert (s.port, s.neo4j_bolt_port, s.redis_port) == (8000, 7687, 6379)
    assert s.neo4j_uri is None and s.redis_url is None
    assert s.effective_neo4j_uri == "bolt://127.0.0.1:7687"
    assert s.effective_redis_url == "redis://127.0.0.1:6379/0"
    assert s.demo and s.demo_password == "bangfu-demo"


def test_ports_and_urls_are_overridable() -> None:
    s = Settings.from_env(
        {
            "BANGFU_PORT": "9000",
            "NEO4J_BOLT_PORT": "7700",
            "REDIS_PORT": "6400",
            "NEO4J_URI": "neo4j://db:7687",
            "NEO4J_PASSWORD": "pw",
            "REDIS_URL": "redis://r:1/0",
        }
    )
    assert s.port == 9000 and s.effective_neo4j_uri == "neo4j://db:7687"
    assert s.neo4j_auth == ("neo4j", "pw")
    assert s.effective_redis_url == "redis://r:1/0"


def test_production_has_no_demo_users_by_default() -> None:
    assert not Settings.from_env({"BANGFU_ENV": "production"}).demo


def test_a_bad_port_is_a_clear_error() -> None:
    with pytest.raises(SettingsError, match="BANGFU_PORT"):
        Settings.from_env({"BANGFU_PORT": "eighty"})
