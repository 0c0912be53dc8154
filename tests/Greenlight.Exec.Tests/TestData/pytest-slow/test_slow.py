import subprocess
import time


def test_hangs():
    # A child of the test process: the runner must kill it with the tree.
    with open("child.pid", "w") as f:
        f.write(str(subprocess.Popen(["sleep", "300"]).pid))
    time.sleep(300)
