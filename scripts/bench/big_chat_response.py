#!/usr/bin/env python3
"""Writes one large chat_4 response for `wolkvox-etl mock-server --replay DIR`: the memory check
for a single huge response (issue: "a single 256 MB response with 10 KB chat bodies").

usage: big_chat_response.py DIR DAY [MEGABYTES]   e.g. big_chat_response.py /tmp/chattape 2025-03-03 256

Records are the sample chat_4 record with a ~10 KB body (PHP-style escapes: \\/ and \\uXXXX,
newlines, emoji as surrogate pairs), date_creation newest first over the day, as the API sends.
"""
import json
import os
import sys


def main() -> None:
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    folder, day = sys.argv[1], sys.argv[2]
    megabytes = int(sys.argv[3]) if len(sys.argv) == 4 else 256
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "samples", "chat_4", "response.json"), encoding="utf-8") as f:
        sample = json.load(f)["data"][0]
    paragraph = "Hola, escribo por mi pedido \u00e9\u00f1 https://tienda.example.com/pedidos/123 \U0001F4E6\n"
    body = paragraph * (10_240 // len(paragraph.encode("utf-8")))
    compact = day.replace("-", "")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"chat_4_{compact}000000_{compact}235959.json")
    target = megabytes << 20
    with open(path, "w", encoding="ascii") as out:
        out.write('{"code":200,"error":null,"msg":"OK","data":[')
        written, n = 0, 0
        while written < target:
            seconds = 86_399 - (n * 86_400 // 30_000) % 86_400
            record = dict(sample)
            record["case_id"] = f"{n:010d}"
            record["body"] = f"{n} {body}"
            record["date_creation"] = f"{day} {seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
            # json.dumps escapes non-ASCII as \\uXXXX (surrogate pairs for emoji); PHP also escapes '/'.
            text = ("," if n else "") + json.dumps(record).replace("/", "\\/")
            out.write(text)
            written += len(text)
            n += 1
        out.write("]}")
    print(f"{path}: {n} records, {os.path.getsize(path) >> 20} MB")


if __name__ == "__main__":
    main()
