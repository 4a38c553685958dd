"""The Try console: run a few lines of the candidate's own Python against their solution.

No change to the sandbox is needed. The program sent is the candidate's code with one function
appended (`TRY_FUNCTION`); the job has one case, marked sample (so its stdout and stderr are kept
and shown), that calls that function with the snippet. The function compiles the snippet as
``<try>``, runs it in the solution module's globals (so it sees `flatten`, classes, imports),
evaluates a final expression statement on its own, and returns ``repr()`` of its value
(truncated). A Try counts for nothing: it is judged only as "ran" (AC) or not (RE, TLE, MLE...).
"""

from __future__ import annotations

from grader.judge import AC, Judgement

TRY_FUNCTION = "__onsite_try__"
TRY_CASE_ID = "try"
MAX_SNIPPET_BYTES = 8 * 1024
MAX_REPR_CHARS = 2000

# Appended to the candidate's module. Names are dunder-prefixed so a snippet's names do not clash.
TRY_WRAPPER = f'''


def {TRY_FUNCTION}(__snippet):
    import ast as __ast
    import sys as __sys
    import traceback as __traceback

    __globals = globals()
    try:
        __tree = __ast.parse(__snippet, "<try>", "exec")
        __last = None
        if __tree.body and isinstance(__tree.body[-1], __ast.Expr):
            __last = __ast.Expression(__tree.body.pop().value)
        exec(compile(__tree, "<try>", "exec"), __globals)
        if __last is None:
            return {{"expression": False, "repr": None}}
        __value = eval(compile(__last, "<try>", "eval"), __globals)
    except BaseException as __error:
        __traceback.print_exception(type(__error), __error, __error.__traceback__.tb_next
                                    if __error.__traceback__ else None, file=__sys.stderr)
        raise
    __text = repr(__value)
    if len(__text) > {MAX_REPR_CHARS}:
        __text = __text[:{MAX_REPR_CHARS - 1}] + "\\u2026"
    return {{"expression": True, "repr": __text, "type": type(__value).__name__}}
'''


class SnippetRefused(ValueError):
    """A snippet that cannot be run; the message is shown to the candidate as is."""


def check_snippet(snippet: object) -> str:
    """The snippet if it may be run, else SnippetRefused with a clear message."""
    if not isinstance(snippet, str) or not snippet.strip():
        raise SnippetRefused("There is nothing to try: write a few lines that use your solution, "
                             "e.g. flatten([1, [2, [3]]]).")
    if len(snippet.encode("utf-8")) > MAX_SNIPPET_BYTES:
        raise SnippetRefused(f"Your snippet is over {MAX_SNIPPET_BYTES // 1024} KiB; Try is for a few lines.")
    if "\x00" in snippet:
        raise SnippetRefused("Your snippet contains a NUL character; remove it and try again.")
    return snippet


def try_program(code: str) -> str:
    """The candidate's code with the Try function appended."""
    return code.rstrip("\n") + "\n" + TRY_WRAPPER


def try_case(snippet: str) -> dict:
    """The one case of a Try: a sample (its output is shown) that calls the Try function."""
    return {"id": TRY_CASE_ID, "sample": True, "description": "your snippet", "driver": "call",
            "target": TRY_FUNCTION, "args": [snippet]}


def try_judgement(observation: dict, judgement: Judgement) -> Judgement:
    """A Try has nothing to compare: it ran (AC, with its value) or the usual failure verdict."""
    if observation.get("status") != "ok":
        return judgement
    # actual: {"expression": bool, "repr": str | None, "type": name} as the Try function returned it.
    return Judgement(AC, "", None, observation.get("value"))
