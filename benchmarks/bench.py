"""Time `consolidate digest` on synthetic consultations of N returns, against a naive floor.

    python benchmarks/bench.py --n 100 1000 [--repeat 3] [--keep DIR] [--json PATH]

For each N the corpus is generated (or reused from ``--keep DIR``), then each repeat runs,
alternating which goes first so neither always gets the warmer cache:

* the tool: ``consolidate digest RETURNS -c consultation.toml -o OUT/digest.docx --json OUT/result.json``;
* the baseline: ``benchmarks/baseline.py``, which only opens every file with python-docx /
  openpyxl and reads every cell.

Both run as child processes, so interpreter start-up and imports count for both. Wall time is
``time.perf_counter()`` around the child; CPU time and peak RSS come from ``os.wait4`` for
that one child (RSS is its largest single process — what ``/usr/bin/time -v`` prints as
"Maximum resident set size"), and the summed PSS of the child and any worker processes is
sampled every 0.1 s, since the tool may read files in a process pool. The tool's result.json is checked against the generator's manifest, so a
fast run that silently read nothing would show up. Also measured: ``consolidate --help``
start-up (median of 10). The tool is run through the console script beside ``sys.executable``,
not a pyenv shim, which would add ~50 ms of shell to every run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:
    from benchmarks.generate import Manifest, generate, load_manifest
except ModuleNotFoundError:  # run as a script: python benchmarks/bench.py
    from generate import Manifest, generate, load_manifest  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.py"


# ---------------------------------------------------------------- one child process


@dataclass
class ChildRun:
    """One timed child: wall seconds, CPU seconds, peak memory, and how it ended."""

    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    returncode: int | None  # None: killed at the timeout
    stderr_tail: str = ""
    tree_pss_mb: float | None = None  # sampled peak of the whole process tree (None: not sampled)

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants, from /proc/PID/task/TID/children."""
    pids, i = [pid], 0
    while i < len(pids):
        with contextlib.suppress(OSError, ValueError):
            for task in os.listdir(f"/proc/{pids[i]}/task"):
                with open(f"/proc/{pids[i]}/task/{task}/children") as children:
                    pids.extend(int(c) for c in children.read().split())
        i += 1
    return pids


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (forked workers) are split, not counted twice."""
    with contextlib.suppress(OSError, ValueError), open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


class TreeMemorySampler(threading.Thread):
    """Samples the summed PSS of a process tree every ``interval`` seconds, keeping the peak.

    ``ru_maxrss`` is the largest *single* process; a tool that reads files in worker
    processes needs the sum. Sampling can miss a short spike, so this is a lower bound.
    """

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        if not Path(f"/proc/{self.pid}/smaps_rollup").exists():
            return
        while not self.done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))


def run_child(
    argv: Sequence[str], timeout: float, stdout: Path | None = None, env: dict[str, str] | None = None
) -> ChildRun:
    """Run ``argv`` and reap it with ``os.wait4`` to get *its own* rusage.

    ``resource.getrusage(RUSAGE_CHILDREN)`` would give the maximum over every child ever
    waited for, so a small run after a large one would report the large one's memory;
    ``wait4`` reports just this process (CPU time includes the workers it waited for; peak
    RSS is its largest single process). The child gets its own process group so that a
    timeout kills its workers too.
    """
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(stdout, "wb")) if stdout else subprocess.DEVNULL
        err = stack.enter_context(tempfile.TemporaryFile())
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, **env} if env else None,
        )
        sampler = TreeMemorySampler(proc.pid)
        sampler.start()
        timed_out = threading.Event()
        reaped = threading.Lock()

        def kill() -> None:
            with reaped:
                if proc.returncode is None:
                    timed_out.set()
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - started
            with reaped:
                proc.returncode = os.waitstatus_to_exitcode(status)
        except BaseException:  # Ctrl-C: its own session means the child would not get the signal
            kill()
            proc.wait()
            raise
        finally:
            timer.cancel()
            sampler.done.set()
            sampler.join()
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
    return ChildRun(
        seconds=elapsed,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
        returncode=None if timed_out.is_set() else proc.returncode,
        stderr_tail=tail,
        tree_pss_mb=sampler.peak_kb / 1024 if sampler.peak_kb else None,
    )


def consolidate_command() -> list[str]:
    """The installed console script of this interpreter (not a shim), else ``python -m``."""
    script = Path(sys.executable).parent / "consolidate"
    if script.exists():
        return [str(script)]
    found = shutil.which("consolidate")
    return [found] if found else [sys.executable, "-m", "consolidate.cli"]


def tool_command(folder: Path, out: Path) -> list[str]:
    return [
        *consolidate_command(),
        "digest",
        str(folder / "returns"),
        "-c",
        str(folder / "consultation.toml"),
        "-o",
        str(out / "digest.docx"),
        "--json",
        str(out / "result.json"),
    ]


def baseline_command(folder: Path) -> list[str]:
    return [sys.executable, str(BASELINE), str(folder / "returns")]


# ---------------------------------------------------------------- one corpus size


@dataclass
class SizeResult:
    """Everything measured at one N (times in seconds, memory in MB)."""

    n: int
    manifest: dict[str, object]
    corpus_mb: float
    generate_seconds: float | None  # None when the corpus was reused
    tool: list[ChildRun] = field(default_factory=list)  # cold: empty result cache
    baseline: list[ChildRun] = field(default_factory=list)
    tool_warm: list[ChildRun] = field(default_factory=list)  # again, with the cold run's cache
    check: dict[str, object] = field(default_factory=dict)
    note: str = ""

    @staticmethod
    def _median(runs: list[ChildRun], attr: str = "seconds") -> float | None:
        done = [getattr(r, attr) for r in runs if r.ok]
        return statistics.median(done) if done else None

    @property
    def tool_median(self) -> float | None:
        return self._median(self.tool)

    @property
    def baseline_median(self) -> float | None:
        return self._median(self.baseline)

    @property
    def tool_warm_median(self) -> float | None:
        return self._median(self.tool_warm)

    @property
    def tool_cpu_median(self) -> float | None:
        return self._median(self.tool, "cpu_seconds")

    @property
    def ratio(self) -> float | None:
        if self.tool_median is None or not self.baseline_median:
            return None
        return self.tool_median / self.baseline_median

    @property
    def tool_peak_rss_mb(self) -> float | None:
        return max((r.max_rss_mb for r in self.tool), default=None)

    @property
    def baseline_peak_rss_mb(self) -> float | None:
        return max((r.max_rss_mb for r in self.baseline), default=None)

    @property
    def tool_peak_tree_mb(self) -> float | None:
        return max((r.tree_pss_mb for r in self.tool if r.tree_pss_mb), default=None)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        for name in ("tool_median", "tool_warm_median", "baseline_median", "tool_cpu_median", "ratio"):
            data[name] = getattr(self, name)
        data["tool_peak_rss_mb"] = self.tool_peak_rss_mb
        data["baseline_peak_rss_mb"] = self.baseline_peak_rss_mb
        data["tool_peak_tree_mb"] = self.tool_peak_tree_mb
        return data


def check_result(result_json: Path, manifest: Manifest | dict[str, object]) -> dict[str, object]:
    """Compare the tool's JSON with what was generated: did it find every unit and opinion?"""
    expected = manifest.to_dict() if isinstance(manifest, Manifest) else manifest
    try:
        data = json.loads(result_json.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return {"error": f"no readable result.json ({exc})"}
    statuses: dict[str, int] = {}
    for unit in data.get("units", []):
        statuses[unit["status"]] = statuses.get(unit["status"], 0) + 1
    opinions = [o for o in data.get("opinions", []) if not o.get("superseded")]
    return {
        "units_expected": expected["n"],
        "units_answered": statuses.get("opinions", 0) + statuses.get("no_opinion", 0),
        "no_opinion_expected": expected["no_opinion_returns"],
        "no_opinion_found": statuses.get("no_opinion", 0),
        "opinions_expected": expected["opinions"],
        "opinions_found": len(opinions),
        "needs_review": sum(1 for o in opinions if o.get("needs_review")),
        "findings": len(data.get("findings", [])),
    }


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _record(
    run: ChildRun, which: str, label: str, timeout: float, failed: set[str], notes: list[str], log
) -> None:
    """Log one run; on failure remember it (so it is not repeated) and why."""
    if run.ok:
        state = f"{run.seconds:.2f} s"
    else:
        failed.add(which)
        state = f"timed out after {timeout:.0f} s" if run.returncode is None else f"exit {run.returncode}"
        notes.append(f"{which} {state}: {run.stderr_tail.strip()[-300:]}".strip().rstrip(":"))
    if log:
        tree = f", tree {run.tree_pss_mb:.0f} MB" if run.tree_pss_mb else ""
        log(f"{label}: {state}, {run.max_rss_mb:.0f} MB{tree}")


def measure(
    folder: Path,
    repeat: int = 3,
    out_dir: Path | None = None,
    timeout: float = 600.0,
    log=None,
    baseline: bool = True,
    warm: bool = True,
) -> SizeResult:
    """Time the tool and the baseline ``repeat`` times each on an already generated corpus.

    Each tool run gets a fresh, empty result cache (``CONSOLIDATE_CACHE``), so every repeat
    is a first run, as on a new consultation; with ``warm`` the tool then runs again on
    that cache, as when a clerk re-runs it after a few more returns arrive. The cache is
    never the user's own (~/.cache), which a benchmark should neither read nor fill.

    A command that times out or fails is not run again at this size (its error is kept in
    ``note``; repeating a ten-minute failure teaches nothing), but the other one still is, so
    a size where the tool gives up still says what merely opening the files costs.
    """
    folder = Path(folder)
    manifest = load_manifest(folder)
    if manifest is None:
        raise FileNotFoundError(f"{folder} has no (current) manifest.json: run generate() first")
    with contextlib.ExitStack() as stack:
        out = Path(out_dir) if out_dir else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        out.mkdir(parents=True, exist_ok=True)  # the tool will not create its output folder
        result = SizeResult(manifest.n, manifest.to_dict(), round(_folder_mb(folder / "returns"), 1), None)
        (out / "result.json").unlink(missing_ok=True)  # never check a previous run's output
        failed: set[str] = set() if baseline else {"baseline"}
        caching_off = os.environ.get("CONSOLIDATE_CACHE", "x").lower() in ("", "off", "0", "no")
        notes: list[str] = []
        for i in range(repeat):
            order = ("tool", "baseline") if i % 2 == 0 else ("baseline", "tool")
            for which in order:
                if which in failed:
                    continue
                label = f"  N={manifest.n} repeat {i + 1}/{repeat} {which}"
                if which == "baseline":
                    run = run_child(baseline_command(folder), timeout, stdout=out / "baseline-stdout.txt")
                    result.baseline.append(run)
                    if run.ok:
                        with contextlib.suppress(OSError, ValueError, KeyError):
                            counts = json.loads((out / "baseline-stdout.txt").read_text())
                            result.check["baseline_cells"] = counts["cells"]
                    _record(run, which, label, timeout, failed, notes, log)
                    continue
                cache = Path(tempfile.mkdtemp(prefix="consolidate-bench-cache-"))
                try:
                    env = {} if caching_off else {"CONSOLIDATE_CACHE": str(cache)}
                    run = run_child(tool_command(folder, out), timeout, out / "tool-stdout.txt", env)
                    result.tool.append(run)
                    if run.ok and "units_expected" not in result.check:
                        result.check.update(check_result(out / "result.json", manifest))
                    _record(run, which, label, timeout, failed, notes, log)
                    if run.ok and warm and not caching_off:
                        again = run_child(tool_command(folder, out), timeout, out / "tool-stdout.txt", env)
                        if again.ok:
                            result.tool_warm.append(again)
                        _record(
                            again, "tool (warm cache)", label + ", warm cache", timeout, set(), notes, log
                        )
                finally:
                    shutil.rmtree(cache, ignore_errors=True)
        result.note = "; ".join(notes)
    return result


def measure_startup(runs: int = 10) -> dict[str, float]:
    """Median wall time of ``consolidate --help``, and of a bare interpreter for comparison."""
    help_times = [run_child([*consolidate_command(), "--help"], 60).seconds for _ in range(runs)]
    bare = [run_child([sys.executable, "-c", "pass"], 60).seconds for _ in range(runs)]
    return {
        "help_median": statistics.median(help_times),
        "python_median": statistics.median(bare),
        "runs": runs,
    }


# ---------------------------------------------------------------- report


def source_version() -> str:
    """The checkout's commit, marked ``+dirty`` when consolidate/ has uncommitted changes.

    The tool changes quickly; figures without the code they were measured on are worthless.
    """
    root = HERE.parent
    try:
        import consolidate

        imported_from = Path(consolidate.__file__).resolve().parent.parent
    except ImportError:
        return "not importable"
    if imported_from != root:  # e.g. PYTHONPATH pointing at a snapshot (children inherit it)
        return f"code at {imported_from}"
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "consolidate"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    cpu = platform.processor()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        from consolidate import __version__ as version
    except ImportError:
        version = "?"
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": source_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "consolidate": version,
    }


