"""Deploy targets for the release tests: a local directory and a throw-away sshd on 127.0.0.1."""
import pytest

from gongkai.publish.remote import Target
from tests.unit.publish import sshd


@pytest.fixture(scope="session")
def ssh_deploy(tmp_path_factory):
    proc, settings, reason = sshd.start(tmp_path_factory.mktemp("sshd"))
    if proc is None:
        pytest.skip(f"cannot start a test sshd on 127.0.0.1: {reason}")
    yield settings
    sshd.stop(proc)


@pytest.fixture(params=["local", "ssh"])
def target(request, tmp_path):
    base = tmp_path / "srv" / "gong kai"       # a space in the path: every command must quote it
    if request.param == "local":
        return Target.from_settings({"path": str(base), "keep": 2})
    return Target.from_settings({**request.getfixturevalue("ssh_deploy"), "path": str(base), "keep": 2})


