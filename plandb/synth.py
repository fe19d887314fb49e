"""Synthetic documents for N institutions, recombined from the real seed vocabulary, written in the
formats the real loaders read (QKU-style plan text, NDU-style tab-separated activity plan), so that
the real parsers run on them: `python -m loaders synth --institutions N --out DIR`."""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from parse import ndu_plan, qku_plan
from parse.reference import Reference
from parse.text_utils import vocabulary
from paths import RAW_DIR

CITIES = ["Bakı", "Gəncə", "Sumqayıt", "Şəki", "Lənkəran", "Quba", "Şamaxı", "Qəbələ", "Zaqatala", "Şirvan",
          "Naxçıvan", "Mingəçevir", "Bərdə", "Ağdam", "Füzuli", "Şuşa", "Xaçmaz", "Qazax", "Göyçay", "Salyan"]
KINDS = ["Dövlət Universiteti", "Texniki Universiteti", "Pedaqoji Universiteti", "İqtisad Universiteti",
         "Tibb Universiteti", "Aqrar Universiteti", "Memarlıq və İnşaat Universiteti", "Regional Universiteti"]
DEADLINE = re.compile(r"Müntəzəm|Hər tədris ilinin sonunda|\b20\d\d\s*-\s*20\d\d\b")


def _seed_vocabulary() -> dict[str, list]:
    ref = Reference.load()
    texts = {p.name: p.read_text(encoding="utf-8") for p in RAW_DIR.glob("*.txt")}
    vocab = vocabulary(texts.values())
    qku = qku_plan.parse(texts["qku_strategic_plan_2021_2025.txt"], "qku", ref, vocab)
    ndu = ndu_plan.parse(texts["ndu_international_relations_plan_2025.txt"], "ndu", ref, vocab)
    units = [u["canonical_az"] for u in ref.units if u["kind"] in ("department", "centre", "faculty")]
    return {
        "goals": list(qku.goals.values()),
        "targets": list(qku.targets.values()),
        "titles": [a.title for a in qku.actions if not DEADLINE.search(a.title) and len(a.title) < 160],
        "deadlines": [a.deadline.raw for a in qku.actions],
        "notes": [a.note_raw for a in qku.actions if a.note_raw],
        "units": units,
        "ndu_rows": [a for a in ndu.actions],
    }


def strategic_plan(code: str, name: str, rng: random.Random, v: dict, actions: int) -> str:
    lines = [f"{name} ({code}) — Strateji plan 2021-2025", ""]
    goals = rng.sample(v["goals"], k=min(8, len(v["goals"])))
    per_goal = max(actions // len(goals), 1)
    for g, goal in enumerate(goals, start=1):
        lines += [f"Məqsəd {g}: {goal}", ""]
        n_targets = rng.randint(2, 4)
        sizes = [per_goal // n_targets + (1 if i < per_goal % n_targets else 0) for i in range(n_targets)]
        for t, size in enumerate(sizes, start=1):
            lines += [f"Hədəf {t}: {rng.choice(v['targets'])}", "",
                      "№ Görülən işin məzmunu İcra müddəti Məsul struktur bölməsi Qeyd"]
            for k in range(1, max(size, 1) + 1):
                units = ", ".join(rng.sample(v["units"], k=rng.randint(1, 3)))
                lines += [f"{k}. {rng.choice(v['titles'])}",
                          f"{rng.choice(v['deadlines'])} {units} {rng.choice(v['notes'])}", ""]
    return "\n".join(lines) + "\n"


def activity_plan(code: str, name: str, rng: random.Random, v: dict, rows: int) -> str:
    header = ("Məqsəd\tFəaliyyətin adı\tNəticə indikatoru (bələblər)\t\tİcra mərhələləri\tBaza göstəricisi\t"
              "Məsul şəxs / struktur bölmə\tZəruri ehtiyac / resurslar\tİcra nəzarət\tTəsdiqlədiyi sənəd\t"
              "Hesabatlılıq\tƏlavə qeydlər\t")
    out = [f"{name.upper()} ({code})", "BEYNƏLXALQ ƏLAQƏLƏR ŞÖBƏSİNİN", "2025-Cİ İL ÜÇÜN FƏALİYYƏT PLANI", "", header,
           "\t\tKamıyyət\tKeyfiyyət\t\t\t\t\t\t\t\t\t"]
    for row_no in range(1, rows + 1):
        a = rng.choice(v["ndu_rows"])
        d = a.details
        timeline = rng.choice(["İlboyu 2025", "Yanvar-Sentyabr 2025", "Aprel-İyun 2025", "2025", "Müfəssəl"])
        out.append("\t".join([
            f"Məqsəd - {rng.randint(1, 3)} hədəf {rng.randint(1, 3)}-{row_no}.{rng.randint(1, 6)}",
            a.title, d.get("indicator_quantitative") or "Sayı", d.get("indicator_qualitative") or "Keyfiyyət",
            timeline, d.get("baseline") or "", "Beynəlxalq əlaqələr şöbəsi", d.get("resources") or "",
            a.note_raw or "Beynəlxalq əlaqələr üzrə prorektor", d.get("evidence") or "Hesabat",
            d.get("reporting") or "İllik hesabat", ""]))
    return "\n".join(out) + "\n"


def synth(institutions: int, out: Path, seed: int = 7, actions: int = 140, activity_rows: int = 20) -> int:
    """Write the documents; returns the number of action rows written."""
    rng = random.Random(seed)
    v = _seed_vocabulary()
    out.mkdir(parents=True, exist_ok=True)
    for keep in ("cbhe_compendium_azerbaijan_2022_2024.txt", "unec_syllabus_dovlet_qullugu_2025_2026.txt"):
        shutil.copy(RAW_DIR / keep, out / keep)
    total = 0
    for i in range(1, institutions + 1):
        code = f"U{i:03d}"
        name = f"{CITIES[i % len(CITIES)]} {KINDS[(i // len(CITIES)) % len(KINDS)]} {i}"
        plan = strategic_plan(code, name, rng, v, actions)
        (out / f"{code.lower()}_strategic_plan_2021_2025.txt").write_text(plan, encoding="utf-8")
        (out / f"{code.lower()}_activity_plan_2025.txt").write_text(
            activity_plan(code, name, rng, v, activity_rows), encoding="utf-8")
        total += len(re.findall(r"^\d+\. ", plan, re.MULTILINE)) + activity_rows
    return total
