"""Plan to plan: the actions of a university's earlier plan matched with those of its next plan, as carried over
(the same action, perhaps renumbered), changed (reworded), split (one old action become two new ones), dropped
(no counterpart in the next plan) and new (no counterpart in the earlier plan).

The matching is pure (frames in, a frame out): a pair's score is the similarity of the two titles as written
(rapidfuzz on normalised Azerbaijani text: letters folded, punctuation and small words dropped, words cut to
their stem so that case endings do not count), plus a bonus for the same number and for shared lead units.
Pairs are taken best first, one to one (greedy). Editors' decisions (state/plan_matches.py) are applied over
it: a confirmed pair is kept whatever its score, a broken pair is never made again."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from analytics.db import query
from state import plan_matches

SAME = 95      # the titles' words as written (normalised) this alike: carried over, else changed (reworded)
MATCH = 62     # score (title similarity + bonuses) at or above: a match
PART = 0.75    # share of a new title's stems found in an old title: a part of it (a split)
SAME_NUMBER, SAME_TARGET, SAME_GOAL = 8.0, 3.0, 1.0   # bonuses for numbering
UNITS = 6.0    # bonus for shared lead units (times their Jaccard share)
STEM = 6       # letters kept of a word: Azerbaijani endings follow the stem
KINDS = ("carried", "changed", "split", "dropped", "new")
SMALL = {"və", "ilə", "üçün", "üzrə", "olaraq", "həm", "də", "da", "bu", "bir", "ya", "yaxud", "hər", "o",
         "the", "and", "of", "for", "in", "to", "a", "an", "with", "on"}
_FOLD = str.maketrans({"İ": "i", "I": "ı"})
_NON_WORD = re.compile(r"[^\w]+")


def norm(text: object) -> str:
    """Lower case as Azerbaijani writes it (İ→i, I→ı), punctuation as spaces, one space between words."""
    if not isinstance(text, str):
        return ""
    return " ".join(_NON_WORD.sub(" ", text.translate(_FOLD).lower()).split())


def stems(text: object) -> list[str]:
    """The words that carry meaning, cut to their stem (the first STEM letters)."""
    return [w[:STEM] for w in norm(text).split() if w not in SMALL and not w.isdigit()]


def title_score(a: object, b: object) -> float:
    """0-100: how alike two titles read, whatever the word order and the case endings. The mean of the token-set
    ratio (one title inside the other scores high) and the token-sort ratio (the whole of both must agree)."""
    sa, sb = " ".join(stems(a)), " ".join(stems(b))
    if not sa or not sb:
        return 0.0
    return round((fuzz.token_set_ratio(sa, sb) + fuzz.token_sort_ratio(sa, sb)) / 2, 1)


def same_words(a: object, b: object) -> bool:
    """The same title, but for case, punctuation and spacing (an action carried over as it was)."""
    return fuzz.ratio(norm(a), norm(b)) >= SAME


def _part(new: object, old: object) -> float:
    """The share of the new title's stems that the old title has (1.0: the new one is a part of the old)."""
    n, o = set(stems(new)), set(stems(old))
    return len(n & o) / len(n) if n else 0.0


def _numbers(a) -> tuple:
    return tuple(None if pd.isna(v) else int(v) for v in (a.goal_no, a.target_no, a.action_no))


def bonus(old, new) -> float:
    """Numbering and lead units shared by an old and a new action."""
    o, n = _numbers(old), _numbers(new)
    plus = 0.0
    if o[0] is not None and o == n:
        plus += SAME_NUMBER
    elif o[:2] == n[:2] and o[0] is not None and o[1] is not None:
        plus += SAME_TARGET
    elif o[0] is not None and o[0] == n[0]:
        plus += SAME_GOAL
    lo, ln = set(old.lead_units if old.lead_units is not None else ()), \
        set(new.lead_units if new.lead_units is not None else ())
    if lo and ln:
        plus += UNITS * len(lo & ln) / len(lo | ln)
    return plus


@dataclass(frozen=True)
class Pair:
    old_key: str
    new_key: str
    title: float
    score: float


def candidates(old: pd.DataFrame, new: pd.DataFrame) -> list[Pair]:
    """Every pair of an old and a new action whose score reaches MATCH, best first."""
    so = [" ".join(stems(t)) for t in old.title_az]
    sn = [" ".join(stems(t)) for t in new.title_az]
    if not so or not sn:
        return []
    titles = (process.cdist(so, sn, scorer=fuzz.token_set_ratio)
              + process.cdist(so, sn, scorer=fuzz.token_sort_ratio)) / 2
    out = []
    olds, news = list(old.itertuples()), list(new.itertuples())
    for i, j in zip(*(titles + SAME_NUMBER + UNITS >= MATCH).nonzero(), strict=True):
        o, n = olds[i], news[j]
        ts = round(float(titles[i, j]), 1) if so[i] and sn[j] else 0.0
        score = ts + bonus(o, n)
        if score >= MATCH:
            out.append(Pair(o.action_key, n.action_key, ts, score))
    return sorted(out, key=lambda p: (-p.score, -p.title, p.old_key, p.new_key))