def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(results: list[SizeResult]) -> str:
    """The figures as a plain-text table."""
    from tabulate import tabulate

    rows = []
    for r in results:
        m = r.manifest
        c = r.check
        check = (
            f"{c['units_answered']}/{c['units_expected']} units, {c['opinions_found']}/{c['opinions_expected']} op."
            if "units_answered" in c
            else c.get("error", "—")
        )
        per_file = None if r.tool_median is None else r.tool_median / int(m["files"]) * 1000
        rows.append(
            [
                r.n,
                f"{m['docx']}/{m['xlsx']}",
                m["opinions"],
                _fmt(r.corpus_mb, 1),
                _fmt(r.generate_seconds),
                _fmt(r.tool_median),
                _fmt(r.tool_warm_median),
                _fmt(r.tool_cpu_median),
                _fmt(r.baseline_median),
                _fmt(r.ratio),
                _fmt(per_file, 1),
                _fmt(r.tool_peak_rss_mb, 0),
                _fmt(r.tool_peak_tree_mb, 0),
                _fmt(r.baseline_peak_rss_mb, 0),
                check + (f"  [{r.note[:60]}]" if r.note else ""),
            ]
        )
    headers = [
        "N",
        "docx/xlsx",
        "opinions",
        "MB",
        "gen s",
        "tool s",
        "warm s",
        "tool CPU s",
        "baseline s",
        "tool/base",
        "tool ms/file",
        "tool RSS MB",
        "tool tree MB",
        "base RSS MB",
        "check (tool found)",
    ]
    return tabulate(rows, headers=headers, disable_numparse=True, stralign="right")


