from agentchat_client import RenamedClient  # noqa: F401  (the module does not exist: a collection error)


def test_never_runs():
    pass