def match(old: pd.DataFrame, new: pd.DataFrame, decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per old action (carried, changed, split or dropped) and per new action with no old one (new, or
    the second part of a split). Columns: old_key, new_key (None where there is none), kind, score (0-100,
    None for dropped and new), title_score, decision ('confirm' where an editor confirmed the pair, else None),
    decided_by, decided_at. `decisions`: the decisions in force (state.plan_matches.in_force)."""
    decisions = decisions if decisions is not None else pd.DataFrame(columns=plan_matches.COLUMNS)
    old_keys, new_keys = set(old.action_key), set(new.action_key)
    o_by, n_by = old.set_index("action_key"), new.set_index("action_key")
    known = decisions[decisions.old_key.isin(old_keys) & decisions.new_key.isin(new_keys)]
    broken = set(zip(known[known.decision == "break"].old_key, known[known.decision == "break"].new_key,
                     strict=True))
    taken_o: dict[str, Pair] = {}
    taken_n: set[str] = set()
    confirmed: dict[tuple[str, str], object] = {}
    for d in known[known.decision == "confirm"].iloc[::-1].itertuples():  # the newest wins a conflict
        if d.old_key in taken_o or d.new_key in taken_n:
            continue
        o, n = o_by.loc[d.old_key], n_by.loc[d.new_key]
        ts = title_score(o.title_az, n.title_az)
        taken_o[d.old_key] = Pair(d.old_key, d.new_key, ts, ts + bonus(o, n))
        taken_n.add(d.new_key)
        confirmed[(d.old_key, d.new_key)] = d
    for p in candidates(old, new):
        if p.old_key in taken_o or p.new_key in taken_n or (p.old_key, p.new_key) in broken:
            continue
        taken_o[p.old_key] = p
        taken_n.add(p.new_key)
    splits = _splits(o_by, n_by, taken_o, taken_n, broken, confirmed)
    rows = []
    for o in old.itertuples():
        p = taken_o.get(o.action_key)
        if p is None:
            rows.append(_out(o.action_key, None, "dropped", None, None))
            continue
        kind = "split" if o.action_key in splits else \
            "carried" if same_words(o.title_az, n_by.loc[p.new_key].title_az) else "changed"
        rows.append(_out(p.old_key, p.new_key, kind, p.score, p.title, confirmed.get((p.old_key, p.new_key))))
    for n in new.itertuples():
        if n.action_key in taken_n:
            continue
        part_of = next((o for o, parts in splits.items() if n.action_key in parts), None)
        if part_of is None:
            rows.append(_out(None, n.action_key, "new", None, None))
        else:
            ts = title_score(o_by.loc[part_of].title_az, n.title_az)
            rows.append(_out(part_of, n.action_key, "split", None, ts))
    return pd.DataFrame(rows, columns=["old_key", "new_key", "kind", "score", "title_score", "decision",
                                       "decided_by", "decided_at"])


def _out(old_key, new_key, kind, score, title, decision=None) -> dict:
    return {"old_key": old_key, "new_key": new_key, "kind": kind,
            "score": None if score is None else int(round(min(score, 100.0))),
            "title_score": None if title is None else int(round(title)),
            "decision": None if decision is None else "confirm",
            "decided_by": None if decision is None else decision.decided_by,
            "decided_at": None if decision is None else decision.decided_at}


def _splits(o_by: pd.DataFrame, n_by: pd.DataFrame, taken_o: dict[str, Pair], taken_n: set[str],
            broken: set, confirmed: dict) -> dict[str, list[str]]:
    """Old actions split in two: matched (not verbatim) with a new action that is a part of it, and another new
    action left unmatched is the other part (most of its stems in the old title, few in the first part).
    old key -> the unmatched new parts."""
    out: dict[str, list[str]] = {}
    loose = [k for k in n_by.index if k not in taken_n]
    for ok, p in taken_o.items():
        if (ok, p.new_key) in confirmed:
            continue
        old_title, first = o_by.loc[ok].title_az, n_by.loc[p.new_key].title_az
        if _part(first, old_title) < PART or _part(old_title, first) >= 0.9:  # the first is a part, not the whole
            continue
        for nk in loose:
            other = n_by.loc[nk].title_az
            if (ok, nk) in broken or _part(other, old_title) < PART or _part(other, first) > 0.5:
                continue
            if any(nk in v for v in out.values()):
                continue
            covered = set(stems(first)) | set(stems(other))
            if len(covered & set(stems(old_title))) / max(len(set(stems(old_title))), 1) >= 0.6:
                out.setdefault(ok, []).append(nk)
                break
    return out


# ------------------------------------------------------------------ reads: plans, actions, decisions
def consecutive(uni: str) -> list[tuple[pd.Series, pd.Series]]:
    """(earlier, later) plans of a university that follow each other: strategic plans with strategic plans,
    yearly plans with yearly plans, oldest pair first."""
    plans = query("plan_match_plans", institution=uni)
    pairs = []
    for _yearly, group in plans.groupby("yearly", sort=False):
        rows = [r for _i, r in group.sort_values(["period_start", "period_end"]).iterrows()]
        pairs += [(a, b) for a, b in zip(rows, rows[1:], strict=False) if b.period_start > a.period_start]
    return sorted(pairs, key=lambda ab: (int(ab[0].period_start), int(ab[1].period_start)))


def plans_of(uni: str) -> pd.DataFrame:
    return query("plan_match_plans", institution=uni)


def actions(document_id: str, lang: str) -> pd.DataFrame:
    return query("plan_match_actions", document=document_id, lang=lang)


@dataclass(frozen=True)
class Comparison:
    old: pd.DataFrame       # the earlier plan's actions (plan_match_actions)
    new: pd.DataFrame       # the later plan's actions
    rows: pd.DataFrame      # match(): one row per old action and per new action with no old one
    broken: pd.DataFrame    # the pairs editors broke (decisions in force), for the screen to list

    def counts(self) -> dict[str, int]:
        """Old actions carried, changed (split ones included), split, dropped; new actions."""
        old_rows = self.rows[self.rows.old_key.notna()].drop_duplicates("old_key")
        k = old_rows.kind.value_counts()
        return {"old": len(self.old), "carried": int(k.get("carried", 0)),
                "changed": int(k.get("changed", 0) + k.get("split", 0)), "split": int(k.get("split", 0)),
                "dropped": int(k.get("dropped", 0)), "new": int((self.rows.kind == "new").sum()),
                "later": len(self.new)}


def compare(old_document: str, new_document: str, lang: str = "az") -> Comparison:
    """The matching of two plans with the editors' decisions in force applied."""
    old, new = actions(old_document, lang), actions(new_document, lang)
    decided = plan_matches.in_force(old_document, new_document)
    rows = match(old, new, decided)
    broken = decided[decided.decision == "break"] if not decided.empty else decided
    return Comparison(old, new, rows, broken.reset_index(drop=True))


# ------------------------------------------------------------------ for people: numbers, lines, the workbook sheet
def number(a) -> str:
    """An action's number as the plan writes it ('1.2.3'; NDU's '3 / 2-1.3'), without the university."""
    from analytics.charts import action_label

    label = action_label(a.institution, a.goal_no, a.target_no, a.action_no, a.goal_ref)
    return label[len(str(a.institution)) + 1:] if label.startswith(f"{a.institution} ") else label


def period(plan) -> str:
    start, end = int(plan.period_start), int(plan.period_end)
    return str(start) if start == end else f"{start}–{end}"


def detailed(c: Comparison) -> pd.DataFrame:
    """The rows of a comparison with both actions' number, title, goal and lead units beside them (old_*, new_*)."""
    def side(df: pd.DataFrame, prefix: str) -> pd.DataFrame:
        out = pd.DataFrame({"key": df.action_key, "number": [number(a) for a in df.itertuples()],
                            "title": df.title, "goal_no": df.goal_no, "goal_title": df.goal_title,
                            "lead_units": df.lead_units, "seq": df.seq})
        return out.add_prefix(prefix)

    rows = c.rows.merge(side(c.old, "old_"), left_on="old_key", right_on="old_key", how="left")
    rows = rows.merge(side(c.new, "new_"), left_on="new_key", right_on="new_key", how="left")
    return rows


def scope_university(f) -> str | None:
    """The university of the filters: the one chosen, else the one of the chosen plan."""
    if getattr(f, "uni", None):
        return f.uni
    if getattr(f, "plan", None):
        plans = query("plans")
        found = plans[plans.document_id == f.plan].institution
        return str(found.iloc[0]) if len(found) and isinstance(found.iloc[0], str) else None
    return None


def sheet_rows(f) -> pd.DataFrame:
    """Every consecutive pair of plans of the filters' university, action by action, for the workbook (empty when
    there is no university or no pair)."""
    from analytics.i18n import t

    lang = f.lang
    uni = scope_university(f)
    frames = []
    for earlier, later in consecutive(uni) if uni else []:
        c = compare(str(earlier.document_id), str(later.document_id), lang)
        d = detailed(c)
        frames.append(pd.DataFrame({
            t("pp.col.plans", lang): f"{period(earlier)} → {period(later)}",
            t("c.goal", lang): d.old_goal_no.fillna(d.new_goal_no).astype("Int64"),
            t("pp.col.kind", lang): [t(f"pp.kind.{k}", lang) for k in d.kind],
            t("pp.col.old_number", lang): d.old_number,
            t("pp.col.old_title", lang): d.old_title,
            t("pp.col.new_number", lang): d.new_number,
            t("pp.col.new_title", lang): d.new_title,
            t("pp.col.score", lang): d.title_score.astype("Int64"),
            t("pp.col.decision", lang): [t("pp.confirmed_by", lang, who=str(w).split(" <", 1)[0],
                                           day=_day(at, lang)) if isinstance(w, str) else None
                                         for w, at in zip(d.decided_by, d.decided_at, strict=True)],
        }))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _day(value: object, lang: str) -> str:
    from analytics import fmt

    return fmt.day(value, lang)
