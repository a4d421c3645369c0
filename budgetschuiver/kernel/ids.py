"""Component ids, in one place. Some are stable hooks for end-to-end tests (README)."""

# Shell
URL = "url"
LANG_LINK = "lang-link"
PROFILE = "profile"
PROFILE_CLEAR = "profile-clear"
PROFILE_READY = "profile-ready"

# Polls and moodboards — stable hooks: POLL_OPTIONS, SUBMIT_POLL, SUBMIT_MOODBOARD,
# VOTE_RECEIPT; every moodboard card carries data-image="<image_id>".
POLL_OPTIONS = "poll-options"
POLL_OTHER = "poll-other"
POLL_ID = "poll-id"
SUBMIT_POLL = "submit-poll"
POLL_STATUS = "poll-choice-status"
VOTE_RECEIPT = "vote-receipt"
VOTING_CODE = "voting-code"
VOTE_ERROR = "vote-error"
POLL_RESULTS = "poll-results"
MOODBOARD_ID = "moodboard-id"
MOODBOARD_SELECTION = "moodboard-selection"
MOODBOARD_STATUS = "moodboard-status"
MOODBOARD_IMAGES = "moodboard-images"
MOODBOARD_MODAL = "moodboard-modal"
MOODBOARD_MODAL_TITLE = "moodboard-modal-title"
MOODBOARD_MODAL_BODY = "moodboard-modal-body"
SUBMIT_MOODBOARD = "submit-moodboard"
SHARE_TEXT = "share-text"
IMAGE_TOGGLE = "image-toggle"
IMAGE_VIEW = "image-view"

# /begroting/<project_id> — stable hooks: BALANCE_STATUS, SUBMIT, RECEIPT
SPEC = "budget-spec"
ALLOCATION = "budget-allocation"
HISTORY = "budget-history"
BALANCE_STATUS = "balance-status"
BALANCE_BAR = "balance-bar"
SUBMIT = "submit-budget"
SUBMIT_HINT = "submit-hint"
RECEIPT = "submission-receipt"
SUBMIT_ERROR = "submission-error"
RESET = "reset-budget"
UNDO = "undo-change"
SHARE_LINK = "share-link"
SHARE_COPY = "share-copy"
SHARE_STATUS = "share-status"
WOZ = "woz-value"
TAX_IMPACT = "tax-impact"
CHART = "budget-chart"
DISTRICT = "district"
AGE_BAND = "age-band"
COMMENT = "comment"
COMMENT_COUNT = "comment-count"
PROJECT_ID = "budget-project-id"

# Pattern-matching ids, one per budget line: {"type": ..., "line": line_id}
LINE_SLIDER = "line-slider"
LINE_INPUT = "line-input"
# What became of a typed amount: rounded, a bound, or not readable.
LINE_INPUT_NOTE = "line-input-note"
LINE_CONSEQUENCE = "line-consequence"
LINE_LEVEL = "line-level"
LINE_TABLE_AMOUNT = "line-table-amount"


def line_id(kind: str, line: str) -> dict[str, str]:
    return {"type": kind, "line": line}


def dom_id(component_id: dict[str, str]) -> str:
    """The HTML id Dash renders for a dict id (keys sorted, compact JSON)."""
    import json

    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
