"""Greenlight's pytest plugin: per-test windows, outcomes, warnings and output as JSON lines.

Loaded by Greenlight's pytest runner with ``-p greenlight_pytest`` (this folder on PYTHONPATH,
nothing installed). Does nothing unless GREENLIGHT_PYTEST_EVENTS names the file to append to.
Pure standard library; works on pytest 7.2 (Debian) and later.

Lines written (one JSON object each):
  {"type": "test", "nodeid", "start", "end", "duration", "setup_duration", "call_duration", "outcome", "skip_reason",
   "xfail", "xpass", "warnings": [{"category", "message", "filename", "lineno"}],
   "output": [...], "output_truncated"}
  {"type": "collect_error", "nodeid", "message"}
  {"type": "session", "collected", "exitstatus", "start", "end"}
start/end are Unix epoch seconds from time.time(); duration is setup + call + teardown in seconds
(what pytest's JUnit XML reports); outcome is passed, failed, error or skipped.
"""
import json
import os
import threading
import time

EVENTS_ENV = "GREENLIGHT_PYTEST_EVENTS"
MAX_OUTPUT_LINES = 200
MAX_LINE_CHARS = 500
MAX_MESSAGE_CHARS = 2000

_state = None


class _Recorder:
    def __init__(self, path):
        self._file = open(path, "a", encoding="utf-8")
        self._lock = threading.Lock()
        self._tests = {}
        self._finished = []
        self.session_start = time.time()
        self.collected = None

    def write(self, obj):
        with self._lock:
            self._file.write(json.dumps(obj, ensure_ascii=False) + "\n")
            self._file.flush()

    def start(self, nodeid):
        self.flush_finished()
        self._tests[nodeid] = {
            "type": "test", "nodeid": nodeid, "start": time.time(), "end": None,
            "duration": 0.0, "setup_duration": None, "call_duration": None, "outcome": None, "skip_reason": None,
            "xfail": False, "xpass": False, "warnings": [], "output": [],
            "output_truncated": False,
        }

    def get(self, nodeid):
        return self._tests.get(nodeid)

    def finish(self, nodeid):
        test = self._tests.get(nodeid)
        if test is not None:
            test["end"] = time.time()
            self._finished.append(nodeid)

    def flush_finished(self):
        # Warnings for a test are reported after its teardown, so a finished test is written
        # only when the next one starts or the session ends.
        for nodeid in self._finished:
            test = self._tests.pop(nodeid, None)
            if test is not None:
                if test["outcome"] is None:
                    test["outcome"] = "error"
                self.write(test)
        self._finished = []

    def close(self, exitstatus):
        self.flush_finished()
        for test in list(self._tests.values()):
            test["outcome"] = test["outcome"] or "error"
            test["end"] = test["end"] or time.time()
            self.write(test)
        self._tests = {}
        self.write({"type": "session", "collected": self.collected, "exitstatus": int(exitstatus),
                    "start": self.session_start, "end": time.time()})
        self._file.close()


def _short(text, limit=MAX_MESSAGE_CHARS):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "..."


def _skip_reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        reason = str(longrepr[2])
    else:
        reason = str(longrepr) if longrepr is not None else ""
    if reason.startswith("Skipped: "):
        reason = reason[len("Skipped: "):]
    return _short(reason)


def _capture_output(test, report):
    lines = []
    for title, content in getattr(report, "sections", []):
        if title.startswith("Captured"):
            lines.extend(content.splitlines())
    total = len(lines)
    if total > MAX_OUTPUT_LINES:
        # Keep both ends: fallbacks announce themselves early, results late.
        half = MAX_OUTPUT_LINES // 2
        lines = lines[:half] + lines[-half:]
        test["output_truncated"] = True
    test["output"] = [line[:MAX_LINE_CHARS] for line in lines]


def pytest_configure(config):
    global _state
    path = os.environ.get(EVENTS_ENV)
    if path and _state is None:
        _state = _Recorder(path)


def pytest_collection_finish(session):
    if _state is not None:
        _state.collected = len(session.items)


def pytest_collectreport(report):
    if _state is not None and report.failed:
        _state.write({"type": "collect_error", "nodeid": report.nodeid,
                      "message": _short(report.longreprtext)})


def pytest_runtest_logstart(nodeid, location):
    if _state is not None:
        _state.start(nodeid)


def pytest_runtest_logreport(report):
    if _state is None:
        return
    test = _state.get(report.nodeid)
    if test is None:
        return
    test["duration"] += report.duration
    if report.when in ("setup", "call"):
        test[report.when + "_duration"] = report.duration
    wasxfail = getattr(report, "wasxfail", None)
    if report.skipped:
        if wasxfail is not None:
            test["xfail"] = True
            test["skip_reason"] = _short("xfail: " + wasxfail) if wasxfail else "xfail"
        else:
            test["skip_reason"] = _skip_reason(report)
        test["outcome"] = "skipped"
    elif report.failed:
        if test["outcome"] not in ("failed", "error"):
            test["outcome"] = "failed" if report.when == "call" else "error"
    elif report.when == "call":
        test["outcome"] = "passed"
        if wasxfail is not None:
            test["xpass"] = True
    if report.when == "teardown":
        _capture_output(test, report)


def pytest_runtest_logfinish(nodeid, location):
    if _state is not None:
        _state.finish(nodeid)


def pytest_warning_recorded(warning_message, when, nodeid, location):
    if _state is None or when != "runtest":
        return
    test = _state.get(nodeid)
    if test is None:
        return
    test["warnings"].append({
        "category": warning_message.category.__name__,
        "message": _short(warning_message.message),
        "filename": str(warning_message.filename),
        "lineno": warning_message.lineno,
    })


def pytest_sessionfinish(session, exitstatus):
    global _state
    if _state is not None:
        _state.close(exitstatus)
        _state = None
