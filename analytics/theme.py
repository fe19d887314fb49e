"""One palette for the app and the slides: Okabe-Ito, safe for colour-blind readers."""
from __future__ import annotations

PRIMARY = "#0072B2"
MUTED = "#9AA5B1"

VICE_RECTOR_COLOURS = {
    "academic": "#0072B2", "science": "#009E73", "development": "#E69F00", "international": "#CC79A7",
    "general": "#56B4E9", "executive": "#D55E00", "adviser": "#7F7F7F", None: "#BBBBBB",
}
RECURRENCE_COLOURS = {"regular": "#9BC8E8", "annual": "#E69F00", "semester": "#CC79A7", "dated": "#0072B2",
                      "period": "#0072B2", "once": "#009E73", "unknown": "#8C8C8C", "none": "#D4D4D4"}
ROLE_COLOURS = {"lead": "#0072B2", "partner": "#E69F00", "coordinator": "#D55E00"}
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