@contextlib.contextmanager
def corpus(n: int, seed: int, keep: Path | None) -> Iterator[tuple[Path, float | None]]:
    """A corpus folder for N: reused from ``keep`` when it matches, else generated."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix=f"consolidate-bench-{n}-") as tmp:
            started = time.perf_counter()
            generate(tmp, n, seed)
            yield Path(tmp), time.perf_counter() - started
        return
    folder = keep / f"n{n}-seed{seed}"
    manifest = load_manifest(folder)
    if manifest is not None and manifest.n == n and manifest.seed == seed:
        yield folder, None
        return
    started = time.perf_counter()
    generate(folder, n, seed)
    yield folder, time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n", type=int, nargs="+", default=[1000], help="corpus sizes (returns); several allowed"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each command per size (median reported)"
    )
    parser.add_argument("--keep", type=Path, help="keep corpora and outputs in DIR and reuse them next time")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed")
    parser.add_argument("--startup-runs", type=int, default=10, help="runs of `consolidate --help`")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--no-baseline", action="store_true", help="time only the tool")
    parser.add_argument("--no-warm", action="store_true", help="skip the second (warm-cache) tool run")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    info = machine()
    log(
        f"{info['cpu']} ×{info['cpus']}, Python {info['python']}, consolidate {info['consolidate']} @ {info['commit']}"
    )
    startup = measure_startup(args.startup_runs)
    results: list[SizeResult] = []
    for n in args.n:
        with corpus(n, args.seed, args.keep) as (folder, generated):
            how = f"generated in {generated:.1f} s" if generated is not None else "reused"
            log(f"N={n}: corpus {how}: {folder}")
            out = folder / "out" if args.keep else None
            result = measure(
                folder,
                args.repeat,
                out,
                args.timeout,
                log,
                baseline=not args.no_baseline,
                warm=not args.no_warm,
            )
            result.generate_seconds = generated
            results.append(result)

    print()
    print(table(results))
    print()
    print(
        f"`consolidate --help` start-up: {startup['help_median'] * 1000:.0f} ms median of {startup['runs']} "
        f"(bare `python -c pass`: {startup['python_median'] * 1000:.0f} ms)"
    )
    print(
        f"code: {info['commit']}; medians of {args.repeat} runs; "
        "RSS = largest single process (ru_maxrss via os.wait4); tree = sampled peak PSS of the child + workers"
    )
    for r in results:
        if r.note:
            print(f"N={r.n}: {r.note}")
    if args.json:
        payload = {
            "machine": info,
            "startup": startup,
            "repeat": args.repeat,
            "sizes": [r.to_dict() for r in results],
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), "utf-8")
    return 0 if all(not r.note for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
