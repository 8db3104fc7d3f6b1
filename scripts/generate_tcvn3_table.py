"""Regenerate src/chitieu/read/data/tcvn3.json from glibc's TCVN5712-1 converter (iconv).

The table is derived from the system's iconv, not typed by hand: run this where glibc's
iconv is installed and commit the result.
"""

import json
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/chitieu/read/data/tcvn3.json"


def main() -> None:
    table = {}
    for byte in range(0xA1, 0x100):
        proc = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]),
                              capture_output=True, check=False)
        text = proc.stdout.decode("utf-8") if proc.returncode == 0 else ""
        if text and len(text) == 1 and not 0x300 <= ord(text) < 0x370:
            table[chr(byte)] = text
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
