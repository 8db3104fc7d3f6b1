"""How often a figure is shown as the right catalogue indicator: mapping precision and recall.

    python scripts/score_mapping.py             the seeds and the corpus
    python scripts/score_mapping.py --show      each wrong mapping as well

tests/data/mapping/*.jsonl label every gold fact of the seeds (tests/data/gold) and of the corpus
(tests/data/corpus) with the catalogue indicator it is the value of, or null, by reading it (see the
README there). chitieu's extraction is paired with the gold facts by the shared scorer's matching; then

- precision: of the figures chitieu maps to an indicator, the share mapped to the labelled one (a figure
  that is no gold fact at all, but mapped, counts as wrong: it would be shown);
- recall: of the gold facts labelled with an indicator, the share chitieu finds and maps to it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data" / "eval"))
sys.path.insert(0, str(ROOT / "scripts"))
import score as S  # noqa: E402

from chitieu.catalog.model import load_catalog  # noqa: E402
from chitieu.services.extraction import extract_path  # noqa: E402
from train_decisions import _pairs  # noqa: E402

LABELS = ROOT / "tests" / "data" / "mapping"


def load_labels() -> dict[tuple[str, int], str | None]:
    """Each gold fact's indicator; a topic of the catalogue (a heading of many kinds of figures) is no
    figure's indicator, whatever the label says."""
    topics = {i.id for i in load_catalog() if i.topic}
    labels: dict[tuple[str, int], str | None] = {}
    for part in sorted(LABELS.glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                indicator = row.get("indicator")
                labels[(row["doc"], int(row["idx"]))] = None if indicator in topics else indicator
    return labels


def documents() -> list[tuple[str, str, list[dict]]]:
    """(label key, text, gold facts) of every seed and corpus page whose figures are labelled (a page
    added to the corpus later has none yet: its figures would all count as wrongly mapped)."""
    labelled = {doc for doc, _ in load_labels()}
    docs = []
    for gold_file in sorted((ROOT / "tests" / "data" / "gold").glob("*.json")):
        source = ROOT / "samples" / f"{gold_file.stem}.txt"
        docs.append((gold_file.stem, source.read_text(encoding="utf-8"),
                     json.loads(gold_file.read_text(encoding="utf-8"))["facts"]))
    for gold_file in sorted((ROOT / "tests" / "data" / "corpus").glob("[0-9]*.json")):
        text = gold_file.with_suffix(".txt").read_text(encoding="utf-8")
        body = text.split("\n\n", 1)[1] if "\n\n" in text else text
        docs.append((f"corpus/{gold_file.stem}", body, json.loads(gold_file.read_text(encoding="utf-8"))))
    return [d for d in docs if d[0] in labelled]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="print each wrong or missed mapping")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    labels = load_labels()
    if not labels:
        print("no labels in tests/data/mapping", file=sys.stderr)
        return 1
    mapped = right = labelled = found = 0
    wrong: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for key, text, gold in documents():
            path = Path(tmp) / f"{key.replace('/', '_')}.txt"
            path.write_text(text, encoding="utf-8")
            pred = S.clean_prediction(extract_path(path).contract or {})["facts"]
            pairs = _pairs(gold, pred)
            gold_index = {id(g): k for k, g in enumerate(gold)}
            truth_of = {i: labels.get((key, gold_index[id(g)])) for i, g in pairs.items()}
            for i, p in enumerate(pred):
                if not p.get("indicator_id"):
                    continue
                mapped += 1
                truth = truth_of.get(i)
                if i in pairs and truth == p["indicator_id"]:
                    right += 1
                else:
                    what = f"{p['indicator_id']} ≠ {truth}" if i in pairs else f"{p['indicator_id']} (no gold fact)"
                    wrong[what] += 1
                    if args.show:
                        print(f"  {key} {p['indicator_id']} ≠ {truth if i in pairs else '(no gold fact)'} | "
                              f"{p.get('quote', '')[-90:]}")
            paired_truth = {gold_index[id(g)]: pred[i].get("indicator_id") for i, g in pairs.items()}
            for k in range(len(gold)):
                truth = labels.get((key, k))
                if truth is not None:
                    labelled += 1
                    found += paired_truth.get(k) == truth
    precision = right / mapped if mapped else 0.0
    recall = found / labelled if labelled else 0.0
    if args.json:
        print(json.dumps({"mapping_precision": precision, "mapping_recall": recall, "mapped": mapped,
                          "labelled": labelled}))
        return 0
    print(f"MAPPING precision={precision:.3f} ({right}/{mapped} figures mapped) "
          f"recall={recall:.3f} ({found}/{labelled} labelled facts)")
    for what, n in wrong.most_common(12):
        print(f"  {n:4} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
