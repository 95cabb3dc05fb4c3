"""Type stubs for hirelint, the linter for recruitment documents (a Rust extension module)."""

import os
from typing import Iterable, Literal, Optional, Sequence, TypedDict, Union

__version__: str

_Path = Union[str, "os.PathLike[str]"]
Format = Literal["markdown", "md", "html", "htm", "text", "txt", "plain"]
Kind = Literal["job-ad", "interview", "process", "other"]

class _FindingRequired(TypedDict):
    byte_end: int
    byte_start: int
    column: int
    end_column: int
    end_line: int
    family: str
    fix: Optional[str]
    line: int
    matched: str
    message: str
    path: str
    rule: str
    severity: Literal["error", "warning", "info"]
    suggestions: list[str]
    why: str

class Finding(_FindingRequired, total=False):
    """One finding: the fields of ``hirelint check --format json``.

    Lines and columns are 1-based (columns in characters); ``byte_start`` and ``byte_end``
    are byte offsets in the UTF-8 source. ``jurisdictions`` is present only for rules that
    rely on a country's law.
    """

    jurisdictions: list[str]

class HirelintError(Exception):
    """An error of hirelint, with the file and position where known."""

    file: Optional[str]
    line: Optional[int]
    column: Optional[int]

class RuleError(HirelintError):
    """A rule file or rule folder that cannot be loaded."""

    rule: Optional[str]

class ConfigError(HirelintError):
    """A configuration file (hirelint.toml) that cannot be used."""

class DocumentError(HirelintError):
    """A document that cannot be read (missing, a folder, binary, too large, not UTF-8)."""

class Linter:
    """A loaded rule set and its compiled engine; build once, share between threads.

    ``rules``: a rule folder or a list of them, added to the bundled rules (which
    ``bundled=False`` leaves out). ``config``: a ``hirelint.toml`` to apply (none is searched
    for). Raises ``RuleError``, ``ConfigError`` or ``ValueError``.
    """

    def __init__(
        self,
        rules: Union[_Path, Sequence[_Path], None] = None,
        config: Optional[_Path] = None,
        *,
        bundled: bool = True,
    ) -> None: ...
    def check(
        self,
        text: str,
        format: Format = "markdown",
        kind: Optional[Kind] = None,
        path: Optional[_Path] = None,
    ) -> list[Finding]:
        """Checks one document given as text; ``path`` is the name shown (``"<string>"``)."""
    def check_file(self, path: _Path, kind: Optional[Kind] = None) -> list[Finding]:
        """Reads and checks one file (format from its extension). Raises ``DocumentError``."""
    def check_many(
        self,
        texts: Iterable[str],
        threads: Optional[int] = None,
        format: Format = "markdown",
        kind: Optional[Kind] = None,
    ) -> list[list[Finding]]:
        """Checks many documents on ``threads`` threads (default: one per core), GIL released.

        One list of findings per text, in order; each finding's ``path`` is the text's index.
        """
    @property
    def rule_ids(self) -> list[str]:
        """The ids of the rules in use, sorted."""
