"""Component ids, in one place. Some are stable hooks for end-to-end tests (README)."""

# Shell
URL = "url"
LANG_LINK = "lang-link"

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
LINE_CONSEQUENCE = "line-consequence"
LINE_LEVEL = "line-level"
LINE_TABLE_AMOUNT = "line-table-amount"


def line_id(kind: str, line: str) -> dict[str, str]:
    return {"type": kind, "line": line}


def dom_id(component_id: dict[str, str]) -> str:
    """The HTML id Dash renders for a dict id (keys sorted, compact JSON)."""
    import json

    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
