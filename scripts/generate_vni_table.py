"""Regenerate src/chitieu/read/data/vni.json (VNI-Windows sequences → Unicode letters).

The table is taken from the npm package vietnamese-conversion 2.0.0 (MIT), fetched with `npm pack`
from the npm registry and read with node; nothing is typed by hand. Needs npm and node.
"""

import json
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "vietnamese-conversion@2.0.0"
OUT = Path(__file__).resolve().parents[1] / "src/chitieu/read/data/vni.json"
DUMP = "const c=require('./package/dist/charsets.js').default;console.log(JSON.stringify([c.UNICODE,c.VNI]))"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
        tarball = next(Path(tmp).glob("*.tgz"))
        subprocess.run(["tar", "xzf", tarball.name], cwd=tmp, check=True)
        out = subprocess.run(["node", "-e", DUMP], cwd=tmp, check=True, capture_output=True, text=True)
    unicode_letters, vni_sequences = json.loads(out.stdout)
    letters: dict[str, set[str]] = {}
    for uni, vni in zip(unicode_letters, vni_sequences, strict=True):
        letters.setdefault(vni, set()).add(uni)
    # The package gives 'ì' for both 'ì' and 'ỹ' (and 'Ì' for 'Ì' and 'Ỹ'): a sequence that names
    # two letters, or only itself, is left unconverted.
    table = {vni: unis.pop() for vni, unis in letters.items() if len(unis) == 1 and vni not in unis}
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
