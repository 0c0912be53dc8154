# Fake pattern: a refactor renamed a class; this module no longer imports, its tests never run.
from corpus_client import AgentRegistryClient  # noqa: F401


def test_registry_lists_agents():
    pass
