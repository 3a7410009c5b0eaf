"""What ran when the GUI thread stalled: a tracer for the GUI probes (benchmarks only, never the app).

`install()` records, with time.perf_counter() stamps:
- in the window's worker threads (the QThreadPool tasks of ui/window/workers.Task), every single call into C
  that lasted over `c_ms`: C code holds the interpreter for its whole length (Python switches threads only
  between bytecodes), so such a call stalls the GUI thread as long (its thread CPU time is recorded: the wall time of a
  profiled call includes waits for the interpreter, and a thread the machine's load preempts while it holds
  the interpreter stalls the GUI thread too, which no change to our code can remove);
- on the GUI thread, every outermost Python call from the event loop (a slot, an event handler) that lasted
  over `gui_ms`;
- every garbage collection over `gc_ms`, on whichever thread;
- every outermost Python call on the GUI thread, however short (`gui_calls`): a stall made of Qt's C++ calling
  Python once per row shows no long slot, only many short calls (each of which may wait for the interpreter).
`report(stalls)` prints each stall (start, length) next to what overlapped it, and the GUI thread's calls
during it grouped by function (count, total time). Profiling slows the Python code
it watches, not the C calls, so the long C calls it names are as long as without it.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from pathlib import Path
from typing import Any

events: list[tuple[float, float, str, str]] = []  # (start, seconds, thread, what)
gui_calls: list[tuple[float, float, Any]] = []  # (start, seconds, code object) of every outermost GUI-thread call


def _where(frame: Any) -> str:
    f = frame
    parts = []
    while f is not None and len(parts) < 4:
        code = f.f_code
        if "reader_app" in code.co_filename or "whoosh" in code.co_filename:
            name = code.co_filename.split("site-packages/")[-1].split("reader_app/")[-1]
            parts.append(f"{name}:{f.f_lineno}({code.co_name})")
        f = f.f_back
    return " < ".join(parts)


def _worker_hook(c_s: float):
    # [wall start, thread CPU start, whether Python code ran inside]: a C call that runs Python (exec, sorted
    # with a key) lets other threads in between; one that does not holds the interpreter for its CPU time.
    # CPU time, not wall: the hook itself is Python, so the wall time of a call includes waits for the GIL.
    stack: list[list] = []

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            stack.append([time.perf_counter(), time.thread_time(), False])
        elif event == "call":
            if stack:
                stack[-1][2] = True
        elif event in ("c_return", "c_exception") and stack:
            t0, c0, nested = stack.pop()
            if nested:
                if stack:
                    stack[-1][2] = True
                return
            cpu = time.thread_time() - c0
            if cpu > c_s:
                dt = time.perf_counter() - t0
                name = getattr(arg, "__qualname__", None) or getattr(arg, "__name__", repr(arg))
                mod = getattr(arg, "__module__", None) or ""
                events.append((t0, dt, threading.current_thread().name,
                               f"C {mod}.{name} (CPU {cpu * 1000:.0f} ms) at {_where(frame)}"))

    return hook


def _gui_hook(gui_s: float, base_depth: int = 0):
    # A call is outermost when the frame below it is none or the benchmark's own (its settle() and wait_for()
    # run event loops: what Qt calls from those is the window's work); the benchmark's frames are not traced.
    here = str(Path(__file__).resolve().parent)
    open_calls: dict[int, tuple[float, float]] = {}

    def ours(frame: Any) -> bool:
        return frame.f_code.co_filename.startswith(here)

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            if not ours(frame) and (frame.f_back is None or ours(frame.f_back)):
                open_calls[id(frame)] = (time.perf_counter(), time.thread_time())
        elif event == "return":
            started = open_calls.pop(id(frame), None)
            if started is not None:
                t0, c0 = started
                dt = time.perf_counter() - t0
                gui_calls.append((t0, dt, frame.f_code))
                cpu = time.thread_time() - c0
                if cpu > gui_s:
                    code = frame.f_code
                    events.append((t0, dt, "GUI", f"slot {code.co_filename.split('reader_app/')[-1]}:"
                                   f"{code.co_firstlineno}({code.co_qualname}) (CPU {cpu * 1000:.0f} ms)"))

    return hook


def install(c_ms: float = 10, gui_ms: float = 10, gc_ms: float = 10) -> None:
    """Trace worker tasks' long C calls, the GUI thread's long slots and long collections from now on.
    Call on the GUI thread before the event loop starts."""
    from reader_app.ui.window import workers

    run = workers.Task.run

    def traced_run(self: Any) -> None:
        fn = getattr(self._fn, "__qualname__", repr(self._fn))  # run() lets go of it
        sys.setprofile(_worker_hook(c_ms / 1000))
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            run(self)
        finally:
            sys.setprofile(None)
            events.append((t0, time.perf_counter() - t0, threading.current_thread().name,
                           f"task {fn} (CPU {(time.thread_time() - c0) * 1000:.0f} ms)"))

    workers.Task.run = traced_run  # type: ignore[method-assign]
    gui = threading.get_ident()
    gc_start: dict[int, float] = {}

    gc_cpu: dict[int, float] = {}

    def on_gc(phase: str, info: dict) -> None:
        me = threading.get_ident()
        if phase == "start":
            gc_start[me], gc_cpu[me] = time.perf_counter(), time.thread_time()
        elif me in gc_start:
            t0 = gc_start.pop(me)
            cpu = time.thread_time() - gc_cpu.pop(me)
            dt = time.perf_counter() - t0
            if dt > gc_ms / 1000:
                who = "GUI" if me == gui else threading.current_thread().name
                events.append((t0, dt, who, f"gc generation {info.get('generation')} (CPU {cpu * 1000:.0f} ms)"))

    gc.callbacks.append(on_gc)
    _installed.extend((workers.Task, run, on_gc))
    sys.setprofile(_gui_hook(gui_ms / 1000, 0))


_installed: list[Any] = []


def uninstall() -> None:
    """Undo install() (on the GUI thread); the events recorded stay."""
    if _installed:
        task, run, on_gc = _installed
        task.run = run
        gc.callbacks.remove(on_gc)
        _installed.clear()
    sys.setprofile(None)


def report(stalls: list[tuple[float, float]], out: Any = sys.stderr, every: bool = True) -> None:
    """For each stall (perf_counter start, seconds), what overlapped it and the GUI thread's calls during it;
    then (`every`) every event."""
    for s0, sd in stalls:
        print(f"stall at {s0:.3f} for {sd * 1000:.0f} ms:", file=out)
        for t0, dt, who, what in sorted(events):
            if t0 < s0 + sd and t0 + dt > s0:
                print(f"    {who}: {dt * 1000:.0f} ms from {t0 - s0:+.3f}: {what}", file=out)
        calls: dict[Any, list[float]] = {}
        for t0, dt, code in gui_calls:
            if t0 < s0 + sd and t0 + dt > s0:
                c = calls.setdefault(code, [0, 0.0])
                c[0] += 1
                c[1] += dt
        for code, (n, total) in sorted(calls.items(), key=lambda kv: -kv[1][1])[:6]:
            where = f"{code.co_filename.split('site-packages/')[-1].split('reader_app/')[-1]}:{code.co_firstlineno}"
            print(f"    GUI calls: {n} x {code.co_qualname} ({where}), {total * 1000:.0f} ms in all", file=out)
    if not every:
        return
    print("all events:", file=out)
    for t0, dt, who, what in sorted(events):
        print(f"  {t0:.3f} {dt * 1000:6.0f} ms {who}: {what}", file=out)
