"""The one exception hierarchy of the checker.

Every message is written for the person who submitted the input: one sentence that
says what is wrong and, where we can tell, what to do about it. The CLI prints the
message and exits with status 2; the web app shows it next to the upload.
"""


class AnnexError(Exception):
    """Base of every error the checker reports to a user."""

    exit_status = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(AnnexError):
    """The user's input (a file, a manifest, an option) cannot be used."""


class UnreadableFile(InputError):
    """The file cannot be opened or is damaged beyond repair."""


class EmptyFile(InputError):
    """The file has no content at all."""


class NotADxf(InputError):
    """The file is not a DXF drawing."""


class DwgFile(NotADxf):
    """The file is a DWG drawing, which we do not read."""


class NoPlanContent(InputError):
    """The drawing holds nothing that maps to a floor plan."""


class ManifestError(InputError):
    """project.toml or a layer-mapping file is malformed."""


class UnitsError(InputError):
    """A unit given by the user is not one we know."""


class RulesetError(AnnexError):
    """A ruleset file is malformed or names rules or parameters that do not exist."""


class ScheduleError(InputError):
    """The openings schedule (CSV or XLSX) cannot be read or names what the plan does not have."""


class LimitExceeded(InputError):
    """A file or a drawing is past one of the reading limits (checker.reading.limits):
    its size, its blocks' nesting depth or copies, its entities once expanded, or
    coordinates past any building's size. The sentence names what was too big and,
    where a limit can be raised, how."""

    def __init__(self, reason):
        from .messages import render  # messages imports nothing of ours; kept local all the same

        super().__init__(render(reason))
        self.reason = reason  # the Message, for a sentence in another language


class NotAFile(UnreadableFile):
    """A path names a device, a named pipe, a socket or a folder, not an ordinary file."""

    def __init__(self, reason):
        from .messages import render

        super().__init__(render(reason))
        self.reason = reason
